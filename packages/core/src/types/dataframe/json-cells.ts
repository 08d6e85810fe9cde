import { jsonInteger } from '../../json/json-integer.js';
import type { JsonValue } from '../../json/json-value.js';
import type { ColumnType } from './column-type.js';
import { packedMap } from '../../json/packed-map.js';

/**
 * The JSON value of one cell: dates and date-times become ISO 8601 strings (epoch milliseconds too, in a
 * date-time column), `bigint` becomes a number when it is safe, non-finite numbers and missing cells become
 * `null`.
 */
export function jsonCell(value: unknown, type: ColumnType): JsonValue {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value)) return null;
      return type.kind === 'date-time' ? new Date(value).toISOString() : value;
    case 'bigint':
      return jsonInteger(value);
    case 'string':
    case 'boolean':
      return value;
    default:
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
      return String(value);
  }
}

/** The JSON cells of a column of native values. */
export function jsonCells(values: ArrayLike<unknown>, type: ColumnType): JsonValue[] {
  return packedMap(values, (value) => jsonCell(value, type));
}
