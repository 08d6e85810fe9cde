import { stringify as stringifyLossless } from 'lossless-json';

/**
 * Serializes a value as JSON (compact unless `space` is given, as in `JSON.stringify`), writing `bigint`
 * values as exact JSON integers (which `JSON.stringify` refuses to do). Values without a bigint take the
 * native path at full speed.
 *
 * @example
 * stringifyJson({ id: 9007199254740993n }); // '{"id":9007199254740993}'
 */
export function stringifyJson(value: unknown, space?: number | string): string {
  try {
    return JSON.stringify(value, null, space);
  } catch (error) {
    if (!(error instanceof TypeError) || !/bigint/i.test(error.message)) throw error;
    return stringifyLossless(value, null, space) ?? 'null';
  }
}
