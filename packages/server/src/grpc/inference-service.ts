import { performance } from 'node:perf_hooks';
import { status, type ServerUnaryCall, type sendUnaryData, type UntypedServiceImplementation } from '@grpc/grpc-js';
import { InputValidationError } from '@inferschema/core';
import { OipError, type OipErrorCode } from '@inferschema/core/protocols/oip';
import type { Logger } from 'pino';
import { CLIENT_GONE_LOG, clientGoneSignal, isClientGone } from '../batching.js';
import { createApiKeyCheck } from '../http/api-key.js';
import { MESSAGES } from '../http/messages.js';
import { createTimedCaller, ScoringTimeoutError } from '../http/timed-call.js';
import { OIP_EXTENSIONS, SERVER_METADATA } from '../oip/oip-handlers.js';
import { findServedModel, modelMetadata, usableModel, type ServedModel } from '../oip/served-model.js';
import type { ServerContext } from '../server-context.js';
import { GrpcError } from './grpc-error.js';
import { inputTensorsOf, outputTensorsOf } from './grpc-tensors.js';
import type { ModelInferRequest, ModelInferResponse, ModelMetadataResponse, ModelNameRequest, ServerMetadataResponse } from './messages.js';

/** The rpcs that answer without an API key: the specification's health group, for probes. */
const HEALTH_RPCS: ReadonlySet<string> = new Set(['ServerLive', 'ServerReady', 'ModelReady']);

const STATUS_OF: Readonly<Record<OipErrorCode, status>> = {
  'invalid-argument': status.INVALID_ARGUMENT,
  'not-found': status.NOT_FOUND,
  unavailable: status.UNAVAILABLE,
};

type Call = ServerUnaryCall<unknown, unknown>;
type Handler = (request: any, call: Call) => unknown;

/** The model a request names; proto3 sends an absent version as `''`. */
function findModel(context: ServerContext, name: string, version: string): ServedModel {
  return findServedModel(context.models, name, version === '' ? undefined : version);
}

/**
 * The handlers of `inference.GRPCInferenceService` for one server: the models, readiness, tensors and error
 * messages of its REST routes (`oip/`), as gRPC statuses: INVALID_ARGUMENT (naming the tensor), NOT_FOUND,
 * UNAVAILABLE before `init` has finished, DEADLINE_EXCEEDED past the scoring timeout, INTERNAL when `run`
 * fails (logged), CANCELLED for a batched call whose client left before its batch ran (logged at info, as the
 * REST routes' departed clients), UNAUTHENTICATED without the API key. Nothing a client sends makes a handler
 * throw; each call is logged like an HTTP request.
 */
export function createInferenceService(context: ServerContext, log: Logger): UntypedServiceImplementation {
  const checkApiKey = context.config.apiKey === undefined ? undefined : createApiKeyCheck(context.config.apiKey);
  const timed = createTimedCaller(context.config.scoringTimeoutMs);
  const serving = () => context.phase === 'ready';

  const unary = (rpc: string, handler: Handler) => (call: Call, callback: sendUnaryData<unknown>) => {
    const started = performance.now();
    const finish = (code: status, response?: unknown, details?: string) => {
      const summary = { rpc, code: status[code], durationMs: Math.round((performance.now() - started) * 1000) / 1000 };
      if (HEALTH_RPCS.has(rpc)) log.debug(summary, 'grpc call completed');
      else log.info(summary, 'grpc call completed');
      callback(code === status.OK ? null : { code, details }, response);
    };
    Promise.resolve()
      .then(() => {
        if (checkApiKey && !HEALTH_RPCS.has(rpc) && !checkApiKey(String(call.metadata.get('authorization')[0] ?? ''))) {
          throw new GrpcError(status.UNAUTHENTICATED, MESSAGES.unauthorized);
        }
        return handler(call.request, call);
      })
      .then(
        (response) => finish(status.OK, response),
        (error: unknown) => {
          if (error instanceof GrpcError) return finish(error.code, undefined, error.message);
          if (error instanceof OipError) return finish(STATUS_OF[error.code], undefined, error.message);
          log.error({ rpc, err: error }, 'grpc call failed');
          return finish(status.INTERNAL, undefined, MESSAGES.internalError);
        },
      );
  };

  const infer = async (request: ModelInferRequest, call: Call): Promise<ModelInferResponse> => {
    const model = usableModel(findModel(context, request.model_name, request.model_version), serving());
    const { signature, script } = model;
    const requested = request.outputs.map((output) => output.name);
    const unknown = signature.unknownOutputs(requested);
    if (unknown.length > 0) {
      throw new OipError('invalid-argument', `unknown output '${unknown[0]}'; the model's outputs are ${signature.outputs.map((output) => `'${output.name}'`).join(', ')}`);
    }
    const args = signature.decodeInputs(inputTensorsOf(request));
    let result;
    try {
      result = await timed(() => script.invokeDecoded(args, script.batching ? { signal: clientGoneSignal(call) } : {}));
    } catch (error) {
      if (isClientGone(error)) {
        log.info({ rpc: 'ModelInfer', model: model.name }, CLIENT_GONE_LOG);
        throw new GrpcError(status.CANCELLED, error.message);
      }
      if (error instanceof InputValidationError || error instanceof OipError) {
        context.metrics.scored('error', 0);
        throw error instanceof OipError ? error : new OipError('invalid-argument', error.message);
      }
      if (error instanceof ScoringTimeoutError) {
        context.metrics.scored('timeout', error.timeoutMs / 1000);
        log.error({ rpc: 'ModelInfer', model: model.name, timeoutMs: error.timeoutMs }, 'run() exceeded the scoring timeout');
        throw new GrpcError(status.DEADLINE_EXCEEDED, `Model '${model.name}': scoring timeout after ${error.timeoutMs} ms`);
      }
      context.metrics.scored('error', 0);
      log.error({ rpc: 'ModelInfer', model: model.name, err: error }, 'run() failed');
      throw new GrpcError(status.INTERNAL, `Model '${model.name}': run() failed; see the server log`);
    }
    context.metrics.scored('success', result.elapsedMs / 1000);
    let tensors;
    try {
      tensors = signature.encodeOutputs(result.value, requested);
    } catch (error) {
      if (error instanceof OipError) throw error;
      log.error({ rpc: 'ModelInfer', model: model.name, err: error }, 'run() returned a value that has no tensor form');
      throw new GrpcError(status.INTERNAL, `Model '${model.name}': run() returned a value that has no tensor form: ${(error as Error).message}`);
    }
    return {
      model_name: model.name,
      model_version: model.version ?? '',
      id: request.id,
      ...outputTensorsOf(tensors, request.raw_input_contents.length > 0),
    };
  };

  return {
    ServerLive: unary('ServerLive', () => ({ live: true })),
    ServerReady: unary('ServerReady', () => ({ ready: serving() })),
    ServerMetadata: unary('ServerMetadata', (): ServerMetadataResponse => ({ ...SERVER_METADATA, extensions: [...OIP_EXTENSIONS] })),
    ModelReady: unary('ModelReady', (request: ModelNameRequest) => ({ ready: serving() && findModel(context, request.name, request.version).ready })),
    ModelMetadata: unary('ModelMetadata', (request: ModelNameRequest): ModelMetadataResponse => {
      const { versions = [], ...metadata } = modelMetadata(findModel(context, request.name, request.version));
      return { ...metadata, versions };
    }),
    ModelInfer: unary('ModelInfer', infer),
  };
}
