export type { InvokeContext, LoadedScript, ScoringRequest, ScriptKind, ScriptParameter } from './contract.js';
