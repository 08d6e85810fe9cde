import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerContext } from '../server-context.js';
import { HttpError } from './http-error.js';
import { requestIdsOf } from './request-ids.js';

/**
 * Answers the requests fastify refuses before any hook runs (a URL it cannot decode, e.g. `GET /score%`; a path
 * parameter over its length limit) the way every other answer is given: 400 with `{"message": …}`, the id
 * headers, `x-ms-run-function-failed: False`, counted in the metrics (route `unmatched`) and logged.
 */
export function createFrameworkErrorHandler(context: ServerContext) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    let headers: Readonly<Record<string, string>>;
    try {
      headers = requestIdsOf(request.headers, request.id).headers;
    } catch (idError) {
      headers = idError instanceof HttpError ? idError.headers : {};
    }
    const requestId = headers['x-request-id'] ?? request.id;
    reply
      .code(400)
      .headers(headers)
      .header('x-ms-run-function-failed', 'False')
      .type('application/json')
      .send({ message: error.message });
    context.metrics.requestAnswered(request.method, 'unmatched', 400, 0);
    reply.log.warn({ requestId, method: request.method, status: 400, code: error.code }, 'request refused: the URL cannot be decoded');
  };
}
