import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { pipeline, type Readable } from 'node:stream';
import { errorBodyOf, type ProtocolName, type RouteDeclaration } from '@inferschema/core/protocols';
import type { Logger } from 'pino';
import type { ServerMetrics } from '../metrics.js';
import type { AccessLog } from './access-log.js';
import type { BodyBudget } from './body-budget.js';
import { HttpError } from './http-error.js';
import { MESSAGES } from './messages.js';
import type { PendingWrite, TurnWrites } from './turn-writes.js';
import type { RunningRequest } from '../process/running-requests.js';

/** Answers one request. Thrown errors and rejections become the route protocol's error answer. */
export type RouteHandler = (exchange: Exchange) => void | Promise<void>;

/** A route of the table with its handler and everything the request path needs, computed once. */
export interface BoundRoute {
  readonly declaration: RouteDeclaration;
  readonly handler: RouteHandler;
  /** The `Allow` list of the route's path. */
  readonly allow: string;
  /** False for `GET` and `HEAD` (their bodies are not read). */
  readonly readsBody: boolean;
  /** pino level of the request log line: 30 info, 20 debug. */
  readonly logLevel: 20 | 30;
  readonly needsApiKey: boolean;
}

/** What every exchange of one server shares. */
export interface ExchangeShared {
  readonly metrics: ServerMetrics;
  readonly accessLog: AccessLog;
  readonly log: Logger;
  readonly maxBodyBytes: number;
  /** Log the URL with its query string (default: the path only; a query may carry data or tokens). */
  readonly logQueryString: boolean;
  /** True once the server is closing: answers carry `Connection: close`. */
  closing: boolean;
  /** The cap on request body bytes held at once, over all requests (`maxBufferedBodyBytes`). */
  readonly budget: BodyBudget;
  /** Where answers are ended: together, at the end of the event-loop turn. */
  readonly writes: TurnWrites;
}

/** The content type of every JSON error body the server writes. */
export const JSON_ERROR_TYPE = 'application/json; charset=utf-8';
const EMPTY_PARAMS: Readonly<Record<string, string>> = Object.freeze({});

/**
 * One request and its response, from the moment the request arrives until it is answered (or its client
 * left). Created once per request with a fixed shape; its methods write the response with one `writeHead`
 * (headers as one flat name/value list), write it at the end of the event-loop turn (`TurnWrites`, with the
 * other answers of that turn), and then count, time and log the request once.
 */
export class Exchange implements PendingWrite, RunningRequest {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly shared: ExchangeShared;
  /** `performance.now()` when the request arrived. */
  readonly receivedAt: number;
  route: BoundRoute | undefined = undefined;
  /** The path parameters of the route (`:name` → value, decoded). */
  params: Readonly<Record<string, string>> = EMPTY_PARAMS;
  requestId = '';
  /** True when the server generated `requestId` (the client sent none). */
  generatedId = true;
  /** Name/value pairs every response to this request carries (ids, CORS); answers append theirs. */
  headers: string[] = [];
  /** The request body, once read (empty for `GET` and `HEAD`). */
  body: Buffer | undefined = undefined;
  /** Milliseconds spent in `run`, for the log line; negative when `run` was not called. */
  runMs = -1;
  /** True once answered (or abandoned): nothing more is written or counted. */
  done = false;
  /** The scoring deadline's fields (see `createDeadlines`). */
  deadline = 0;
  settled = true;
  /** Body bytes received so far, and the chunks (the first kept apart: most bodies are one chunk). */
  bodyBytes = 0;
  /** Bytes reserved in the body budget for this request (released once it is answered). */
  reservedBytes = 0;
  /** The answer of a request refused while its body still arrives (sent once the body has been dropped). */
  refusal: HttpError | undefined = undefined;
  /** Log the request line at warn (a request refused before routing, e.g. a URL that cannot be decoded). */
  warn = false;
  /** The body's declared `Content-Length` (-1: chunked, or not read). */
  declaredBytes = -1;
  firstChunk: Buffer | undefined = undefined;
  chunks: Buffer[] | undefined = undefined;
  /** Its neighbours in the server's list of requests in `run` (`RunningRequests`). */
  runningBefore: Exchange | undefined = undefined;
  runningAfter: Exchange | undefined = undefined;
  /**
   * Write the answer as soon as `send` prepares it, not at the end of the turn: set for a batched request,
   * whose answer is ready together with its batch's others (back to back, in one run of microtasks), so waiting
   * for the turn's end gains nothing, and it would spread the clients' next requests over several turns, which
   * halved the batches (see `batchedClientSignal`).
   */
  writeAtOnce = false;
  /** The body of an answer `send` has prepared (its status is in `res.statusCode`) and `write` sends at the end of the turn. */
  answer: string | Uint8Array | undefined = undefined;

  constructor(req: IncomingMessage, res: ServerResponse, shared: ExchangeShared) {
    this.req = req;
    this.res = res;
    this.shared = shared;
    this.receivedAt = performance.now();
  }

