import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { createServer, type CreateServerOptions, type ScoringServer } from '@inferschema/server';
import { MESSAGES } from '../../src/http/messages.js';
import { send, type RawResponse } from '../support/harness.js';
import { REPO, RELIABILITY_FIXTURES } from './support/hosted-server.js';
import { malformedCorpus } from './support/malformed-requests.js';
import { KeepAliveClient } from './support/keep-alive-client.js';

const FAULTS = join(RELIABILITY_FIXTURES, 'fault-script.ts');
const REGRESSION = join(REPO, 'examples', 'regression');
const ALLOWED = 'https://app.example';
const KEY = 'k3y-0123456789abcdef';

/** Every route the server registers, with the methods it takes (the health routes first). */
const HEALTH_ROUTES = ['/', '/v2/health/live', '/v2/health/ready'];
const PROTECTED_ROUTES: ReadonlyArray<readonly [method: string, path: string]> = [
  ['GET', '/score'],
  ['POST', '/score'],
  ['HEAD', '/score'],
  ['OPTIONS', '/score'],
  ['GET', '/swagger.json'],
  ['HEAD', '/swagger.json'],
  ['OPTIONS', '/swagger.json'],
  ['GET', '/metrics'],
  ['GET', '/docs'],
  ['GET', '/docs/initializer.js'],
  ['GET', '/docs/swagger-ui.css'],
  ['GET', '/docs/swagger-ui-bundle.js'],
  ['GET', '/docs/swagger-ui-standalone-preset.js'],
  ['GET', '/docs/favicon-32x32.png'],
];

async function start(script: string, options: CreateServerOptions): Promise<{ server: ScoringServer; url: string }> {
  const server = await createServer(script, { port: 0, logLevel: 'silent', logStream: new PassThrough(), ...options });
  return { server, url: await server.start() };
}

/** A stack frame, an absolute path, or a source file name. */
const LEAK = /\bat .+:\d+:\d+|\/(?:work|home|usr|tmp|root)\/|[A-Z]:\\|node:internal|node_modules|\.(?:ts|js|mjs)\b/;

describe('security: CORS', () => {
  let url: string;
  let server: ScoringServer;
  beforeAll(async () => ({ server, url } = await start(FAULTS, { corsOrigins: [ALLOWED] })));
  afterAll(() => server.close());

  it('answers only the configured origin (case-insensitively), on every route and preflight', async () => {
    const routes = [...HEALTH_ROUTES.map((path) => ['GET', path] as const), ...PROTECTED_ROUTES];
    for (const [method, path] of routes) {
      const allowed = await send(`${url}${path}`, { method, headers: { origin: 'https://APP.example' } });
      expect(allowed.headers['access-control-allow-origin'], `${method} ${path}`).toBe('https://APP.example');
      expect(allowed.headers.vary).toContain('Origin');
      for (const origin of ['https://evil.example', 'https://app.example.evil.example', 'http://app.example', 'https://app.example:8443', 'null', '*']) {
        const other = await send(`${url}${path}`, { method, headers: { origin } });
        expect(other.headers['access-control-allow-origin'], `${method} ${path} from ${origin}`).toBeUndefined();
        expect(other.headers['access-control-allow-credentials']).toBeUndefined();
      }
    }
    for (const origin of ['https://evil.example', 'null']) {
      const preflight = await send(`${url}/score`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' } });
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      expect(preflight.headers['access-control-allow-methods']).toBeUndefined();
      expect(preflight.headers['access-control-allow-headers']).toBeUndefined();
    }
  });

  it('without configured origins, no route sends any CORS header', async () => {
    const { server: plain, url: plainUrl } = await start(FAULTS, {});
    try {
      for (const [method, path] of PROTECTED_ROUTES) {
        const answer = await send(`${plainUrl}${path}`, { method, headers: { origin: ALLOWED, 'access-control-request-method': 'POST' } });
        expect(Object.keys(answer.headers).filter((name) => name.startsWith('access-control-')), `${method} ${path}`).toEqual([]);
      }
    } finally {
      await plain.close();
    }
  });
});

describe('security: API key', () => {
  let url: string;
  let server: ScoringServer;
  beforeAll(async () => ({ server, url } = await start(FAULTS, { apiKey: KEY })));
  afterAll(() => server.close());

  it('every route but health answers 401 without the key, or with a wrong, shorter, longer or differently-cased key', async () => {
    const wrongKeys = [undefined, '', 'Bearer', 'Bearer ', `Bearer ${KEY.slice(0, -1)}`, `Bearer ${KEY}x`, `Bearer ${KEY.toUpperCase()}`, `Bearer ${'x'.repeat(KEY.length)}`, `Basic ${KEY}`, KEY, `Bearer ${KEY} ${KEY}`];
    for (const [method, path] of PROTECTED_ROUTES) {
      for (const authorization of wrongKeys) {
        const answer = await send(`${url}${path}`, { method, headers: authorization === undefined ? {} : { authorization } });
        expect(answer.status, `${method} ${path} with ${String(authorization)}`).toBe(401);
        expect(answer.headers['www-authenticate']).toBe('Bearer');
        if (method !== 'HEAD') expect(answer.json).toEqual({ message: MESSAGES.unauthorized });
      }
      const right = await send(`${url}${path}`, { method, headers: { authorization: `Bearer ${KEY}` }, ...(method === 'POST' ? { body: 'ok' } : {}) });
      // With the key, the route answers as it would without a key configured (HEAD /score of a text script is 405).
      expect(right.status, `${method} ${path} with the key`).toBe(method === 'HEAD' && path === '/score' ? 405 : 200);
    }
    for (const path of HEALTH_ROUTES) expect((await send(`${url}${path}`)).status, path).toBe(200);
  });
});

describe('security: error bodies', () => {
  let url: string;
  let server: ScoringServer;
  beforeAll(async () => ({ server, url } = await start(join(REGRESSION, 'score.ts'), { modelDir: join(REGRESSION, 'model') })));
  afterAll(() => server.close());

  it('no 4xx or 5xx body holds a stack trace or a file path: 2,000 malformed requests and every fault of run', async () => {
    const client = new KeepAliveClient(url, 4);
    const answers = await client.sendAll(malformedCorpus(2_000), 4);
    client.close();
    const { server: faulty, url: faultyUrl } = await start(FAULTS, { scoringTimeoutMs: 300 });
    try {
      for (const fault of ['throw', 'hang', 'cycle', 'function', 'symbol']) {
        const answer = await send(`${faultyUrl}/score`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: fault });
        answers.push({ status: answer.status, headers: answer.headers, text: answer.text });
      }
    } finally {
      await faulty.close();
    }
    for (const answer of answers) {
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.text, answer.text.slice(0, 300)).not.toMatch(LEAK);
      expect(Object.keys(JSON.parse(answer.text) as object).filter((key) => !['message', 'errors', 'error', 'statusCode'].includes(key))).toEqual([]);
    }
  });
});

