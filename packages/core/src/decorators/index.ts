export { inputSchema } from './input-schema.js';
export { outputSchema } from './output-schema.js';
export { modelInit } from './model-init.js';
export { rawHttp } from './raw-http.js';
export { withSchemas, type InputArguments, type InputEntry, type RunFunction, type RunResult, type Schemas } from './with-schemas.js';
export { getInputSchema, getOutputSchema, getSupportedVersions, isSchemaDecorated } from './introspection.js';
export type { InputSchemaOptions } from './metadata.js';
export type { MethodDecorator } from './method-decorator.js';
export type { InputArgument, InputSchemaCheck, InputSchemaDecorator, OutputSchemaCheck, OutputSchemaDecorator, OutputValue, PositionOption } from './decorator-types.js';