  /** The protocol whose error body this request gets (its route's; Azure's when no route matched). */
  get protocol(): ProtocolName {
    return this.route?.declaration.protocol ?? 'azure';
  }

  /** The query string, without `?` (empty when there is none). */
  get query(): string {
    const url = this.req.url!;
    const index = url.indexOf('?');
    return index < 0 ? '' : url.slice(index + 1);
  }

  /**
   * Answers with `status`, a body (a string is sent as UTF-8) and its content type, plus `extra` header pairs.
   * `contentType` undefined: no content type (an empty body).
   */
  send(status: number, contentType: string | undefined, body: string | Uint8Array | undefined, extra?: readonly string[]): void {
    if (this.done) return;
    const headers = this.headers;
    const base = headers.length;
    if (extra !== undefined) for (let index = 0; index < extra.length; index += 1) headers.push(extra[index]!);
    if (contentType !== undefined) headers.push('content-type', contentType);
    headers.push('content-length', String(body === undefined ? 0 : typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength));
    if (this.shared.closing) headers.push('connection', 'close');
    try {
      this.res.writeHead(status, headers);
    } catch (error) {
      // A header Node refuses (e.g. from a script): nothing was written; the caller answers an error instead.
      headers.length = base;
      throw error;
    }
    this.done = true;
    this.answer = body;
    if (this.writeAtOnce) this.write();
    else this.shared.writes.add(this);
  }

  /**
   * Writes the answer `send` prepared (see `TurnWrites`), then counts, times and logs it. When the socket
   * throws (destroyed or broken underneath), the answer is lost, not the others written in the same turn: the
   * failure is logged with the request id and the connection closed; the request is counted and logged with
   * its status, as a stream that fails midway is.
   */
  write(): void {
    const body = this.answer;
    this.answer = undefined;
    try {
      this.res.end(body);
    } catch (error) {
      this.shared.log.error({ requestId: this.requestId, err: error }, 'The answer could not be written');
      this.res.destroy();
    }
    this.record(this.res.statusCode);
  }

  /** Answers with a streamed body (chunked): `headers` are pairs, the content type included. */
  stream(status: number, headers: readonly string[], body: Readable): void {
    if (this.done) return;
    const all = this.headers.concat(headers);
    if (this.shared.closing) all.push('connection', 'close');
    this.res.writeHead(status, all);
    pipeline(body, this.res, (error) => {
      if (error) this.shared.log.error({ requestId: this.requestId, err: error }, 'The response stream failed midway');
      this.finish(status);
    });
  }

  /**
   * Answers an error with the route protocol's error body (`errorBodyOf`) and `x-ms-run-function-failed:
   * False`: an `HttpError` with its status, headers and validation `errors`; anything else 500, logged with its
   * stack and not sent.
   */
  fail(error: unknown): void {
    if (this.done) return;
    if (this.res.headersSent) {
      this.shared.log.error({ requestId: this.requestId, err: error }, 'internal error after the response started');
      this.res.destroy();
      this.finish(this.res.statusCode);
      return;
    }
    if (!(error instanceof HttpError)) {
      this.shared.log.error({ requestId: this.requestId, err: error }, 'internal error');
      error = new HttpError(500, MESSAGES.internalError);
    }
    const { status, message, errors } = error as HttpError;
    const extra = ['x-ms-run-function-failed', 'False'];
    const own = (error as HttpError).headers;
    for (const name in own) extra.push(name, own[name]!);
    this.send(status, JSON_ERROR_TYPE, JSON.stringify(errorBodyOf(this.protocol, message, errors)), extra);
  }

  /** Marks the request answered, then counts, times and logs it (once). */
  finish(status: number): void {
    if (this.done) return;
    this.done = true;
    this.record(status);
  }

  /** Counts, times and logs the answered request. */
  private record(status: number): void {
    const shared = this.shared;
    const durationMs = performance.now() - this.receivedAt;
    const route = this.route;
    const method = this.req.method!;
    if (this.reservedBytes > 0) shared.budget.release(this.reservedBytes);
    shared.metrics.requestEnded();
    shared.metrics.requestAnswered(method, route === undefined ? 'unmatched' : route.declaration.path, status, durationMs / 1000);
    const level = this.warn ? 40 : route === undefined ? 30 : route.logLevel;
    if (shared.accessLog.enabled(level)) {
      const url = this.req.url!;
      const query = shared.logQueryString ? -1 : url.indexOf('?');
      shared.accessLog.write(level, this.requestId, this.generatedId, method, query < 0 ? url : url.slice(0, query), status, durationMs, this.runMs);
    }
  }

  /** The client left before the request was complete: nothing is answered, and it stops counting as in flight. */
  abandon(): void {
    if (this.done) return;
    this.done = true;
    if (this.reservedBytes > 0) this.shared.budget.release(this.reservedBytes);
    this.shared.metrics.requestEnded();
  }
}
