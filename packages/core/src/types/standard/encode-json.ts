import { jsonInteger } from '../../json/json-integer.js';
import type { JsonValue } from '../../json/json-value.js';
import { describeValue, isPlainObject } from './describe-value.js';
import { rethrowWithin, UnencodableValueError } from './unencodable-value-error.js';

/** Base64 of the bytes a `Uint8Array` (or `Buffer`) views. */
export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** The elements of a typed array as JSON numbers (`bigint` elements beyond ±2^53 stay `bigint`). */
export function encodeTypedArray(array: ArrayLike<number | bigint>): JsonValue[] {
  const result = new Array<JsonValue>(array.length);
  for (let i = 0; i < array.length; i++) {
    const element = array[i]!;
    result[i] = typeof element === 'bigint' ? jsonInteger(element) : Number.isFinite(element) ? element : null;
  }
  return result;
}

/** Sets a key as an own data property, even `__proto__`. */
export function setMember(target: Record<string, JsonValue>, key: string, value: JsonValue): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** Encodes each element, naming the index of the one that cannot be encoded. */
export function encodeElements(array: ArrayLike<unknown>, encodeElement: (element: unknown) => JsonValue): JsonValue[] {
  const result = new Array<JsonValue>(array.length);
  let index = 0;
  try {
    for (; index < array.length; index++) result[index] = encodeElement(array[index]);
  } catch (error) {
    rethrowWithin(error, index);
  }
  return result;
}

/**
 * Encodes the members of a plain object (those that are not `undefined`, as `JSON.stringify` does), naming
 * the key of the one that cannot be encoded.
 */
export function encodeMembers(
  value: Record<string, unknown>,
  encodeMember: (key: string, member: unknown) => JsonValue,
): Record<string, JsonValue> {
  const result: Record<string, JsonValue> = {};
  let key = '';
  try {
    for (key of Object.keys(value)) {
      const member = value[key];
      if (member !== undefined) setMember(result, key, encodeMember(key, member));
    }
  } catch (error) {
    rethrowWithin(error, key);
  }
  return result;
}

/** Whether `JSON.stringify` would write an object through its `toJSON` (a `Map` or `Set` has none). */
export function hasToJSON(value: object): value is { toJSON(): unknown } {
  return typeof (value as { toJSON?: unknown }).toJSON === 'function';
}

function encodeObject(value: object, ancestors: Set<object>): JsonValue {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Uint8Array) return encodeBase64(value);
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return encodeTypedArray(value as unknown as ArrayLike<number>);
  const toJSON = hasToJSON(value) ? value.toJSON : undefined;
  if (!toJSON && !Array.isArray(value) && !isPlainObject(value)) throw new UnencodableValueError('', describeValue(value));
  if (ancestors.has(value)) throw new UnencodableValueError('', 'a circular reference');
  ancestors.add(value);
  try {
    if (toJSON) return encode(toJSON.call(value), ancestors);
    if (Array.isArray(value)) return encodeElements(value, (element) => encode(element, ancestors));
    return encodeMembers(value as Record<string, unknown>, (_key, member) => encode(member, ancestors));
  } finally {
    ancestors.delete(value);
  }
}

function encode(value: unknown, ancestors: Set<object>): JsonValue {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'bigint':
      return jsonInteger(value);
    case 'undefined':
      return null;
    case 'object':
      return value === null ? null : encodeObject(value, ancestors);
    default:
      throw new UnencodableValueError('', describeValue(value));
  }
}

/**
 * Any native value as JSON, where the sample says nothing more: `Date` → ISO 8601, `Uint8Array`/`Buffer` →
 * base64, other typed arrays → arrays of numbers, safe `bigint` → number, non-finite numbers and `undefined`
 * array elements → `null` (as `JSON.stringify` writes them), `undefined` object members left out, objects
 * with `toJSON` through it.
 *
 * @throws UnencodableValueError for functions, symbols, `Map`, `Set`, cycles and class instances without `toJSON`.
 */
export function encodeJson(value: unknown): JsonValue {
  return encode(value, new Set());
}
