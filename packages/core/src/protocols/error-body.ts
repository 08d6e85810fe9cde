import type { ValidationIssue } from '../validation/input-validation-error.js';
import type { ProtocolName } from './route.js';

/** The JSON error body of Azure ML routes (and the server's own): `message`, plus `errors` for validation. */
export interface AzureErrorBody {
  readonly message: string;
  readonly errors?: readonly ValidationIssue[];
}

/** The JSON error body of Open Inference Protocol routes. */
export interface OipErrorBody {
  readonly error: string;
}

/**
 * The error body a route of `protocol` answers with: each protocol owns its shape. Azure and the server's own
 * routes (`ops`) write `{ message, errors? }`; the Open Inference Protocol writes `{ error }`.
 *
 * @example
 * errorBodyOf('oip', 'unknown model'); // { error: 'unknown model' }
 * errorBodyOf('azure', 'bad', [{ path: '/a', message: 'must be a number' }]); // { message: 'bad', errors: [...] }
 */
export function errorBodyOf(protocol: ProtocolName, message: string, errors?: readonly ValidationIssue[]): AzureErrorBody | OipErrorBody {
  if (protocol === 'oip') return { error: message };
  return errors ? { message, errors } : { message };
}
