import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultMaxBufferedBodyBytes } from './http/body-budget.js';

/** How the server is configured. Every field has a default; see {@link resolveServerConfig}. */
export interface ServerOptions {
  /** The model directory passed to `init` (and set as `AZUREML_MODEL_DIR`). Default: `AZUREML_MODEL_DIR` or `.`. */
  readonly modelDir?: string;
  /** The model's name on the Open Inference Protocol routes (`/v2/models/{name}`). Default: the script's file name. */
  readonly modelName?: string;
  /** Default 5001. `0` picks a free port. */
  readonly port?: number;
  /** Default `127.0.0.1`. */
  readonly host?: string;
  /** The port of the Open Inference Protocol gRPC service, on `host`. Default: none (no gRPC). `0` picks a free port. */
  readonly grpcPort?: number;
  /** Where user-supplied `swagger*.json` files are looked up. Default: the entry script's directory. */
  readonly appRoot?: string;
  /** Origins allowed by CORS (exact, case-insensitive), or `['*']`. Default: none (CORS off). */
  readonly corsOrigins?: readonly string[];
  /** Longest time a `run` may take before the request fails with 500. Default 3,600,000 (1 hour). */
  readonly scoringTimeoutMs?: number;
  /** Longest time `init` may take; past it the server stops as if `init` had thrown. Default 0: no limit. */
  readonly initTimeoutMs?: number;
  /** The title of the service documents. Default `ML service`. */
  readonly serviceName?: string;
  /** The `info.version` of the service documents. Default `1.0`. */
  readonly serviceVersion?: string;
  /** A prefix put in front of every path of the service documents (routing is unchanged). Default none. */
  readonly servicePathPrefix?: string;
  /** When set, every route except the health routes needs `Authorization: Bearer <apiKey>`. */
  readonly apiKey?: string;
  /** The largest request body accepted, in bytes; larger ones get 413. Default 16 MiB. */
  readonly maxBodyBytes?: number;
  /** How long an idle keep-alive connection stays open. Default 5,000 ms. */
  readonly keepAliveTimeoutMs?: number;
  /** How long a client may take to send the request headers. Default 10,000 ms. */
  readonly headersTimeoutMs?: number;
  /** How long in-flight requests may take to finish after SIGTERM/SIGINT. Default 30,000 ms. */
  readonly shutdownGraceMs?: number;
  /** pino log level, or `silent`. Default `info`. */
  readonly logLevel?: string;
  /**
   * Replaces the `maxBatchSize` of a script declared with `@batch`; `0` turns its batching off. Default: as
   * declared. A script without `@batch` is never batched.
   */
  readonly batchMaxSize?: number;
  /** Replaces the `maxLatencyMs` of a script declared with `@batch`. Default: as declared. */
  readonly batchMaxLatencyMs?: number;
  /** Replaces the `maxConcurrentBatches` of a script declared with `@batch`. Default: as declared (else 1). */
  readonly batchMaxConcurrent?: number;
  /** Log the query string with the path in the request log line (it may carry data or tokens). Default `false`. */
  readonly logQueryString?: boolean;
  /**
   * The most bytes of request bodies buffered at once, over all requests; past it a new body gets 503 with
   * `Retry-After`. Default (or `0`): a sixteenth of the memory available, at most 1 GiB, at least `maxBodyBytes`.
   */
  readonly maxBufferedBodyBytes?: number;
  /** How long an answer may wait with unsent bytes for a client that stopped reading; then the connection closes. Default 30,000 ms. */
  readonly sendTimeoutMs?: number;
}

/** {@link ServerOptions} with every default filled in. */
export type ServerConfig = Required<Omit<ServerOptions, 'apiKey' | 'appRoot' | 'batchMaxSize' | 'batchMaxLatencyMs' | 'batchMaxConcurrent' | 'modelName' | 'grpcPort'>> & {
  readonly modelName: string | undefined;
  readonly apiKey: string | undefined;
  readonly appRoot: string | undefined;
  readonly batchMaxSize: number | undefined;
  readonly batchMaxLatencyMs: number | undefined;
  readonly batchMaxConcurrent: number | undefined;
  readonly grpcPort: number | undefined;
};

/** 16 MiB: a 224×224×3 float image written as JSON is about 3 MB. */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

const DEFAULTS: ServerConfig = {
  modelDir: '.',
  port: 5001,
  host: '127.0.0.1',
  grpcPort: undefined,
  appRoot: undefined,
  modelName: undefined,
  corsOrigins: [],
  scoringTimeoutMs: 3_600_000,
  initTimeoutMs: 0,
  serviceName: 'ML service',
  serviceVersion: '1.0',
  servicePathPrefix: '',
  apiKey: undefined,
  maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
  keepAliveTimeoutMs: 5_000,
  headersTimeoutMs: 10_000,
  shutdownGraceMs: 30_000,
  logLevel: 'info',
  batchMaxSize: undefined,
  batchMaxLatencyMs: undefined,
  batchMaxConcurrent: undefined,
  logQueryString: false,
  maxBufferedBodyBytes: 0,
  sendTimeoutMs: 30_000,
};

