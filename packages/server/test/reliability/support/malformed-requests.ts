import fc from 'fast-check';
import type { RequestSpec } from './keep-alive-client.js';

/** The seed of the generated corpus: every run sends the same requests. */
export const CORPUS_SEED = 20_261_122;

/** A kind of malformed request and the status class every one of them must get. */
export interface MalformedRequest extends RequestSpec {
  readonly kind: string;
}

const JSON_TYPE = { 'content-type': 'application/json' };
const FEATURES = 10;

const row = fc.array(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), { minLength: FEATURES, maxLength: FEATURES });
const validData = fc.array(row, { minLength: 1, maxLength: 4 });
const validBody = validData.map((data) => JSON.stringify({ data }));

const post = (kind: string, body: string | Uint8Array, headers: Record<string, string> = JSON_TYPE): MalformedRequest => ({
  kind,
  method: 'POST',
  path: '/score',
  headers,
  body,
});

/** Valid JSON text cut short, or with one character inserted or replaced by one JSON cannot hold there. */
const brokenJson = fc.oneof(
  fc.tuple(validBody, fc.double({ min: 0, max: 0.999, noNaN: true })).map(([body, cut]) => post('broken JSON: truncated', body.slice(0, Math.floor(body.length * cut)))),
  fc
    .tuple(validBody, fc.nat(), fc.constantFrom('{', '}', '[', ']', ',', ':', '"', "'", '\\', 'x', '\u0000', '//', '/*'))
    .map(([body, at, junk]) => {
      const index = 1 + (at % (body.length - 2));
      return post('broken JSON: stray character', body.slice(0, index) + junk + body.slice(index));
    }),
  fc.string({ unit: 'binary', maxLength: 40 }).map((text) => post('broken JSON: random text', text)),
  fc.constantFrom('', ' ', '{', '{"data":', '{"data": [[1,2,3,4,5,6,7,8,9,10]]', 'data=1', '{data: [[1]]}', "{'data': [[1]]}").map((text) =>
    post('broken JSON: fragment', text),
  ),
);

/** Non-finite numbers: the literals JSON does not have, and numbers beyond the float64 range. */
const hugeOrNaN = fc
  .tuple(fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e400', '-1e309', '9'.repeat(400), '0x10', '+1', '.5', '01'), fc.nat(FEATURES - 1))
  .map(([literal, at]) => {
    const values = Array.from({ length: FEATURES }, (_, index) => (index === at ? literal : String(index)));
    return post(literal.length > 20 ? 'huge number: 400 digits' : `non-JSON or non-finite number: ${literal}`, `{"data": [[${values.join(', ')}]]}`);
  });

/** JSON of the wrong type where the data or one of its values is. */
const wrongTypes = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).filter((value) => !Array.isArray(value)).map((data) => post('wrong type: data', JSON.stringify({ data }))),
  fc
    .tuple(fc.array(row, { minLength: 1, maxLength: 3 }), fc.nat(), fc.nat(FEATURES - 1), fc.constantFrom<unknown>('1', true, null, {}, [], [1], { value: 1 }, '1e3'))
    .map(([data, r, c, value]) => {
      const rows = data.map((items) => [...items] as unknown[]);
      rows[r % rows.length]![c] = value;
      return post('wrong type: one value', JSON.stringify({ data: rows }));
    }),
  fc.jsonValue({ maxDepth: 3 }).filter((value) => typeof value !== 'object' || value === null || Array.isArray(value)).map((body) => post('wrong type: body', JSON.stringify(body))),
);

/** Arrays of the wrong shape, and objects without `data`. */
const wrongShapes = fc.oneof(
  fc
    .tuple(fc.integer({ min: 0, max: 30 }).filter((length) => length !== FEATURES), fc.integer({ min: 1, max: 3 }))
    .map(([length, rows]) => post('wrong shape: row length', JSON.stringify({ data: Array.from({ length: rows }, () => Array.from({ length }, (_, index) => index)) }))),
  validData.map((data) => post('wrong shape: one dimension', JSON.stringify({ data: data.flat() }))),
  validData.map((data) => post('wrong shape: three dimensions', JSON.stringify({ data: [data] }))),
  validData.map((data) => post('wrong shape: ragged', JSON.stringify({ data: [...data, data[0]!.slice(1)] }))),
  validData.map((data) => post('wrong shape: missing data', JSON.stringify({ Data: data, input: data }))),
);

/** Arrays nested far deeper than the schema. */
const deepNesting = fc.integer({ min: 3, max: 5_000 }).map((depth) => post('deep nesting', `{"data": ${'['.repeat(depth)}1${']'.repeat(depth)}}`));

