import { MESSAGES } from '../src/http/messages.js';
import { send, startTestServer, type TestServer } from './support/harness.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('request-id headers', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('text-script.ts');
  });
  afterAll(() => t.close());

  const idsOf = async (headers: Record<string, string>, path = '/score') => {
    const response = await send(`${t.url}${path}`, { method: path === '/score' ? 'POST' : 'GET', headers, body: path === '/score' ? 'x' : undefined });
    return {
      status: response.status,
      r: response.headers['x-request-id'],
      b: response.headers['x-ms-request-id'],
      c: response.headers['x-ms-client-request-id'],
      json: response.json,
    };
  };

  it('generates x-request-id and copies it to x-ms-request-id when the request has none', async () => {
    const ids = await idsOf({});
    expect(ids.r).toMatch(UUID);
    expect(ids.b).toBe(ids.r);
    expect(ids.c).toBeUndefined();
  });

  it('follows the reference matrix of x-request-id (A), x-ms-request-id (B) and x-ms-client-request-id (C)', async () => {
    expect(await idsOf({ 'x-request-id': 'A' })).toMatchObject({ r: 'A', b: 'A', c: undefined });
    const onlyB = await idsOf({ 'x-ms-request-id': 'B' });
    expect(onlyB).toMatchObject({ b: 'B', c: 'B' });
    expect(onlyB.r).toMatch(UUID);
    expect(await idsOf({ 'x-ms-client-request-id': 'C' })).toMatchObject({ b: 'C', c: 'C' });
    expect(await idsOf({ 'x-request-id': 'A', 'x-ms-request-id': 'B' })).toMatchObject({ r: 'A', b: 'B', c: 'B' });
    expect(await idsOf({ 'x-ms-request-id': 'B', 'x-ms-client-request-id': 'C' })).toMatchObject({ b: 'B', c: 'C' });
    expect(await idsOf({ 'x-request-id': 'A', 'x-ms-client-request-id': 'C' })).toMatchObject({ r: 'A', b: 'C', c: 'C' });
    expect(await idsOf({ 'x-request-id': 'A', 'x-ms-request-id': 'B', 'x-ms-client-request-id': 'C' })).toMatchObject({ r: 'A', b: 'B', c: 'C' });
  });

  it('puts the ids on every route', async () => {
    for (const path of ['/', '/swagger.json', '/v2/health/ready', '/metrics', '/nowhere']) {
      expect((await idsOf({ 'x-request-id': 'A' }, path)).r, path).toBe('A');
    }
  });

  it('answers 400 for an x-request-id over 100 characters with a generated id, in the headers and the log line', async () => {
    expect((await idsOf({ 'x-request-id': 'a'.repeat(100) })).status).toBe(200);
    const ids = await idsOf({ 'x-request-id': 'a'.repeat(101) });
    expect(ids).toMatchObject({ status: 400, c: undefined, json: { message: MESSAGES.requestIdTooLong } });
    expect(ids.r).toMatch(UUID);
    expect(ids.b).toBe(ids.r);
    const line = t.logs().find((entry) => entry.requestId === ids.r);
    expect(line).toMatchObject({ msg: 'request completed', method: 'POST', url: '/score', status: 400 });
    expect(t.logs().filter((entry) => entry.requestId === '' || entry.requestId === 'a'.repeat(101))).toEqual([]);
    // A client id that fits is still echoed beside the generated one.
    const withClient = await idsOf({ 'x-request-id': 'a'.repeat(101), 'x-ms-client-request-id': 'C' });
    expect(withClient).toMatchObject({ status: 400, b: 'C', c: 'C' });
    expect(withClient.r).toMatch(UUID);
  });

  it('answers 400 for a client id over 100 characters, still returning x-request-id', async () => {
    for (const name of ['x-ms-request-id', 'x-ms-client-request-id']) {
      const ids = await idsOf({ 'x-request-id': 'A', [name]: 'b'.repeat(101) });
      expect(ids).toMatchObject({ status: 400, r: 'A', b: undefined, c: undefined, json: { message: MESSAGES.clientRequestIdTooLong } });
    }
    // The client's own id is logged as given (escaped: the line stays JSON).
    await idsOf({ 'x-request-id': 'quoted"id', 'x-ms-client-request-id': 'b'.repeat(101) });
    expect(t.logs().find((entry) => entry.requestId === 'quoted"id')).toMatchObject({ msg: 'request completed', status: 400 });
  });

  it('applies the id-length check to the health route too', async () => {
    expect((await idsOf({ 'x-request-id': 'a'.repeat(101) }, '/')).status).toBe(400);
  });

  it('echoes TraceId', async () => {
    const response = await send(`${t.url}/`, { headers: { traceid: 'trace-1' } });
    expect(response.headers.traceid).toBe('trace-1');
  });

  it('logs one line per request with the request id and timings', async () => {
    await send(`${t.url}/score`, { method: 'POST', headers: { 'x-request-id': 'logged-request' }, body: 'x' });
    const line = t.logs().find((entry) => entry.requestId === 'logged-request' && entry.msg === 'request completed');
    expect(line).toMatchObject({ level: 30, method: 'POST', url: '/score', status: 200 });
    expect(typeof line!.durationMs).toBe('number');
    expect(typeof line!.runMs).toBe('number');
  });
});

