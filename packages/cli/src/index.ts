/**
 * inferschema: the command line (`serve`, `swagger`, `run`, `check`, `init`) as a library, for tools that embed it.
 *
 * @module
 */
export { createProgram, main, type CliOutcome } from './program.js';
export { EXIT } from './cli-error.js';
export type { CliIo } from './cli-io.js';
