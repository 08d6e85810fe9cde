import { parseJson, type JsonValue } from '@inferschema/core';

function valueOf(text: string, exactIntegers: boolean): JsonValue {
  try {
    return parseJson(text, { exactIntegers });
  } catch {
    return text;
  }
}

/**
 * Turns a query string into the JSON object a `GET /score` passes to `run`, as the Azure ML server does:
 * each value is parsed as JSON when it is JSON (`1`, `[1,2]`, `null`, `"q"`) and kept as a string otherwise;
 * a key given several times becomes a list. Keys such as `__proto__` stay plain own keys.
 *
 * @example
 * queryObject(new URLSearchParams('a=1&b=x&b=y&d=[1,2]')); // { a: 1, b: ['x', 'y'], d: [1, 2] }
 */
export function queryObject(query: URLSearchParams, exactIntegers = false): Record<string, JsonValue> {
  const entries = new Map<string, JsonValue[]>();
  for (const [key, text] of query) {
    const values = entries.get(key) ?? [];
    values.push(valueOf(text, exactIntegers));
    entries.set(key, values);
  }
  return Object.fromEntries([...entries].map(([key, values]) => [key, values.length === 1 ? values[0]! : values]));
}
