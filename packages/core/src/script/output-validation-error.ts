import { hasBrand, setBrand } from './brand.js';
import type { ValidationIssue } from '../validation/input-validation-error.js';

const BRAND = Symbol.for('inferschema.OutputValidationError');

/**
 * Thrown when a loaded script (output validation is on by default) finds that `run`'s encoded result does not
 * match the output schema. It is the script's error (a server answers 500), never the caller's. `instanceof`
 * works across copies of this package.
 *
 * @example
 * // Entry script …/score.ts: run's result does not match its output schema at /Results/0: must be a number
 */
export class OutputValidationError extends Error {
  override readonly name = 'OutputValidationError';
  readonly errors: readonly ValidationIssue[];

  constructor(script: string, errors: readonly ValidationIssue[]) {
    const first = errors[0];
    const where = first?.path ? ` at ${first.path}` : '';
    super(`Entry script ${script}: run's result does not match its output schema${where}: ${first?.message ?? 'is invalid'}`);
    // Fresh objects: a logger (pino's error serializer) tags each issue in `errors`, which a frozen one refuses.
    this.errors = errors.map((issue) => ({ ...issue }));
    setBrand(this, BRAND);
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, BRAND);
  }
}
