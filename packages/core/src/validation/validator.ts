import type { ValidateFunction } from 'ajv';
import type { JsonSchema } from '../schema/json-schema.js';
import { detailedAjv, fastAjv } from './ajv.js';
import { InputValidationError } from './input-validation-error.js';
import { issuesOf } from './issue-messages.js';
import { validationSchemaOf } from './validation-schema.js';

/** Checks a value against a compiled schema: `undefined` when it is valid, otherwise the error to throw. */
export type Validator = (value: unknown) => InputValidationError | undefined;

/**
 * Compiles a schema once into a {@link Validator}. Valid input costs one pass of ajv's generated code that
 * stops at the first problem; an invalid input is checked again with every error collected and explained
 * (that second validator is compiled the first time it is needed, then kept).
 *
 * @example
 * const validate = compileValidator({ type: 'array', items: { type: 'number' } });
 * validate([1, 'two'])?.errors; // [{ path: '/1', message: 'must be a number' }]
 */
export function compileValidator(schema: JsonSchema): Validator {
  const validationSchema = validationSchemaOf(schema);
  const fast = fastAjv.compile(validationSchema);
  let detailed: ValidateFunction | undefined;
  return (value) => {
    if (fast(value)) return undefined;
    detailed ??= detailedAjv.compile(validationSchema);
    detailed(value);
    const issues = issuesOf(detailed.errors ?? fast.errors ?? []);
    return new InputValidationError(issues.length ? issues : [{ path: '', message: 'is invalid' }]);
  };
}
