import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { HttpError } from './http-error.js';
import { MESSAGES } from './messages.js';

/** The longest id accepted in `x-request-id`, `x-ms-request-id`, `x-ms-client-request-id` or `TraceId`. */
export const MAX_REQUEST_ID_LENGTH = 100;

/** The id headers of one response, decided from the request's headers. */
export interface RequestIds {
  /** `x-request-id`: the client's, or a fresh UUID. */
  readonly requestId: string;
  /** The headers to set on the response. */
  readonly headers: Readonly<Record<string, string>>;
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
 * `generatedId` is the id used when the request has none (the server passes its log id).
 *
 * @throws HttpError 431 (as the Azure ML server answers) when an id or `TraceId` is longer than 100 characters:
 * ids are echoed and logged with every request, so their size is bounded; the error carries the headers that
 * may still be returned.
 * @example
 * requestIdsOf({ 'x-ms-client-request-id': 'c1' }).headers;
 * // { 'x-request-id': '<uuid>', 'x-ms-request-id': 'c1', 'x-ms-client-request-id': 'c1' }
 */
export function requestIdsOf(headers: IncomingHttpHeaders, generatedId: string = randomUUID()): RequestIds {
  const given = single(headers['x-request-id']);
  if (given !== undefined && given.length > MAX_REQUEST_ID_LENGTH) throw new HttpError(431, MESSAGES.requestIdTooLong);
  const requestId = given ?? generatedId;
  const legacy = single(headers['x-ms-request-id']);
  const client = single(headers['x-ms-client-request-id']);
  if ((legacy?.length ?? 0) > MAX_REQUEST_ID_LENGTH || (client?.length ?? 0) > MAX_REQUEST_ID_LENGTH) {
    throw new HttpError(431, MESSAGES.clientRequestIdTooLong, { headers: { 'x-request-id': requestId } });
  }
  const result: Record<string, string> = { 'x-request-id': requestId, 'x-ms-request-id': legacy ?? client ?? requestId };
  if (legacy !== undefined || client !== undefined) result['x-ms-client-request-id'] = client ?? legacy!;
  const traceId = single(headers.traceid);
  if (traceId !== undefined && traceId.length > MAX_REQUEST_ID_LENGTH) {
    throw new HttpError(431, MESSAGES.traceIdTooLong, { headers: result });
  }
  if (traceId !== undefined) result.TraceId = traceId;
  return { requestId, headers: result };
}
