/**
 * @inferschema/core: parameter types inferred from samples, validation and conversion, decorators and the
 * entry-script loader.
 *
 * @module
 */
export type { JsonObject, JsonValue } from './json/json-value.js';
export { parseJson, type ParseJsonOptions } from './json/parse-json.js';
export { stringifyJson } from './json/stringify-json.js';
export { appendPointer } from './json/json-pointer.js';
export { ALL_OPENAPI_VERSIONS, type JsonSchema, type JsonSchemaType, type OpenApiVersion } from './schema/json-schema.js';
export { hasExactIntegers, supportedVersionsOf } from './schema/supported-versions.js';
export { InputValidationError, MAX_REPORTED_ISSUES, type ValidationIssue } from './validation/input-validation-error.js';
export { compileValidator, type Validator } from './validation/validator.js';
export { validationSchemaOf } from './validation/validation-schema.js';
export { createStrictAjv } from './validation/ajv.js';
export { ParameterType, type DecodedValue } from './types/parameter-type.js';
export { isDataFrameType, isNdArrayType, isParameterType, isStandardType, PARAMETER_KINDS, type ParameterKind } from './types/kind.js';

export * from './types/standard/index.js';
export * from './types/ndarray/index.js';
export * from './types/dataframe/index.js';
export * from './script/index.js';
export { BatchOutputError } from './batching/batch-output-error.js';
export type { BatchObserver, BatchReport } from './batching/batcher.js';
export type { BatchOptions } from './batching/settings.js';