describe('CORS', () => {
  let exact: TestServer;
  let any: TestServer;
  beforeAll(async () => {
    exact = await startTestServer('text-script.ts', { corsOrigins: ['https://app.example', 'https://other.example'] });
    any = await startTestServer('text-script.ts', { corsOrigins: ['*'] });
  });
  afterAll(async () => {
    await exact.close();
    await any.close();
  });

  it('echoes an allowed origin (compared case-insensitively) with Vary: Origin', async () => {
    const response = await send(`${exact.url}/score`, { method: 'POST', headers: { origin: 'https://APP.example' }, body: 'x' });
    expect(response.status).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBe('https://APP.example');
    expect(response.headers.vary).toBe('Origin');
    expect(response.headers['access-control-expose-headers']).toContain('x-request-id');
  });

  it('adds no CORS headers for another origin, and still answers', async () => {
    const response = await send(`${exact.url}/score`, { method: 'POST', headers: { origin: 'https://evil.example' }, body: 'x' });
    expect(response.status).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers a preflight with the allowed methods and the requested headers', async () => {
    const response = await send(`${exact.url}/score`, {
      method: 'OPTIONS',
      headers: { origin: 'https://other.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'Content-Type, Authorization' },
    });
    expect(response.status).toBe(200);
    expect(response.text).toBe('');
    expect(response.headers).toMatchObject({
      'access-control-allow-origin': 'https://other.example',
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': 'authorization, content-type',
      vary: 'Origin',
    });
  });

  it('with *, echoes any origin, and answers * when there is none', async () => {
    const withOrigin = await send(`${any.url}/`, { headers: { origin: 'https://anything.example' } });
    expect(withOrigin.headers['access-control-allow-origin']).toBe('https://anything.example');
    const without = await send(`${any.url}/`);
    expect(without.headers['access-control-allow-origin']).toBe('*');
  });
});

describe('API key', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('text-script.ts', { apiKey: 's3cret-key', corsOrigins: ['https://app.example'] });
  });
  afterAll(() => t.close());

  it('answers 401 without the key, with a wrong key, or with another scheme', async () => {
    for (const authorization of [undefined, 'Bearer wrong', 'Bearer s3cret-ke', 'Basic s3cret-key', 's3cret-key']) {
      const headers: Record<string, string> = authorization ? { authorization } : {};
      const response = await send(`${t.url}/score`, { method: 'POST', headers, body: 'x' });
      expect(response.status, String(authorization)).toBe(401);
      expect(response.json).toEqual({ message: MESSAGES.unauthorized });
      expect(response.headers['www-authenticate']).toBe('Bearer');
    }
  });

  it('answers with the right key', async () => {
    const response = await send(`${t.url}/score`, { method: 'POST', headers: { authorization: 'Bearer s3cret-key' }, body: 'x' });
    expect(response.status).toBe(200);
  });

  it('protects every route except the health routes', async () => {
    for (const path of ['/swagger.json', '/metrics', '/docs']) expect((await send(`${t.url}${path}`)).status, path).toBe(401);
    for (const path of ['/', '/v2/health/live', '/v2/health/ready']) expect((await send(`${t.url}${path}`)).status, path).toBe(200);
  });

  it('lets a CORS preflight through (browsers send no credentials on it)', async () => {
    const response = await send(`${t.url}/score`, { method: 'OPTIONS', headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' } });
    expect(response.status).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBe('https://app.example');
  });
});
