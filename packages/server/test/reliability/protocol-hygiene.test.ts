import { gzipSync } from 'node:zlib';
import { send, startTestServer, type TestServer } from '../support/harness.js';

// Protocol hygiene (docs/reliability.md, section 5): what varies by Origin says so.
describe('CORS in list mode: every response varies by Origin', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('text-script.ts', { corsOrigins: ['https://app.example'] });
  });
  afterAll(() => t.close());

  it('sends Vary: Origin to an allowed origin, another origin and no origin alike', async () => {
    for (const origin of ['https://app.example', 'https://evil.example', undefined]) {
      for (const [method, path] of [['POST', '/score'], ['GET', '/swagger.json'], ['GET', '/v2/health/ready']] as const) {
        const response = await send(`${t.url}${path}`, { method, headers: origin ? { origin } : {}, body: method === 'POST' ? 'x' : undefined });
        expect(response.headers.vary, `${method} ${path} from ${origin}`).toBe('Origin');
        expect(response.headers['access-control-allow-origin']).toBe(origin === 'https://app.example' ? origin : undefined);
      }
    }
  });
});

describe('Content-Encoding', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('text-script.ts');
  });
  afterAll(() => t.close());

  it('a compressed body (a 1 KB gzip of 100 MB of zeros, too) is refused with 415 and the JSON message, before it is read', async () => {
    const bomb = gzipSync(Buffer.alloc(100 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(200 * 1024);
    for (const [encoding, body] of [['gzip', bomb], ['deflate', Buffer.from('x')], ['br', Buffer.from('x')], ['gzip, identity', bomb]] as const) {
      const answer = await send(`${t.url}/score`, { method: 'POST', headers: { 'content-encoding': encoding, 'x-request-id': 'enc-1' }, body });
      expect(answer.status, encoding).toBe(415);
      expect(answer.json).toEqual({ message: `Content-Encoding ${encoding.replace(', identity', '')} is not supported: send the body uncompressed.` });
      expect(answer.headers['x-request-id']).toBe('enc-1');
    }
  });

  it('identity (or none) is read as usual', async () => {
    const answer = await send(`${t.url}/score`, { method: 'POST', headers: { 'content-encoding': 'identity' }, body: 'sleep:1' });
    expect(answer.status).toBe(200);
  });
});
