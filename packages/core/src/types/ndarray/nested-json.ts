import type { JsonValue } from '../../json/json-value.js';
import type { JsonItemWriter } from './json-items.js';
import { isFlatData, isNdArray, readerOf, type NdArray } from './ndarray-like.js';
import { packedMap } from '../../json/packed-map.js';

/**
 * The nested JSON arrays of an ndarray, one level per dimension, read through its shape, strides and offset
 * (so transposed, sliced and picked views come out as they look, not as their buffer is laid out).
 *
 * @example
 * nestedArrayOf(ndarray(new Float64Array([1, 2, 3, 4, 5, 6]), [2, 3]).transpose(1, 0), jsonItem);
 * // [[1, 4], [2, 5], [3, 6]]
 */
export function nestedArrayOf(array: NdArray, item: JsonItemWriter): JsonValue {
  const { shape, stride, data } = array;
  const read = readerOf(data);
  const last = shape.length - 1;
  if (last < 0) return item(read(array.offset));
  const visit = (depth: number, offset: number): JsonValue[] => {
    const size = shape[depth]!;
    const step = stride[depth]!;
    // Pushed, as packedMap does: a holey array is slower to JSON.stringify.
    const out: JsonValue[] = [];
    for (let i = 0; i < size; i++) out.push(depth === last ? item(read(offset + i * step)) : visit(depth + 1, offset + i * step));
    return out;
  };
  return visit(0, array.offset);
}

/**
 * JSON for what a `run` returns as an ndarray value: an ndarray, a flat typed or plain array (one dimension),
 * or nested plain arrays.
 */
export function encodeArrayValue(value: unknown, item: JsonItemWriter): JsonValue {
  if (isNdArray(value)) return nestedArrayOf(value, item);
  if (Array.isArray(value)) return value.map((element) => (Array.isArray(element) || isNdArray(element) ? encodeArrayValue(element, item) : item(element)));
  if (isFlatData(value)) return packedMap(value as ArrayLike<unknown>, (element) => item(element));
  throw new TypeError('expected an ndarray, a typed array or an array');
}
