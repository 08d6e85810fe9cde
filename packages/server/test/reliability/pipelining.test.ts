import { connect } from 'node:net';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createServer, type ScoringServer } from '@inferschema/server';

const REGRESSION = fileURLToPath(new URL('../../../../examples/regression/', import.meta.url));
const CUT = 'Closed a connection pipelining more than 32 requests';

/**
 * A client that pipelines far more requests than the server lets one connection queue: the connection is closed
 * once 32 are unanswered, and Node's parser stops there. The rest of the chunk it had read (~1,200 requests
 * of 64 KiB) is never built into requests, so it costs the event loop nothing (docs/reliability.md).
 */
describe('a connection pipelining past the limit', () => {
  let server: ScoringServer;
  let logs = '';
  const lines = () => logs.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);

  beforeAll(async () => {
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => (logs += chunk.toString('utf8')));
    server = await createServer(join(REGRESSION, 'score.ts'), { modelDir: join(REGRESSION, 'model'), port: 0, logStream: stream });
    await server.start();
  });
  afterAll(() => server?.close());

  it('is closed after 33 requests reached the server, the rest of its chunk unparsed; no parser error is logged or counted', async () => {
    let requests = 0;
    const count = () => (requests += 1);
    server.httpServer.on('request', count);
    const { port } = server.httpServer.address() as { port: number };
    const socket = connect(port, '127.0.0.1');
    const closed = new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
      socket.on('close', () => resolve(text));
      socket.on('error', () => undefined);
    });
    socket.write('GET /v2/health/live HTTP/1.1\r\nHost: x\r\n\r\n'.repeat(5_000));
    const answers = (await closed).match(/^HTTP\/1\.1 200 /gm) ?? [];
    server.httpServer.off('request', count);

    expect(requests).toBe(33);
    expect(answers.length).toBeLessThanOrEqual(32);
    expect(lines().filter((line) => line.msg === CUT)).toHaveLength(1);
    expect(lines().filter((line) => line.msg === 'request refused by the HTTP parser')).toEqual([]);
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).not.toMatch(/route="unparsed"/);
    expect((await fetch(`http://127.0.0.1:${port}/v2/health/ready`)).status).toBe(200);
  });
});
