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
