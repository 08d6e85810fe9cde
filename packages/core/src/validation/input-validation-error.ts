/** One problem found in an input: where (a JSON Pointer into the input) and what. */
export interface ValidationIssue {
  /** JSON Pointer (RFC 6901) into the input, e.g. `/data/3/1`; `''` is the input itself. */
  readonly path: string;
  readonly message: string;
}

const BRAND = Symbol.for('inferschema.InputValidationError');

/** At most this many issues are listed; the message still counts them all. */
export const MAX_REPORTED_ISSUES = 20;

function summarize(errors: readonly ValidationIssue[], total: number): string {
  const first = errors[0];
  if (!first) return 'Invalid input';
  const more = total > 1 ? ` (and ${total - 1} more ${total === 2 ? 'problem' : 'problems'})` : '';
  return `Invalid input${first.path ? ` at ${first.path}` : ''}: ${first.message}${more}`;
}

/**
 * Thrown when an input does not match its schema. `errors` lists each problem (at most
 * {@link MAX_REPORTED_ISSUES}); the input is never changed.
 *
 * `instanceof` works across copies of this package (an entry script and the server may load different
 * copies), because the check looks for a registered brand rather than the class itself.
 *
 * @example
 * try { type.decode(body) } catch (error) {
 *   if (error instanceof InputValidationError) console.log(error.errors); // [{ path: '/3/1', message: 'must be a number' }]
 * }
 */
export class InputValidationError extends Error {
  override readonly name: string = 'InputValidationError';
  /** The problems, each with its JSON Pointer. */
  readonly errors: readonly ValidationIssue[];
  /** How many problems were found, including those beyond the listed ones. */
  readonly total: number;

  constructor(errors: readonly ValidationIssue[], total = errors.length) {
    const listed = Object.freeze(errors.slice(0, MAX_REPORTED_ISSUES).map((issue) => Object.freeze({ ...issue })));
    super(summarize(listed, total));
    this.errors = listed;
    this.total = total;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** The same problems with `pointer` put in front of every path (`/3` becomes `/data/3`). */
  prefixed(pointer: string): InputValidationError {
    return new InputValidationError(
      this.errors.map((issue) => ({ path: pointer + issue.path, message: issue.message })),
      this.total,
    );
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}
