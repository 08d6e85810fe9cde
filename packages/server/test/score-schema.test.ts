import { MESSAGES } from '../src/http/messages.js';
import { postJson, send, startTestServer, type TestServer } from './support/harness.js';

describe('/score with a schema script', () => {
  let t: TestServer;
  let score: string;
  beforeAll(async () => {
    t = await startTestServer('schema-script.ts');
    score = `${t.url}/score`;
  });
  afterAll(() => t.close());

  it('decodes the JSON body into run’s parameters and answers the encoded result', async () => {
    const response = await postJson(score, '{"data": [1, 2, 3], "scale": 2, "ignored": true}');
    expect(response.status).toBe(200);
    expect(response.text).toBe('[20,40,60]');
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.headers['x-ms-run-function-failed']).toBe('False');
    expect(response.headers['x-ms-run-fn-exec-ms']).toMatch(/^\d+\.\d{3}$/);
  });

  it('accepts application/<x>+json and a charset parameter', async () => {
    for (const type of ['application/vnd.api+json', 'application/json; charset=utf-8', 'Application/JSON']) {
      const response = await send(score, { method: 'POST', headers: { 'content-type': type }, body: '{"data": [1]}' });
      expect(response.status, type).toBe(200);
      expect(response.json).toEqual([10]);
    }
  });

  it('takes the parameters from the query string on GET, each value parsed as JSON when it is JSON', async () => {
    const response = await send(`${score}?data=[1,2]&scale=3`);
    expect(response.status).toBe(200);
    expect(response.json).toEqual([30, 60]);
  });

  it('answers 400 with every problem and its path when the body does not match the schema', async () => {
    const response = await postJson(score, '{"data": [1, "x", 3], "scale": "big"}');
    expect(response.status).toBe(400);
    expect(response.json).toEqual({
      message: 'Invalid input at /data/1: must be a number (and 1 more problem)',
      errors: [
        { path: '/data/1', message: 'must be a number' },
        { path: '/scale', message: 'must be a number' },
      ],
    });
    expect(response.headers['x-ms-run-function-failed']).toBe('False');
    expect(response.headers['x-ms-run-fn-exec-ms']).toBeUndefined();
  });

  it('answers 400 naming a missing parameter', async () => {
    const response = await postJson(score, '{"scale": 2}');
    expect(response.status).toBe(400);
    expect(response.json).toEqual({ message: 'Invalid input at /data: is required', errors: [{ path: '/data', message: 'is required' }] });
  });

  it('answers 400 on GET when a query value has the wrong type', async () => {
    const response = await send(`${score}?data=abc`);
    expect(response.status).toBe(400);
    expect(response.json.errors).toEqual([{ path: '/data', message: 'must be an array: expected 1 dimensions, found 0' }]);
  });

  it('answers 415 unless the content type is JSON', async () => {
    const cases: Array<Record<string, string>> = [{ 'content-type': 'text/plain' }, { 'content-type': 'application/x-www-form-urlencoded' }, {}];
    for (const headers of cases) {
      const response = await send(score, { method: 'POST', headers, body: '{"data": [1]}' });
      expect(response.status, JSON.stringify(headers)).toBe(415);
      expect(response.json).toEqual({ message: MESSAGES.expectsJson });
    }
  });

  it('answers 415 for a content type header that does not parse', async () => {
    const response = await send(score, { method: 'POST', headers: { 'content-type': '/;;' }, body: '{"data": [1]}' });
    expect(response.status).toBe(415);
    expect(response.json).toEqual({ message: MESSAGES.expectsJson });
  });

  it('answers 400 for an empty body', async () => {
    const response = await postJson(score, '');
    expect(response.status).toBe(400);
    expect(response.json).toEqual({ message: 'POST body is empty. Expecting a JSON dictionary.' });
  });

  it('answers 400 with the parser’s message for malformed JSON', async () => {
    for (const [text, detail] of [
      ['{', "Expected property name or '}' in JSON at position 1"],
      ['  ', 'Unexpected end of JSON input'],
      ['{"data": [1]} x', 'Unexpected non-whitespace character after JSON at position 14'],
    ] as const) {
      const response = await postJson(score, text);
      expect(response.status, text).toBe(400);
      expect(response.json).toEqual({ message: `POST body could not be decoded as JSON: ${detail}` });
    }
  });

  it('answers 400 when the body is JSON but not an object', async () => {
    for (const text of ['[1, 2]', 'null', '"text"', '3']) {
      const response = await postJson(score, text);
      expect(response.status, text).toBe(400);
      expect(response.json).toEqual({ message: 'POST body should be a JSON dictionary.' });
    }
  });

  it('answers 400 when the body is not UTF-8, saying where', async () => {
    const response = await send(score, { method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.from([0x7b, 0xff, 0x7d]) });
    expect(response.status).toBe(400);
    expect(response.json).toEqual({ message: "Input cannot be decoded as UTF-8: 'utf-8' codec can't decode byte 0xff in position 1: invalid start byte" });
  });

  it('never lets a __proto__ key reach run as a prototype', async () => {
    const response = await postJson(score, '{"__proto__": {"data": [5]}, "data": [1]}');
    expect(response.status).toBe(200);
    expect(response.json).toEqual([10]);
  });

  it('answers OPTIONS with 200 and an empty body without calling run', async () => {
    const response = await send(score, { method: 'OPTIONS' });
    expect(response.status).toBe(200);
    expect(response.text).toBe('');
    expect(response.headers.allow).toBe('GET, POST, OPTIONS');
    expect(response.headers['x-ms-run-function-failed']).toBe('False');
    expect(response.headers['x-ms-run-fn-exec-ms']).toBeUndefined();
  });

  it('answers HEAD with 405 (only a raw script takes HEAD)', async () => {
    const response = await send(score, { method: 'HEAD' });
    expect(response.status).toBe(405);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.text).toBe('');
  });

  it('answers 500 with x-ms-run-function-failed: True when run throws, logging the stack but never sending it', async () => {
    const response = await postJson(score, '{"data": [1]}', { 'x-fail': 'throw', 'x-request-id': 'throwing-request' });
    expect(response.status).toBe(500);
    expect(response.json).toEqual({ message: 'An unexpected error occurred in scoring script. Check the logs for more info.' });
    expect(response.headers['x-ms-run-function-failed']).toBe('True');
    expect(response.text).not.toContain('secret');
    const logged = t.logs().find((line) => line.requestId === 'throwing-request' && line.msg === 'run() failed');
    expect(logged).toMatchObject({ level: 50, err: { message: 'secret detail from run' } });
    expect((logged!.err as { stack: string }).stack).toContain('schema-script.ts');
  });
});

describe('/score with exact 64-bit integers', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('exact-integer-script.ts');
  });
  afterAll(() => t.close());

  it('parses and writes integers beyond 2^53 exactly', async () => {
    const response = await postJson(`${t.url}/score`, '{"id": 9007199254740993}');
    expect(response.status).toBe(200);
    expect(response.text).toBe('9007199254740994');
  });

  it('answers 400 for an integer beyond int64', async () => {
    const response = await postJson(`${t.url}/score`, '{"id": 9223372036854775808}');
    expect(response.status).toBe(400);
    expect(response.json.errors).toEqual([{ path: '/id', message: 'must be int64 (an integer from -9223372036854775808 to 9223372036854775807)' }]);
  });
});