const INVALID_UTF8 = [[0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf4, 0x90, 0x80, 0x80], [0x80]];

/** Bytes that are not UTF-8, inside a JSON string or between tokens. */
const invalidUtf8 = fc.tuple(validBody, fc.constantFrom(...INVALID_UTF8), fc.boolean()).map(([body, bytes, inString]) => {
  const text = inString ? `{"note": "ab", ${body.slice(1)}` : body;
  const at = inString ? text.indexOf('ab') + 1 : text.length - 1;
  const encoded = Buffer.from(text);
  return post('invalid UTF-8', Buffer.concat([encoded.subarray(0, at), Buffer.from(bytes), encoded.subarray(at)]));
});

/** `__proto__` and `constructor` keys where the schema allows no object: inside the data. */
const prototypeKeys = fc
  .tuple(validData, fc.constantFrom('__proto__', 'constructor', 'prototype'), fc.constantFrom('{"polluted": true}', '{"prototype": {"polluted": true}}', '1'))
  .chain(([data, key, value]) =>
    fc.constantFrom(
      `{"data": {"${key}": ${value}}}`,
      `{"data": [{"${key}": ${value}}]}`,
      `{"${key}": ${value}, "data": [${JSON.stringify(data[0]).replace('[', `[{"${key}": ${value}}, `)}]}`,
      `{"data": ${JSON.stringify(data)}, "${key}": ${value}, "data": {"${key}": ${value}}}`,
    ),
  )
  .map((text) => post('__proto__ / constructor keys', text));

/** Duplicate keys (the last one wins, as in Python's json): the last `data` is malformed. */
const duplicateKeys = fc
  .tuple(validData, fc.constantFrom('"x"', '[[1, 2]]', 'null', '{}', '[[[1]]]'))
  .map(([data, bad]) => post('duplicate keys', `{"data": ${JSON.stringify(data)}, "data": ${bad}}`));

/** A valid body under a content type that is not JSON (or none). */
const wrongContentTypes = fc
  .tuple(validBody, fc.constantFrom('text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'application/jsonx', 'json', 'text/json', undefined))
  .map(([body, type]) => post(`wrong content type: ${type ?? 'none'}`, body, type === undefined ? {} : { 'content-type': type }));

/** Header blocks over Node's 16 KiB limit, and request ids over 100 characters. */
const oversizedHeaders = fc.oneof(
  fc.integer({ min: 17_000, max: 40_000 }).map((size) => post('oversized headers', '{}', { ...JSON_TYPE, 'x-padding': 'a'.repeat(size) })),
  fc
    .tuple(fc.integer({ min: 101, max: 4_000 }), fc.constantFrom('x-request-id', 'x-ms-request-id', 'x-ms-client-request-id'))
    .map(([size, name]) => post('request id over 100 characters', '{}', { ...JSON_TYPE, [name]: 'r'.repeat(size) })),
);

/** Methods a route does not take, and paths that do not exist (traversal attempts included). */
const wrongRoutes = fc.oneof(
  fc.constantFrom('PUT', 'DELETE', 'PATCH').map((method): MalformedRequest => ({ kind: 'method not allowed', method, path: '/score', headers: JSON_TYPE, body: '{}' })),
  fc
    .constantFrom('/nope', '/score/extra', '/../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/docs/../../package.json', '/docs/%2e%2e%2fpackage.json', '/swagger.json/x', '/__proto__')
    .map((path): MalformedRequest => ({ kind: 'unknown path', method: 'GET', path })),
  fc
    .constantFrom('data=1', 'data=[[1,2]]', 'data=%7B%7D', 'data=x&data=y', '__proto__=1', 'data=[[1,2,3,4,5,6,7,8,9,"x"]]')
    .map((query): MalformedRequest => ({ kind: 'GET /score with a bad query', method: 'GET', path: `/score?${query}` })),
);

/** Every kind of malformed request, mixed evenly. */
export const malformedRequest: fc.Arbitrary<MalformedRequest> = fc.oneof(
  brokenJson,
  hugeOrNaN,
  wrongTypes,
  wrongShapes,
  deepNesting,
  invalidUtf8,
  prototypeKeys,
  duplicateKeys,
  wrongContentTypes,
  oversizedHeaders,
  wrongRoutes,
);

/** `count` malformed requests, the same ones on every run. */
export function malformedCorpus(count: number): MalformedRequest[] {
  return fc.sample(malformedRequest, { seed: CORPUS_SEED, numRuns: count });
}
