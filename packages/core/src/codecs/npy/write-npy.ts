import type { NdArrayDType } from '../../types/ndarray/dtype.js';
import { isFlatData, isNdArray, ndarrayOf, viewValues, type FlatData, type NdArray } from '../../types/ndarray/ndarray-like.js';
import { descrOf } from './npy-dtype.js';
import { writeNpyHeader } from './npy-header.js';
import { typedArrayOf } from './read-npy.js';

const DTYPE_OF_ARRAY: ReadonlyArray<[abstract new (...args: never[]) => unknown, NdArrayDType]> = [
  [Int8Array, 'int8'], [Int16Array, 'int16'], [Int32Array, 'int32'], [BigInt64Array, 'int64'],
  [Uint8Array, 'uint8'], [Uint8ClampedArray, 'uint8'], [Uint16Array, 'uint16'], [Uint32Array, 'uint32'], [BigUint64Array, 'uint64'],
  [Float32Array, 'float32'], [Float64Array, 'float64'],
];

/** The dtype a typed array stores, or undefined for plain arrays. */
function typedDType(data: unknown): NdArrayDType | undefined {
  return DTYPE_OF_ARRAY.find(([Typed]) => data instanceof Typed)?.[1];
}

/** True when an ndarray is its data array, in row-major order from index 0. */
function isPacked(array: NdArray): boolean {
  if (array.offset !== 0) return false;
  let step = 1;
  for (let d = array.shape.length - 1; d >= 0; d--) {
    if (array.shape[d] !== 1 && array.stride[d] !== step) return false;
    step *= array.shape[d]!;
  }
  return (array.data as ArrayLike<unknown>).length === step;
}

function encodeStrings(values: readonly unknown[]): { descr: string; bytes: Uint8Array } {
  const points = values.map((value) => Array.from(String(value), (char) => char.codePointAt(0)!));
  const chars = Math.max(1, ...points.map((codes) => codes.length));
  const codes = new Uint32Array(values.length * chars);
  points.forEach((word, i) => codes.set(word, i * chars));
  return { descr: descrOf('string', chars), bytes: new Uint8Array(codes.buffer) };
}

function encodeElements(values: readonly unknown[], dtype: NdArrayDType): { descr: string; bytes: Uint8Array } {
  if (dtype === 'string') return encodeStrings(values);
  if (dtype === 'bool') return { descr: descrOf(dtype), bytes: Uint8Array.from(values, (value) => (value ? 1 : 0)) };
  if (dtype === 'datetime64') {
    const ticks = BigInt64Array.from(values, (value) => {
      const time = value instanceof Date ? value.getTime() : Date.parse(String(value));
      return Number.isNaN(time) ? -(2n ** 63n) : BigInt(time);
    });
    return { descr: descrOf(dtype), bytes: new Uint8Array(ticks.buffer) };
  }
  const Typed = typedArrayOf(dtype)!;
  const big = dtype === 'int64' || dtype === 'uint64';
  const data = new (Typed as unknown as new (length: number) => Float64Array)(values.length);
  for (let i = 0; i < values.length; i++) data[i] = (big ? BigInt(values[i] as bigint) : Number(values[i])) as number;
  return { descr: descrOf(dtype), bytes: new Uint8Array(data.buffer) };
}

/**
 * Writes an ndarray (or a flat typed or plain array, as one dimension) as a `.npy` body numpy reads back:
 * version 1.0, little-endian, row-major. The dtype is the typed array's own; plain arrays take `dtype`
 * (float64 when it is not given). Views (transposed, sliced) are written as they look.
 *
 * @example
 * writeNpy(ndarray(new Float64Array([1, 2, 3, 4]), [2, 2])); // '\x93NUMPY…{'descr': '<f8', … 'shape': (2, 2), }'
 */
export function writeNpy(value: NdArray | FlatData, dtype?: NdArrayDType): Uint8Array {
  const array = isNdArray(value) ? value : isFlatData(value) ? ndarrayOf(value) : undefined;
  if (!array) throw new TypeError('A .npy body is written from an ndarray or a typed or plain array');
  const own = typedDType(array.data);
  const chosen = own ?? dtype ?? 'float64';
  let descr: string;
  let bytes: Uint8Array;
  if (own && isPacked(array)) {
    const data = array.data as unknown as ArrayBufferView;
    descr = descrOf(own);
    bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  } else {
    ({ descr, bytes } = encodeElements(viewValues(array), chosen));
  }
  const header = writeNpyHeader(descr, array.shape);
  const body = new Uint8Array(header.length + bytes.length);
  body.set(header);
  body.set(bytes, header.length);
  return body;
}
