import { integer, InputValidationError, StandardParameterType } from '@inferschema/core';
import { MAX_REPORTED_ISSUES } from '@inferschema/core/schema';
import { decodeFrozen, expectRejected } from './helpers.js';

describe('StandardParameterType rejects', () => {
  it('a value of another JSON type, never coercing it', () => {
    expectRejected(new StandardParameterType({ s: 'a', n: 1, b: true, z: null }), { s: 7, n: '7', b: 'false', z: 0 }, [
      { path: '/s', message: 'must be a string' },
      { path: '/n', message: 'must be a number' },
      { path: '/b', message: 'must be a boolean' },
      { path: '/z', message: 'must be null' },
    ]);
  });

  it('a missing key, naming the key', () => {
    expectRejected(new StandardParameterType({ a: 1, b: { c: 'x' } }), { b: {} }, [
      { path: '/a', message: 'is required' },
      { path: '/b/c', message: 'is required' },
    ]);
  });

  it('an unknown key', () => {
    expectRejected(new StandardParameterType({ a: 1 }), { a: 1, extra: true }, [{ path: '/extra', message: 'is not allowed' }]);
  });

  it.each(['__proto__', 'constructor', 'prototype'])('the key %s', (key) => {
    const input = JSON.parse(`{"a": 1, "${key}": {"polluted": true}}`) as unknown;
    expectRejected(new StandardParameterType({ a: 1 }), input, [{ path: `/${key}`, message: 'is not allowed' }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a non-object where the sample has an object, and a non-array where it has an array', () => {
    const type = new StandardParameterType({ o: { a: 1 }, l: [1] });
    expectRejected(type, { o: [1], l: { 0: 1 } }, [
      { path: '/o', message: 'must be an object' },
      { path: '/l', message: 'must be an array' },
    ]);
    expectRejected(type, null, [{ path: '', message: 'must be an object' }]);
    expectRejected(type, undefined, [{ path: '', message: 'must be an object' }]);
  });

  it('a wrong element deep inside arrays, by its JSON Pointer', () => {
    const type = new StandardParameterType({ data: [[1, 2]] });
    expectRejected(type, { data: [[1, 2], [3, 4], [5, 6], [7, 'x']] }, [{ path: '/data/3/1', message: 'must be a number' }]);
  });

  it('a key that needs escaping, escaped in the path', () => {
    expectRejected(new StandardParameterType({ 'a/b': { '~c': 1 } }), { 'a/b': { '~c': 'x' } }, [
      { path: '/a~1b/~0c', message: 'must be a number' },
    ]);
  });

  it('a non-integer, an unsafe number and an out-of-range value for a bigint sample', () => {
    const type = new StandardParameterType([1n]);
    expectRejected(type, [1.5, 2 ** 60, '9223372036854775808', 9223372036854775808n, '12a'], [
      { path: '/0', message: 'must be an integer' },
      {
        path: '/1',
        message: 'must be an exact integer: this number is beyond ±2^53 and was rounded when parsed; send it as a decimal string',
      },
      { path: '/2', message: 'must be int64 (an integer from -9223372036854775808 to 9223372036854775807)' },
      { path: '/3', message: 'must be int64 (an integer from -9223372036854775808 to 9223372036854775807)' },
      { path: '/4', message: 'must be an integer (or a decimal string) for int64' },
    ]);
  });

  it('a fraction, a string and a value beyond ±2^53 for integer()', () => {
    const type = new StandardParameterType({ k: integer(5) });
    expectRejected(type, { k: 1.5 }, [{ path: '/k', message: 'must be an integer' }]);
    expectRejected(type, { k: 'five' }, [{ path: '/k', message: 'must be an integer (or a decimal string) for int64' }]);
    for (const big of [9007199254740993n, '9007199254740992', '-9007199254740992']) {
      expectRejected(type, { k: big }, [{ path: '/k', message: 'must be an integer from -9007199254740991 to 9007199254740991' }]);
    }
  });

  it('a value beyond ±2^53 for integer() deep inside arrays, objects, unions and nullable items, by its path', () => {
    const type = new StandardParameterType({ a: [{ k: [integer(1), null] }], b: [integer(1), 'x'], 'c/d': { e: integer(1) } });
    const fine = { a: [{ k: [1, null] }], b: [1, 'x'], 'c/d': { e: 1 } };
    const message = 'must be an integer from -9007199254740991 to 9007199254740991';
    expectRejected(type, { ...fine, a: [{ k: [] }, { k: [null, 2, '-9007199254740993'] }] }, [{ path: '/a/1/k/2', message }]);
    expectRejected(type, { ...fine, b: ['x', 9007199254740992n] }, [{ path: '/b/1', message }]);
    expectRejected(type, { ...fine, 'c/d': { e: '9007199254740992' } }, [{ path: '/c~1d/e', message }]);
  });

  it('a value outside a 32-bit integer() format', () => {
    const type = new StandardParameterType([integer(1, 'uint8')]);
    expectRejected(type, [255, 256, -1, 1.5], [
      { path: '/1', message: 'must be uint8 (an integer from 0 to 255)' },
      { path: '/2', message: 'must be uint8 (an integer from 0 to 255)' },
      { path: '/3', message: 'must be an integer' },
    ]);
  });

  it('a non-finite number', () => {
    expectRejected(new StandardParameterType([1.5]), [Number.NaN, Number.POSITIVE_INFINITY], [
      { path: '/0', message: 'must be a number' },
      { path: '/1', message: 'must be a number' },
    ]);
  });

  it.each(['2024-01-31', '2024-01-31T12:00:00', '2024-02-30T12:00:00Z', '31/01/2024 12:00', '1706702400000', 'T12:00:00Z'])(
    'the date-time %s',
    (text) => {
      expectRejected(new StandardParameterType({ at: new Date() }), { at: text }, [
        { path: '/at', message: 'must be an ISO 8601 date-time with a time zone, e.g. 2024-01-31T12:00:00Z' },
      ]);
    },
  );

  it('a number where the sample has a Date', () => {
    expectRejected(new StandardParameterType(new Date()), 1706702400000, [{ path: '', message: 'must be a string' }]);
  });

  it.each(['YWJ', 'not base64!', 'YWJj\n@@@', '@@@\n', 'YW Jj'])('the base64 %j', (text) => {
    expectRejected(new StandardParameterType({ bytes: new Uint8Array(1) }), { bytes: text }, [
      { path: '/bytes', message: 'must be base64-encoded bytes' },
    ]);
  });

  it('a non-empty array for an empty array sample', () => {
    expectRejected(new StandardParameterType({ none: [] }), { none: [1] }, [{ path: '/none', message: 'must have at most 0 items' }]);
  });

  it('an element of none of the kinds of a mixed array, naming each kind', () => {
    expectRejected(new StandardParameterType([1, 'a', new Date()]), [1, true], [
      { path: '/1', message: 'must be one of: a number, a string, date-time' },
    ]);
    expectRejected(new StandardParameterType([1n, 'a']), [false], [{ path: '/0', message: 'must be one of: int64, a string' }]);
  });

  it('an object of none of the shapes of a mixed array, naming each shape', () => {
    expectRejected(new StandardParameterType([{ a: 1 }, { b: 'x', c: true }]), [{ a: 1 }, { b: 'x' }, { a: 1, b: 'x' }], [
      { path: '/1', message: 'must be one of: an object with a, an object with b, c' },
      { path: '/2', message: 'must be one of: an object with a, an object with b, c' },
    ]);
  });

  it('null and another type in a nullable array', () => {
    expectRejected(new StandardParameterType([1, null]), [null, 2, 'x'], [{ path: '/2', message: 'must be a number or null' }]);
  });

  it('with every problem listed, up to the limit, and the total counted', () => {
    const type = new StandardParameterType([{ x: 1 }]);
    let thrown: unknown;
    try {
      decodeFrozen(type, Array.from({ length: 30 }, () => ({ x: 'no' })));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InputValidationError);
    expect((thrown as InputValidationError).errors).toHaveLength(MAX_REPORTED_ISSUES);
    expect((thrown as InputValidationError).total).toBe(30);
    expect((thrown as InputValidationError).message).toBe('Invalid input at /0/x: must be a number (and 29 more problems)');
  });
});
