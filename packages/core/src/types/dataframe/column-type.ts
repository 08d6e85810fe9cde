import type { JsonSchema, JsonSchemaType } from '../../schema/json-schema.js';

/**
 * What a DataFrame column holds, read from the sample's real types (Arrow field types, danfo dtypes, typed
 * arrays or array elements), never from JSON values. `scalar` is a column whose type is taken from the values
 * of a request (`enforceColumnType: false`, or an extra column under `enforceShape: false`).
 */
export interface ColumnType {
  readonly kind: 'integer' | 'number' | 'boolean' | 'string' | 'date-time' | 'scalar';
  /** `int8` … `uint64` for integers, `float` or `double` for numbers. */
  readonly format?: string;
  /** True when a cell may be `null`. */
  readonly nullable: boolean;
}

/** The pandas table-schema field type of each column kind (`orient: 'table'`). */
export const TABLE_FIELD_TYPES: Readonly<Record<ColumnType['kind'], string>> = Object.freeze({
  integer: 'integer',
  number: 'number',
  boolean: 'boolean',
  string: 'string',
  'date-time': 'datetime',
  scalar: 'any',
});

/** Any JSON scalar or null, in a form every OpenAPI version reads as nullable (and ajv's strict mode accepts). */
const SCALAR_TYPES: JsonSchemaType[] = ['boolean', 'number', 'string'];

/** The JSON Schema of one cell of a column. */
export function cellSchemaOf(column: ColumnType): JsonSchema {
  if (column.kind === 'scalar') return { anyOf: SCALAR_TYPES.map((type) => ({ type: [type, 'null'] })) };
  const type: JsonSchemaType = column.kind === 'date-time' ? 'string' : column.kind;
  const schema: JsonSchema = { type: column.nullable ? [type, 'null'] : type };
  const format = column.kind === 'date-time' ? 'date-time' : column.format;
  if (format) schema.format = format;
  return schema;
}

/** True for the columns whose integers can go beyond ±2^53 (decoded as bigint). */
export function isExactInteger(column: ColumnType): boolean {
  return column.kind === 'integer' && (column.format === 'int64' || column.format === 'uint64');
}
