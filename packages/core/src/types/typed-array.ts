/** A typed array of numbers (not 64-bit integers). */
export type NumericTypedArray =
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array;

/** Any typed array: numbers, or `bigint` for the 64-bit integer arrays. */
export type TypedArray = NumericTypedArray | BigInt64Array | BigUint64Array;
