import { connect } from 'node:net';
import { MESSAGES } from '../../src/http/messages.js';
import { send, startTestServer, type TestServer } from '../support/harness.js';
import { metric, until } from '../support/polling.js';

// The error contract on every path (docs/reliability.md, section 5): JSON {message}, the id headers, a log line
// and a count in the metrics, also for what the framework, Node's parser or the script's answer refuses.
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer('../reliability/fixtures/contract-script.ts');
});
afterAll(() => t.close());

/** The first log line that matches, once there is one. */
const logged = async (match: (line: Record<string, unknown>) => boolean) => {
  await until(() => t.logs().some(match), 'a matching log line');
  return t.logs().find(match);
};
const counted = (labels: string) => metric(t.url, `inferschema_http_requests_total{${labels}}`);

it('GET /score% (a URL that cannot be decoded): 400 JSON with the ids, a warn line, counted', async () => {
  const answer = await send(`${t.url}/score%`, { headers: { 'x-request-id': 'bad-url-1' } });
  expect(answer.status).toBe(400);
  expect(answer.json).toEqual({ message: "'/score%' is not a valid url component" });
  expect(answer.headers['x-request-id']).toBe('bad-url-1');
  expect(answer.headers['x-ms-run-function-failed']).toBe('False');
  expect(await logged((line) => line.requestId === 'bad-url-1' && line.level === 40)).toMatchObject({ status: 400 });
  expect(await counted('method="GET",route="unmatched",status="400"')).toBeGreaterThanOrEqual(1);
});

for (const status of [100, 101, 103, 199]) {
  it(`a script answering ${status} (1xx): 500 JSON, logged with the request id`, async () => {
    const answer = await send(`${t.url}/score?status=${status}`, { headers: { 'x-request-id': `status-${status}` } });
    expect(answer.status).toBe(500);
    expect(answer.json).toEqual({ message: MESSAGES.internalError });
    expect(answer.headers['x-request-id']).toBe(`status-${status}`);
    const line = await logged((entry) => entry.requestId === `status-${status}` && entry.level === 50);
    expect((line!.err as { message: string }).message).toContain(`status ${status}`);
  });
}

for (const status of [99, 1000]) {
  it(`a script answering ${status} (outside 100–999): ScoringResponse throws in run, 500 JSON`, async () => {
    const answer = await send(`${t.url}/score?status=${status}`);
    expect(answer.status).toBe(500);
    expect(answer.json).toEqual({ message: MESSAGES.runFailed });
  });
}

for (const [query, what] of [['header=bad%20name', 'a header name with a space'], ['header=x%3Ay', 'a header name with a colon'], ['value=a%0D%0Ab', 'a header value with CRLF']]) {
  it(`a script answering ${what}: 500 JSON with the ids (nothing half-written), logged`, async () => {
    const id = `header-${query}`;
    const answer = await send(`${t.url}/score?${query}`, { headers: { 'x-request-id': id } });
    expect(answer.status).toBe(500);
    expect(answer.json).toEqual({ message: MESSAGES.internalError });
    expect(answer.headers['x-request-id']).toBe(id);
    expect(await logged((entry) => entry.requestId === id && entry.level === 50)).toMatchObject({ msg: 'run() returned a value that cannot be sent' });
  });
}

it('a streamed body that fails midway: the response is cut, the failure logged with the request id', async () => {
  const outcome = await send(`${t.url}/score?stream=fail`, { headers: { 'x-request-id': 'stream-1' } }).then(
    (answer) => `complete ${answer.status}`,
    (error: NodeJS.ErrnoException) => error.code ?? error.message,
  );
  expect(outcome).not.toMatch(/^complete/);
  const line = await logged((entry) => entry.requestId === 'stream-1' && entry.level === 50);
  expect(line).toMatchObject({ msg: 'The response stream failed midway', err: { message: 'the model stream broke after two parts' } });
  expect((await send(`${t.url}/score`)).status).toBe(200);
});

it('requests Node’s parser refuses (400, 431) are answered with JSON, logged at warn and counted', async () => {
  const raw = (text: string) =>
    new Promise<string>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port: Number(new URL(t.url).port) }, () => socket.write(text));
      let received = '';
      socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
      socket.on('error', () => undefined);
      socket.on('close', () => resolve(received));
    });
  const before400 = await counted('method="-",route="unparsed",status="400"');
  const before431 = await counted('method="-",route="unparsed",status="431"');
  expect(await raw('GET / HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 /);
  expect(await raw(`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`)).toMatch(/^HTTP\/1\.1 431 /);
  expect(await counted('method="-",route="unparsed",status="400"')).toBe(before400 + 1);
  expect(await counted('method="-",route="unparsed",status="431"')).toBe(before431 + 1);
  expect(await logged((line) => line.msg === 'request refused by the HTTP parser' && line.status === 431 && line.level === 40)).toBeDefined();
});
