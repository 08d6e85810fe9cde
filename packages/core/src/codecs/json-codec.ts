import { parseJson } from '../json/parse-json.js';
import { stringifyJson } from '../json/stringify-json.js';
import { hasExactIntegers } from '../schema/supported-versions.js';
import type { ParameterType } from '../types/parameter-type.js';
import type { BodyCodec } from './body-codec.js';
import { BodyFormatError } from './body-format-error.js';

const exact = new WeakMap<ParameterType, boolean>();
const decoder = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

function exactIntegersOf(type: ParameterType): boolean {
  let known = exact.get(type);
  if (known === undefined) exact.set(type, (known = hasExactIntegers(type.toJsonSchema())));
  return known;
}

/**
 * Reads JSON text as UTF-8 JSON, with exact 64-bit integers when asked.
 *
 * @throws BodyFormatError `json.syntax`.
 */
export function parseJsonBody(bytes: Uint8Array, exactIntegers: boolean): unknown {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new BodyFormatError('json.syntax', 'the JSON body is not valid UTF-8');
  }
  try {
    return parseJson(text, { exactIntegers });
  } catch (error) {
    throw new BodyFormatError('json.syntax', `the body is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * `application/json` (and `application/*+json`): the whole request is one object holding every parameter by
 * name; a single value is read and written through its type's JSON form (exact 64-bit integers included).
 */
export const jsonCodec: BodyCodec = Object.freeze({
  name: 'json',
  mediaTypes: Object.freeze(['application/json']),
  extensions: Object.freeze({ '.json': 'application/json' }),
  carries: 'parameters' as const,
  supports: () => true,
  decode(bytes: Uint8Array, type: ParameterType): unknown {
    return type.decode(parseJsonBody(bytes, exactIntegersOf(type)));
  },
  encode(value: unknown, type: ParameterType): Uint8Array {
    return encoder.encode(stringifyJson(type.encode(value)));
  },
});
