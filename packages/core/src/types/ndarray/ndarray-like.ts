import ndarray from 'ndarray';
import type { TypedArray } from '../typed-array.js';

/** An `ndarray` (from the `ndarray` package) over any data array. */
export type NdArray<D extends ndarray.Data = ndarray.Data> = ndarray.NdArray<D>;

/** A flat data array: a typed array or a plain array of numbers, bigints, booleans, strings or dates. */
export type FlatData =
  | TypedArray
  | readonly number[]
  | readonly bigint[]
  | readonly boolean[]
  | readonly string[]
  | readonly Date[];

/**
 * True for an `ndarray` from the `ndarray` package, by its fields rather than its class: an entry script and
 * this package may load different copies of `ndarray`.
 */
export function isNdArray(value: unknown): value is NdArray {
  if (typeof value !== 'object' || value === null) return false;
  const { data, shape, stride, offset } = value as Partial<NdArray>;
  return data !== undefined && Array.isArray(shape) && Array.isArray(stride) && typeof offset === 'number';
}

/** True for a typed array or a plain array. */
export function isFlatData(value: unknown): value is FlatData {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

/** Reads one element of an ndarray's data array, which is indexable or (the `generic` dtype) has `get`. */
export function readerOf(data: ndarray.Data): (index: number) => unknown {
  const indexed = data as unknown as ArrayLike<unknown>;
  if (Array.isArray(data) || ArrayBuffer.isView(data)) return (index) => indexed[index];
  const generic = data as ndarray.GenericArray<unknown>;
  return (index) => generic.get(index);
}

/** The elements of an ndarray view in row-major order (it may be transposed, sliced or picked). */
export function viewValues(array: NdArray): unknown[] {
  const read = readerOf(array.data);
  const values: unknown[] = [];
  const { shape, stride } = array;
  const visit = (depth: number, offset: number): void => {
    const size = shape[depth]!;
    const step = stride[depth]!;
    for (let i = 0; i < size; i++) {
      if (depth === shape.length - 1) values.push(read(offset + i * step));
      else visit(depth + 1, offset + i * step);
    }
  };
  if (shape.every((size) => size > 0)) visit(0, array.offset);
  return values;
}

/** An ndarray over flat data, shaped as `shape` (one dimension of the data's length by default). */
export function ndarrayOf(data: FlatData, shape: readonly number[] = [data.length]): NdArray {
  const size = shape.reduce((product, length) => product * length, 1);
  if (!shape.every((length) => Number.isInteger(length) && length >= 0) || size !== data.length) {
    throw new TypeError(`NdArrayParameterType: the shape [${shape.join(', ')}] does not fit ${data.length} values`);
  }
  return ndarray(data as ndarray.Data, [...shape]);
}
