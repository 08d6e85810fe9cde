import type { ValidationIssue } from '@inferschema/core';

/** The JSON body of every error response. `errors` lists validation problems with their JSON Pointers. */
export interface ErrorBody {
  readonly message: string;
  readonly errors?: readonly ValidationIssue[];
}

/**
 * A request the server refuses: answered with `status` and `{ "message": ... }`. Thrown from hooks and
 * handlers; the error handler turns it into the response.
 *
 * @example
 * throw new HttpError(415, MESSAGES.expectsJson);
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly errors: readonly ValidationIssue[] | undefined;

  constructor(status: number, message: string, options: { headers?: Record<string, string>; errors?: readonly ValidationIssue[] } = {}) {
    super(message);
    this.status = status;
    this.headers = options.headers ?? {};
    this.errors = options.errors;
  }

  get body(): ErrorBody {
    return this.errors ? { message: this.message, errors: this.errors } : { message: this.message };
  }
}
