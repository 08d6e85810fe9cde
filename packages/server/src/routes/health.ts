import type { RouteHandlerMethod } from 'fastify';
import { HttpError } from '../http/http-error.js';
import { MESSAGES } from '../http/messages.js';
import type { ServerContext } from '../server-context.js';

function notReady(context: ServerContext): HttpError | undefined {
  if (context.phase === 'starting') return new HttpError(503, MESSAGES.notReady);
  if (context.phase === 'closing') return new HttpError(503, MESSAGES.shuttingDown);
  return undefined;
}

/**
 * The health routes: `GET /` answers `Healthy` (the Azure ML liveness and readiness probe) once `init` has
 * finished; `GET /v2/health/live` answers 200 while the process runs; `GET /v2/health/ready` answers 200 once
 * `init` has finished and 503 before that and during shutdown (Open Inference Protocol: empty bodies).
 */
export function healthHandlers(context: ServerContext): Record<'azure.health' | 'ops.live' | 'ops.ready', RouteHandlerMethod> {
  return {
    'azure.health': (_request, reply) => {
      const error = notReady(context);
      if (error) throw error;
      return reply.type('text/html; charset=utf-8').send('Healthy');
    },
    'ops.live': (_request, reply) => reply.code(200).send(),
    'ops.ready': (_request, reply) => {
      const error = notReady(context);
      if (error) throw error;
      return reply.code(200).send();
    },
  };
}
