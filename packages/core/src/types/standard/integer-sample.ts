import { INTEGER_FORMATS } from '../../validation/numeric-formats.js';

/** The integer formats an {@link integer} sample can declare. */
export type IntegerFormat = 'int8' | 'int16' | 'int32' | 'int64' | 'uint8' | 'uint16' | 'uint32' | 'uint64';

const BRAND = Symbol.for('inferschema.IntegerSample');

/**
 * A sample number declared as an integer (JavaScript cannot tell `1` from `1.0`, so a plain number sample
 * means a double). Made by {@link integer}; it decodes to a `number`.
 */
export interface IntegerSample {
  readonly value: number;
  readonly format: IntegerFormat;
  readonly [BRAND]: true;
}

/**
 * Declares an integer in a sample: `{type: 'integer', format}`, decoded to a `number`. The default format,
 * `int64`, accepts every integer a `number` holds exactly (±2^53; larger ones are rejected, never rounded);
 * use a `bigint` sample for the full 64-bit range.
 *
 * @throws RangeError when `value` is not an integer within `format` (and ±2^53).
 * @example
 * new StandardParameterType({ topK: integer(5), seed: integer(7, 'uint32') });
 */
export function integer(value: number, format: IntegerFormat = 'int64'): IntegerSample {
  const range = INTEGER_FORMATS[format];
  if (!range) throw new RangeError(`Unknown integer format ${JSON.stringify(format)}`);
  if (!Number.isSafeInteger(value) || BigInt(value) < range.min || BigInt(value) > range.max) {
    throw new RangeError(`integer(${String(value)}, '${format}'): the sample must be ${range.description} and within ±2^53`);
  }
  return Object.freeze({ value, format, [BRAND]: true as const });
}

/** True for the samples {@link integer} makes, from any copy of this package. */
export function isIntegerSample(value: unknown): value is IntegerSample {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}
