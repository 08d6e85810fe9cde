/**
 * @inferschema/core/runtime: the entry-script loader and invocation that the server, the CLI and tools share.
 * `loadScoringScript` checks a script's contract and computes its schemas; the `LoadedScript` it returns is all
 * a host uses of a script (`init`, `invoke`, `invokeRaw`).
 *
 * @example
 * import { loadScoringScript } from '@inferschema/core/runtime';
 *
 * const script = await loadScoringScript('score.ts');
 * await script.init('model');
 * const result = await script.invoke({ rooms: 3 });
 *
 * @module
 */
export type { BatchingOverride, InvokeContext, LoadedScript, ScoringRequest, ScriptKind, ScriptParameter } from './script/contract.js';
export { loadScoringScript, type LoadScoringScriptOptions } from './script/load-scoring-script.js';
export { ScriptLoadError, type ScriptLoadErrorCode } from './script/script-load-error.js';
export { OutputValidationError } from './script/output-validation-error.js';
export { outputValidationFromEnv, VALIDATE_OUTPUT_ENV } from './script/output-validation.js';
export { createScoringRequest, type ScoringRequestInit } from './script/scoring-request.js';
export { getInputSchema, getOutputSchema, getSupportedVersions, isSchemaDecorated } from './decorators/introspection.js';
export { isDataFrameType, isNdArrayType, isParameterType, isStandardType, PARAMETER_KINDS, type ParameterKind } from './types/kind.js';
export { BatchOutputError } from './batching/batch-output-error.js';
export type { BatchObserver, BatchReport } from './batching/batcher.js';
