/**
 * @inferschema/server: the HTTP scoring server for inferschema entry scripts, compatible with clients of the
 * Azure ML inference server (`/`, `/score`, `/swagger.json`), plus health, metrics and docs routes.
 *
 * @module
 */
export { createServer, type CreateServerOptions, type ModelSource, type ScoringServer } from './create-server.js';
export { ConfigurationError, DEFAULT_MAX_BODY_BYTES, serverOptionsFromEnv, type ServerOptions } from './config.js';
export type { ServerPhase } from './server-context.js';
export { BOOT_FAILURE_EXIT_CODE, CRASH_EXIT_CODE } from './process/exit-codes.js';
export { serve, serveOptionsFromEnv, type ServeOptions } from './serve.js';
export { LOG_FORMAT_ENV, logFormatFromEnv, type LogFormat } from './process/log-output.js';
