import { createRequire } from 'node:module';
import { InputValidationError } from '@inferschema/core';
import type { OipRouteId } from '@inferschema/core/protocols';
import { OipError, type OipErrorCode } from '@inferschema/core/protocols/oip';
import { CLIENT_GONE_LOG, isClientGone } from '../batching.js';
import { HttpError } from '../http/http-error.js';
import { ScoringTimeoutError, type TimedCaller } from '../http/timed-call.js';
import type { ServerMetrics } from '../metrics.js';
import { HEADER_LENGTH, readInferRequest } from './infer-request.js';
import { inferReply } from './infer-response.js';
import { findServedModel, modelMetadata, usableModel, type ServedModel, type UsableModel } from './served-model.js';

const { version: SERVER_VERSION } = createRequire(import.meta.url)('../../package.json') as { version: string };

/** The extensions `GET /v2` lists: Triton's binary tensor data extension. */
export const OIP_EXTENSIONS: readonly string[] = Object.freeze(['binary_tensor_data']);

/** The server's name and version, as its metadata (REST `GET /v2`, gRPC `ServerMetadata`) gives them. */
export const SERVER_METADATA = Object.freeze({ name: 'inferschema', version: SERVER_VERSION });

/** A request as the OIP handlers read it, whatever HTTP layer carries it. */
export interface OipRequest {
  readonly params: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer | undefined;
  /** The request id, for log lines. */
  readonly requestId?: string;
  /** Makes a signal that aborts when the client leaves (asked only for a batched script: it leaves its batch). */
  readonly clientGone?: () => AbortSignal;
}

/** An answer of an OIP handler; errors are thrown as `HttpError`s (the route's `{error}` body). */
export interface OipAnswer {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly headers: readonly string[];
  readonly body: string | Uint8Array | undefined;
  /** Milliseconds in `run` (infer only). */
  readonly runMs?: number;
}

/** What the OIP handlers of one server share. */
export interface OipState {
  readonly models: readonly ServedModel[];
  /** False while the server is starting or closing. */
  readonly serving: () => boolean;
  readonly timed: TimedCaller;
  readonly metrics: ServerMetrics;
  readonly logError: (message: string, details: Record<string, unknown>) => void;
  readonly logInfo: (message: string, details: Record<string, unknown>) => void;
}

const STATUS: Readonly<Record<OipErrorCode, number>> = { 'invalid-argument': 400, 'not-found': 404, unavailable: 503 };

function httpErrorOf(error: OipError): HttpError {
  return new HttpError(STATUS[error.code], error.message);
}

function json(body: unknown): OipAnswer {
  return { status: 200, contentType: 'application/json', headers: [], body: JSON.stringify(body) };
}

/** The model a path names, or 404 naming what the server serves. */
function findModel(state: OipState, params: Readonly<Record<string, string>>): ServedModel {
  try {
    return findServedModel(state.models, params.name ?? '', params.version);
  } catch (error) {
    throw error instanceof OipError ? httpErrorOf(error) : error;
  }
}

function usable(state: OipState, model: ServedModel): UsableModel {
  try {
    return usableModel(model, state.serving());
  } catch (error) {
    throw error instanceof OipError ? httpErrorOf(error) : error;
  }
}

async function infer(state: OipState, request: OipRequest): Promise<OipAnswer> {
  const model = usable(state, findModel(state, request.params));
  const { signature, script } = model;
  let args: Record<string, unknown>;
  let parsed;
  try {
    parsed = readInferRequest(request.body ?? Buffer.alloc(0), request.headers[HEADER_LENGTH], signature.inputs.some((input) => input.datatype === 'INT64' || input.datatype === 'UINT64'));
    const unknown = signature.unknownOutputs(parsed.outputs.map((output) => output.name));
    if (unknown.length > 0) {
      throw new OipError('invalid-argument', `unknown output '${unknown[0]}'; the model's outputs are ${signature.outputs.map((output) => `'${output.name}'`).join(', ')}`);
    }
    args = signature.decodeInputs(parsed.inputs);
  } catch (error) {
    if (error instanceof OipError) throw httpErrorOf(error);
    throw error;
  }
  let result;
  try {
    const options = script.batching && request.clientGone ? { signal: request.clientGone() } : {};
    result = await state.timed(() => script.invokeDecoded(args, options));
  } catch (error) {
    if (isClientGone(error)) {
      state.logInfo(CLIENT_GONE_LOG, { requestId: request.requestId, model: model.name });
      throw new HttpError(499, error.message);
    }
    if (error instanceof InputValidationError || error instanceof OipError) {
      state.metrics.scored('error', 0);
      throw new HttpError(error instanceof OipError ? STATUS[error.code] : 400, error.message);
    }
    if (error instanceof ScoringTimeoutError) {
      state.metrics.scored('timeout', error.timeoutMs / 1000);
      state.logError('run() exceeded the scoring timeout', { requestId: request.requestId, model: model.name, timeoutMs: error.timeoutMs });
      throw new HttpError(500, `Model '${model.name}': scoring timeout after ${error.timeoutMs} ms`);
    }
    state.metrics.scored('error', 0);
    state.logError('run() failed', { requestId: request.requestId, model: model.name, err: error });
    throw new HttpError(500, `Model '${model.name}': run() failed; see the server log`);
  }
  state.metrics.scored('success', result.elapsedMs / 1000);
  let tensors;
  try {
    tensors = signature.encodeOutputs(result.value, parsed.outputs.map((output) => output.name));
  } catch (error) {
    if (error instanceof OipError) throw httpErrorOf(error);
    state.logError('run() returned a value that has no tensor form', { requestId: request.requestId, model: model.name, err: error });
    throw new HttpError(500, `Model '${model.name}': run() returned a value that has no tensor form: ${(error as Error).message}`);
  }
  const reply = inferReply(model, parsed.id, tensors, parsed.outputs, parsed.binaryOutputs);
  return { status: 200, contentType: reply.contentType, headers: reply.headers, body: reply.body, runMs: result.elapsedMs };
}

function ready(state: OipState, request: OipRequest): OipAnswer {
  const model = findModel(state, request.params);
  if (!state.serving() || !model.ready) throw new HttpError(503, `Model '${model.name}' is not ready: init() has not finished`);
  return json({ name: model.name, ready: true });
}

/**
 * The handlers of the Open Inference Protocol's REST routes (`OIP_ROUTES`), independent of the HTTP layer:
 * server metadata (`binary_tensor_data` among the extensions), model metadata from the entry scripts'
 * samples, model readiness, and inference (JSON, or with binary tensor data). Errors are thrown as
 * `HttpError`s: 400 bad request, 404 unknown model or version, 503 not ready, 500 when `run` fails.
 */
export function oipHandlers(state: OipState): Record<OipRouteId, (request: OipRequest) => OipAnswer | Promise<OipAnswer>> {
  const metadata = (request: OipRequest) => json(modelMetadata(findModel(state, request.params)));
  return {
    'oip.server-metadata': () => json({ ...SERVER_METADATA, extensions: OIP_EXTENSIONS }),
    'oip.model-metadata': metadata,
    'oip.model-version-metadata': metadata,
    'oip.model-ready': (request) => ready(state, request),
    'oip.model-version-ready': (request) => ready(state, request),
    'oip.model-infer': (request) => infer(state, request),
    'oip.model-version-infer': (request) => infer(state, request),
  };
}
