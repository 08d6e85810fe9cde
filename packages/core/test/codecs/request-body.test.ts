// How a whole request body fills run's parameters: JSON carries every parameter by name, a binary body the
// one input of a single-input script.
import { loadScoringScript } from '@inferschema/core/runtime';
import { ScoringResponse } from '@inferschema/core';
import {
  bodyCodecs,
  BodyFormatError,
  decodeRequestBody,
  encodeResponseBody,
  invokeInFormats,
  readNpy,
  requestMediaTypes,
  responseMediaTypes,
  valueParameterOf,
  writeNpy,
} from '@inferschema/core/codecs';
import ndarray from 'ndarray';
import { fixture } from '../script/fixture-paths.js';

const npy = bodyCodecs.forMediaType('application/x-npy')!;
const json = bodyCodecs.forMediaType('application/json; charset=utf-8')!;

describe('request bodies of a single-input script', () => {
  const load = () => loadScoringScript(fixture('codecs/scale.ts'));

  it('accepts and answers JSON and .npy', async () => {
    const script = await load();
    expect(valueParameterOf(script)?.name).toBe('data');
    expect(requestMediaTypes(script)).toEqual(['application/json', 'application/x-npy']);
    expect(responseMediaTypes(script)).toEqual(['application/json', 'application/x-npy']);
  });

  it('decodes a .npy body into the parameter and writes the result as .npy', async () => {
    const script = await load();
    const values = decodeRequestBody(script, npy, writeNpy(ndarray(new Float64Array([1, 2, 3, 4, 5, 6]), [2, 3])));
    const result = await script.invokeDecoded(values);
    const body = encodeResponseBody(script, npy, result) as Uint8Array;
    const array = readNpy(body);
    expect(array.shape).toEqual([2, 3]);
    expect(Array.from(array.data as Float64Array)).toEqual([2, 4, 6, 8, 10, 12]);
  });

  it('decodes a JSON body and can answer in .npy; a .npy body can be answered in JSON', async () => {
    const script = await load();
    const fromJson = await script.invokeDecoded(decodeRequestBody(script, json, new TextEncoder().encode('{"data": [[1, 2, 3]]}')));
    expect(readNpy(encodeResponseBody(script, npy, fromJson) as Uint8Array).shape).toEqual([1, 3]);
    const fromNpy = await script.invokeDecoded(decodeRequestBody(script, npy, writeNpy(ndarray(new Float64Array([1, 2, 3]), [1, 3]))));
    expect(encodeResponseBody(script, json, fromNpy)).toEqual([[2, 4, 6]]);
  });

  it('names a bad body with the parameter in its path, and leaves the body as it was', async () => {
    const script = await load();
    const body = writeNpy(ndarray(new Float64Array([1, 2, 3, 4]), [2, 2]));
    const before = body.slice();
    let caught: unknown;
    try {
      decodeRequestBody(script, npy, body);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BodyFormatError);
    expect((caught as BodyFormatError).code).toBe('schema');
    expect((caught as BodyFormatError).errors).toEqual([{ path: '/data', message: ".npy array has shape (2, 2): dimension 1 must have size 3, like the sample's (1, 3)" }]);
    expect(body).toEqual(before);
    expect(() => decodeRequestBody(script, json, new TextEncoder().encode('{"data": [[1, 2'))).toThrow(BodyFormatError);
  });

  it('invokeInFormats: a .npy body answered in JSON, a parsed JSON body answered in .npy bytes', async () => {
    const script = await load();
    const npyIn = await invokeInFormats(script, { request: npy, response: json }, { bytes: writeNpy(ndarray(new Float64Array([1, 2, 3]), [1, 3])) });
    expect(npyIn).toEqual({ json: [[2, 4, 6]] });
    const jsonIn = await invokeInFormats(script, { request: json, response: npy }, { json: { data: [[1, 2, 3], [4, 5, 6]] } });
    expect('bytes' in jsonIn && jsonIn.mediaType).toBe('application/x-npy');
    const array = readNpy((jsonIn as { bytes: Uint8Array }).bytes);
    expect([array.shape, Array.from(array.data as Float64Array)]).toEqual([[2, 3], [2, 4, 6, 8, 10, 12]]);
    await expect(invokeInFormats(script, { request: npy, response: json }, { bytes: writeNpy(ndarray(new Float64Array([1, 2]), [1, 2])) })).rejects.toBeInstanceOf(BodyFormatError);
  });

  it('passes a ScoringResponse through encodeOutput', async () => {
    const script = await load();
    const response = new ScoringResponse('plain', { status: 202 });
    expect(script.encodeOutput(response)).toBe(response);
  });
});

describe('request bodies of a script with two inputs', () => {
  it('take JSON only', async () => {
    const script = await loadScoringScript(fixture('codecs/two-inputs.ts'));
    expect(valueParameterOf(script)).toBeUndefined();
    expect(requestMediaTypes(script)).toEqual(['application/json']);
    expect(responseMediaTypes(script)).toEqual(['application/json']);
    expect(() => decodeRequestBody(script, npy, writeNpy(new Float64Array(2)))).toThrow(`application/x-npy cannot carry the input of ${script.path}`);
    const values = decodeRequestBody(script, json, new TextEncoder().encode('{"left": [[1, 2]], "right": [[3, 4], [5, 6]]}'));
    expect(await script.invokeDecoded(values)).toBe(6);
  });
});
