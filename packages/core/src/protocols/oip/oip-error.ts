const BRAND = Symbol.for('inferschema.OipError');

/**
 * What went wrong, as every transport reports it: REST answers `400`, `404` or `503` with `{"error"}`,
 * gRPC `INVALID_ARGUMENT`, `NOT_FOUND` or `UNAVAILABLE`.
 */
export type OipErrorCode = 'invalid-argument' | 'not-found' | 'unavailable';

/**
 * An Open Inference Protocol request the server refuses; the message names the tensor and the problem.
 * `instanceof` works across copies of this package.
 *
 * @example
 * throw new OipError('invalid-argument', "input 'x': datatype FP64, expected FP32");
 */
export class OipError extends Error {
  override readonly name = 'OipError';
  readonly code: OipErrorCode;

  constructor(code: OipErrorCode, message: string) {
    super(message);
    this.code = code;
    Object.defineProperty(this, BRAND, { value: true });
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}

/** An `invalid-argument` error. */
export function invalid(message: string): OipError {
  return new OipError('invalid-argument', message);
}
