import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { basename, extname } from 'node:path';
import { status, type ServerUnaryCall, type sendUnaryData, type UntypedServiceImplementation } from '@grpc/grpc-js';
import { InputValidationError } from '@inferschema/core';
import { OipError, OipSignature, type OipErrorCode } from '@inferschema/core/protocols/oip';
import type { FastifyBaseLogger } from 'fastify';
import { createApiKeyCheck } from '../http/api-key.js';
import { MESSAGES } from '../http/messages.js';
import { createTimedCaller, ScoringTimeoutError } from '../http/timed-call.js';
import type { ServerContext } from '../server-context.js';
import { GrpcError } from './grpc-error.js';
import { inputTensorsOf, outputTensorsOf } from './grpc-tensors.js';
import type { ModelInferRequest, ModelInferResponse, ModelMetadataResponse, ModelNameRequest, ServerMetadataResponse } from './messages.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

/** The rpcs that answer without an API key: the specification's health group, for probes. */
const HEALTH_RPCS: ReadonlySet<string> = new Set(['ServerLive', 'ServerReady', 'ModelReady']);

type Handler = (request: any, call: ServerUnaryCall<unknown, unknown>) => unknown;

function unavailable(context: ServerContext): GrpcError | undefined {
  if (context.phase === 'starting') return new GrpcError(status.UNAVAILABLE, MESSAGES.notReady);
  if (context.phase === 'closing') return new GrpcError(status.UNAVAILABLE, MESSAGES.shuttingDown);
  return undefined;
}

/** The name the one served script answers to: its file name without the extension. */
function modelNameOf(context: ServerContext): string {
  return basename(context.script.path, extname(context.script.path));
}

function findModel(context: ServerContext, request: ModelNameRequest): void {
  if (request.name !== modelNameOf(context)) throw new GrpcError(status.NOT_FOUND, `Model ${JSON.stringify(request.name)} not found`);
  if (request.version !== '') {
    throw new GrpcError(status.NOT_FOUND, `Model ${JSON.stringify(request.name)} has no version ${JSON.stringify(request.version)}`);
  }
}

const STATUS_OF: Readonly<Record<OipErrorCode, status>> = {
  'invalid-argument': status.INVALID_ARGUMENT,
  'not-found': status.NOT_FOUND,
  unavailable: status.UNAVAILABLE,
};

/** The model's signature, or why it has none (a `@rawHttp` script, a parameter without a tensor form). */
function signatureOf(context: ServerContext): OipSignature | Error {
  try {
    return OipSignature.of(context.script);
  } catch (error) {
    return error as Error;
  }
}

/**
 * The handlers of `inference.GRPCInferenceService` for one server: the same models, readiness and errors as
 * its REST routes. Every failure is a gRPC status (INVALID_ARGUMENT, NOT_FOUND, UNAVAILABLE, UNAUTHENTICATED;
 * INTERNAL, logged, for a bug), never a thrown exception, and each call is logged like an HTTP request.
 */
export function createInferenceService(context: ServerContext, log: FastifyBaseLogger): UntypedServiceImplementation {
  const checkApiKey = context.config.apiKey === undefined ? undefined : createApiKeyCheck(context.config.apiKey);
  const timed = createTimedCaller(context.config.scoringTimeoutMs);
  const signature = signatureOf(context);
  const tensorSignature = (name: string): OipSignature => {
    if (signature instanceof OipSignature) return signature;
    throw new GrpcError(status.UNIMPLEMENTED, `Model ${JSON.stringify(name)} has no tensor form: ${signature.message}`);
  };

  /** Aborts when the client cancels the call (or its deadline passes): a batched request leaves its batch. */
  const cancelledSignal = (call: ServerUnaryCall<unknown, unknown>): AbortSignal => {
    const controller = new AbortController();
    call.once('cancelled', () => controller.abort(new DOMException('The client cancelled the call', 'AbortError')));
    return controller.signal;
  };

  const infer = async (request: ModelInferRequest, call: ServerUnaryCall<unknown, unknown>): Promise<ModelInferResponse> => {
    const notServing = unavailable(context);
    if (notServing) throw notServing;
    findModel(context, { name: request.model_name, version: request.model_version });
    const model = tensorSignature(request.model_name);
    const requested = request.outputs.map((output) => output.name);
    const unknown = model.unknownOutputs(requested);
    if (unknown.length > 0) {
      throw new OipError('invalid-argument', `unknown output '${unknown[0]}'; the model's outputs are ${model.outputs.map((output) => `'${output.name}'`).join(', ')}`);
    }
    const args = model.decodeInputs(inputTensorsOf(request));
    let result;
    try {
      const signal = context.script.batching ? cancelledSignal(call) : undefined;
      result = await timed(() => context.script.invokeDecoded(args, signal ? { signal } : {}));
    } catch (error) {
      if (error instanceof InputValidationError) {
        context.metrics.scored('error', 0);
        throw new GrpcError(status.INVALID_ARGUMENT, error.message);
      }
      if (error instanceof ScoringTimeoutError) {
        context.metrics.scored('timeout', error.timeoutMs / 1000);
        log.error({ rpc: 'ModelInfer', timeoutMs: error.timeoutMs }, 'run() exceeded the scoring timeout');
        throw new GrpcError(status.DEADLINE_EXCEEDED, MESSAGES.scoringTimeout(error.timeoutMs));
      }
      context.metrics.scored('error', 0);
      log.error({ rpc: 'ModelInfer', err: error }, 'run() failed');
      throw new GrpcError(status.INTERNAL, MESSAGES.runFailed);
    }
    context.metrics.scored('success', result.elapsedMs / 1000);
    const tensors = model.encodeOutputs(result.value, requested);
    return { model_name: request.model_name, model_version: request.model_version, id: request.id, ...outputTensorsOf(tensors, request.raw_input_contents.length > 0) };
  };

  const unary = (rpc: string, handler: Handler) => (call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) => {
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

  return {
    ServerLive: unary('ServerLive', () => ({ live: true })),
    ServerReady: unary('ServerReady', () => ({ ready: context.phase === 'ready' })),
    ServerMetadata: unary('ServerMetadata', (): ServerMetadataResponse => ({ name: 'inferschema', version, extensions: [] })),
    ModelReady: unary('ModelReady', (request: ModelNameRequest) => {
      findModel(context, request);
      return { ready: context.phase === 'ready' };
    }),
    ModelMetadata: unary('ModelMetadata', (request: ModelNameRequest): ModelMetadataResponse => {
      findModel(context, request);
      const { inputs, outputs } = tensorSignature(request.name);
      return { name: request.name, versions: [], platform: '', inputs, outputs };
    }),
    ModelInfer: unary('ModelInfer', infer),
  };
}
