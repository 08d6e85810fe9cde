import type { NdArrayDType } from './dtype.js';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

type Kind = 'a boolean' | 'a string' | 'a date' | 'a number';

function kindOf(value: unknown): Kind | undefined {
  switch (typeof value) {
    case 'boolean':
      return 'a boolean';
    case 'string':
      return 'a string';
    case 'number':
    case 'bigint':
      return 'a number';
    default:
      return value instanceof Date ? 'a date' : undefined;
  }
}

/**
 * Works out the dtype of a list of values, one value at a time: booleans give `bool`, strings `string`,
 * `Date`s `datetime64`, numbers `float64` (JSON cannot tell 1 from 1.0), and integers with a `bigint` among
 * them `int64` (or `uint64` when one is above the int64 range), so that no 64-bit value is rounded.
 *
 * @example
 * const inference = new DTypeInference();
 * [1, 2.5].forEach((value) => inference.add(value));
 * inference.dtype; // 'float64'
 */
export class DTypeInference {
  #kind: Kind | undefined;
  #fraction = false;
  #bigint = false;
  #negative = false;
  #aboveInt64 = false;

  /** Adds one value; returns why it cannot share an array with the values before it, or undefined. */
  add(value: unknown): string | undefined {
    const kind = kindOf(value);
    if (kind === undefined) return 'must be a number, a boolean or a string';
    if (this.#kind !== undefined && kind !== this.#kind) {
      return `must be ${this.#kind} like the values before it: an ndarray holds values of one type`;
    }
    this.#kind = kind;
    if (typeof value === 'number') return this.#addNumber(value);
    if (typeof value === 'bigint') return this.#addBigInt(value);
    return undefined;
  }

  /** The dtype of the values added so far; undefined when there were none. */
  get dtype(): NdArrayDType | undefined {
    switch (this.#kind) {
      case undefined:
        return undefined;
      case 'a boolean':
        return 'bool';
      case 'a string':
        return 'string';
      case 'a date':
        return 'datetime64';
      default:
        return this.#bigint ? (this.#aboveInt64 ? 'uint64' : 'int64') : 'float64';
    }
  }

  #addNumber(value: number): string | undefined {
    if (Number.isInteger(value)) {
      if (value < 0) this.#negative = true;
      return this.#bigint && !Number.isSafeInteger(value) ? ROUNDED : undefined;
    }
    this.#fraction = true;
    return this.#bigint ? WHOLE : undefined;
  }

  #addBigInt(value: bigint): string | undefined {
    if (this.#fraction) return WHOLE_BIGINT;
    if (value < INT64_MIN || value > UINT64_MAX) return 'must be within the int64 or uint64 range';
    if (value < 0n) this.#negative = true;
    if (value > INT64_MAX) this.#aboveInt64 = true;
    if (this.#negative && this.#aboveInt64) return 'must fit one 64-bit integer type: negative values and values above 2^63 - 1 cannot share int64 or uint64';
    this.#bigint = true;
    return undefined;
  }
}

const WHOLE = 'must be an integer: the array holds integers beyond ±2^53, so it is int64 and cannot hold fractions';
const WHOLE_BIGINT = 'must be a number below 2^53: the array holds fractions, so it is float64, which would round this integer';
const ROUNDED = 'must be an exact integer: this number is beyond ±2^53 and was rounded when parsed; send it as a decimal string';