/**
 * A configuration value that cannot be used; the message names its source.
 *
 * @example
 * try { serverOptionsFromEnv(process.env) } catch (error) {
 *   if (error instanceof ConfigurationError) console.error(error.message); // SCORING_TIMEOUT_MS must be an integer …
 * }
 */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

/**
 * Reads a whole number from a flag or variable.
 *
 * @throws ConfigurationError naming `source` when the text is not an integer within `[min, max]`.
 * @example
 * parseInteger('8080', '--port', 0, 65535); // 8080
 */
export function parseInteger(text: string, source: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const value = /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new ConfigurationError(`${source} must be an integer from ${min} to ${max}, got ${JSON.stringify(text)}`);
  }
  return value;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/**
 * Reads a yes/no variable: `1`, `true`, `yes` or `on` (any case) are yes, `0`, `false`, `no` or `off` no.
 *
 * @throws ConfigurationError naming `source` for any other text.
 * @example
 * parseBoolean('true', 'INFERSCHEMA_LOG_QUERY_STRING'); // true
 */
export function parseBoolean(text: string, source: string): boolean {
  const value = text.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  throw new ConfigurationError(`${source} must be true or false, got ${JSON.stringify(text)}`);
}

/**
 * Reads the API key from a file (a mounted secret): its content without surrounding whitespace. Keeps the key
 * out of the process list (`--api-key` is visible in `ps`) and out of the environment of child processes.
 *
 * @throws ConfigurationError naming `source` when the file cannot be read or holds only whitespace.
 * @example
 * readApiKeyFile('/run/secrets/inferschema-api-key', '--api-key-file');
 */
