import { postJson, startTestServer, type TestServer } from './support/harness.js';

// serve and `inferschema run` follow one rule (core's loader): results are checked against the output schema
// unless INFERSCHEMA_VALIDATE_OUTPUT=false (the CLI's --no-validate-output sets it).
describe('output validation', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('bad-output-script.ts');
  });
  afterAll(() => server.close());

  it('answers a result that matches its schema', async () => {
    const response = await postJson(`${server.url}/score`, '{"data": [2, 4]}');
    expect([response.status, response.json]).toEqual([200, [1, 2]]);
  });

  it('answers 500 with x-ms-run-function-failed: True for a result its schema does not allow, and logs the path and problem', async () => {
    const response = await postJson(`${server.url}/score`, '{"data": [2, -1]}', { 'x-request-id': 'bad-output' });
    expect(response.status).toBe(500);
    expect(response.headers['x-ms-run-function-failed']).toBe('True');
    expect(response.json).toEqual({ message: 'An unexpected error occurred in scoring script. Check the logs for more info.' });
    const line = server.logs().find((entry) => entry.requestId === 'bad-output' && entry.level === 50);
    expect((line?.err as { message?: string } | undefined)?.message).toBe(
      `Entry script ${server.server.script.path}: run's result does not match its output schema at /1: must be a number`,
    );
  });
});

describe('output validation turned off with INFERSCHEMA_VALIDATE_OUTPUT=false', () => {
  it('answers the result as run returned it (NaN is written as null)', async () => {
    vi.stubEnv('INFERSCHEMA_VALIDATE_OUTPUT', 'false');
    const server = await startTestServer('bad-output-script.ts').finally(() => vi.unstubAllEnvs());
    try {
      const response = await postJson(`${server.url}/score`, '{"data": [2, -1]}');
      expect([response.status, response.json]).toEqual([200, [1, null]]);
    } finally {
      await server.close();
    }
  });
});
