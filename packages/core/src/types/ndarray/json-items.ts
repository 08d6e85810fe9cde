import { jsonInteger } from '../../json/json-integer.js';
import type { JsonValue } from '../../json/json-value.js';
import type { NdArrayDType } from './dtype.js';

/** Turns one element of an ndarray into its JSON value. */
export type JsonItemWriter = (value: unknown) => JsonValue;

/**
 * Any element as JSON: a `bigint` becomes a number when it is safe (and stays a `bigint`, which
 * `stringifyJson` writes exactly, when it is not); a `Date` becomes its ISO 8601 string.
 */
export function jsonItem(value: unknown): JsonValue {
  if (typeof value === 'bigint') return jsonInteger(value);
  if (value instanceof Date) return value.toISOString();
  return value as JsonValue;
}

/** numpy stores booleans as bytes: `bool` data held in a `Uint8Array` is written as `true`/`false`. */
function jsonBoolean(value: unknown): JsonValue {
  return typeof value === 'number' && (value === 0 || value === 1) ? value === 1 : jsonItem(value);
}

/** The writer of a dtype's elements. */
export function jsonItemWriter(dtype: NdArrayDType): JsonItemWriter {
  return dtype === 'bool' ? jsonBoolean : jsonItem;
}

/**
 * A float32 as the shortest decimal that reads back as the same float32 (`5.1`, not `5.099999904632568`), for
 * examples: exact, and what the sample's author wrote. Too slow for large results, which keep the float64 text.
 */
function shortestFloat32(value: unknown): JsonValue {
  if (typeof value !== 'number' || !Number.isFinite(value)) return jsonItem(value);
  for (let digits = 1; digits < 9; digits++) {
    const short = Number(value.toPrecision(digits));
    if (Math.fround(short) === value) return short;
  }
  return value;
}

/** The writer of a dtype's elements in the schema's example. */
export function exampleItemWriter(dtype: NdArrayDType): JsonItemWriter {
  return dtype === 'float32' ? shortestFloat32 : jsonItemWriter(dtype);
}
