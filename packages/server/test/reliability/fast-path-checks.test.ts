import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type ScoringServer } from '@inferschema/server';
import { MESSAGES } from '../../src/http/messages.js';
import { PassThrough } from 'node:stream';
import { KeepAliveClient } from './support/keep-alive-client.js';

const REGRESSION = fileURLToPath(new URL('../../../../examples/regression/', import.meta.url));
const VALID = '{"data": [[10, 9, 8, 7, 6, 5, 4, 3, 2, 1]]}';
const JSON_TYPE = { 'content-type': 'application/json' };
/** The regression script takes one ndarray, so /score accepts JSON and .npy bodies. */
const UNSUPPORTED_TYPE = MESSAGES.unsupportedMediaType(['application/json', 'application/x-npy']);

/**
 * The hot path (node:http, one writeHead, no per-request hooks) must not skip a check: after the path has served
 * thousands of valid requests on keep-alive connections (so V8 has optimized it), each kind of bad input still
 * gets its exact status and message, and the valid request right after it still gets the same answer.
 */
describe('every input check still fires on the optimized hot path', () => {
  let server: ScoringServer;
  let client: KeepAliveClient;
  let expected: string;
  let logs = '';

  beforeAll(async () => {
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => (logs += chunk.toString('utf8')));
    server = await createServer(join(REGRESSION, 'score.ts'), { modelDir: join(REGRESSION, 'model'), port: 0, logStream: stream });
    client = new KeepAliveClient(await server.start(), 4);
    const warm = await client.sendAll(Array.from({ length: 3000 }, () => ({ method: 'POST', path: '/score', headers: JSON_TYPE, body: VALID })), 4);
    expect(new Set(warm.map((answer) => `${answer.status} ${answer.text}`)).size).toBe(1);
    expected = warm[0]!.text;
  }, 60_000);

  afterAll(async () => {
    client?.close();
    await server?.close();
  });

  const cases: Array<[check: string, headers: Record<string, string>, body: string | Uint8Array, status: number, message: (text: string) => boolean]> = [
    ['content type', { 'content-type': 'text/plain' }, VALID, 415, (text) => text === UNSUPPORTED_TYPE],
    ['content type (none)', {}, VALID, 415, (text) => text === UNSUPPORTED_TYPE],
    ['UTF-8', JSON_TYPE, Buffer.concat([Buffer.from('{"data": [[1'), Buffer.from([0xff]), Buffer.from(']]}')]), 400, (text) => text === MESSAGES.invalidUtf8("'utf-8' codec can't decode byte 0xff in position 12: invalid start byte")],
    ['JSON syntax', JSON_TYPE, '{"data": [[10, 9, 8,]]}', 400, (text) => text.startsWith(MESSAGES.invalidJson(''))],
    ['empty body', JSON_TYPE, '', 400, (text) => text === MESSAGES.emptyBody],
    ['object shape', JSON_TYPE, '[[10, 9, 8, 7, 6, 5, 4, 3, 2, 1]]', 400, (text) => text === MESSAGES.notAnObject],
    ['schema (row length)', JSON_TYPE, '{"data": [[10, 9, 8]]}', 400, (text) => text === 'Invalid input at /data/0: must have exactly 10 items'],
    ['schema (type)', JSON_TYPE, '{"data": [[10, 9, 8, 7, 6, 5, 4, 3, 2, "1"]]}', 400, (text) => text.startsWith('Invalid input at /data/0/9')],
    ['schema (missing parameter)', JSON_TYPE, '{"rows": [[10, 9, 8, 7, 6, 5, 4, 3, 2, 1]]}', 400, (text) => text === 'Invalid input at /data: is required'],
  ];

  it.each(cases)('%s: exact status and message, then a valid request answers as before', async (_check, headers, body, status, message) => {
    for (let repeat = 0; repeat < 3; repeat += 1) {
      const answer = await client.send({ method: 'POST', path: '/score', headers, body });
      expect(answer.status).toBe(status);
      expect(answer.headers['content-type']).toMatch(/^application\/json/);
      expect(answer.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(message((JSON.parse(answer.text) as { message: string }).message), answer.text).toBe(true);
      const valid = await client.send({ method: 'POST', path: '/score', headers: JSON_TYPE, body: VALID });
      expect(valid.status).toBe(200);
      expect(valid.text).toBe(expected);
    }
  });

  // The JSON-both-ways formats are decided by comparing strings (no negotiator): anything else still negotiates.
  const formats: Array<[accept: string | undefined, contentType: string, status: number, answerType: RegExp]> = [
    [undefined, 'application/json', 200, /^application\/json$/],
    ['*/*', 'application/json', 200, /^application\/json$/],
    ['application/json', 'application/json', 200, /^application\/json$/],
    [undefined, 'application/json; charset=utf-8', 200, /^application\/json$/],
    ['application/x-npy', 'application/json', 200, /^application\/x-npy$/],
    ['text/html', 'application/json', 406, /^application\/json/],
    ['application/json;q=0, */*', 'application/json', 200, /^application\/x-npy$/],
  ];

  it.each(formats)('Accept %s with Content-Type %s: %i in %s, then the JSON answer as before', async (accept, contentType, status, answerType) => {
    for (let repeat = 0; repeat < 3; repeat += 1) {
      const headers: Record<string, string> = { 'content-type': contentType, ...(accept === undefined ? {} : { accept }) };
      const answer = await client.send({ method: 'POST', path: '/score', headers, body: VALID });
      expect(answer.status).toBe(status);
      expect(answer.headers['content-type']).toMatch(answerType);
      if (status === 406) expect((JSON.parse(answer.text) as { message: string }).message).toBe(MESSAGES.notAcceptable(['application/json', 'application/x-npy']));
      if (answerType.source.includes('json') && status === 200) expect(answer.text).toBe(expected);
      const valid = await client.send({ method: 'POST', path: '/score', headers: JSON_TYPE, body: VALID });
      expect(valid.text).toBe(expected);
    }
  });

  // An exact static path is found by a map lookup; anything else still goes through find-my-way.
  const paths: Array<[method: string, path: string, status: number]> = [
    ['POST', '/score?verbose=1', 200],
    ['POST', '/%73core', 200],
    ['POST', '/score/', 404],
    ['POST', '/Score', 404],
    ['PUT', '/score', 405],
    ['OPTIONS', '/score', 200],
  ];

  it.each(paths)('%s %s: %i, then the valid request answers as before', async (method, path, status) => {
    for (let repeat = 0; repeat < 3; repeat += 1) {
      const answer = await client.send({ method, path, headers: JSON_TYPE, body: VALID });
      expect(answer.status).toBe(status);
      if (status === 200 && method === 'POST') expect(answer.text).toBe(expected);
      if (status === 405) expect(answer.headers.allow).toBe('GET, POST, OPTIONS, HEAD');
      const valid = await client.send({ method: 'POST', path: '/score', headers: JSON_TYPE, body: VALID });
      expect(valid.text).toBe(expected);
    }
  });

  it('logged one request line per answer with its status, and no error', async () => {
    await new Promise((resolve) => setImmediate(resolve));
    const lines = logs.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
    const requests = lines.filter((line) => line.msg === 'request completed');
    expect(requests.filter((line) => line.status === 415)).toHaveLength(6);
    expect(requests.filter((line) => line.status === 400)).toHaveLength(21);
    expect(lines.filter((line) => (line.level as number) >= 50)).toEqual([]);
  });
});
