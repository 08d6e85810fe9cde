import { serverOptionsFromEnv } from '@inferschema/server';
import { postJson, requestText, serveExample, type ServedExample } from '../support/serve-example.js';

const SCRIPT_ORIGIN = 'http://www.example.com';
const APP_ORIGIN = 'https://app.example';

/** requests/review.json, scored by hand from model/lexicon.json (20 words). */
const REVIEW_SENTIMENT = {
  label: 'positive',
  score: 3,
  comparative: 0.15,
  words: [
    { word: 'friendly', valence: 2 },
    { word: 'great', valence: 3 },
    { word: 'fresh', valence: -1 }, // "not fresh": the negator flips +1
    { word: 'noisy', valence: -1 },
  ],
};

describe('cors example: the script sets Access-Control-Allow-Origin itself (server CORS off)', () => {
  let served: ServedExample;
  beforeAll(async () => {
    served = await serveExample('cors');
  });
  afterAll(() => served.close());

  it('scores requests/review.json and allows the script\'s origin', async () => {
    const response = await postJson(served.url, requestText('cors', 'review.json'), { origin: SCRIPT_ORIGIN });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(SCRIPT_ORIGIN);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual(REVIEW_SENTIMENT);
  });

  it('scores negative and neutral texts', async () => {
    const negative = await postJson(served.url, JSON.stringify({ text: "Awful service, and I won't recommend it." }));
    expect(await negative.json()).toEqual({
      label: 'negative',
      score: -5,
      comparative: -0.7143,
      words: [{ word: 'awful', valence: -3 }, { word: 'recommend', valence: -2 }],
    });
    const neutral = await postJson(served.url, JSON.stringify({ text: '' }));
    expect(await neutral.json()).toEqual({ label: 'neutral', score: 0, comparative: 0, words: [] });
  });

  it('answers a browser preflight itself, since the server does not', async () => {
    const response = await fetch(`${served.url}/score`, {
      method: 'OPTIONS',
      headers: { origin: SCRIPT_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(SCRIPT_ORIGIN);
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST');
    expect(response.headers.get('access-control-allow-headers')).toBe('content-type');
    expect(await response.text()).toBe('');
  });

  it('answers GET with the request path', async () => {
    const response = await fetch(`${served.url}/score?lang=en`, { headers: { origin: SCRIPT_ORIGIN } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(SCRIPT_ORIGIN);
    expect(await response.text()).toBe('/score?lang=en');
  });

  it('leaves the server\'s own routes without CORS headers', async () => {
    const response = await fetch(`${served.url}/`, { headers: { origin: SCRIPT_ORIGIN } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('rejects a body that is not JSON with 400, still readable cross-origin', async () => {
    const response = await postJson(served.url, '{"text": ');
    expect(response.status).toBe(400);
    expect(response.headers.get('access-control-allow-origin')).toBe(SCRIPT_ORIGIN);
    expect(await response.json()).toEqual({ message: 'POST body could not be decoded as JSON: Unexpected end of JSON input' });
  });

  it('rejects a body without a string text with 400', async () => {
    for (const body of ['{"text": 5}', '{}', 'null', '["text"]']) {
      const response = await postJson(served.url, body);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ message: 'POST body must be a JSON object with a string "text"' });
    }
  });

  it('rejects a body that is not declared JSON with 415', async () => {
    const response = await fetch(`${served.url}/score`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'great' });
    expect(response.status).toBe(415);
    expect(response.headers.get('access-control-allow-origin')).toBe(SCRIPT_ORIGIN);
    expect(await response.json()).toEqual({ message: 'Expects Content-Type to be application/json' });
  });
});

describe('cors example next to the server-level AML_CORS_ORIGINS setting', () => {
  let served: ServedExample;
  beforeAll(async () => {
    served = await serveExample('cors', 'score.ts', serverOptionsFromEnv({ AML_CORS_ORIGINS: ` ${APP_ORIGIN} ,${SCRIPT_ORIGIN}` }));
  });
  afterAll(() => served.close());

  it('answers preflights in the server, before run: the configured origin is echoed', async () => {
    const response = await fetch(`${served.url}/score`, {
      method: 'OPTIONS',
      headers: { origin: APP_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'Content-Type, X-Request-Id' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(response.headers.get('vary')).toBe('Origin');
    // The server's answer, not the script's ('GET, POST' and only content-type).
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS');
    expect(response.headers.get('access-control-allow-headers')).toBe('content-type, x-request-id');
  });

  it('adds CORS headers to the server\'s own routes', async () => {
    const response = await fetch(`${served.url}/swagger.json`, { headers: { origin: APP_ORIGIN } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(response.headers.get('vary')).toBe('Origin');
  });

  it('gives no CORS headers to an origin it does not list', async () => {
    const response = await fetch(`${served.url}/`, { headers: { origin: 'https://evil.example' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('keeps the script\'s own header on /score: the header run sets replaces the server\'s', async () => {
    const listed = await postJson(served.url, requestText('cors', 'review.json'), { origin: SCRIPT_ORIGIN });
    expect(listed.status).toBe(200);
    expect(listed.headers.get('access-control-allow-origin')).toBe(SCRIPT_ORIGIN);
    expect(await listed.json()).toEqual(REVIEW_SENTIMENT);
    const other = await postJson(served.url, requestText('cors', 'review.json'), { origin: APP_ORIGIN });
    expect(other.headers.get('access-control-allow-origin')).toBe(SCRIPT_ORIGIN);
  });
});
