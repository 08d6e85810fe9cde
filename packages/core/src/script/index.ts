export type { BatchingOverride, InvokeContext, LoadedScript, ScoringRequest, ScriptKind, ScriptParameter } from './contract.js';
export { loadScoringScript, type LoadScoringScriptOptions } from './load-scoring-script.js';
export { ScriptLoadError, type ScriptLoadErrorCode } from './script-load-error.js';
export { OutputValidationError } from './output-validation-error.js';
export { outputValidationFromEnv, VALIDATE_OUTPUT_ENV } from './output-validation.js';
export { ScoringResponse, type ScoringResponseBody, type ScoringResponseInit, type ScoringResponseStream } from './scoring-response.js';
export { createScoringRequest, type ScoringRequestInit } from './scoring-request.js';
export { getModelPath, type ModelPathOptions } from './model-path.js';
export * from '../decorators/index.js';
