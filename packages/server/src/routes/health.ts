import type { RouteHandler } from '../http/exchange.js';
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
export function healthHandlers(context: ServerContext): Record<'azure.health' | 'ops.live' | 'ops.ready', RouteHandler> {
  return {
    'azure.health': (exchange) => {
      const error = notReady(context);
      if (error) throw error;
      exchange.send(200, 'text/html; charset=utf-8', 'Healthy');
    },
    'ops.live': (exchange) => exchange.send(200, undefined, undefined),
    'ops.ready': (exchange) => {
      const error = notReady(context);
      if (error) throw error;
      exchange.send(200, undefined, undefined);
    },
  };
}
