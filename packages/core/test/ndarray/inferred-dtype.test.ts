import ndarray from 'ndarray';
import { InputValidationError, NdArrayParameterType, parseJson } from '@inferschema/core';

const loose = new NdArrayParameterType(ndarray(new Int32Array(4), [2, 2]), { enforceDtype: false });

function issues(input: unknown): readonly unknown[] {
  const before = structuredClone(input);
  try {
    loose.decode(input);
  } catch (error) {
    expect(error).toBeInstanceOf(InputValidationError);
    expect(input).toEqual(before);
    return (error as InputValidationError).errors;
  }
  throw new Error('expected a rejection');
}

describe('NdArrayParameterType without enforceDtype', () => {
  it.each([
    ['numbers as float64 (JSON cannot tell 1 from 1.0)', [[1, 2], [3, 4.5]], 'float64', Float64Array],
    ['booleans as bool', [[true, false]], 'bool', Array],
    ['strings as string', [['a', '3']], 'string', Array],
  ])('infers %s', (_, input, dtype, kind) => {
    const value = loose.decode(input);
    expect(value.dtype === 'float64' ? 'float64' : typeof value.data[0] === 'boolean' ? 'bool' : 'string').toBe(dtype);
    expect(value.data).toBeInstanceOf(kind);
    expect(Array.from(value.data as ArrayLike<unknown>)).toEqual(input.flat());
  });

  it('infers int64 (or uint64) when exact integers beyond ±2^53 are present', () => {
    const signed = loose.decode(parseJson('[[1, -9223372036854775808]]', { exactIntegers: true }));
    expect(signed.data).toBeInstanceOf(BigInt64Array);
    expect(Array.from(signed.data as BigInt64Array)).toEqual([1n, -(2n ** 63n)]);
    const unsigned = loose.decode(parseJson('[[1, 18446744073709551615]]', { exactIntegers: true }));
    expect(unsigned.data).toBeInstanceOf(BigUint64Array);
  });

  it("keeps the sample's dtype for an empty input", () => {
    expect(loose.decode([]).data).toBeInstanceOf(Int32Array);
  });

  it.each([
    ['mixed types', [[1, 'a']], '/0/1', 'must be a number like the values before it: an ndarray holds values of one type'],
    ['null', [[1, null]], '/0/1', 'must be a number, a boolean or a string'],
    ['an object', [[{}, 1]], '/0/0', 'must be a number, a boolean or a string'],
    ['too many dimensions', [[[1], [2]]], '/0/0', 'must be a number, a boolean or a string, not an array: expected 2 dimensions, found 3'],
    ['too few dimensions', [1, 2], '/0', 'must be an array: expected 2 dimensions, found 1'],
    ['a wrong inner size', [[1, 2, 3]], '/0', 'must have exactly 2 items'],
    [
      'fractions with exact integers',
      [[9007199254740993n, 1.5]],
      '/0/1',
      'must be an integer: the array holds integers beyond ±2^53, so it is int64 and cannot hold fractions',
    ],
    [
      'exact integers after fractions',
      [[1.5, 9007199254740993n]],
      '/0/1',
      'must be a number below 2^53: the array holds fractions, so it is float64, which would round this integer',
    ],
    [
      'negative and large unsigned integers together',
      [[-1, 2n ** 63n]],
      '/0/1',
      'must fit one 64-bit integer type: negative values and values above 2^63 - 1 cannot share int64 or uint64',
    ],
    ['integers beyond uint64', [[2n ** 64n, 1]], '/0/0', 'must be within the int64 or uint64 range'],
  ])('rejects %s', (_, input, path, message) => {
    expect(issues(input)[0]).toEqual({ path, message });
  });

  it('rejects ragged input without enforceShape', () => {
    const free = new NdArrayParameterType(ndarray(new Int32Array(4), [2, 2]), { enforceDtype: false, enforceShape: false });
    expect(() => free.decode([['a', 'b'], ['c']])).toThrow(
      expect.objectContaining({ errors: [{ path: '/1', message: 'must have exactly 2 items, like /0: an ndarray cannot be ragged' }] }),
    );
    expect(free.decode([['a', 'b', 'c']]).shape).toEqual([1, 3]);
  });
});
