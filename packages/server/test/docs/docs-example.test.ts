// The code blocks of docs/server.md: embedding the server (score-once.ts, run on examples/regression/score.ts) and the
// request log line (request-log-line.json: a real line has exactly its fields, with the same types).
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createServer } from '@inferschema/server';
import { scoreOnce } from './score-once.js';

const example = (path: string) => fileURLToPath(new URL(`../../../../examples/regression/${path}`, import.meta.url));
const row = '[[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]]';

describe('the server as a library, as docs/server.md shows it', () => {
  it('starts, scores a request and closes', async () => {
    const { status, text } = await scoreOnce(example('score.ts'), example('model'), `{"data": ${row}}`);
    expect(status).toBe(200);
    expect(JSON.parse(text)).toHaveLength(1);
  });
});

describe('the request log line of docs/server.md', () => {
  it('has exactly the documented fields, each of the documented type', async () => {
    const documented = JSON.parse(readFileSync(new URL('request-log-line.json', import.meta.url), 'utf8')) as Record<string, unknown>;
    const logStream = new PassThrough();
    const lines: string[] = [];
    logStream.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
    const server = await createServer(example('score.ts'), { modelDir: example('model'), port: 0, logLevel: 'info', logStream });
    const url = await server.start();
    await (await fetch(`${url}/score`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"data": ${row}}` })).arrayBuffer();
    await server.close();
    const completed = lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line.msg === 'request completed' && line.url === '/score');
    expect(completed).toBeDefined();
    expect(Object.keys(completed!).sort()).toEqual(Object.keys(documented).sort());
    for (const [key, value] of Object.entries(documented)) expect([key, typeof completed![key]]).toEqual([key, typeof value]);
    expect(completed).toMatchObject({ level: 30, method: 'POST', url: '/score', status: 200, msg: 'request completed' });
  });
});
