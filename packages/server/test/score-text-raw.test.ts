import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { send, sleep, startTestServer, type TestServer } from './support/harness.js';

describe('/score with a text script', () => {
  let t: TestServer;
  let score: string;
  beforeAll(async () => {
    t = await startTestServer('text-script.ts', { scoringTimeoutMs: 300 });
    score = `${t.url}/score`;
  });
  afterAll(() => t.close());

  it('passes the body to run as a string, whatever the content type', async () => {
    for (const headers of [{ 'content-type': 'text/plain' }, { 'content-type': 'application/octet-stream' }, {} as Record<string, string>]) {
      const response = await send(score, { method: 'POST', headers, body: 'héllo {' });
      expect(response.status).toBe(200);
      expect(response.json).toEqual({ body: 'héllo {', length: 7 });
    }
  });

  it('passes an empty body as the empty string', async () => {
    const response = await send(score, { method: 'POST' });
    expect(response.json).toEqual({ body: '', length: 0 });
  });

  it('passes the query string as a JSON object text on GET', async () => {
    const response = await send(`${score}?a=1&b=x&b=y&d=[1,2]&e=null&f=`);
    expect(response.status).toBe(200);
    const body = '{"a":1,"b":["x","y"],"d":[1,2],"e":null,"f":""}';
    expect(response.json).toEqual({ body, length: body.length });
  });

  it('gives a requestHeaders parameter the request headers', async () => {
    const response = await send(score, { method: 'POST', headers: { 'x-custom': 'v1' }, body: 'headers' });
    expect(response.json).toMatchObject({ 'x-custom': 'v1' });
  });

  it('answers 400 when the body is not UTF-8', async () => {
    const response = await send(score, { method: 'POST', body: Buffer.from([0x68, 0xe9, 0x6c]) });
    expect(response.status).toBe(400);
    expect(response.json).toEqual({ message: "Input cannot be decoded as UTF-8: 'utf-8' codec can't decode byte 0xe9 in position 1: invalid continuation byte" });
  });

  it('answers {} for a null result', async () => {
    const response = await send(score, { method: 'POST', body: 'null' });
    expect(response.status).toBe(200);
    expect(response.text).toBe('{}');
  });

  it('answers 500 (not the script’s fault flag) when the result cannot be written as JSON', async () => {
    const response = await send(score, { method: 'POST', body: 'circular' });
    expect(response.status).toBe(500);
    expect(response.json).toEqual({ message: 'An unexpected internal error occurred. Check the logs for more info.' });
    expect(response.headers['x-ms-run-function-failed']).toBe('False');
  });

  it('answers 500 "Scoring timeout after N ms" when an async run is too slow, and keeps serving', async () => {
    const started = Date.now();
    const response = await send(score, { method: 'POST', body: 'sleep:2000' });
    expect(response.status).toBe(500);
    expect(response.json).toEqual({ message: 'Scoring timeout after 300 ms' });
    expect(response.headers['x-ms-run-function-failed']).toBe('True');
    expect(Date.now() - started).toBeLessThan(1500);
    const next = await send(score, { method: 'POST', body: 'ok' });
    expect(next.status).toBe(200);
  });

  it('times out each of several concurrent slow runs on its own deadline, and answers the fast ones', async () => {
    const started = Date.now();
    const timing = (body: string) => send(score, { method: 'POST', body }).then((response) => ({ response, at: Date.now() - started }));
    const hooks = globalThis as { textScriptSleeping?: () => void };
    const firstSleeping = new Promise<void>((resolve) => (hooks.textScriptSleeping = resolve));
    const first = timing('sleep:2000');
    await firstSleeping; // the first run has started; the next two begin 150 ms later, so on their own clocks
    delete hooks.textScriptSleeping;
    await sleep(150);
    const [slow, fast, second] = await Promise.all([first, timing('sleep:50'), timing('sleep:2000')]);
    expect(fast.response.json).toEqual({ slept: 50 });
    expect(slow.response.json).toEqual({ message: 'Scoring timeout after 300 ms' });
    expect(second.response.json).toEqual({ message: 'Scoring timeout after 300 ms' });
    expect(slow.at).toBeGreaterThanOrEqual(290);
    expect(slow.at).toBeLessThan(second.at);
    expect(second.at).toBeGreaterThanOrEqual(440);
    expect(second.at).toBeLessThan(1500);
  });

  it('answers the timeout too when a run blocks the event loop past the limit', async () => {
    const response = await send(score, { method: 'POST', body: 'block:500' });
    expect(response.status).toBe(500);
    expect(response.json).toEqual({ message: 'Scoring timeout after 300 ms' });
    expect((await send(`${t.url}/`)).status).toBe(200);
  });
});

