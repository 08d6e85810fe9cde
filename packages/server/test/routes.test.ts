import { DEFAULT_MAX_BODY_BYTES } from '@inferschema/server';
import { MESSAGES } from '../src/http/messages.js';
import { connect } from 'node:net';
import { fixture, postJson, send, startTestServer, type TestServer } from './support/harness.js';

describe('health and routing', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('text-script.ts');
  });
  afterAll(() => t.close());

  it('answers GET / with Healthy', async () => {
    const response = await send(`${t.url}/?probe=1`);
    expect(response.status).toBe(200);
    expect(response.text).toBe('Healthy');
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
  });

  it('answers HEAD / with no body and OPTIONS / with Allow', async () => {
    const head = await send(`${t.url}/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    const options = await send(`${t.url}/`, { method: 'OPTIONS' });
    expect(options.status).toBe(200);
    expect(options.headers.allow).toBe('GET, HEAD, OPTIONS');
  });

  it('answers the Open Inference Protocol health routes with 200 and no body once ready', async () => {
    for (const path of ['/v2/health/live', '/v2/health/ready']) {
      const response = await send(`${t.url}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.text).toBe('');
    }
  });

  it('answers 404 with the reference message for unknown paths (routing is exact and case-sensitive)', async () => {
    for (const path of ['/nowhere', '/SCORE', '/score/', '/v2/health', '/docs/index.html']) {
      const response = await send(`${t.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(response.json).toEqual({ message: MESSAGES.notFound });
      expect(response.headers['x-ms-run-function-failed']).toBe('False');
    }
  });

  it('answers 405 with Allow for a method a known path does not take', async () => {
    for (const [method, path, allow] of [
      ['PUT', '/score', 'GET, POST, OPTIONS, HEAD'],
      ['DELETE', '/score', 'GET, POST, OPTIONS, HEAD'],
      ['POST', '/', 'GET, HEAD, OPTIONS'],
      ['POST', '/swagger.json', 'GET, HEAD, OPTIONS'],
      ['POST', '/v2/health/ready', 'GET, HEAD, OPTIONS'],
    ] as const) {
      const response = await send(`${t.url}${path}`, { method, body: 'x' });
      expect(response.status, `${method} ${path}`).toBe(405);
      expect(response.json).toEqual({ message: MESSAGES.methodNotAllowed });
      expect(response.headers.allow).toBe(allow);
    }
  });
});

describe('readiness while init runs', () => {
  it('answers 503 on /, /score and /v2/health/ready until init has finished, and 200 on live', async () => {
    const t = await startTestServer('slow-init-script.ts', { modelDir: fixture('model') }, { start: false });
    try {
      const initializing = t.server.initialize();
      expect(t.server.phase).toBe('starting');
      for (const path of ['/', '/v2/health/ready']) {
        const response = await send(`${t.url}${path}`);
        expect(response.status, path).toBe(503);
        expect(response.json).toEqual({ message: MESSAGES.notReady });
      }
      expect((await send(`${t.url}/score`, { method: 'POST', body: 'x' })).status).toBe(503);
      expect((await send(`${t.url}/v2/health/live`)).status).toBe(200);
      await initializing;
      expect(t.server.phase).toBe('ready');
      expect((await send(`${t.url}/v2/health/ready`)).status).toBe(200);
      expect((await send(`${t.url}/score`, { method: 'POST', body: 'x' })).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});

describe('connection timeouts', () => {
  it('closes an idle keep-alive connection after the keep-alive timeout, and announces Keep-Alive', async () => {
    const t = await startTestServer('text-script.ts', { keepAliveTimeoutMs: 300 });
    try {
      const { hostname, port } = new URL(t.url);
      const socket = connect(Number(port), hostname);
      let received = '';
      socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
      const closed = new Promise<number>((resolve) => socket.on('close', () => resolve(Date.now())));
      await new Promise((resolve) => socket.once('connect', resolve));
      const sent = Date.now();
      socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
      const closedAt = await closed;
      expect(received).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
      expect(received).toMatch(/\r\nKeep-Alive: timeout=\d+\r\n/i);
      expect(closedAt - sent).toBeGreaterThanOrEqual(250);
      expect(closedAt - sent).toBeLessThan(3000);
    } finally {
      await t.close();
    }
  });
});

describe('body limit', () => {
  it('answers 413 for a body over the configured limit, and accepts one at the limit', async () => {
    const t = await startTestServer('text-script.ts', { maxBodyBytes: 1000 });
    try {
      const over = await send(`${t.url}/score`, { method: 'POST', body: 'x'.repeat(1001) });
      expect(over.status).toBe(413);
      expect(over.json).toEqual({ message: 'Request body is larger than the limit of 1000 bytes.' });
      expect((await send(`${t.url}/score`, { method: 'POST', body: 'x'.repeat(1000) })).status).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('accepts a 224×224×3 float image as JSON under the default limit', async () => {
    const t = await startTestServer('schema-script.ts');
    try {
      const pixels = Array.from({ length: 224 * 224 * 3 }, (_, index) => Math.sin(index) * 0.5 + 0.5);
      const text = JSON.stringify({ data: pixels });
      expect(text.length).toBeGreaterThan(2_500_000);
      expect(text.length).toBeLessThan(DEFAULT_MAX_BODY_BYTES);
      const response = await postJson(`${t.url}/score`, text);
      expect(response.status).toBe(200);
      expect(response.json).toHaveLength(224 * 224 * 3);
    } finally {
      await t.close();
    }
  });
});

describe('/swagger.json', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('schema-script.ts', { serviceName: 'scaler', serviceVersion: '2.1', servicePathPrefix: '/api/' });
  });
  afterAll(() => t.close());

  it('serves Swagger 2.0 by default, and every version by its aliases', async () => {
    const byDefault = await send(`${t.url}/swagger.json`);
    expect(byDefault.status).toBe(200);
    expect(byDefault.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(byDefault.json.swagger).toBe('2.0');
    for (const [alias, field, value] of [
      ['2', 'swagger', '2.0'],
      ['2.0', 'swagger', '2.0'],
      ['3', 'openapi', '3.0.3'],
      ['3.0', 'openapi', '3.0.3'],
      ['3.1', 'openapi', '3.1.0'],
    ] as const) {
      const response = await send(`${t.url}/swagger.json?version=${alias}`);
      expect(response.status, alias).toBe(200);
      expect(response.json[field]).toBe(value);
    }
  });

  it('describes the service with SERVICE_NAME, SERVICE_VERSION and the path prefix, and the script’s schemas', async () => {
    const document = (await send(`${t.url}/swagger.json?version=3`)).json;
    expect(document.info).toMatchObject({ title: 'scaler', version: '2.1' });
    expect(Object.keys(document.paths)).toEqual([
      '/api/',
      '/api/score',
      '/api/swagger.json',
      '/api/v2',
      '/api/v2/models/schema-script',
      '/api/v2/models/schema-script/ready',
      '/api/v2/models/schema-script/infer',
    ]);
    expect(document.components.schemas.ServiceInput.properties.data).toMatchObject({ type: 'array' });
    expect(document.components.schemas.ServiceInput.example).toEqual({ data: [1, 2, 3], scale: 2 });
  });

  it('uses the first version parameter when it is repeated', async () => {
    expect((await send(`${t.url}/swagger.json?version=3&version=2`)).json.openapi).toBe('3.0.3');
  });

  it('answers 404 for a version that is not valid', async () => {
    for (const version of ['4', '3.10', '3.0a', '']) {
      const response = await send(`${t.url}/swagger.json?version=${version}`);
      expect(response.status, version).toBe(404);
      expect(response.json).toEqual({ message: `Swagger version [${version}] is not valid. Supported versions: [2, 3, 3.1].` });
    }
  });

  it('answers 404 for a version the script cannot be described in', async () => {
    const union = await startTestServer('union-script.ts');
    try {
      const response = await send(`${union.url}/swagger.json`);
      expect(response.status).toBe(404);
      expect(response.json).toEqual({ message: 'Swagger version [2] is not supported for the scoring script. Supported swagger versions: [3, 3.1].' });
      expect((await send(`${union.url}/swagger.json?version=3.1`)).status).toBe(200);
    } finally {
      await union.close();
    }
  });

  it('serves a user-supplied document as it is, ignoring an empty one', async () => {
    const user = await startTestServer('schema-script.ts', { appRoot: fixture('user-documents') });
    try {
      expect((await send(`${user.url}/swagger.json?version=2`)).json).toBe('swagger2 from the user');
      expect((await send(`${user.url}/swagger.json?version=3`)).json.openapi).toBe('3.0.3');
    } finally {
      await user.close();
    }
  });
});

describe('/metrics', () => {
  it('counts requests by route and status, times them and run, and reports in-flight requests', async () => {
    const t = await startTestServer('schema-script.ts');
    try {
      await postJson(`${t.url}/score`, '{"data": [1]}');
      await postJson(`${t.url}/score`, '{"data": "x"}');
      await send(`${t.url}/nowhere`);
      const response = await send(`${t.url}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
      const text = response.text;
      expect(text).toContain('inferschema_http_requests_total{method="POST",route="/score",status="200"} 1');
      expect(text).toContain('inferschema_http_requests_total{method="POST",route="/score",status="400"} 1');
      expect(text).toContain('inferschema_http_requests_total{method="GET",route="unmatched",status="404"} 1');
      expect(text).toMatch(/inferschema_http_request_duration_seconds_count\{route="\/score"\} 2/);
      expect(text).toMatch(/inferschema_run_duration_seconds_count\{outcome="success"\} 1/);
      expect(text).toContain('inferschema_http_requests_in_flight 1');
      expect(text).toContain('nodejs_eventloop_lag_seconds');
    } finally {
      await t.close();
    }
  });
});
