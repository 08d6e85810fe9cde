import ndarray from 'ndarray';
import { NdArrayParameterType, parseJson, stringifyJson, type NdArraySample } from '@inferschema/core';

describe('NdArrayParameterType.encode', () => {
  it.each([
    ['int8', new Int8Array([-128, 0, 127, 5])],
    ['int16', new Int16Array([-32768, 0, 32767, 5])],
    ['int32', new Int32Array([-(2 ** 31), 0, 2 ** 31 - 1, 5])],
    ['int64', new BigInt64Array([-(2n ** 63n), 0n, 2n ** 63n - 1n, 5n])],
    ['uint8', new Uint8Array([0, 1, 254, 255])],
    ['uint16', new Uint16Array([0, 1, 65534, 65535])],
    ['uint32', new Uint32Array([0, 1, 2 ** 32 - 2, 2 ** 32 - 1])],
    ['uint64', new BigUint64Array([0n, 1n, 2n ** 53n, 2n ** 64n - 1n])],
    ['float32', new Float32Array([0.1, -1.5, 3.4e38, 0])],
    ['float64', new Float64Array([0.1, -1.5, 1e300, Number.MIN_VALUE])],
    ['bool', [true, false, false, true]],
    ['string', ['a', '', 'é', 'x y']],
    ['datetime64', [new Date(0), new Date(Date.UTC(2024, 0, 31, 12)), new Date(-1), new Date(Date.UTC(1900, 1, 28, 0, 0, 0, 5))]],
  ])('round-trips %s through JSON text: decode(parse(stringify(encode(x)))) equals x', (dtype, data) => {
    const type = new NdArrayParameterType(ndarray(data as never, [2, 2]) as NdArraySample);
    expect(type.dtype).toBe(dtype);
    const value = type.decode(parseJson(stringifyJson(type.encode(type.decode(type.toJsonSchema().example))), { exactIntegers: true }));
    expect(value.shape).toEqual([2, 2]);
    expect(value.data).toEqual(data);
    expect(value.data.constructor).toBe((data as object).constructor);
  });

  it('writes safe bigints as numbers and keeps the others exact', () => {
    const type = new NdArrayParameterType(new BigUint64Array(1));
    const json = type.encode(ndarray(new BigUint64Array([5n, 2n ** 64n - 1n])));
    expect(json).toEqual([5, 2n ** 64n - 1n]);
    expect(stringifyJson(json)).toBe('[5,18446744073709551615]');
  });

  it('walks views through their strides: transposed, picked, sliced and stepped', () => {
    const type = new NdArrayParameterType(ndarray(new Float64Array(6), [2, 3]), { enforceShape: false });
    const base = ndarray(new Float64Array([1, 2, 3, 4, 5, 6]), [2, 3]);
    expect(type.encode(base.transpose(1, 0))).toEqual([[1, 4], [2, 5], [3, 6]]);
    expect(type.encode(base.pick(null, 1))).toEqual([2, 5]);
    expect(type.encode(base.hi(2, 2).lo(0, 1))).toEqual([[2], [5]]);
    expect(type.encode(base.step(-1, 2))).toEqual([[4, 6], [1, 3]]);
    const roundTrip = type.decode(type.encode(base.transpose(1, 0)));
    expect(Array.from(roundTrip.data)).toEqual([1, 4, 2, 5, 3, 6]);
  });

  it('reads generic data (objects with get and set)', () => {
    const values = [1, 2, 3];
    const generic = { length: 3, get: (i: number) => values[i]!, set: (i: number, v: number) => void (values[i] = v) };
    const type = new NdArrayParameterType(new Float64Array(3));
    expect(type.encode(ndarray(generic))).toEqual([1, 2, 3]);
  });

  it('writes bool data held as bytes as booleans', () => {
    const type = new NdArrayParameterType(new Uint8Array([1]), { dtype: 'bool' });
    expect(type.encode(ndarray(new Uint8Array([1, 0]), [1, 2]))).toEqual([[true, false]]);
  });

  it('accepts what a run may return instead of an ndarray: typed arrays and nested arrays', () => {
    const type = new NdArrayParameterType(new Float64Array([3726.995]));
    expect(type.encode(new Float64Array([1.5, 2]))).toEqual([1.5, 2]);
    expect(type.encode([[1, 2], [3, 4]])).toEqual([[1, 2], [3, 4]]);
    expect(type.encode([new Date(0)] as never)).toEqual(['1970-01-01T00:00:00.000Z']);
    expect(() => type.encode(5 as never)).toThrow(new TypeError('expected an ndarray, a typed array or an array'));
  });

  it('does not change the value it encodes', () => {
    const data = new Float64Array([1, 2]);
    const type = new NdArrayParameterType(data);
    type.encode(ndarray(data));
    expect(Array.from(data)).toEqual([1, 2]);
  });

  it('encodes a sample that round-trips for every flat sample kind', () => {
    const samples: NdArraySample[] = [[1, 2], [1n, 2n], ['a'], [true], new Float32Array([1])];
    for (const sample of samples) {
      const type = new NdArrayParameterType(sample);
      expect(type.encode(type.decode(type.toJsonSchema().example))).toEqual(type.toJsonSchema().example);
    }
  });
});
