import type { NdArrayDType } from './dtype.js';
import { isNdArray } from './ndarray-like.js';

type NumberArray = Int8Array | Int16Array | Int32Array | Uint8Array | Uint16Array | Uint32Array | Float32Array | Float64Array;

/** The typed array of each dtype whose elements JSON writes as plain numbers, and always within its schema. */
const NUMBER_ARRAYS: Partial<Record<NdArrayDType, new (length: number) => NumberArray>> = {
  int8: Int8Array,
  int16: Int16Array,
  int32: Int32Array,
  uint8: Uint8Array,
  uint16: Uint16Array,
  uint32: Uint32Array,
  float32: Float32Array,
  float64: Float64Array,
};

/**
 * The nested-array JSON text of an ndarray (or a flat typed array, one dimension) written straight from its
 * data, when its data is the dtype's own typed array, it has the schema's number of dimensions (and, with
 * `enforceShape`, the sample's size in each after the first), and every float is finite: exactly what the
 * type's `encode` and `JSON.stringify` write, and a value the output schema accepts. `undefined` for
 * anything else (bigint and non-number dtypes, another typed array, NaN), which the caller encodes and
 * validates the general way.
 *
 * @example
 * ndarrayJsonText(ndarray(new Float64Array([1, 2, 3, 4]), [2, 2]), 'float64', [1, 2], true); // '[[1,2],[3,4]]'
 */
export function ndarrayJsonText(value: unknown, dtype: NdArrayDType, shape: readonly number[], enforceShape: boolean): string | undefined {
  const arrayClass = NUMBER_ARRAYS[dtype];
  if (arrayClass === undefined) return undefined;
  let data: unknown;
  let dims: readonly number[];
  let strides: readonly number[];
  let offset = 0;
  if (ArrayBuffer.isView(value)) {
    data = value;
    dims = [(value as NumberArray).length];
    strides = [1];
  } else if (isNdArray(value)) {
    ({ data, shape: dims, stride: strides, offset } = value);
  } else return undefined;
  if ((data as object).constructor !== arrayClass || dims.length !== shape.length) return undefined;
  if (enforceShape) for (let depth = 1; depth < dims.length; depth++) if (dims[depth] !== shape[depth]) return undefined;
  const numbers = data as NumberArray;
  const checkFinite = dtype === 'float32' || dtype === 'float64';
  const last = dims.length - 1;
  let text = '';
  // One level per dimension, through the strides (views come out as they look); false: a non-finite float.
  const write = (depth: number, start: number): boolean => {
    const size = dims[depth]!;
    const step = strides[depth]!;
    text += '[';
    if (depth === last) {
      for (let index = 0; index < size; index++) {
        const number = numbers[start + index * step]!;
        if (checkFinite && !Number.isFinite(number)) return false;
        text += index === 0 ? `${number}` : `,${number}`;
      }
    } else {
      for (let index = 0; index < size; index++) {
        if (index > 0) text += ',';
        if (!write(depth + 1, start + index * step)) return false;
      }
    }
    text += ']';
    return true;
  };
  return write(0, offset) ? text : undefined;
}
