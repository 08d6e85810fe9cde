import type { FastifyBaseLogger, RouteHandlerMethod } from 'fastify';
import type { OipRouteId } from '@inferschema/core/protocols';
import { createTimedCaller } from '../http/timed-call.js';
import { oipHandlers, type OipAnswer } from '../oip/oip-handlers.js';
import type { ServerContext } from '../server-context.js';

/** The Open Inference Protocol routes (`OIP_ROUTES`), bound to this HTTP layer; errors reach the error replies. */
export function oipRouteHandlers(context: ServerContext, log: FastifyBaseLogger): Record<OipRouteId, RouteHandlerMethod> {
  const handlers = oipHandlers({
    models: context.models,
    serving: () => context.phase === 'ready',
    timed: createTimedCaller(context.config.scoringTimeoutMs),
    metrics: context.metrics,
    logError: (message, details) => log.error(details, message),
  });
  const bound = {} as Record<OipRouteId, RouteHandlerMethod>;
  for (const id of Object.keys(handlers) as OipRouteId[]) {
    const handle = handlers[id];
    bound[id] = async (request, reply) => {
      const answer: OipAnswer = await handle({
        params: request.params as Record<string, string>,
        headers: request.headers,
        body: request.body as Buffer | undefined,
      });
      if (answer.runMs !== undefined) request.runMs = answer.runMs;
      reply.code(answer.status).header('x-ms-run-function-failed', 'False');
      for (let index = 0; index < answer.headers.length; index += 2) reply.header(answer.headers[index]!, answer.headers[index + 1]!);
      if (answer.contentType !== undefined) reply.type(answer.contentType);
      return reply.serializer((payload: unknown) => payload as string).send(answer.body);
    };
  }
  return bound;
}
