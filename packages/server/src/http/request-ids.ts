import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { HttpError } from './http-error.js';
import { MESSAGES } from './messages.js';

/** The longest id accepted in `x-request-id`, `x-ms-request-id`, `x-ms-client-request-id` or `TraceId`. */
export const MAX_REQUEST_ID_LENGTH = 100;

/** The id headers of one response, decided from the request's headers. */
export interface RequestIds {
  /** `x-request-id`: the client's, or a generated one. */
  readonly requestId: string;
  /** The headers to set on the response, as name/value pairs in one flat list (what `writeHead` takes). */
  readonly headers: string[];
}

/**
 * Generates request ids in UUID form: a random prefix drawn once, then a counter in the last group. Unique
 * within the process (2^48 ids) and, by the 74 random bits of the prefix, across processes; about 30× cheaper
 * than a `randomUUID()` per request, which matters on a small request.
 *
 * @example
 * const next = requestIdGenerator();
 * next(); // '1b4e28ba-2fa1-41d2-883f-000000000001'
 */
export function requestIdGenerator(): () => string {
  let prefix = randomUUID().slice(0, 24);
  let counter = 0;
  return () => {
    counter += 1;
    if (counter > 0xffff_ffff_ffff) {
      prefix = randomUUID().slice(0, 24);
      counter = 1;
    }
    return prefix + counter.toString(16).padStart(12, '0');
  };
}

function single(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text === '' ? undefined : text;
}

/**
 * Reads the request-id headers the way the Azure ML server does: `x-request-id` is echoed (or generated),
 * `x-ms-request-id` (legacy) and `x-ms-client-request-id` are echoed, and `x-ms-request-id` falls back to the
 * client id, then to `x-request-id`. `TraceId` is echoed.
 *
 * @param generate makes the id of a request that has none (called only then).
 * @throws HttpError 400 (issue 14; the Azure ML server answers 431) when an id or `TraceId` is longer than 100 characters:
 * ids are echoed and logged with every request, so their size is bounded; the error carries the headers that
 * may still be returned, always an `x-request-id` (a generated one in place of a refused one).
 * @example
 * requestIdsOf({ 'x-ms-client-request-id': 'c1' }, () => 'r1').headers;
 * // ['x-request-id', 'r1', 'x-ms-request-id', 'c1', 'x-ms-client-request-id', 'c1']
 */
export function requestIdsOf(headers: IncomingHttpHeaders, generate: () => string = randomUUID): RequestIds {
  const given = single(headers['x-request-id']);
  const legacy = single(headers['x-ms-request-id']);
  const client = single(headers['x-ms-client-request-id']);
  const traceId = single(headers.traceid);
  if (given === undefined && legacy === undefined && client === undefined && traceId === undefined) {
    const requestId = generate();
    return { requestId, headers: ['x-request-id', requestId, 'x-ms-request-id', requestId] };
  }
  // A refused id is replaced by a generated one: the 400 and its log line still carry an id.
  const givenFits = given === undefined || given.length <= MAX_REQUEST_ID_LENGTH;
  const requestId = given !== undefined && givenFits ? given : generate();
  const result = ['x-request-id', requestId];
  const clientFits = (legacy?.length ?? 0) <= MAX_REQUEST_ID_LENGTH && (client?.length ?? 0) <= MAX_REQUEST_ID_LENGTH;
  if (clientFits) {
    result.push('x-ms-request-id', legacy ?? client ?? requestId);
    if (legacy !== undefined || client !== undefined) result.push('x-ms-client-request-id', client ?? legacy!);
  }
  const problem = !givenFits
    ? MESSAGES.requestIdTooLong
    : !clientFits
      ? MESSAGES.clientRequestIdTooLong
      : traceId !== undefined && traceId.length > MAX_REQUEST_ID_LENGTH
        ? MESSAGES.traceIdTooLong
        : undefined;
  if (problem !== undefined) {
    const own: Record<string, string> = {};
    for (let index = 0; index < result.length; index += 2) own[result[index]!] = result[index + 1]!;
    throw new HttpError(400, problem, { headers: own });
  }
  if (traceId !== undefined) result.push('TraceId', traceId);
  return { requestId, headers: result };
}
