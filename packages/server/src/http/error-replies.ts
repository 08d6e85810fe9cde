import type { FastifyError, FastifyInstance } from 'fastify';
import type { ServerConfig } from '../config.js';
import { HttpError } from './http-error.js';
import { MESSAGES } from './messages.js';

function isClientError(status: number | undefined): status is number {
  return status !== undefined && status >= 400 && status < 500;
}

/**
 * Every error becomes `{ "message": ... }` JSON with `x-ms-run-function-failed: False`: `HttpError`s with
 * their status, fastify's own client errors (413 body too large, 400 bad framing, 415 malformed content type)
 * with their status, anything else 500 with its stack logged and not sent. Unknown paths are 404; a known
 * path with a method it does not take is 405 with `Allow`.
 *
 * @param routes path → methods of every registered route (filled in as routes are added).
 */
export function registerErrorReplies(app: FastifyInstance, config: ServerConfig, routes: ReadonlyMap<string, ReadonlySet<string>>): void {
  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    reply.header('x-ms-run-function-failed', 'False').type('application/json');
    if (error instanceof HttpError) return reply.headers(error.headers).code(error.status).send(error.body);
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.code(413).send({ message: MESSAGES.bodyTooLarge(config.maxBodyBytes) });
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return reply.code(415).send({ message: MESSAGES.expectsJson });
    if (isClientError(error.statusCode)) return reply.code(error.statusCode).send({ message: error.message });
    request.log.error({ requestId: request.id, err: error }, 'internal error');
    return reply.code(500).send({ message: MESSAGES.internalError });
  });

  app.setNotFoundHandler((request, reply) => {
    const query = request.url.indexOf('?');
    const methods = routes.get(query < 0 ? request.url : request.url.slice(0, query));
    reply.header('x-ms-run-function-failed', 'False').type('application/json');
    if (!methods) return reply.code(404).send({ message: MESSAGES.notFound });
    return reply.code(405).header('allow', [...methods].join(', ')).send({ message: MESSAGES.methodNotAllowed });
  });
}
