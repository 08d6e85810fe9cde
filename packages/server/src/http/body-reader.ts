import type { IncomingMessage } from 'node:http';
import { contentEncodingError } from './content-encoding.js';
import type { Exchange } from './exchange.js';
import { HttpError } from './http-error.js';
import { MESSAGES } from './messages.js';

/** Seconds a client refused for lack of body budget is asked to wait. */
export const BUSY_RETRY_AFTER_SECONDS = 1;

/**
 * The body budget is spent: the rest of the body is read and dropped (none of it held), then the request is
 * answered 503 with `Retry-After`, so a client still sending gets the answer instead of a reset connection.
 */
function busy(exchange: Exchange): void {
  exchange.body = undefined;
  exchange.firstChunk = undefined;
  exchange.chunks = undefined;
  exchange.refusal = new HttpError(503, MESSAGES.busy, { headers: { 'retry-after': String(BUSY_RETRY_AFTER_SECONDS) } });
}

const EXCHANGE = Symbol('inferschema.exchange');
const EMPTY = Buffer.alloc(0);

type Carrier = IncomingMessage & { [EXCHANGE]: Exchange; [AFTER]: (exchange: Exchange) => void };
const AFTER = Symbol('inferschema.afterBody');

function tooLarge(exchange: Exchange): void {
  exchange.body = undefined;
  exchange.firstChunk = undefined;
  exchange.chunks = undefined;
  // The client may still be sending: the answer closes the connection instead of reading the rest.
  if (!exchange.shared.closing) exchange.headers.push('connection', 'close');
  exchange.fail(new HttpError(413, MESSAGES.bodyTooLarge(exchange.shared.maxBodyBytes)));
}

// The listeners are shared functions that find their exchange on the request: no closure per request.
function onData(this: Carrier, chunk: Buffer): void {
  const exchange = this[EXCHANGE];
  if (exchange.done || exchange.refusal !== undefined) return;
  exchange.bodyBytes += chunk.length;
  if (exchange.bodyBytes > exchange.shared.maxBodyBytes) return tooLarge(exchange);
  // A chunked body reserves as it arrives; a declared one reserved its length up front.
  if (exchange.bodyBytes > exchange.reservedBytes) {
    const more = exchange.bodyBytes - exchange.reservedBytes;
    if (!exchange.shared.budget.reserve(more)) return busy(exchange);
    exchange.reservedBytes += more;
  }
  const declared = exchange.declaredBytes;
  if (declared >= 0) {
    // A declared length: a body that is one chunk is kept as it is; a longer one is copied into one buffer
    // of that length as it arrives (no list of chunks, no concatenation at the end).
    if (exchange.firstChunk === undefined && chunk.length === declared) exchange.firstChunk = chunk;
    else {
      exchange.body ??= Buffer.allocUnsafe(declared);
      chunk.copy(exchange.body, exchange.bodyBytes - chunk.length);
    }
  } else if (exchange.firstChunk === undefined) exchange.firstChunk = chunk;
  else if (exchange.chunks === undefined) exchange.chunks = [exchange.firstChunk, chunk];
  else exchange.chunks.push(chunk);
}

function onEnd(this: Carrier): void {
  const exchange = this[EXCHANGE];
  if (exchange.done) return;
  if (exchange.refusal !== undefined) return exchange.fail(exchange.refusal);
  // Node ends a request with a declared length only once all of it has arrived: `body` is then full.
  exchange.body ??= exchange.chunks !== undefined ? Buffer.concat(exchange.chunks, exchange.bodyBytes) : (exchange.firstChunk ?? EMPTY);
  exchange.firstChunk = undefined;
  exchange.chunks = undefined;
  this[AFTER](exchange);
}

function onClose(this: Carrier): void {
  if (!this.complete) this[EXCHANGE].abandon();
}

/**
 * Reads the request body into `exchange.body`, then calls `after` (a function shared by all requests): a body of
 * declared length into one buffer of that length (or its one chunk, as it is), a chunked one by concatenating. A
 * declared `Content-Length` over the limit is refused with 413 before anything is read; a body that grows past
 * it (chunked) is refused as soon as it does, and the connection closed. A `Content-Encoding` the server does
 * not decode is 415. Bytes are reserved in the server's body budget (a declared length up front, a chunked body
 * as it arrives) until the request is answered; past the cap the request gets 503 with `Retry-After`. A request
 * without a body (no length, or 0, and not chunked) goes straight on with an empty body. A client that leaves
 * mid-body abandons its exchange.
 */
export function readBody(exchange: Exchange, after: (exchange: Exchange) => void): void {
  const req = exchange.req as Carrier;
  const { headers } = req;
  const declared = headers['content-length'];
  if (headers['transfer-encoding'] === undefined && (declared === undefined || declared === '0')) {
    exchange.body = EMPTY;
    return after(exchange);
  }
  const encoding = contentEncodingError(headers);
  if (encoding) return exchange.fail(encoding);
  if (declared !== undefined && headers['transfer-encoding'] === undefined) {
    const length = Number(declared);
    if (length > exchange.shared.maxBodyBytes) return tooLarge(exchange);
    exchange.declaredBytes = length;
    if (exchange.shared.budget.reserve(length)) exchange.reservedBytes = length;
    else busy(exchange);
  }
  req[EXCHANGE] = exchange;
  req[AFTER] = after;
  req.on('data', onData);
  req.on('end', onEnd);
  req.on('close', onClose);
}
