import type { ParameterType } from '../types/parameter-type.js';
import { arrowCodec } from './arrow/arrow-codec.js';
import { mediaTypeOf, type BodyCodec } from './body-codec.js';
import { jsonCodec } from './json-codec.js';
import { npyCodec } from './npy/npy-codec.js';

/** A codec with the one media type it was chosen for. */
export interface CodecChoice {
  readonly codec: BodyCodec;
  readonly mediaType: string;
}

/**
 * The body formats a server, CLI or document knows, looked up by media type or file name. The default
 * registry, {@link bodyCodecs}, holds JSON, `.npy` and Arrow IPC.
 *
 * @example
 * bodyCodecs.forMediaType('application/vnd.apache.arrow.stream; charset=binary')?.codec.name; // 'arrow'
 * bodyCodecs.forFileName('data.npy')?.mediaType; // 'application/x-npy'
 * bodyCodecs.mediaTypesFor(featuresType); // ['application/json', 'application/x-npy']
 */
export class CodecRegistry {
  readonly codecs: readonly BodyCodec[];
  readonly #byMediaType = new Map<string, BodyCodec>();

  constructor(codecs: readonly BodyCodec[]) {
    this.codecs = Object.freeze([...codecs]);
    for (const codec of codecs) for (const mediaType of codec.mediaTypes) this.#byMediaType.set(mediaType, codec);
  }

  /**
   * The codec of a `Content-Type` (parameters ignored). A structured-syntax suffix names its base format:
   * `application/problem+json` is read as `application/json`.
   */
  forMediaType(contentType: string): CodecChoice | undefined {
    const mediaType = mediaTypeOf(contentType);
    const codec = this.#byMediaType.get(mediaType);
    if (codec) return { codec, mediaType };
    const plus = mediaType.lastIndexOf('+');
    const base = plus < 0 ? undefined : this.#byMediaType.get(`application/${mediaType.slice(plus + 1)}`);
    return base ? { codec: base, mediaType: `application/${mediaType.slice(plus + 1)}` } : undefined;
  }

  /** The codec of a file, by its extension (case-insensitive). */
  forFileName(fileName: string): CodecChoice | undefined {
    const dot = fileName.lastIndexOf('.');
    if (dot < 0) return undefined;
    const extension = fileName.slice(dot).toLowerCase();
    for (const codec of this.codecs) {
      const mediaType = codec.extensions[extension];
      if (mediaType) return { codec, mediaType };
    }
    return undefined;
  }

  /** Every media type that can carry a value of `type`, JSON first. */
  mediaTypesFor(type: ParameterType | undefined): string[] {
    return this.codecs.filter((codec) => (type ? codec.supports(type) : codec.carries === 'parameters')).flatMap((codec) => codec.mediaTypes);
  }
}

/** The default registry: JSON, `.npy` (`application/x-npy`) and Arrow IPC (stream and file). */
export const bodyCodecs = new CodecRegistry([jsonCodec, npyCodec, arrowCodec]);

/**
 * JSON, as {@link bodyCodecs} chooses it for `application/json`: the default body format both ways, one object
 * for the server and the CLI.
 *
 * @example
 * JSON_CHOICE.codec === bodyCodecs.forMediaType('application/json')?.codec; // true
 */
export const JSON_CHOICE: CodecChoice = Object.freeze({ codec: jsonCodec, mediaType: 'application/json' });
