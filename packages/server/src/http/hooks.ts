import { performance } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../server-context.js';
import { HEALTH_ROUTES } from '../routes/health.js';
import { createApiKeyCheck } from './api-key.js';
import { createCorsPolicy, isPreflight } from './cors.js';
import { HttpError } from './http-error.js';
import { MESSAGES } from './messages.js';
import { requestIdsOf } from './request-ids.js';

/** Routes whose request summary is logged at `debug` rather than `info`: probes and scrapes are frequent. */
const QUIET_ROUTES = new Set([...HEALTH_ROUTES, '/metrics']);

/**
 * The hooks every request passes, in order: metrics bookkeeping, request ids (431 when too long), CORS
 * (preflights answered here), the API key (401), and, once answered, the metrics and one structured log line
 * with the request id and timings.
 */
export function registerRequestHooks(app: FastifyInstance, context: ServerContext): void {
  const { metrics, config } = context;
  const cors = createCorsPolicy(config.corsOrigins);
  const checkApiKey = config.apiKey === undefined ? undefined : createApiKeyCheck(config.apiKey);

  app.addHook('onRequest', (request, reply, done) => {
    request.receivedAt = performance.now();
    metrics.requestStarted();
    try {
      const ids = requestIdsOf(request.headers, request.id);
      request.requestIds = ids;
      reply.headers(ids.headers);
      const preflight = isPreflight(request.method, request.headers);
      const corsHeaders = cors.headersFor(request.headers, preflight);
      reply.headers(corsHeaders);
      if (preflight && 'access-control-allow-origin' in corsHeaders) {
        reply.code(200).header('x-ms-run-function-failed', 'False').send();
        return;
      }
      const route = request.routeOptions.url;
      if (checkApiKey && route !== undefined && !HEALTH_ROUTES.has(route) && !checkApiKey(request.headers.authorization)) {
        throw new HttpError(401, MESSAGES.unauthorized, { headers: { 'www-authenticate': 'Bearer' } });
      }
      done();
    } catch (error) {
      done(error as Error);
    }
  });

  app.addHook('onResponse', (request, reply, done) => {
    const durationMs = performance.now() - request.receivedAt;
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.requestEnded();
    metrics.requestAnswered(request.method, route, reply.statusCode, durationMs / 1000);
    const summary = {
      method: request.method,
      url: request.url,
      status: reply.statusCode,
      durationMs: Math.round(durationMs * 1000) / 1000,
      ...(request.runMs === null ? {} : { runMs: Math.round(request.runMs * 1000) / 1000 }),
    };
    if (QUIET_ROUTES.has(route)) request.log.debug(summary, 'request completed');
    else request.log.info(summary, 'request completed');
    done();
  });
}
