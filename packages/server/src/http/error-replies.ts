import { errorBodyOf, type ProtocolName } from '@inferschema/core/protocols';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerConfig } from '../config.js';
import { ALLOWED_METHODS, SERVER_ROUTES } from '../routes/route-table.js';
import { HttpError } from './http-error.js';
import { MESSAGES } from './messages.js';

function isClientError(status: number | undefined): status is number {
  return status !== undefined && status >= 400 && status < 500;
}

function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}

/** The protocol whose error body a request gets: its route's, else that of the routes on its path, else Azure's. */
function protocolOf(request: FastifyRequest): ProtocolName {
  const declared = request.routeOptions.config?.declaration?.protocol;
  if (declared) return declared;
  const path = pathOf(request.url);
  return SERVER_ROUTES.find((route) => route.path === path)?.protocol ?? 'azure';
}

/**
 * Every error becomes the JSON error body of the route's protocol (`errorBodyOf`: Azure `{ message, errors? }`,
 * OIP `{ error }`) with `x-ms-run-function-failed: False`: `HttpError`s with their status, fastify's own client
 * errors (413 body too large, 400 bad framing, 415 malformed content type) with their status, anything else 500
 * with its stack logged and not sent. Unknown paths are 404; a known path with a method it does not take is
 * 405 with `Allow` (from the route table).
 */
export function registerErrorReplies(app: FastifyInstance, config: ServerConfig): void {
  const send = (request: FastifyRequest, reply: FastifyReply, status: number, message: string, error?: HttpError) =>
    reply.code(status).send(errorBodyOf(protocolOf(request), message, error?.errors));

  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    reply.header('x-ms-run-function-failed', 'False').type('application/json');
    if (error instanceof HttpError) return send(request, reply.headers(error.headers), error.status, error.message, error);
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return send(request, reply, 413, MESSAGES.bodyTooLarge(config.maxBodyBytes));
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return send(request, reply, 415, MESSAGES.expectsJson);
    if (isClientError(error.statusCode)) return send(request, reply, error.statusCode, error.message);
    request.log.error({ requestId: request.id, err: error }, 'internal error');
    return send(request, reply, 500, MESSAGES.internalError);
  });

  app.setNotFoundHandler((request, reply) => {
    const methods = ALLOWED_METHODS.get(pathOf(request.url));
    reply.header('x-ms-run-function-failed', 'False').type('application/json');
    if (!methods) return send(request, reply, 404, MESSAGES.notFound);
    return send(request, reply.header('allow', methods.join(', ')), 405, MESSAGES.methodNotAllowed);
  });
}
