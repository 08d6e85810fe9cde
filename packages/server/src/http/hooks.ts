import { performance } from 'node:perf_hooks';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ServerContext } from '../server-context.js';
import { createApiKeyCheck } from './api-key.js';
import { createCorsPolicy, isPreflight } from './cors.js';
import { HttpError } from './http-error.js';
import { MESSAGES } from './messages.js';
import { requestIdsOf } from './request-ids.js';

/** The URL without its query string: the request log leaves it out by default (it may carry data or tokens). */
function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}

/**
 * The hooks every request passes, in order: metrics bookkeeping, request ids (431 when too long), CORS
 * (preflights answered here), the API key (401, on routes whose declaration says `auth: 'api-key'`), and, once
 * answered, the metrics (labelled by the route's declared path) and one structured log line with the request id
 * and timings, at the route's declared log level.
 */
export function registerRequestHooks(app: FastifyInstance, context: ServerContext): void {
  const { metrics, config } = context;
  const cors = config.corsOrigins.length > 0 ? createCorsPolicy(config.corsOrigins) : undefined;
  const checkApiKey = config.apiKey === undefined ? undefined : createApiKeyCheck(config.apiKey);

  // A request counts as in flight from its first hook until it is answered or its connection closes, whichever
  // comes first: for a client that goes away while run works, fastify calls neither onResponse nor
  // onRequestAbort, but the response always emits 'close'.
  const ended = (request: FastifyRequest) => {
    if (request.receivedAt === 0) return;
    request.receivedAt = 0;
    metrics.requestEnded();
  };

  app.addHook('onRequest', (request, reply, done) => {
    request.receivedAt = performance.now();
    metrics.requestStarted();
    reply.raw.once('close', () => ended(request));
    try {
      const ids = requestIdsOf(request.headers, request.id);
      request.requestIds = ids;
      reply.headers(ids.headers);
      if (cors) {
        const preflight = isPreflight(request.method, request.headers);
        const corsHeaders = cors.headersFor(request.headers, preflight);
        reply.headers(corsHeaders);
        if (preflight && 'access-control-allow-origin' in corsHeaders) {
          reply.code(200).header('x-ms-run-function-failed', 'False').send();
          return;
        }
      }
      const declaration = request.routeOptions.config.declaration;
      if (checkApiKey && declaration?.auth === 'api-key' && !checkApiKey(request.headers.authorization)) {
        throw new HttpError(401, MESSAGES.unauthorized, { headers: { 'www-authenticate': 'Bearer' } });
      }
      done();
    } catch (error) {
      done(error as Error);
    }
  });

  const { logQueryString } = config;
  app.addHook('onResponse', (request, reply, done) => {
    const durationMs = request.receivedAt === 0 ? 0 : performance.now() - request.receivedAt;
    const declaration = request.routeOptions.config.declaration;
    const route = declaration?.path ?? 'unmatched';
    ended(request);
    metrics.requestAnswered(request.method, route, reply.statusCode, durationMs / 1000);
    const summary = {
      requestId: request.id,
      method: request.method,
      url: logQueryString ? request.url : pathOf(request.url),
      status: reply.statusCode,
      durationMs: Math.round(durationMs * 1000) / 1000,
      ...(request.runMs === null ? {} : { runMs: Math.round(request.runMs * 1000) / 1000 }),
    };
    if (declaration?.logLevel === 'debug') request.log.debug(summary, 'request completed');
    else request.log.info(summary, 'request completed');
    done();
  });
}
