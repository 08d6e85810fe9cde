import { createScoringRequest, loadScoringScript } from '@inferschema/core/runtime';
import { ScoringResponse } from '@inferschema/core';
import { decoratorModes } from '../fixtures/support/decorator-mode.mjs';
import { fixture } from './fixture-paths.js';

// The first bytes of a PNG file, including bytes that are not valid UTF-8.
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe, 0x80]);

describe('createScoringRequest', () => {
  it('keeps the raw body, lower-cases header names and parses the query', () => {
    const request = createScoringRequest({
      method: 'post',
      url: '/score?verbose=1&tag=a&tag=b',
      headers: { 'Content-Type': 'image/png', 'X-Many': ['a', 'b'], 'X-None': undefined },
      body: PNG,
    });
    expect(request).toMatchObject({ method: 'POST', path: '/score', url: '/score?verbose=1&tag=a&tag=b' });
    expect(request.headers).toEqual({ 'content-type': 'image/png', 'x-many': 'a, b' });
    expect(request.query.getAll('tag')).toEqual(['a', 'b']);
    expect(request.body).toBe(PNG);
  });

  it('decodes text and parses JSON with exact integers', () => {
    const request = createScoringRequest({ method: 'POST', url: '/score', body: '{"id": 9007199254740993, "name": "é"}' });
    expect(request.text()).toBe('{"id": 9007199254740993, "name": "é"}');
    expect(request.json()).toEqual({ id: 9007199254740993n, name: 'é' });
    expect(createScoringRequest({ method: 'GET', url: '/' }).body).toEqual(new Uint8Array(0));
    expect(() => createScoringRequest({ method: 'POST', url: '/', body: '{' }).json()).toThrow(SyntaxError);
  });
});

describe('ScoringResponse', () => {
  it('chooses the content type from the body, and lets a header replace it', () => {
    expect(new ScoringResponse(PNG).headers).toEqual({ 'content-type': 'application/octet-stream' });
    expect(new ScoringResponse('hi').headers).toEqual({ 'content-type': 'text/plain; charset=utf-8' });
    expect(new ScoringResponse({ a: 1 }).headers).toEqual({ 'content-type': 'application/json' });
    expect(new ScoringResponse().headers).toEqual({});
    expect(new ScoringResponse(PNG, { headers: { 'Content-Type': 'image/png' } }).headers).toEqual({ 'content-type': 'image/png' });
  });

  it('gives the payload as it goes on the wire', () => {
    expect(new ScoringResponse(PNG).payload()).toBe(PNG);
    expect(new ScoringResponse(PNG.buffer).payload()).toEqual(PNG);
    expect(new ScoringResponse('text').payload()).toBe('text');
    expect(new ScoringResponse({ id: 9007199254740993n }).payload()).toBe('{"id":9007199254740993}');
    expect(new ScoringResponse(null).payload()).toBe('null');
    expect(new ScoringResponse().payload()).toBe('');
  });

  it('carries a stream body, which the server streams', async () => {
    async function* chunks() {
      yield 'a';
      yield new TextEncoder().encode('b');
    }
    const response = new ScoringResponse(chunks(), { headers: { 'content-type': 'text/event-stream' } });
    expect(response.headers).toEqual({ 'content-type': 'text/event-stream' });
    expect(new ScoringResponse(new ReadableStream()).headers).toEqual({ 'content-type': 'application/octet-stream' });
    expect(() => response.payload()).toThrow('ScoringResponse: a stream body has no payload; read it from body');
    const read: unknown[] = [];
    for await (const chunk of response.body as AsyncIterable<unknown>) read.push(chunk);
    expect(read).toEqual(['a', new TextEncoder().encode('b')]);
  });

  it('checks the status', () => {
    expect(new ScoringResponse('x', { status: 418 }).status).toBe(418);
    expect(() => new ScoringResponse('x', { status: 42 })).toThrow('ScoringResponse: status must be an HTTP status code (100 to 999), not 42');
  });

  it('is recognised across copies of the package, by its brand', () => {
    const foreign = { [Symbol.for('inferschema.ScoringResponse')]: true, status: 200 };
    expect(foreign).toBeInstanceOf(ScoringResponse);
    expect({ status: 200 }).not.toBeInstanceOf(ScoringResponse);
  });
});

describe('a @rawHttp run', () => {
  it('receives binary bodies untouched and returns them as a ScoringResponse', async () => {
    const script = await loadScoringScript(fixture('raw/echo-image.ts'));
    expect(script.kind).toBe('raw');
    expect(script.inputSchema).toBeUndefined();
    const request = createScoringRequest({
      method: 'POST',
      url: '/score',
      headers: { 'content-type': 'image/png', 'user-agent': 'test-agent' },
      body: PNG,
    });
    const response = (await script.invokeRaw(request)) as ScoringResponse;
    expect(response).toBeInstanceOf(ScoringResponse);
    expect(response.payload()).toEqual(PNG);
    expect(response.headers).toEqual({ 'content-type': 'image/png', 'x-seen-by': 'test-agent' });
    expect(response.status).toBe(200);
  });

  it('sees the method and the full path with the query', async () => {
    const script = await loadScoringScript(fixture('raw/echo-image.ts'));
    const response = (await script.invokeRaw(createScoringRequest({ method: 'GET', url: '/score?x=1' }))) as ScoringResponse;
    expect(new TextDecoder().decode(response.payload() as Uint8Array)).toBe('/score?x=1');
    await expect(script.invokeRaw(createScoringRequest({ method: 'OPTIONS', url: '/score' }))).resolves.toEqual({ method: 'OPTIONS' });
  });

  it('may return a JSON value (function form, async)', async () => {
    const script = await loadScoringScript(fixture('raw/inspect.mjs'));
    expect(script.kind).toBe('raw');
    const request = createScoringRequest({
      method: 'POST',
      url: '/score?a=1&b=x',
      headers: { 'Content-Type': 'application/json' },
      body: '{"n": 18446744073709551615}',
    });
    await expect(script.invokeRaw(request)).resolves.toEqual({
      method: 'POST',
      path: '/score',
      url: '/score?a=1&b=x',
      query: { a: '1', b: 'x' },
      size: 27,
      text: null,
      json: { n: 18446744073709551615n },
    });
  });

  it('refuses invoke', async () => {
    const script = await loadScoringScript(fixture('raw/inspect.mjs'));
    await expect(script.invoke({})).rejects.toThrow(`Entry script ${fixture('raw/inspect.mjs')}: run is @rawHttp; call invokeRaw(request)`);
  });

  it('works under legacy decorators', async () => {
    const script = await loadScoringScript(fixture('legacy/raw.ts'));
    expect(decoratorModes()['legacy/raw.ts']).toBe('legacy');
    const response = (await script.invokeRaw(createScoringRequest({ method: 'POST', url: '/score', body: PNG }))) as ScoringResponse;
    expect(response).toMatchObject({ status: 201, body: PNG });
  });
});
