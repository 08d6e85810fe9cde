import { InputValidationError } from '../validation/input-validation-error.js';

const BRAND = Symbol.for('inferschema.BodyFormatError');

/**
 * What can be wrong with a binary body, one code per problem (docs/parameter-types.md lists them):
 * - `npy.magic`: not a `.npy` body (no `\x93NUMPY` prefix)
 * - `npy.version`: a format version other than 1.0, 2.0 or 3.0
 * - `npy.header`: the header is truncated, longer than 10,000 bytes, or not the dictionary numpy writes
 * - `npy.dtype`: a dtype this format does not carry here (object, structured, complex, float16, ...)
 * - `npy.size`: the data is shorter or longer than the header's shape and dtype say
 * - `arrow.framing`: an Arrow stream cut inside a message, a file without its footer, or bytes after the end
 * - `arrow.invalid`: Arrow metadata or buffers that do not describe a valid table (a missing dictionary, an
 *   offset past its buffer, ...)
 * - `json.syntax`: a JSON body that is not UTF-8 JSON
 * - `schema`: a well-formed body whose dtype, shape, columns or types do not fit the parameter's sample
 */
export type BodyFormatProblem =
  | 'npy.magic'
  | 'npy.version'
  | 'npy.header'
  | 'npy.dtype'
  | 'npy.size'
  | 'arrow.framing'
  | 'arrow.invalid'
  | 'json.syntax'
  | 'schema';

/**
 * A request body that cannot be decoded in its format, or does not fit the parameter's type. It is an
 * {@link InputValidationError} (the caller's mistake: 400 on `/score`) with one issue at the body's root and a
 * {@link BodyFormatProblem} `code`.
 *
 * @example
 * try { npyCodec.decode(bytes, features) } catch (error) {
 *   if (error instanceof BodyFormatError) error.code; // 'npy.size'
 * }
 */
export class BodyFormatError extends InputValidationError {
  override readonly name: string = 'BodyFormatError';
  readonly code: BodyFormatProblem;

  constructor(code: BodyFormatProblem, message: string, path = '') {
    super([{ path, message }]);
    this.code = code;
    Object.defineProperty(this, BRAND, { value: true });
  }

  override prefixed(pointer: string): BodyFormatError {
    return new BodyFormatError(this.code, this.errors[0]!.message, pointer + this.errors[0]!.path);
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}
