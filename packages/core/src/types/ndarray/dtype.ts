import type { JsonSchema } from '../../schema/json-schema.js';

/** The element types an {@link NdArrayParameterType} knows, named as numpy names them. */
export type NdArrayDType =
  | 'int8'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'uint8'
  | 'uint16'
  | 'uint32'
  | 'uint64'
  | 'float32'
  | 'float64'
  | 'bool'
  | 'string'
  | 'datetime64';

/**
 * The data array a decoded ndarray of each dtype is backed by: the matching typed array for numbers (64-bit
 * integers exactly, as `bigint`), and plain arrays of `boolean`, `string` and `Date` for the rest.
 */
export interface NdArrayDataOf {
  int8: Int8Array<ArrayBuffer>;
  int16: Int16Array<ArrayBuffer>;
  int32: Int32Array<ArrayBuffer>;
  int64: BigInt64Array<ArrayBuffer>;
  uint8: Uint8Array<ArrayBuffer>;
  uint16: Uint16Array<ArrayBuffer>;
  uint32: Uint32Array<ArrayBuffer>;
  uint64: BigUint64Array<ArrayBuffer>;
  float32: Float32Array<ArrayBuffer>;
  float64: Float64Array<ArrayBuffer>;
  bool: boolean[];
  string: string[];
  datetime64: Date[];
}

/** Any data array a decoded ndarray is backed by. */
export type NdArrayData = NdArrayDataOf[NdArrayDType];

/** Every dtype, in the order of {@link NdArrayDType}. */
export const NDARRAY_DTYPES: readonly NdArrayDType[] = Object.freeze([
  'int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64', 'float32', 'float64', 'bool', 'string', 'datetime64',
] as const);

const ITEM_SCHEMAS: Readonly<Record<NdArrayDType, JsonSchema>> = {
  int8: { type: 'integer', format: 'int8' },
  int16: { type: 'integer', format: 'int16' },
  int32: { type: 'integer', format: 'int32' },
  int64: { type: 'integer', format: 'int64' },
  uint8: { type: 'integer', format: 'uint8' },
  uint16: { type: 'integer', format: 'uint16' },
  uint32: { type: 'integer', format: 'uint32' },
  uint64: { type: 'integer', format: 'uint64' },
  float32: { type: 'number', format: 'float' },
  float64: { type: 'number', format: 'double' },
  bool: { type: 'boolean' },
  string: { type: 'string' },
  datetime64: { type: 'string', format: 'date-time' },
};

/** The schema of one element of a dtype (a fresh object). */
export function itemSchemaOf(dtype: NdArrayDType): JsonSchema {
  return { ...ITEM_SCHEMAS[dtype] };
}

/** True for the names of {@link NdArrayDType}. */
export function isNdArrayDType(value: unknown): value is NdArrayDType {
  return typeof value === 'string' && Object.hasOwn(ITEM_SCHEMAS, value);
}
