import { InputValidationError, type JsonValue } from '@inferschema/core';
import fc from 'fast-check';
import { SEED } from './hostile-values.js';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i;
const DECIMAL_INTEGER = /^-?\d+$/;

function asInteger(value: unknown): bigint | undefined {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  if (typeof value === 'string' && DECIMAL_INTEGER.test(value)) return BigInt(value);
  return undefined;
}

/**
 * True when `output` (what `encode(decode(input))` wrote) stands for the same value as `input`, up to the
 * documented normalisations: integers as number, `bigint` or decimal string compare by value; `-0` equals `0`;
 * a date-time compares by instant (`+02:00` → `Z`, milliseconds added); base64 compares by its bytes; with
 * `float32`, a number compares after rounding to the nearest float32 (what a `Float32Array` holds).
 */
export function sameJsonValue(input: unknown, output: unknown, float32 = false): boolean {
  if (typeof input === 'number' && typeof output === 'number') return (float32 ? Math.fround(input) : input) === output;
  const inputInteger = asInteger(input);
  const outputInteger = asInteger(output);
  if (inputInteger !== undefined && outputInteger !== undefined && typeof output !== 'string') return inputInteger === outputInteger;
  if (typeof input === 'string' && typeof output === 'string') {
    if (input === output) return true;
    if (ISO_DATE_TIME.test(input) && ISO_DATE_TIME.test(output)) return Date.parse(input) === Date.parse(output);
    return BASE64.test(input) && BASE64.test(output) && Buffer.from(input, 'base64').equals(Buffer.from(output, 'base64'));
  }
  if (Array.isArray(input) && Array.isArray(output)) {
    return input.length === output.length && input.every((item, index) => sameJsonValue(item, output[index], float32));
  }
  if (isObject(input) && isObject(output)) {
    const keys = Object.keys(input);
    if (keys.length !== Object.keys(output).length) return false;
    return keys.every((key) => Object.hasOwn(output, key) && sameJsonValue(input[key], output[key], float32));
  }
  return input === output;
}

/**
 * A deep copy that keeps what `structuredClone` loses: each object's prototype (fast-check builds
 * null-prototype objects) and own keys such as `__proto__`.
 */
export function snapshotOf(value: unknown, seen = new Map<object, unknown>()): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return seen.get(value);
  if (ArrayBuffer.isView(value) || value instanceof Date) return structuredClone(value);
  const copy: Record<PropertyKey, unknown> = Array.isArray(value) ? [] : Object.create(Object.getPrototypeOf(value) as object | null);
  seen.set(value, copy);
  for (const key of Reflect.ownKeys(value)) {
    if (Array.isArray(value) && key === 'length') continue;
    const item = snapshotOf((value as Record<PropertyKey, unknown>)[key], seen);
    Object.defineProperty(copy, key, { value: item, enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

/**
 * Deep equality that trusts nothing on the values: prototypes, every own key (`constructor` and `__proto__`
 * included, which fool `toStrictEqual`), `Object.is` on leaves, bytes of typed arrays, instants of dates.
 */
export function deepSame(left: unknown, right: unknown): boolean {
  // Iterative: inputs nested 100,000 levels deep must not overflow the stack of the check itself.
  const pending: Array<[unknown, unknown]> = [[left, right]];
  const seen = new Map<object, unknown>();
  while (pending.length > 0) {
    const [a, b] = pending.pop()!;
    if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) {
      if (!Object.is(a, b)) return false;
      continue;
    }
    if (seen.get(a) === b) continue;
    seen.set(a, b);
    if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
    if (a instanceof Date) {
      if (!Object.is(a.getTime(), (b as Date).getTime())) return false;
      continue;
    }
    if (ArrayBuffer.isView(a)) {
      const other = b as ArrayBufferView;
      if (!Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(other.buffer, other.byteOffset, other.byteLength))) return false;
      continue;
    }
    const keys = Reflect.ownKeys(a);
    const otherKeys = new Set(Reflect.ownKeys(b));
    if (keys.length !== otherKeys.size) return false;
    for (const key of keys) {
      if (!otherKeys.has(key)) return false;
      pending.push([(a as Record<PropertyKey, unknown>)[key], (b as Record<PropertyKey, unknown>)[key]]);
    }
  }
  return true;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What every parameter type offers the contract check. */
export interface Decoder {
  decode(json: unknown): unknown;
  encode(value: never): JsonValue;
}

/**
 * How a successful decode is checked: `encode(decode(x))` equals `x` (normalised; `same-float32` also rounds
 * numbers to float32), or only a fixpoint: `encode(decode(y))` is `y` for `y = encode(decode(x))`.
 */
export type RoundTrip = 'same-value' | 'same-float32' | 'fixpoint';

/** The counts one run of {@link checkDecodeContract} saw, so a test can prove both outcomes were reached. */
export interface ContractOutcomes {
  accepted: number;
  rejected: number;
}

/**
 * Runs `decode` on one input and checks the contract: it returns a value or throws `InputValidationError`
 * (with a path and a message for each issue), never anything else; the input is deep-equal to a snapshot taken
 * before (or `snapshot`, an equal copy built separately); a returned value encodes back to the input (or, for `fixpoint`, to JSON that decodes to itself).
 */
export function checkDecodeContract(
  type: Decoder,
  input: unknown,
  roundTrip: RoundTrip,
  outcomes: ContractOutcomes,
  snapshot: unknown = snapshotOf(input),
): void {
  let decoded: unknown;
  try {
    decoded = type.decode(input);
  } catch (error) {
    if (!(error instanceof InputValidationError)) throw new Error(`decode threw ${String(error)} instead of InputValidationError`, { cause: error });
    expect(error.errors.length).toBeGreaterThan(0);
    for (const issue of error.errors) {
      expect(issue.path === '' || issue.path.startsWith('/')).toBe(true);
      expect(typeof issue.message).toBe('string');
      expect(issue.message.length).toBeGreaterThan(0);
    }
    if (!deepSame(input, snapshot)) throw new Error('decode changed its input');
    outcomes.rejected += 1;
    return;
  }
  if (!deepSame(input, snapshot)) throw new Error('decode changed its input');
  const encoded = type.encode(decoded as never);
  if (roundTrip !== 'fixpoint') {
    if (!sameJsonValue(input, encoded, roundTrip === 'same-float32')) throw new Error(`encode(decode(x)) differs from x:\n${describe(input)}\n${describe(encoded)}`);
  } else {
    const again = type.encode(type.decode(encoded) as never);
    if (!deepSame(again, encoded)) throw new Error(`encode(decode(y)) is not y for y = encode(decode(x)):\n${describe(encoded)}\n${describe(again)}`);
  }
  outcomes.accepted += 1;
}

function describe(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? `${item}n` : item));
}

/**
 * Checks the decode contract on `numRuns` inputs from `inputs` (fixed seed), and returns how many were
 * accepted and rejected.
 */
export function assertDecodeContract(type: Decoder, inputs: fc.Arbitrary<unknown>, roundTrip: RoundTrip, numRuns = 300): ContractOutcomes {
  const outcomes: ContractOutcomes = { accepted: 0, rejected: 0 };
  fc.assert(
    fc.property(inputs, (input) => checkDecodeContract(type, input, roundTrip, outcomes)),
    { seed: SEED, numRuns },
  );
  return outcomes;
}
