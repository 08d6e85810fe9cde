/**
 * @inferschema/core: what an entry script is written with. Decorators (`@modelInit`, `@inputSchema`,
 * `@outputSchema`, `@rawHttp`) and `withSchemas`; parameter types built from samples; the request and
 * response types of `@rawHttp` scripts; exact-integer JSON; the errors a script throws or catches.
 *
 * DataFrames live in `@inferschema/core/dataframe` (they need `apache-arrow`); the loader the server and CLI
 * share in `@inferschema/core/runtime`; schema plumbing in `@inferschema/core/schema`.
 *
 * @example
 * import { integer, modelInit, StandardParameterType, withSchemas } from '@inferschema/core';
 *
 * export const init = modelInit((modelDir: string) => {});
 * export const run = withSchemas(
 *   { inputs: [['rooms', new StandardParameterType(integer(3))]], output: new StandardParameterType(1.5) },
 *   (rooms) => rooms / 2, // rooms: number
 * );
 *
 * @module
 */
export { batch, inputSchema, modelInit, outputSchema, rawHttp } from './decorators/index.js';
export type { BatchOptions, BatchSettings } from './batching/settings.js';
export { withSchemas, type InputArguments, type InputEntry, type RunFunction, type RunResult, type Schemas } from './decorators/index.js';
export type { InputSchemaOptions, MethodDecorator } from './decorators/index.js';
export type {
  InputArgument,
  InputSchemaCheck,
  InputSchemaDecorator,
  OutputSchemaCheck,
  OutputSchemaDecorator,
  OutputValue,
  PositionOption,
} from './decorators/index.js';

export { ParameterType, type DecodedValue } from './types/parameter-type.js';
export * from './types/standard/index.js';
export * from './types/ndarray/index.js';

export type { ScoringRequest } from './script/contract.js';
export { ScoringResponse, type ScoringResponseBody, type ScoringResponseInit, type ScoringResponseStream } from './script/scoring-response.js';
export { getModelPath, type ModelPathOptions } from './script/model-path.js';

export type { JsonObject, JsonValue } from './json/json-value.js';
export { parseJson, type ParseJsonOptions } from './json/parse-json.js';
export { stringifyJson } from './json/stringify-json.js';

export { InputValidationError, type ValidationIssue } from './validation/input-validation-error.js';
export type { JsonSchema, JsonSchemaType, OpenApiVersion } from './schema/json-schema.js';
