import type { OipRouteId } from '@inferschema/core/protocols';
import { batchedClientSignal } from '../batching.js';
import type { RouteHandler } from '../http/exchange.js';
import { createTimedCaller } from '../http/timed-call.js';
import { oipHandlers } from '../oip/oip-handlers.js';
import type { ServerContext } from '../server-context.js';

/** The Open Inference Protocol routes (`OIP_ROUTES`), bound to this HTTP layer; errors reach the error replies. */
export function oipRouteHandlers(context: ServerContext): Record<OipRouteId, RouteHandler> {
  const handlers = oipHandlers({
    models: context.models,
    serving: () => context.phase === 'ready',
    timed: createTimedCaller(context.config.scoringTimeoutMs),
    metrics: context.metrics,
    logError: (message, details) => context.log.error(details, message),
    logInfo: (message, details) => context.log.info(details, message),
  });
  const bound = {} as Record<OipRouteId, RouteHandler>;
  for (const id of Object.keys(handlers) as OipRouteId[]) {
    const handle = handlers[id];
    bound[id] = async (exchange) => {
      const answer = await handle({
        params: exchange.params,
        headers: exchange.req.headers,
        body: exchange.body,
        requestId: exchange.requestId,
        clientGone: () => batchedClientSignal(exchange),
      });
      if (answer.runMs !== undefined) exchange.runMs = answer.runMs;
      exchange.send(answer.status, answer.contentType, answer.body, ['x-ms-run-function-failed', 'False', ...answer.headers]);
    };
  }
  return bound;
}
