import ndarray from 'ndarray';
import { InputValidationError, NdArrayParameterType, parseJson, type NdArraySample } from '@inferschema/core';
import { rejection } from '../support/rejection.js';


const matrix = (data: NdArraySample, shape = [1, (data as ArrayLike<unknown>).length]) => ndarray(data as never, shape);

describe('NdArrayParameterType.decode', () => {
  describe('returns an ndarray backed by the dtype data array', () => {
    it.each([
      ['int8', new Int8Array([1]), [[-128, 127]], Int8Array],
      ['int16', new Int16Array([1]), [[-32768, 32767]], Int16Array],
      ['int32', new Int32Array([1]), [[-2147483648, 2147483647]], Int32Array],
      ['uint8', new Uint8Array([1]), [[0, 255]], Uint8Array],
      ['uint16', new Uint16Array([1]), [[0, 65535]], Uint16Array],
      ['uint32', new Uint32Array([1]), [[0, 4294967295]], Uint32Array],
      ['float32', new Float32Array([1]), [[0.5, -3.4e38]], Float32Array],
      ['float64', new Float64Array([1]), [[0.1, -1e300]], Float64Array],
    ])('%s', (dtype, data, input, kind) => {
      const type = new NdArrayParameterType(matrix(data, [1, 1]));
      const rows = input.map((row) => row.map((value) => [value]));
      const flat = new NdArrayParameterType(ndarray(data as never, [1]));
      expect(flat.dtype).toBe(dtype);
      const value = flat.decode(input[0]);
      expect(value.data).toBeInstanceOf(kind);
      expect(Array.from(value.data as ArrayLike<number>)).toEqual(Array.from(new kind(input[0]!)));
      expect(value.shape).toEqual([2]);
      expect(type.decode(rows[0]!).shape).toEqual([2, 1]);
    });

    it('int64 and uint64 exactly, from safe numbers, bigints and decimal strings', () => {
      const signed = new NdArrayParameterType(new BigInt64Array([1n]));
      const body = parseJson('[9223372036854775807, -9223372036854775808, 5, "-42"]', { exactIntegers: true });
      const value = signed.decode(body);
      expect(value.data).toBeInstanceOf(BigInt64Array);
      expect(Array.from(value.data)).toEqual([2n ** 63n - 1n, -(2n ** 63n), 5n, -42n]);
      const unsigned = new NdArrayParameterType(new BigUint64Array([1n]));
      expect(Array.from(unsigned.decode(['18446744073709551615', 0]).data)).toEqual([2n ** 64n - 1n, 0n]);
    });

    it('bool, string and datetime64 as plain arrays of boolean, string and Date', () => {
      expect(new NdArrayParameterType([true]).decode([false, true]).data).toEqual([false, true]);
      expect(new NdArrayParameterType(['a']).decode(['x', '']).data).toEqual(['x', '']);
      const dates = new NdArrayParameterType([new Date(0)]).decode([
        '2024-01-31T12:00:00.5Z',
        '2024-01-31T12:00:00+05:30',
        '2024-01-31 12:00:00.123456-0100',
        '0050-06-01t00:00:00z',
        '2016-12-31T23:59:60Z',
      ]);
      expect(dates.data).toEqual([
        new Date(Date.UTC(2024, 0, 31, 12, 0, 0, 500)),
        new Date(Date.UTC(2024, 0, 31, 6, 30)),
        new Date(Date.UTC(2024, 0, 31, 13, 0, 0, 123)),
        new Date('0050-06-01T00:00:00Z'),
        new Date(Date.UTC(2017, 0, 1)), // a leap second becomes the next second, as in StandardParameterType
      ]);
    });

    it('with a free batch dimension, in row-major order', () => {
      const type = new NdArrayParameterType(ndarray(new Float64Array(6), [2, 3]));
      const value = type.decode([[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
      expect(value.shape).toEqual([3, 3]);
      expect(value.get(2, 1)).toBe(8);
      expect(Array.from(value.data)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(type.decode([]).shape).toEqual([0, 3]);
    });

    it('three dimensions', () => {
      const type = new NdArrayParameterType(ndarray(new Int16Array(8), [2, 2, 2]));
      const value = type.decode([[[1, 2], [3, 4]]]);
      expect(value.shape).toEqual([1, 2, 2]);
      expect(value.get(0, 1, 0)).toBe(3);
    });

    it('without enforceShape: any sizes, still rectangular', () => {
      const type = new NdArrayParameterType(ndarray(new Float64Array(4), [2, 2]), { enforceShape: false });
      expect(type.decode([[1, 2, 3]]).shape).toEqual([1, 3]);
      expect(type.decode([[], []]).shape).toEqual([2, 0]);
    });
  });

  describe('rejects, at the path of the problem', () => {
    const int8 = new NdArrayParameterType(matrix(new Int8Array([1, 2])));

    it.each([
      ['a fraction for an integer (no truncation)', int8, [[1, 1.7]], '/0/1', 'must be an integer'],
      ['a decimal string for an integer', int8, [['3', 1]], '/0/0', 'must be an integer'],
      ['an int8 above its range', int8, [[300, 1]], '/0/0', 'must be int8 (an integer from -128 to 127)'],
      ['an int8 below its range', int8, [[1, -129]], '/0/1', 'must be int8 (an integer from -128 to 127)'],
      ['a negative uint8', new NdArrayParameterType(new Uint8Array(1)), [-1], '/0', 'must be uint8 (an integer from 0 to 255)'],
      ['int16 overflow', new NdArrayParameterType(new Int16Array(1)), [32768], '/0', 'must be int16 (an integer from -32768 to 32767)'],
      ['int32 overflow', new NdArrayParameterType(new Int32Array(1)), [2 ** 31], '/0', 'must be int32 (an integer from -2147483648 to 2147483647)'],
      ['uint16 overflow', new NdArrayParameterType(new Uint16Array(1)), [65536], '/0', 'must be uint16 (an integer from 0 to 65535)'],
      ['uint32 overflow', new NdArrayParameterType(new Uint32Array(1)), [2 ** 32], '/0', 'must be uint32 (an integer from 0 to 4294967295)'],
      ['a float32 overflow', new NdArrayParameterType(new Float32Array(1)), [3.5e38], '/0', 'must be a float32 (a number within ±3.4028235e38)'],
      ['a string for a float', new NdArrayParameterType(new Float64Array(1)), ['1.5'], '/0', 'must be a number'],
      ['null for a float', new NdArrayParameterType(new Float64Array(1)), [null], '/0', 'must be a number'],
      ['a string for a bool', new NdArrayParameterType([true]), ['true'], '/0', 'must be a boolean'],
      ['a number for a bool', new NdArrayParameterType([true]), [1], '/0', 'must be a boolean'],
      ['a number for a string', new NdArrayParameterType(['a']), [1], '/0', 'must be a string'],
      [
        'a date that is not ISO 8601',
        new NdArrayParameterType([new Date(0)]),
        ['2024-01-31 12:00:00,000000'],
        '/0',
        'must be an ISO 8601 date-time with a time zone, e.g. 2024-01-31T12:00:00Z',
      ],
      ['an int64 beyond its range', new NdArrayParameterType(new BigInt64Array(1)), ['9223372036854775808'], '/0', 'must be int64 (an integer from -9223372036854775808 to 9223372036854775807)'],
      [
        'a rounded 64-bit number',
        new NdArrayParameterType(new BigInt64Array(1)),
        [2 ** 60],
        '/0',
        'must be an exact integer: this number is beyond ±2^53 and was rounded when parsed; send it as a decimal string',
      ],
      ['a fraction for an int64', new NdArrayParameterType(new BigUint64Array(1)), ['1.5'], '/0', 'must be an integer (or a decimal string) for uint64'],
      ['a negative uint64', new NdArrayParameterType(new BigUint64Array(1)), [-1], '/0', 'must be uint64 (an integer from 0 to 18446744073709551615)'],
      ['an object instead of an array', int8, { 0: [1, 2] }, '', 'must be an array'],
      ['a wrong inner size', int8, [[1, 2], [1, 2, 3]], '/1', 'must have exactly 2 items'],
      ['too few dimensions', int8, [1, 2], '/0', 'must be an array: expected 2 dimensions, found 1'],
      ['a scalar for the whole array', int8, 5, '', 'must be an array: expected 2 dimensions, found 0'],
      ['too many dimensions', int8, [[[1], [2]]], '/0/0', 'must be an integer, not an array: expected 2 dimensions, found 3'],
      ['an object as a row', int8, [{ a: 1 }], '/0', 'must be an array'],
    ])('%s', (_, type, input, path, message) => {
      expect(rejection(type, input)[0]).toEqual({ path, message });
    });

    it('ragged input without enforceShape', () => {
      const type = new NdArrayParameterType(ndarray(new Float64Array(8), [2, 2, 2]), { enforceShape: false });
      expect(rejection(type, [[[1, 2], [3, 4]], [[5, 6], [7]]])).toEqual([
        { path: '/1/1', message: 'must have exactly 2 items, like /0/0: an ndarray cannot be ragged' },
      ]);
      expect(rejection(type, [[[1, 2], [3, 4]], [[5, 6]]])).toEqual([
        { path: '/1', message: 'must have exactly 2 items, like /0: an ndarray cannot be ragged' },
      ]);
      expect(rejection(type, [[[1, 2], [3, 4]], [[5, 6], 7]])).toEqual([{ path: '/1/1', message: 'must be an array: expected 3 dimensions, found 2' }]);
    });

    it('lists up to 20 problems and counts the rest', () => {
      const error = (() => {
        try {
          int8.decode(Array.from({ length: 30 }, () => [1, 'x']));
        } catch (caught) {
          return caught as InputValidationError;
        }
        throw new Error('expected a rejection');
      })();
      expect(error.errors).toHaveLength(20);
      expect(error.total).toBe(30);
      expect(error.message).toBe('Invalid input at /0/1: must be an integer (and 29 more problems)');
    });

    it('in a frozen input, without changing it', () => {
      const input = Object.freeze([Object.freeze([1, 1000])]);
      expect(rejection(int8, input)).toEqual([{ path: '/0/1', message: 'must be int8 (an integer from -128 to 127)' }]);
    });
  });

  it('never changes the input it accepts, and copies it', () => {
    const input = [[1, 2], [3, 4]];
    const value = new NdArrayParameterType(ndarray(new Float64Array(4), [2, 2])).decode(Object.freeze(input.map((row) => Object.freeze(row))));
    value.set(0, 0, 99);
    expect(input).toEqual([[1, 2], [3, 4]]);
  });
});
