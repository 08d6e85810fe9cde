import type { LoadedScript, ScriptParameter } from '../script/contract.js';
import { appendPointer } from '../json/json-pointer.js';
import { InputValidationError } from '../validation/input-validation-error.js';
import type { CodecChoice, CodecRegistry } from './codec-registry.js';
import { bodyCodecs } from './codec-registry.js';
import { parseJsonBody } from './json-codec.js';

/**
 * The parameter a binary body fills: a `schema` script's one declared input, when every other parameter of
 * `run` may be left out (docs/decisions.md: binary bodies are for single-input scripts).
 */
export function valueParameterOf(script: Pick<LoadedScript, 'kind' | 'parameters'>): ScriptParameter | undefined {
  if (script.kind !== 'schema') return undefined;
  const declared = script.parameters.filter((parameter) => parameter.type !== undefined);
  if (declared.length !== 1) return undefined;
  const [only] = declared;
  return script.parameters.every((parameter) => parameter === only || parameter.optional) ? only : undefined;
}

/**
 * The media types a `schema` script's request bodies may have: JSON, then each format that can carry its
 * single input's type.
 *
 * @example
 * requestMediaTypes(script); // ['application/json', 'application/x-npy']
 */
export function requestMediaTypes(script: Pick<LoadedScript, 'kind' | 'parameters'>, registry: CodecRegistry = bodyCodecs): string[] {
  const parameter = valueParameterOf(script);
  return registry.codecs.flatMap((codec) => {
    if (codec.carries === 'parameters') return [...codec.mediaTypes];
    return parameter?.type && codec.supports(parameter.type) ? [...codec.mediaTypes] : [];
  });
}

/** The media types a script's results can be written in: JSON, then each format its output type fits. */
export function responseMediaTypes(script: Pick<LoadedScript, 'outputType'>, registry: CodecRegistry = bodyCodecs): string[] {
  const type = script.outputType;
  return registry.codecs.flatMap((codec) => (codec.carries === 'parameters' || (type && codec.supports(type)) ? [...codec.mediaTypes] : []));
}

/**
 * Reads a request body of a known format into the native values of `run`'s parameters, by name, ready for
 * `script.invokeDecoded`. A JSON body is the object of every parameter; a binary body is the value of the
 * script's one input (see {@link valueParameterOf}).
 *
 * @throws InputValidationError (a `BodyFormatError` for a body the format cannot read) with paths that start
 *   with the parameter's name.
 * @throws TypeError when the format cannot carry this script's input (check `requestMediaTypes` first).
 */
export function decodeRequestBody(script: LoadedScript, choice: CodecChoice, bytes: Uint8Array): Record<string, unknown> {
  if (choice.codec.carries === 'parameters') return script.decodeInput(parseJsonBody(bytes, script.exactIntegers));
  const parameter = valueParameterOf(script);
  if (!parameter?.type || !choice.codec.supports(parameter.type)) {
    throw new TypeError(`${choice.mediaType} cannot carry the input of ${script.path}`);
  }
  try {
    return { [parameter.name]: choice.codec.decode(bytes, parameter.type, choice.mediaType) };
  } catch (error) {
    throw error instanceof InputValidationError ? error.prefixed(appendPointer('', parameter.name)) : error;
  }
}

/**
 * Writes what `run` returned as a body of the chosen format: JSON through `script.encodeOutput` (with its
 * output validation), a binary format through the output type.
 *
 * @throws TypeError when the format cannot carry this script's output (check `responseMediaTypes` first).
 */
export function encodeResponseBody(script: LoadedScript, choice: CodecChoice, result: unknown): Uint8Array | unknown {
  if (choice.codec.carries === 'parameters') return script.encodeOutput(result);
  const type = script.outputType;
  if (!type || !choice.codec.supports(type)) throw new TypeError(`${choice.mediaType} cannot carry the output of ${script.path}`);
  return choice.codec.encode(result, type, choice.mediaType);
}
