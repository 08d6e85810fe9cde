import { integer, StandardParameterType, type StandardSample } from '@inferschema/core';

class Point {
  constructor(readonly x = 1) {}
}

function build(sample: unknown): () => unknown {
  return () => new StandardParameterType(sample as StandardSample);
}

describe('StandardParameterType samples it refuses, naming the path in the sample', () => {
  it.each<[string, unknown, string]>([
    ['undefined', { inputs: [1, 2, undefined] }, 'Unsupported sample value at /inputs/2: undefined (JSON has no undefined; use null)'],
    ['a function', { inputs: [1, 2, () => 1] }, 'Unsupported sample value at /inputs/2: a function'],
    ['a symbol', { s: Symbol('s') }, 'Unsupported sample value at /s: a symbol'],
    ['a Map', { m: new Map() }, 'Unsupported sample value at /m: a Map (use a plain object)'],
    ['a Set', [[new Set([1])]], 'Unsupported sample value at /0/0: a Set (use an array)'],
    ['a class instance', { p: new Point() }, 'Unsupported sample value at /p: a Point (only plain objects and arrays describe JSON)'],
    ['a boxed string', { s: new String('x') }, 'Unsupported sample value at /s: a String (only plain objects and arrays describe JSON)'],
    ['NaN', { x: Number.NaN }, 'Unsupported sample value at /x: NaN (JSON numbers are finite)'],
    ['Infinity', [Number.NEGATIVE_INFINITY], 'Unsupported sample value at /0: -Infinity (JSON numbers are finite)'],
    ['an invalid Date', { at: new Date('nope') }, 'Unsupported sample value at /at: an invalid Date'],
    [
      'a typed array other than Uint8Array',
      { f: new Float32Array(2) },
      'Unsupported sample value at /f: a Float32Array (use a plain array of numbers, or an NdArrayParameterType)',
    ],
    ['a hole in an array', [1, , 3], 'Unsupported sample value at /1: undefined (JSON has no undefined; use null)'],
    ['a bigint beyond 64 bits', { n: 2n ** 64n }, 'Unsupported sample value at /n: 18446744073709551616n, beyond the 64-bit integer range'],
    ['a negative bigint beyond int64', [-(2n ** 63n) - 1n], 'Unsupported sample value at /0: -9223372036854775809n, beyond the 64-bit integer range'],
    ['a key that needs escaping', { 'a/b': { '~': undefined } }, 'Unsupported sample value at /a~1b/~0: undefined (JSON has no undefined; use null)'],
    ['the top-level sample', () => 1, 'Unsupported sample value: a function'],
  ])('%s', (_name, sample, message) => {
    expect(build(sample)).toThrow(new TypeError(message));
  });

  it.each(['constructor', 'prototype'])('the key %s', (key) => {
    expect(build({ a: { [key]: 1 } })).toThrow(
      new TypeError(`Unsupported sample value at /a/${key}: the key "${key}" is never accepted from a request`),
    );
  });

  it('the key __proto__ (an own key, as JSON.parse makes it)', () => {
    expect(build(JSON.parse('{"__proto__": 1}'))).toThrow(
      new TypeError('Unsupported sample value at /__proto__: the key "__proto__" is never accepted from a request'),
    );
  });

  it('a cycle, naming where it loops back to', () => {
    const inner: { list: unknown[] } = { list: [] };
    inner.list.push(inner);
    expect(build({ a: inner })).toThrow(new TypeError('Unsupported sample value at /a/list/0: a circular reference to /a'));
    const root: unknown[] = [];
    root.push(root);
    expect(build(root)).toThrow(new TypeError('Unsupported sample value at /0: a circular reference to the whole sample'));
  });

  it('but not the same object twice without a cycle', () => {
    const shared = { x: 1 };
    expect(new StandardParameterType({ a: shared, b: [shared] }).toJsonSchema().example).toEqual({ a: { x: 1 }, b: [{ x: 1 }] });
  });
});

describe('integer()', () => {
  it('refuses a sample outside its format, a fraction or an unsafe number', () => {
    expect(() => integer(1.5)).toThrow(new RangeError("integer(1.5, 'int64'): the sample must be an integer from -9223372036854775808 to 9223372036854775807 and within ±2^53"));
    expect(() => integer(2 ** 53)).toThrow(RangeError);
    expect(() => integer(256, 'uint8')).toThrow(new RangeError("integer(256, 'uint8'): the sample must be an integer from 0 to 255 and within ±2^53"));
    expect(() => integer(1, 'int128' as 'int64')).toThrow(new RangeError('Unknown integer format "int128"'));
  });

  it('is frozen', () => {
    expect(Object.isFrozen(integer(3))).toBe(true);
  });
});
