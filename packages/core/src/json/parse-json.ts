import { isInteger, parse as parseLossless } from 'lossless-json';
import type { JsonValue } from './json-value.js';

/** Options of {@link parseJson}. */
export interface ParseJsonOptions {
  /** Parse integers beyond ±2^53 as `bigint` instead of rounding them. Default `false`. */
  readonly exactIntegers?: boolean;
}

/**
 * A run of 16 or more digits that is not the fraction or exponent of a number: the only place an integer
 * beyond 2^53 can hide. Digits inside strings can match too; that only costs the slower exact parse.
 */
const LONG_INTEGER = /(?<![\d.eE+-])-?\d{16,}(?![\d.eE])/;

function parseNumber(text: string): number | bigint {
  if (!isInteger(text)) return Number(text);
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : BigInt(text);
}

/**
 * Parses JSON text. With `exactIntegers`, integers beyond ±2^53 become `bigint`; text without such an
 * integer (the common case) takes the native `JSON.parse` path at full speed.
 *
 * @throws SyntaxError when the text is not JSON.
 * @example
 * parseJson('{"id": 9007199254740993}', { exactIntegers: true }); // { id: 9007199254740993n }
 */
export function parseJson(text: string, options: ParseJsonOptions = {}): JsonValue {
  if (!options.exactIntegers || !LONG_INTEGER.test(text)) return JSON.parse(text) as JsonValue;
  try {
    return parseLossless(text, null, parseNumber) as JsonValue;
  } catch (error) {
    throw new SyntaxError((error as Error).message);
  }
}
