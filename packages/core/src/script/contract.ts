import type { BatchObserver } from '../batching/batcher.js';
import type { BatchSettings } from '../batching/settings.js';
import type { JsonSchema, OpenApiVersion } from '../schema/json-schema.js';
import type { ParameterType } from '../types/parameter-type.js';

/**
 * An HTTP request as a `@rawHttp` `run` receives it. Header names are lower case; the body is the raw bytes,
 * untouched (an image arrives as sent).
 */
export interface ScoringRequest {
  readonly method: string;
  /** The path without the query string, e.g. `/score`. */
  readonly path: string;
  /** The path with the query string, e.g. `/score?verbose=1`. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly body: Uint8Array;
  /** The body decoded as UTF-8. */
  text(): string;
  /** The body parsed as JSON (integers beyond ±2^53 kept exact as `bigint`). */
  json(): unknown;
}

/** How `run` takes its input, decided when the script loads. */
export type ScriptKind =
  /** `run` has `@inputSchema` parameters: the JSON body's keys fill them by name. */
  | 'schema'
  /** `run` is undecorated: it receives the request body as a string. */
  | 'text'
  /** `run` is `@rawHttp`: it receives the whole {@link ScoringRequest}. */
  | 'raw';

/** One parameter of `run`, as the loader read it. */
export interface ScriptParameter {
  readonly name: string;
  readonly position: number;
  /** Declared with `@inputSchema(name, type)`, or undefined for a plain parameter. */
  readonly type: ParameterType | undefined;
  /** May be left out of the body (`optional: true`, or the parameter has a default value). */
  readonly optional: boolean;
}

/** What `invoke` and `invokeRaw` are told about the request besides its body. */
export interface InvokeContext {
  /** The request headers (lower-case names), for a `run` parameter named `requestHeaders`. */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Aborts when the client has gone (its connection closed): a batched request still waiting for its batch
   * leaves the queue, and the others are unaffected.
   */
  readonly signal?: AbortSignal;
}

/** How a host (the server, the CLI) changes a script's declared batching; see `LoadedScript.configureBatching`. */
export interface BatchingOverride {
  /** `false` runs every request on its own. Default: batching as declared. */
  readonly enabled?: boolean;
  /** Replaces the declared `maxBatchSize`. */
  readonly maxBatchSize?: number;
  /** Replaces the declared `maxLatencyMs`. */
  readonly maxLatencyMs?: number;
  /** Replaces the declared `maxConcurrentBatches`. */
  readonly maxConcurrentBatches?: number;
  /** Told about each batch as it starts and each change of the queue's length (the server's metrics). */
  readonly observe?: BatchObserver;
}

/**
 * An entry script after `loadScoringScript`: its contract checked, its schemas computed. The CLI and the
 * server use nothing else of a script.
 */
export interface LoadedScript {
  /** The script's absolute path. */
  readonly path: string;
  readonly kind: ScriptKind;
  readonly parameters: readonly ScriptParameter[];
  /** `{ type: 'object', properties, required, example }` over the decorated parameters, or undefined. */
  readonly inputSchema: JsonSchema | undefined;
  readonly outputSchema: JsonSchema | undefined;
  /** The `@outputSchema` type, or undefined. */
  readonly outputType: ParameterType | undefined;
  /** The OpenAPI versions every schema of the script fits. */
  readonly supportedVersions: readonly OpenApiVersion[];
  /** True when request bodies must be parsed with `parseJson(text, { exactIntegers: true })`. */
  readonly exactIntegers: boolean;
  /**
   * How concurrent requests are batched into one call of `run` (declared with `@batch` or `withSchemas`'
   * `batch`, possibly changed by `configureBatching`), or undefined: one call per request.
   */
  readonly batching: BatchSettings | undefined;
  /**
   * Changes the declared batching (the server's `--batch-max-size`, `--batch-max-latency-ms` and
   * `--batch-max-concurrent`) and sets its observer. A script that declares no batching is left unbatched:
   * batching is only correct for a `run` written for it. Returns the batching now in effect.
   *
   * @throws TypeError for a size or a number of concurrent batches that is not an integer from 1, or a
   * negative latency.
   */
  configureBatching(override: BatchingOverride): BatchSettings | undefined;
  /** `init` is marked `@modelInit`: it receives the model directory, so a tool must have one to give it. */
  readonly initTakesModelDir: boolean;
  /** Calls the script's `init` once with the model directory (and sets `AZUREML_MODEL_DIR`). */
  init(modelDir: string): Promise<void>;
  /**
   * Runs a `schema` or `text` script: decode → run → encode. `body` is the parsed JSON object for `schema`
   * scripts and the body string for `text` scripts. Resolves to a JSON value or a `ScoringResponse`.
   *
   * With batching, the decoded values join the next batch (a request that fails validation never does).
   *
   * @throws InputValidationError when the body does not match the input schema (paths start with the
   * parameter name): the caller's error.
   * @throws BatchOutputError when a batched `run` returns another number of rows than it was given.
   * @throws OutputValidationError (unless `validateOutput` is off) when the result does not match the output schema;
   * that, and anything `run` throws, is the script's error.
   */
  invoke(body: unknown, context?: InvokeContext): Promise<unknown>;
  /**
   * Runs a `schema` or `text` script with arguments already decoded (by parameter name: the native values
   * `decode` gives, or the string of a `text` script), as the Open Inference Protocol's tensors give them.
   * Resolves to `run`'s own result, not encoded: the caller encodes it (as output tensors). A batched
   * script's values join the next batch, as `invoke`'s do, and the result is this request's rows.
   */
  invokeDecoded(args: Readonly<Record<string, unknown>>, context?: InvokeContext): Promise<unknown>;
  /**
   * Validates and converts a `schema` script's JSON body object into the native values of its parameters, by
   * name, as `invoke` does before calling `run` (for `invokeDecoded`, when the result goes out in another
   * format than JSON).
   *
   * @throws InputValidationError as `invoke` does.
   */
  decodeInput(body: unknown): Record<string, unknown>;
  /**
   * What `invoke` makes of `run`'s result: the output type's JSON value (checked with `validateOutput`), or
   * the result as it is without an output type or for a `ScoringResponse` (for results of `invokeDecoded`).
   *
   * @throws OutputValidationError as `invoke` does.
   */
  encodeOutput(result: unknown): unknown;
  /**
   * Runs a `raw` script with the whole request (see `createScoringRequest`). Resolves to a JSON value or a
   * `ScoringResponse`.
   */
  invokeRaw(request: ScoringRequest): Promise<unknown>;
}
