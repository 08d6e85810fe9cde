import ndarray from 'ndarray';
import { NdArrayParameterType, stringifyJson } from '@inferschema/core';
import { isJsonText, loadScoringScript } from '@inferschema/core/runtime';
import { OutputValidationError } from '@inferschema/core/runtime';
import { fixture } from '../script/fixture-paths.js';

/** What the general path writes: `encode`, then `stringifyJson`. */
const general = (type: NdArrayParameterType, value: unknown) => stringifyJson(type.encode(value as never));

describe('NdArrayParameterType.encodeText', () => {
  it.each([
    ['int8', Int8Array, [-128, 0, 127, 5]],
    ['int16', Int16Array, [-32768, 32767, 1, 2]],
    ['int32', Int32Array, [-2147483648, 2147483647, 3, 4]],
    ['uint8', Uint8Array, [0, 255, 1, 2]],
    ['uint16', Uint16Array, [0, 65535, 1, 2]],
    ['uint32', Uint32Array, [0, 4294967295, 1, 2]],
    ['float32', Float32Array, [5.1, -3.4e38, 1e-45, -0]],
    ['float64', Float64Array, [0.1, -1e300, 5e-324, 1e21]],
  ] as const)('writes %s data exactly as encode + stringifyJson do, flat and as views', (_dtype, ArrayClass, values) => {
    const data = new ArrayClass(values);
    const flat = new NdArrayParameterType(new ArrayClass([1]));
    expect(flat.encodeText(data)).toBe(general(flat, data));
    const matrix = new NdArrayParameterType(ndarray(new ArrayClass(2), [1, 2]));
    const square = ndarray(data, [2, 2]);
    for (const view of [square, square.transpose(1, 0), square.step(-1, 1), square.hi(1, 2), ndarray(new ArrayClass(0), [0, 2])]) {
      expect(matrix.encodeText(view)).toBe(general(matrix, view));
    }
  });

  it('writes three dimensions through their strides', () => {
    const type = new NdArrayParameterType(ndarray(new Float64Array(6), [1, 2, 3]));
    const cube = ndarray(Float64Array.from({ length: 24 }, (_, index) => index / 3), [4, 2, 3]);
    expect(type.encodeText(cube)).toBe(general(type, cube));
    expect(type.encodeText(cube.transpose(0, 1, 2).lo(1, 0, 0))).toBe(general(type, cube.lo(1, 0, 0)));
  });

  it.each([
    ['a NaN', ndarray(new Float64Array([1, Number.NaN]), [1, 2])],
    ['an Infinity', ndarray(new Float64Array([Number.POSITIVE_INFINITY, 1]), [1, 2])],
    ['another typed array (Float32Array for float64)', ndarray(new Float32Array([1, 2]), [1, 2])],
    ['a plain array', ndarray([1, 2], [1, 2])],
    ['another number of dimensions', new Float64Array([1, 2])],
    ['another size after the first dimension', ndarray(new Float64Array([1, 2, 3]), [1, 3])],
    ['nested plain arrays', [[1, 2]]],
  ])('leaves %s to the general path (undefined)', (_case, value) => {
    const type = new NdArrayParameterType(ndarray(new Float64Array(2), [1, 2]));
    expect(type.encodeText(value as never)).toBeUndefined();
  });

  it('leaves a size that only the sample had to the general path only when the shape is enforced', () => {
    const value = ndarray(new Float64Array([1, 2, 3]), [1, 3]);
    expect(new NdArrayParameterType(ndarray(new Float64Array(2), [1, 2]), { enforceShape: false }).encodeText(value)).toBe('[[1,2,3]]');
  });

  it.each([
    ['int64', new BigInt64Array([1n, 2n])],
    ['uint64', new BigUint64Array([1n, 2n])],
    ['bool', new Uint8Array([0, 1])],
  ] as const)('leaves %s (bigint or true/false) to the general path', (dtype, data) => {
    const type = new NdArrayParameterType(data, { dtype });
    expect(type.encodeText(data as never)).toBeUndefined();
  });
});

describe('invoke with jsonText', () => {
  it('returns the same JSON as text for a typed-array result, and the JSON value otherwise', async () => {
    const script = await loadScoringScript(fixture('invoke/typed-output.ts'));
    await script.init(fixture('model'));
    const body = { data: [[1, 2], [4, 5.5]] };
    const value = await script.invoke(body);
    const text = await script.invoke(body, { jsonText: true });
    expect(isJsonText(value)).toBe(false);
    expect(isJsonText(text)).toBe(true);
    expect(value).toEqual([3, 9.5]);
    expect((text as { text: string }).text).toBe('[3,9.5]');
  });

  it('still refuses a result its schema does not allow (a NaN takes the general path)', async () => {
    const script = await loadScoringScript(fixture('invoke/typed-output.ts'));
    await script.init(fixture('model'));
    await expect(script.invoke({ data: [[Number.MAX_VALUE, Number.MAX_VALUE]] }, { jsonText: true })).rejects.toBeInstanceOf(OutputValidationError);
  });
});