describe('security: the Swagger UI page', () => {
  let url: string;
  let server: ScoringServer;
  beforeAll(async () => ({ server, url } = await start(join(REGRESSION, 'score.ts'), { modelDir: join(REGRESSION, 'model') })));
  afterAll(() => server.close());

  /** The URLs a page or style sheet makes the browser load: src/href attributes, CSS url() and @import. */
  function referencedUrls(text: string): string[] {
    const attributes = [...text.matchAll(/\b(?:src|href)\s*=\s*["']([^"']+)["']/gi)].map((match) => match[1]!);
    const cssUrls = [...text.matchAll(/url\(\s*["']?([^"')]+)/gi)].map((match) => match[1]!).filter((value) => !value.startsWith('data:'));
    const imports = [...text.matchAll(/@import\s+["']([^"']+)["']/gi)].map((match) => match[1]!);
    return [...attributes, ...cssUrls, ...imports];
  }

  it('loads every asset from this server: no absolute URL to another host in the page, its styles or its initializer', async () => {
    const pageUrl = `${url}/docs`;
    const page = await send(pageUrl);
    expect(page.status).toBe(200);
    const pending = referencedUrls(page.text).map((reference) => new URL(reference, pageUrl));
    expect(pending.length).toBeGreaterThanOrEqual(4);
    const fetched = new Set<string>();
    while (pending.length > 0) {
      const target = pending.pop()!;
      expect(target.origin, target.href).toBe(new URL(url).origin);
      if (fetched.has(target.href)) continue;
      fetched.add(target.href);
      const asset: RawResponse = await send(target.href);
      expect(asset.status, target.href).toBe(200);
      if (/css|html/.test(String(asset.headers['content-type']))) pending.push(...referencedUrls(asset.text).map((reference) => new URL(reference, target.href)));
    }
    expect([...fetched].map((href) => new URL(href).pathname).sort()).toEqual(
      ['/docs/favicon-32x32.png', '/docs/initializer.js', '/docs/swagger-ui-bundle.js', '/docs/swagger-ui-standalone-preset.js', '/docs/swagger-ui.css'].sort(),
    );
    // The initializer points Swagger UI at this server's document and turns off the external validator badge.
    const initializer = await send(`${url}/docs/initializer.js`);
    expect(initializer.text).not.toMatch(/https?:\/\//);
    expect(initializer.text).toContain('validatorUrl: null');
    expect(initializer.text).toMatch(/url: new URL\("swagger\.json\?version=3", document\.baseURI\)/);
  });
});

describe('security: client request ids', () => {
  let url: string;
  let server: ScoringServer;
  beforeAll(async () => ({ server, url } = await start(FAULTS, {})));
  afterAll(() => server.close());

  it('ids named like Object.prototype members are echoed and change nothing', async () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    for (const id of ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf']) {
      const answer = await send(`${url}/score`, { method: 'POST', headers: { 'content-type': 'text/plain', 'x-request-id': id, 'x-ms-client-request-id': id }, body: 'ok' });
      expect(answer.status).toBe(200);
      expect(answer.headers['x-request-id']).toBe(id);
      expect(answer.headers['x-ms-client-request-id']).toBe(id);
    }
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
  });

  it('concurrent requests carrying the same id each get their own answer (the id keys no shared state)', async () => {
    const sleeps = Array.from({ length: 20 }, (_, index) => 20 + index * 10);
    const answers = await Promise.all(
      sleeps.map((ms) => send(`${url}/score`, { method: 'POST', headers: { 'content-type': 'text/plain', 'x-request-id': 'same-id' }, body: `sleep:${ms}` })),
    );
    expect(answers.map((answer) => answer.json.slept)).toEqual(sleeps);
    expect(answers.every((answer) => answer.headers['x-request-id'] === 'same-id')).toBe(true);
  });
});
