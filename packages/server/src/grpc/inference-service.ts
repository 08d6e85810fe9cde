import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { basename, extname } from 'node:path';
import { status, type Metadata, type ServerUnaryCall, type sendUnaryData, type UntypedServiceImplementation } from '@grpc/grpc-js';
import type { FastifyBaseLogger } from 'fastify';
import { createApiKeyCheck } from '../http/api-key.js';
import { MESSAGES } from '../http/messages.js';
import type { ServerContext } from '../server-context.js';
import { GrpcError } from './grpc-error.js';
import type { ModelNameRequest, ServerMetadataResponse } from './messages.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

/** The rpcs that answer without an API key: the specification's health group, for probes. */
const HEALTH_RPCS: ReadonlySet<string> = new Set(['ServerLive', 'ServerReady', 'ModelReady']);

type Handler = (request: any, metadata: Metadata) => unknown;

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

/**
 * The handlers of `inference.GRPCInferenceService` for one server: the same models, readiness and errors as
 * its REST routes. Every failure is a gRPC status (INVALID_ARGUMENT, NOT_FOUND, UNAVAILABLE, UNAUTHENTICATED;
 * INTERNAL, logged, for a bug), never a thrown exception, and each call is logged like an HTTP request.
 */
export function createInferenceService(context: ServerContext, log: FastifyBaseLogger): UntypedServiceImplementation {
  const checkApiKey = context.config.apiKey === undefined ? undefined : createApiKeyCheck(context.config.apiKey);

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
        return handler(call.request, call.metadata);
      })
      .then(
        (response) => finish(status.OK, response),
        (error: unknown) => {
          if (error instanceof GrpcError) return finish(error.code, undefined, error.message);
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
  };
}
