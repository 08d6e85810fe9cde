// /score with binary bodies: the decoder chosen by Content-Type from the codec registry (415 otherwise),
// the answer's format by Accept (406 when nothing fits), bad bodies a 400 that names the problem.
import { readNpy, writeNpy } from '@inferschema/core/codecs';
import ndarray from 'ndarray';
import { postJson, send, startTestServer, type TestServer } from './support/harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('binary-script.ts');
});
afterAll(() => server.close());

const npyBody = (values: number[], shape: number[]) => Buffer.from(writeNpy(ndarray(new Float64Array(values), shape)));
const post = (body: Buffer | string, headers: Record<string, string>) => send(`${server.url}/score`, { method: 'POST', headers, body });

describe('/score with .npy bodies', () => {
  it('decodes a .npy body and answers JSON by default', async () => {
    const response = await post(npyBody([1, 2, 3, 4, 5, 6], [2, 3]), { 'content-type': 'application/x-npy' });
    expect([response.status, response.headers['content-type'], response.json]).toEqual([200, 'application/json', [[2, 4, 6], [8, 10, 12]]]);
  });

  it('answers .npy when Accept asks for it, from a .npy or a JSON body', async () => {
    for (const [body, type] of [[npyBody([1, 2, 3], [1, 3]), 'application/x-npy'], ['{"data": [[1, 2, 3]]}', 'application/json']] as const) {
      const response = await post(body, { 'content-type': type, accept: 'application/x-npy' });
      expect([response.status, response.headers['content-type']]).toEqual([200, 'application/x-npy']);
      const array = readNpy(response.body);
      expect([array.shape, Array.from(array.data as Float64Array)]).toEqual([[1, 3], [2, 4, 6]]);
    }
    const preferred = await post(npyBody([1, 2, 3], [1, 3]), { 'content-type': 'application/x-npy', accept: 'application/json;q=0.5, application/x-npy' });
    expect(preferred.headers['content-type']).toBe('application/x-npy');
  });

  it('keeps the JSON path as it was', async () => {
    const response = await postJson(`${server.url}/score`, '{"data": [[1, 2, 3]]}');
    expect([response.status, response.json]).toEqual([200, [[2, 4, 6]]]);
  });

  it('answers 415 listing the accepted types, and 406 listing the available ones', async () => {
    const unsupported = await post('a,b\n1,2', { 'content-type': 'text/csv' });
    expect([unsupported.status, unsupported.json]).toEqual([415, { message: 'Expects Content-Type to be one of application/json, application/x-npy' }]);
    const unacceptable = await post(npyBody([1, 2, 3], [1, 3]), { 'content-type': 'application/x-npy', accept: 'text/csv' });
    expect([unacceptable.status, unacceptable.json]).toEqual([
      406,
      { message: 'Cannot answer in a type the Accept header allows: the result can be application/json, application/x-npy' },
    ]);
  });

  it('answers 400 naming the problem for bad bodies, and keeps serving', async () => {
    const whole = npyBody([1, 2, 3], [1, 3]);
    const cases: [Buffer, string][] = [
      [whole.subarray(0, 100), '.npy header is truncated: it declares 118 bytes, the body holds 90'],
      [whole.subarray(0, whole.length - 4), ".npy data is truncated: shape (1, 3) of '<f8' needs 24 bytes, the body holds 20"],
      [Buffer.concat([npyBody([1, 2, 3], [1, 3]), Buffer.alloc(1000)]), ".npy body has 1000 bytes after the data of shape (1, 3) of '<f8'"],
      [npyBody([1, 2], [1, 2]), ".npy array has shape (1, 2): dimension 1 must have size 3, like the sample's (1, 3)"],
      [Buffer.from('{"data": [[1, 2, 3]]}'), 'the body is not a .npy array: it does not start with \\x93NUMPY'],
      [Buffer.alloc(0), 'the body is not a .npy array: it does not start with \\x93NUMPY'],
    ];
    for (const [body, message] of cases) {
      const response = await post(body, { 'content-type': 'application/x-npy' });
      expect([response.status, response.json]).toEqual([400, { message: `Invalid input at /data: ${message}`, errors: [{ path: '/data', message }] }]);
    }
    const after = await post(npyBody([1, 2, 3], [1, 3]), { 'content-type': 'application/x-npy' });
    expect(after.status).toBe(200);
  });

  it('lists every media type in its service documents', async () => {
    const document = (await (await fetch(`${server.url}/swagger.json?version=3.1`)).json()) as { paths: Record<string, { post: { requestBody: { content: object }; responses: { 200: { content: object } } } }> };
    const score = document.paths['/score']!.post;
    expect(Object.keys(score.requestBody.content)).toEqual(['application/json', 'application/x-npy']);
    expect(Object.keys(score.responses[200].content)).toEqual(['application/json', 'application/x-npy']);
    expect(score.requestBody.content).toHaveProperty(['application/x-npy', 'schema', 'format'], 'binary');
  });
});