export function readApiKeyFile(path: string, source: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigurationError(`${source}: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const key = text.trim();
  if (key === '') throw new ConfigurationError(`${source}: ${path} is empty`);
  return key;
}

/**
 * Splits `AML_CORS_ORIGINS` (`"https://a.example, https://b.example"` or `*`) into origins.
 *
 * @example
 * parseCorsOrigins('https://a.example,  https://b.example'); // ['https://a.example', 'https://b.example']
 */
export function parseCorsOrigins(text: string): string[] {
  return text
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
}

/**
 * The server options the Azure ML environment variables (and inferschema's own) describe. Unset or empty
 * variables are left out, so defaults apply.
 *
 * | variable | option |
 * | --- | --- |
 * | `AZUREML_MODEL_DIR` | `modelDir` |
 * | `AML_APP_ROOT` | `appRoot` |
 * | `AML_CORS_ORIGINS` | `corsOrigins` |
 * | `SCORING_TIMEOUT_MS` | `scoringTimeoutMs` |
 * | `INFERSCHEMA_INIT_TIMEOUT_MS` | `initTimeoutMs` |
 * | `SERVICE_NAME`, `SERVICE_VERSION`, `SERVICE_PATH_PREFIX` | `serviceName`, `serviceVersion`, `servicePathPrefix` |
 * | `INFERSCHEMA_API_KEY`, or `INFERSCHEMA_API_KEY_FILE` (a file holding it) | `apiKey` |
 * | `INFERSCHEMA_MAX_BODY_BYTES` | `maxBodyBytes` |
 * | `INFERSCHEMA_MAX_BUFFERED_BODY_BYTES` | `maxBufferedBodyBytes` |
 * | `INFERSCHEMA_SEND_TIMEOUT_MS` | `sendTimeoutMs` |
 * | `INFERSCHEMA_LOG_LEVEL` | `logLevel` |
 * | `INFERSCHEMA_BATCH_MAX_SIZE`, `INFERSCHEMA_BATCH_MAX_LATENCY_MS`, `INFERSCHEMA_BATCH_MAX_CONCURRENT` | `batchMaxSize` (0: off), `batchMaxLatencyMs`, `batchMaxConcurrent` |
 * | `INFERSCHEMA_LOG_QUERY_STRING` (`true`/`false`) | `logQueryString` |
 * | `INFERSCHEMA_GRPC_PORT` | `grpcPort` |
 *
 * @throws ConfigurationError when a numeric variable is not an integer, a yes/no variable is neither, or the
 * API key file cannot be read.
 * @example
 * serverOptionsFromEnv({ SCORING_TIMEOUT_MS: '5000' }); // { scoringTimeoutMs: 5000 }
 */
export function serverOptionsFromEnv(env: NodeJS.ProcessEnv): ServerOptions {
  const options: { -readonly [K in keyof ServerOptions]: ServerOptions[K] } = {};
  const text = (name: string) => nonEmpty(env[name]);
  if (text('AZUREML_MODEL_DIR')) options.modelDir = text('AZUREML_MODEL_DIR');
  if (text('AML_APP_ROOT')) options.appRoot = text('AML_APP_ROOT');
  if (text('AML_CORS_ORIGINS')) options.corsOrigins = parseCorsOrigins(text('AML_CORS_ORIGINS')!);
  if (text('SCORING_TIMEOUT_MS')) options.scoringTimeoutMs = parseInteger(text('SCORING_TIMEOUT_MS')!, 'SCORING_TIMEOUT_MS', 1);
  if (text('INFERSCHEMA_INIT_TIMEOUT_MS')) {
    options.initTimeoutMs = parseInteger(text('INFERSCHEMA_INIT_TIMEOUT_MS')!, 'INFERSCHEMA_INIT_TIMEOUT_MS', 0);
  }
  if (text('SERVICE_NAME')) options.serviceName = text('SERVICE_NAME');
  if (text('SERVICE_VERSION')) options.serviceVersion = text('SERVICE_VERSION');
  if (text('SERVICE_PATH_PREFIX')) options.servicePathPrefix = text('SERVICE_PATH_PREFIX');
  if (text('INFERSCHEMA_API_KEY_FILE')) options.apiKey = readApiKeyFile(text('INFERSCHEMA_API_KEY_FILE')!, 'INFERSCHEMA_API_KEY_FILE');
  if (text('INFERSCHEMA_API_KEY')) options.apiKey = text('INFERSCHEMA_API_KEY');
  if (text('INFERSCHEMA_MAX_BUFFERED_BODY_BYTES')) {
    options.maxBufferedBodyBytes = parseInteger(text('INFERSCHEMA_MAX_BUFFERED_BODY_BYTES')!, 'INFERSCHEMA_MAX_BUFFERED_BODY_BYTES', 0);
  }
  if (text('INFERSCHEMA_SEND_TIMEOUT_MS')) options.sendTimeoutMs = parseInteger(text('INFERSCHEMA_SEND_TIMEOUT_MS')!, 'INFERSCHEMA_SEND_TIMEOUT_MS', 1);
  if (text('INFERSCHEMA_MAX_BODY_BYTES')) {
    options.maxBodyBytes = parseInteger(text('INFERSCHEMA_MAX_BODY_BYTES')!, 'INFERSCHEMA_MAX_BODY_BYTES', 1);
  }
  if (text('INFERSCHEMA_LOG_LEVEL')) options.logLevel = text('INFERSCHEMA_LOG_LEVEL');
  if (text('INFERSCHEMA_BATCH_MAX_SIZE')) options.batchMaxSize = parseInteger(text('INFERSCHEMA_BATCH_MAX_SIZE')!, 'INFERSCHEMA_BATCH_MAX_SIZE', 0);
  if (text('INFERSCHEMA_BATCH_MAX_LATENCY_MS')) {
    options.batchMaxLatencyMs = parseInteger(text('INFERSCHEMA_BATCH_MAX_LATENCY_MS')!, 'INFERSCHEMA_BATCH_MAX_LATENCY_MS', 0);
  }
  if (text('INFERSCHEMA_BATCH_MAX_CONCURRENT')) {
    options.batchMaxConcurrent = parseInteger(text('INFERSCHEMA_BATCH_MAX_CONCURRENT')!, 'INFERSCHEMA_BATCH_MAX_CONCURRENT', 1);
  }
  if (text('INFERSCHEMA_LOG_QUERY_STRING')) options.logQueryString = parseBoolean(text('INFERSCHEMA_LOG_QUERY_STRING')!, 'INFERSCHEMA_LOG_QUERY_STRING');
  if (text('INFERSCHEMA_GRPC_PORT')) options.grpcPort = parseInteger(text('INFERSCHEMA_GRPC_PORT')!, 'INFERSCHEMA_GRPC_PORT', 0, 65535);
  return options;
}

/**
 * Fills in every default. Later sources win: `resolveServerConfig(fromEnv, fromFlags)` lets flags override
 * environment variables. Relative directories are resolved against the current directory.
 *
 * @example
 * resolveServerConfig(serverOptionsFromEnv(process.env), { port: 8080 }).port; // 8080
 */
export function resolveServerConfig(...sources: readonly ServerOptions[]): ServerConfig {
  const merged: Record<string, unknown> = { ...DEFAULTS };
  for (const source of sources) {
    for (const [key, value] of Object.entries(source)) if (value !== undefined) merged[key] = value;
  }
  const config = merged as ServerConfig;
  return {
    ...config,
    maxBufferedBodyBytes: config.maxBufferedBodyBytes || defaultMaxBufferedBodyBytes(config.maxBodyBytes),
    modelDir: resolve(config.modelDir),
    appRoot: config.appRoot === undefined ? undefined : resolve(config.appRoot),
  };
}
