import ndarray from 'ndarray';
import { NdArrayParameterType, type DecodedValue, type NdArray, type NdArrayDType, type NdArrayOf } from '@inferschema/core';

// Checked by `tsc -b` (the test project includes this file); at run time it only builds the types.
describe('NdArrayParameterType types', () => {
  it('decode returns the data array of the sample dtype', () => {
    const float64 = new NdArrayParameterType(ndarray(new Float64Array(4), [2, 2]));
    expectTypeOf(float64.dtype).toEqualTypeOf<'float64'>();
    expectTypeOf(float64.decode([[1, 2]])).toEqualTypeOf<NdArray<Float64Array<ArrayBuffer>>>();
    expectTypeOf(float64.decode([[1, 2]]).data).toMatchTypeOf<Float64Array>();
    expectTypeOf<DecodedValue<typeof float64>>().toEqualTypeOf<NdArrayOf<'float64'>>();

    expectTypeOf(new NdArrayParameterType(new Float32Array(1)).decode([1]).data).toMatchTypeOf<Float32Array>();
    expectTypeOf(new NdArrayParameterType(new Int8Array(1)).decode([1]).data).toMatchTypeOf<Int8Array>();
    expectTypeOf(new NdArrayParameterType(new Uint8ClampedArray(1)).decode([1]).data).toMatchTypeOf<Uint8Array>();
    expectTypeOf(new NdArrayParameterType(new BigInt64Array(1)).decode([1]).data).toMatchTypeOf<BigInt64Array>();
    expectTypeOf(new NdArrayParameterType(new BigUint64Array(1)).decode([1]).data).toMatchTypeOf<BigUint64Array>();
    expectTypeOf(new NdArrayParameterType([true]).decode([true]).data).toEqualTypeOf<boolean[]>();
    expectTypeOf(new NdArrayParameterType(['a']).decode(['a']).data).toEqualTypeOf<string[]>();
    expectTypeOf(new NdArrayParameterType([new Date(0)]).decode(['2024-01-31T00:00:00Z']).data).toEqualTypeOf<Date[]>();
    expectTypeOf(new NdArrayParameterType([1.5]).dtype).toEqualTypeOf<'float64'>();
  });

  it('the dtype option decides the type; without enforceDtype any dtype may come back', () => {
    const flags = new NdArrayParameterType(new Uint8Array([1]), { dtype: 'bool' });
    expectTypeOf(flags.decode([true]).data).toEqualTypeOf<boolean[]>();
    const loose = new NdArrayParameterType(new Float64Array(1), { enforceDtype: false });
    expectTypeOf(loose.dtype).toEqualTypeOf<NdArrayDType>();
    expectTypeOf(loose.decode([1])).toEqualTypeOf<NdArrayOf<NdArrayDType>>();
    // @ts-expect-error: not a dtype
    expect(() => new NdArrayParameterType([1], { dtype: 'complex128' })).toThrow(TypeError);
  });

  it('nested plain arrays are typed like np.array: float64 for numbers, at every depth, or the dtype option', () => {
    const matrix = new NdArrayParameterType([[1, 2, 3], [4, 5, 6]]);
    expectTypeOf(matrix.dtype).toEqualTypeOf<'float64'>();
    expectTypeOf<DecodedValue<typeof matrix>>().toEqualTypeOf<NdArrayOf<'float64'>>();
    expectTypeOf(new NdArrayParameterType([[[1], [2]], [[3], [4]]]).dtype).toEqualTypeOf<'float64'>();
    expectTypeOf(new NdArrayParameterType([[1n, 2n]]).dtype).toEqualTypeOf<'int64'>();
    expectTypeOf(new NdArrayParameterType([[true], [false]]).decode([[true]]).data).toEqualTypeOf<boolean[]>();
    expectTypeOf(new NdArrayParameterType([[1, 2], [3, 4]], { dtype: 'int32' }).decode([[1, 2]]).data).toMatchTypeOf<Int32Array>();
    // @ts-expect-error: an object is not an ndarray sample
    expect(() => new NdArrayParameterType({ rows: [[1, 2]] })).toThrow(TypeError);
  });

  it('instanceof narrows to the class', () => {
    const type: unknown = new NdArrayParameterType([1]);
    expect(type instanceof NdArrayParameterType).toBe(true);
    if (type instanceof NdArrayParameterType) expectTypeOf(type.shape).toEqualTypeOf<readonly number[]>();
  });
});
