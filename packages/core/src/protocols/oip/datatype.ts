import type { TypedArray } from '../../types/typed-array.js';

/** The tensor element types of the Open Inference Protocol. */
export type OipDatatype =
  | 'BOOL'
  | 'UINT8'
  | 'UINT16'
  | 'UINT32'
  | 'UINT64'
  | 'INT8'
  | 'INT16'
  | 'INT32'
  | 'INT64'
  | 'FP16'
  | 'FP32'
  | 'FP64'
  | 'BYTES';

/** The numeric datatypes this package reads and writes: each has a JavaScript typed array. */
export type NumericDatatype = 'UINT8' | 'UINT16' | 'UINT32' | 'UINT64' | 'INT8' | 'INT16' | 'INT32' | 'INT64' | 'FP32' | 'FP64';

/** Every datatype, in the specification's order. */
export const OIP_DATATYPES: readonly OipDatatype[] = Object.freeze([
  'BOOL', 'UINT8', 'UINT16', 'UINT32', 'UINT64', 'INT8', 'INT16', 'INT32', 'INT64', 'FP16', 'FP32', 'FP64', 'BYTES',
] as const);

type TypedArrayClass = { new (length: number): TypedArray; new (buffer: ArrayBufferLike, byteOffset: number, length: number): TypedArray; readonly BYTES_PER_ELEMENT: number };

/** The typed array each numeric datatype is held in. */
export const TYPED_ARRAYS: Readonly<Record<NumericDatatype, TypedArrayClass>> = Object.freeze({
  UINT8: Uint8Array,
  UINT16: Uint16Array,
  UINT32: Uint32Array,
  UINT64: BigUint64Array,
  INT8: Int8Array,
  INT16: Int16Array,
  INT32: Int32Array,
  INT64: BigInt64Array,
  FP32: Float32Array,
  FP64: Float64Array,
} as Record<NumericDatatype, TypedArrayClass>);

/** True for a datatype name of the specification. */
export function isOipDatatype(value: unknown): value is OipDatatype {
  return typeof value === 'string' && (OIP_DATATYPES as readonly string[]).includes(value);
}

/** True for the datatypes held in a typed array. */
export function isNumericDatatype(datatype: OipDatatype): datatype is NumericDatatype {
  return Object.hasOwn(TYPED_ARRAYS, datatype);
}

/** The datatype a typed array holds (`Uint8ClampedArray` as UINT8). */
export function datatypeOfTypedArray(array: TypedArray): NumericDatatype {
  if (array instanceof Uint8ClampedArray) return 'UINT8';
  for (const [datatype, ArrayType] of Object.entries(TYPED_ARRAYS)) if (array instanceof ArrayType) return datatype as NumericDatatype;
  throw new TypeError(`No datatype for ${Object.prototype.toString.call(array)}`);
}

/** The range of an integer datatype, for messages and checks. */
export const INTEGER_RANGES: Readonly<Partial<Record<NumericDatatype, readonly [bigint, bigint]>>> = Object.freeze({
  UINT8: [0n, 255n],
  UINT16: [0n, 65_535n],
  UINT32: [0n, 4_294_967_295n],
  UINT64: [0n, 18_446_744_073_709_551_615n],
  INT8: [-128n, 127n],
  INT16: [-32_768n, 32_767n],
  INT32: [-2_147_483_648n, 2_147_483_647n],
  INT64: [-9_223_372_036_854_775_808n, 9_223_372_036_854_775_807n],
});
