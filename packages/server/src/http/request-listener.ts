import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorBodyOf } from '@inferschema/core/protocols';
import type { ServerConfig } from '../config.js';
import { createApiKeyCheck } from './api-key.js';
import { readBody } from './body-reader.js';
import { createCorsPolicy, isPreflight } from './cors.js';
import { Exchange, JSON_ERROR_TYPE, type ExchangeShared } from './exchange.js';
import { HttpError } from './http-error.js';
import { MESSAGES } from './messages.js';
import { requestIdGenerator, requestIdsOf } from './request-ids.js';
import type { Router } from './router.js';


function dispatch(exchange: Exchange): void {
  let pending: void | Promise<void>;
  try {
    pending = exchange.route!.handler(exchange);
  } catch (error) {
    exchange.fail(error);
    return;
  }
  if (pending !== undefined) pending.then(undefined, (error: unknown) => exchange.fail(error));
}

/**
 * The server's request listener, every step in order: find the route (400 for a URL that cannot be decoded),
 * request ids (400 when too long), CORS (preflights answered here), 503 while closing, 404/405 for unknown
 * paths and methods, the API key (401, for routes declared `auth: 'api-key'`), the body (413 over the limit;
 * not read for `GET`/`HEAD`), then the route's handler. The answer counts, times and logs the request
 * (`Exchange.finish`).
 */
export function createRequestListener(config: ServerConfig, shared: ExchangeShared, router: Router) {
  const cors = config.corsOrigins.length > 0 ? createCorsPolicy(config.corsOrigins) : undefined;
  const checkApiKey = config.apiKey === undefined ? undefined : createApiKeyCheck(config.apiKey);
  const nextId = requestIdGenerator();

  return function onRequest(req: IncomingMessage, res: ServerResponse): void {
    const exchange = new Exchange(req, res, shared);
    shared.metrics.requestStarted();
    const method = req.method!;
    const match = router.match(method, req.url!);
    try {
      const ids = requestIdsOf(req.headers, nextId);
      exchange.requestId = ids.requestId;
      exchange.generatedId = !req.headers['x-request-id'];
      exchange.headers = ids.headers;
    } catch (error) {
      const own = error instanceof HttpError ? error.headers['x-request-id'] : undefined;
      if (own !== undefined) {
        exchange.requestId = own;
        exchange.generatedId = own !== req.headers['x-request-id'];
      }
      if (match.kind === 'route') exchange.route = match.route;
      exchange.fail(error);
      return;
    }
    if (match.kind === 'route') {
      exchange.route = match.route;
      exchange.params = match.params;
    }
    if (cors !== undefined) {
      const preflight = isPreflight(method, req.headers);
      const corsHeaders = cors.headersFor(req.headers, preflight);
      for (const name in corsHeaders) exchange.headers.push(name, corsHeaders[name]!);
      if (preflight && 'access-control-allow-origin' in corsHeaders) {
        exchange.send(200, undefined, undefined, ['x-ms-run-function-failed', 'False']);
        return;
      }
    }
    if (match.kind === 'bad-url') {
      exchange.warn = true;
      exchange.fail(new HttpError(400, `'${req.url}' is not a valid url component`));
      return;
    }
    if (shared.closing) {
      exchange.fail(new HttpError(503, MESSAGES.shuttingDown));
      return;
    }
    if (match.kind === 'none') {
      const protocol = match.protocol ?? 'azure';
      if (match.allow === undefined) {
        exchange.send(404, JSON_ERROR_TYPE, JSON.stringify(errorBodyOf(protocol, MESSAGES.notFound)), ['x-ms-run-function-failed', 'False']);
      } else {
        const body = JSON.stringify(errorBodyOf(protocol, MESSAGES.methodNotAllowed));
        exchange.send(405, JSON_ERROR_TYPE, body, ['x-ms-run-function-failed', 'False', 'allow', match.allow]);
      }
      return;
    }
    const route = match.route;
    if (checkApiKey !== undefined && route.needsApiKey && !checkApiKey(req.headers.authorization)) {
      exchange.fail(new HttpError(401, MESSAGES.unauthorized, { headers: { 'www-authenticate': 'Bearer' } }));
      return;
    }
    if (route.readsBody) readBody(exchange, dispatch);
    else dispatch(exchange);
  };
}
