import { appendPointer } from '../../json/json-pointer.js';

/**
 * Thrown by `encode` for a value that has no JSON form (a function, a symbol, a `Map`, an instance of a class
 * without `toJSON`). `pointer` is the JSON Pointer of the value in what was encoded.
 *
 * @example
 * new StandardParameterType({ list: [1] }).encode({ list: [1, () => 2] });
 * // throws UnencodableValueError: Cannot encode the value at /list/1: a function
 */
export class UnencodableValueError extends TypeError {
  override readonly name = 'UnencodableValueError';

  constructor(
    readonly pointer: string,
    readonly what: string,
  ) {
    super(`Cannot encode the value${pointer ? ` at ${pointer}` : ''}: ${what}`);
  }

  /** The same problem, one level down: inside `token` of the enclosing array or object. */
  within(token: string | number): UnencodableValueError {
    return new UnencodableValueError(appendPointer('', token) + this.pointer, this.what);
  }
}

/** Rethrows `error` as seen from the container holding the value at `token`. */
export function rethrowWithin(error: unknown, token: string | number): never {
  throw error instanceof UnencodableValueError ? error.within(token) : error;
}