describe('/score with a raw script', () => {
  let t: TestServer;
  let score: string;
  beforeAll(async () => {
    t = await startTestServer('raw-script.ts');
    score = `${t.url}/score`;
  });
  afterAll(() => t.close());

  it('gives run the whole request for GET, POST, OPTIONS', async () => {
    const post = await send(`${score}?x=1`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'a,b\n1,2' });
    expect(post.json).toEqual({ method: 'POST', path: '/score', url: '/score?x=1', query: { x: '1' }, contentType: 'text/csv', bodyLength: 7, text: 'a,b\n1,2' });
    const get = await send(`${score}?y=2`);
    expect(get.json).toMatchObject({ method: 'GET', query: { y: '2' }, bodyLength: 0 });
    const options = await send(score, { method: 'OPTIONS' });
    expect(options.json).toMatchObject({ method: 'OPTIONS' });
  });

  it('gives run HEAD requests and sends no body back', async () => {
    const response = await send(score, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.text).toBe('');
  });

  it('sends bytes back unchanged with the script’s content type', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]);
    const response = await send(`${score}?mode=echo-bytes`, { method: 'POST', headers: { 'content-type': 'image/png' }, body: png });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('image/png');
    expect(response.body.equals(png)).toBe(true);
  });

  it('receives a body of declared length that arrives in many pieces byte for byte, and a chunked one too', async () => {
    const body = randomBytes(3 * 1024 * 1024 + 17);
    const pieces = [body.subarray(0, 1), body.subarray(1, 70_000), body.subarray(70_000, 2_000_000), body.subarray(2_000_000)];
    for (const framing of ['content-length', 'chunked'] as const) {
      const echoed = await new Promise<Buffer>((resolve, reject) => {
        const headers: Record<string, string> = { 'content-type': 'application/octet-stream' };
        if (framing === 'content-length') headers['content-length'] = String(body.length);
        const req = httpRequest(`${score}?mode=echo-bytes`, { method: 'POST', headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => (res.statusCode === 200 ? resolve(Buffer.concat(chunks)) : reject(new Error(`status ${res.statusCode}`))));
        });
        req.on('error', reject);
        // Each piece in its own turn, so the server sees the body in several reads.
        const write = (index: number): void => {
          if (index === pieces.length) return void req.end();
          req.write(pieces[index]);
          setTimeout(() => write(index + 1), 5);
        };
        write(0);
      });
      expect(echoed.length, framing).toBe(body.length);
      expect(echoed.equals(body), framing).toBe(true);
    }
  });

  it('sends returned bytes as application/octet-stream', async () => {
    const response = await send(`${score}?mode=bytes`);
    expect(response.headers['content-type']).toBe('application/octet-stream');
    expect([...response.body]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('lets run choose any status and headers, but not the request ids', async () => {
    const response = await send(`${score}?mode=status&code=418`, { headers: { 'x-request-id': 'mine' } });
    expect(response.status).toBe(418);
    expect(response.headers['x-custom']).toBe('yes');
    expect(response.headers['x-request-id']).toBe('mine');
    expect(response.headers['x-ms-run-function-failed']).toBe('False');
    expect(response.headers['x-ms-run-fn-exec-ms']).toMatch(/^\d+\.\d{3}$/);
  });

  it('marks a response with status 500 or more as a failed run', async () => {
    const response = await send(`${score}?mode=status&code=503`);
    expect(response.status).toBe(503);
    expect(response.headers['x-ms-run-function-failed']).toBe('True');
  });

  it('streams a body that arrives in chunks', async () => {
    const response = await send(`${score}?mode=stream`);
    expect(response.status).toBe(200);
    expect(response.headers['transfer-encoding']).toBe('chunked');
    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(response.text).toBe('chunk 0\nchunk 1\nchunk 2\n');
  });

  it('parses JSON with exact integers through request.json()', async () => {
    const response = await send(`${score}?mode=json`, { method: 'POST', body: '{"id": 12345678901234567890}' });
    expect(response.text).toBe('{"id":12345678901234567890}');
  });

  it('answers 500 (script error) when request.json() meets malformed JSON', async () => {
    const response = await send(`${score}?mode=json`, { method: 'POST', body: '{' });
    expect(response.status).toBe(500);
    expect(response.headers['x-ms-run-function-failed']).toBe('True');
    await sleep(0);
  });
});
