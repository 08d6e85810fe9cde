import { stringify as stringifyLossless } from 'lossless-json';

/**
 * Serializes a value as compact JSON, writing `bigint` values as exact JSON integers (which
 * `JSON.stringify` refuses to do). Values without a bigint take the native path at full speed.
 *
 * @example
 * stringifyJson({ id: 9007199254740993n }); // '{"id":9007199254740993}'
 */
export function stringifyJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch (error) {
    if (!(error instanceof TypeError) || !/bigint/i.test(error.message)) throw error;
    return stringifyLossless(value) ?? 'null';
  }
}
