import { appendPointer } from '../../json/json-pointer.js';

/**
 * A problem found while converting JSON the schema has already accepted (an integer() beyond ±2^53), at a
 * JSON Pointer relative to the node that found it. Containers put their token in front on the way up, so no
 * path is built unless there is a problem; the type turns it into an `InputValidationError`.
 */
export class ConversionIssue {
  constructor(
    readonly pointer: string,
    readonly message: string,
  ) {}
}

/** Rethrows `error`, a {@link ConversionIssue} as seen from the container holding the value at `token`. */
export function rethrowIssueWithin(error: unknown, token: string | number): never {
  throw error instanceof ConversionIssue ? new ConversionIssue(appendPointer('', token) + error.pointer, error.message) : error;
}
