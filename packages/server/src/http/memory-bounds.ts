import type { IncomingMessage, ServerResponse } from 'node:http';
import { Transform, type TransformCallback } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../server-context.js';
import { BodyBudget } from './body-budget.js';
import { contentEncodingError } from './content-encoding.js';
import { HttpError } from './http-error.js';
import { MESSAGES } from './messages.js';

/** Seconds a client refused for lack of body budget is asked to wait. */
export const BUSY_RETRY_AFTER_SECONDS = 1;

function busy(): HttpError {
  // `statusCode` too: fastify keeps it when a body stream fails (it would make any other error a 400).
  // The connection stays open: Node reads and drops the rest of the body (holding none of it), and the client
  // gets the answer instead of a reset connection.
  const error = new HttpError(503, MESSAGES.busy, { headers: { 'retry-after': String(BUSY_RETRY_AFTER_SECONDS) } });
  return Object.assign(error, { statusCode: 503 });
}

/**
 * The request-side bounds, as fastify hooks: a body with a `Content-Encoding` is refused with 415, and every
 * body is counted against the server's {@link BodyBudget} (`maxBufferedBodyBytes`): a declared
 * `Content-Length` is reserved before the body is read, a chunked body chunk by chunk; a request that does not
 * fit gets 503 with `Retry-After` and `{"message": …}` (the rest of its body is read and dropped), while the requests already
 * accepted go on. A request's bytes are released when its response closes.
 */
export function registerMemoryBounds(app: FastifyInstance, context: ServerContext): BodyBudget {
  const budget = new BodyBudget(context.config.maxBufferedBodyBytes);
  const held = new WeakMap<IncomingMessage, number>();
  /** Reserves `bytes` for a request; its first reservation is released, in full, when its response closes. */
  const reserve = (request: IncomingMessage, response: ServerResponse, bytes: number): boolean => {
    if (!budget.reserve(bytes)) return false;
    const before = held.get(request);
    held.set(request, (before ?? 0) + bytes);
    if (before === undefined) {
      response.once('close', () => {
        budget.release(held.get(request) ?? 0);
        held.delete(request);
      });
    }
    return true;
  };

  app.addHook('onRequest', (request, reply, done) => {
    const { headers } = request.raw;
    const chunked = headers['transfer-encoding'] !== undefined;
    if (!chunked && (headers['content-length'] === undefined || headers['content-length'] === '0')) return done();
    const encoding = contentEncodingError(headers);
    if (encoding) return done(encoding);
    const declared = chunked ? 0 : Number(headers['content-length']);
    // A declared length over maxBodyBytes is refused with 413 by the body parser: nothing to reserve.
    if (declared > 0 && declared <= context.config.maxBodyBytes && !reserve(request.raw, reply.raw, declared)) return done(busy());
    done();
  });

  app.addHook('preParsing', (request, reply, payload, done) => {
    if (request.raw.headers['transfer-encoding'] === undefined) return done(null, payload);
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, callback: TransformCallback) {
        if (!reserve(request.raw, reply.raw, chunk.length)) return callback(busy());
        callback(null, chunk);
      },
    });
    payload.on('error', (error) => counted.destroy(error));
    done(null, payload.pipe(counted));
  });
  return budget;
}
