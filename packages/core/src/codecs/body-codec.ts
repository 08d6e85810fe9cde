import type { ParameterType } from '../types/parameter-type.js';

/**
 * One format of request and response bodies (JSON, `.npy`, Arrow IPC, ...). The server, `inferschema run` and
 * the document builders all find codecs in one {@link CodecRegistry}, so a new format is one more codec.
 *
 * @example
 * const codec = bodyCodecs.forMediaType('application/x-npy')!;
 * const features = codec.decode(body, featuresType); // NdArray<Float64Array>, checked against the sample
 * const reply = codec.encode(prediction, outputType); // Uint8Array
 */
export interface BodyCodec {
  /** A short name: `json`, `npy`, `arrow`. */
  readonly name: string;
  /** The media types it reads (lower case, no parameters); it writes the one asked for, the first by default. */
  readonly mediaTypes: readonly string[];
  /** The file extensions (with the dot) that mean this format to `inferschema run`, each with its media type. */
  readonly extensions: Readonly<Record<string, string>>;
  /**
   * What one body carries: `parameters` is an object holding every parameter of `run` by name (JSON);
   * `value` is the value of the script's one data parameter (a binary format, see docs/decisions.md).
   */
  readonly carries: 'parameters' | 'value';
  /** True when values of this parameter type can travel in this format. */
  supports(type: ParameterType): boolean;
  /**
   * Reads a body into the native value the type decodes to, checked against the type's sample.
   *
   * @throws BodyFormatError naming what is wrong with the bytes or how they do not fit the sample.
   */
  decode(bytes: Uint8Array, type: ParameterType, mediaType?: string): unknown;
  /** Writes a native value of the type (what `run` returns) as a body of `mediaType`. */
  encode(value: unknown, type: ParameterType, mediaType?: string): Uint8Array;
}

/**
 * The media type of a `Content-Type` header value: lower case, without parameters.
 *
 * @example
 * mediaTypeOf('Application/JSON; charset=utf-8'); // 'application/json'
 */
export function mediaTypeOf(contentType: string): string {
  const semicolon = contentType.indexOf(';');
  return (semicolon < 0 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
}
