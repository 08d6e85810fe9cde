/**
 * @inferschema/core/schema: the JSON Schema plumbing that the document builders, the server and the CLI share:
 * the OpenAPI versions a schema fits, a strict validator, JSON Pointers into schemas.
 *
 * @example
 * import { compileValidator, supportedVersionsOf } from '@inferschema/core/schema';
 *
 * supportedVersionsOf({ type: 'array', prefixItems: [{ type: 'number' }] }); // ['3.1']
 * compileValidator({ type: 'array', items: { type: 'number' } })([1, 'two'])?.errors; // [{ path: '/1', message: 'must be a number' }]
 *
 * @module
 */
export { ALL_OPENAPI_VERSIONS, type JsonSchema, type JsonSchemaType, type OpenApiVersion } from './schema/json-schema.js';
export { supportedVersionsOf } from './schema/supported-versions.js';
export { compileValidator, type Validator } from './validation/validator.js';
export { InputValidationError, MAX_REPORTED_ISSUES, type ValidationIssue } from './validation/input-validation-error.js';
export { appendPointer } from './json/json-pointer.js';
