import type { JsonValue } from '../../json/json-value.js';
import { setMember } from './encode-json.js';

/** A deep copy of a parsed JSON value, so that `run` never shares (or mutates) the caller's input. */
export function copyJson(json: unknown): unknown {
  if (typeof json !== 'object' || json === null) return json;
  if (Array.isArray(json)) {
    const copy = new Array<unknown>(json.length);
    for (let i = 0; i < json.length; i++) copy[i] = copyJson(json[i]);
    return copy;
  }
  const copy: Record<string, JsonValue> = {};
  for (const key of Object.keys(json)) setMember(copy, key, copyJson((json as Record<string, unknown>)[key]) as JsonValue);
  return copy;
}
