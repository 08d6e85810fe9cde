import { hasBrand, setBrand } from './brand.js';
import type { JsonValue } from '../json/json-value.js';
import { stringifyJson } from '../json/stringify-json.js';

const BRAND = Symbol.for('inferschema.ScoringResponse');

/** A body sent as it is produced (chunked): a Node `Readable`, a web `ReadableStream`, an async iterable. */
export type ScoringResponseStream = AsyncIterable<Uint8Array | string> | ReadableStream<Uint8Array>;

/** What a {@link ScoringResponse} may carry: bytes as they are, text, a stream, or a JSON value. */
export type ScoringResponseBody = Uint8Array | ArrayBuffer | string | ScoringResponseStream | JsonValue | undefined;

/** True for a stream body (which the server streams rather than writes at once). */
export function isStreamBody(body: unknown): body is ScoringResponseStream {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  return Symbol.asyncIterator in body || typeof (body as ReadableStream).getReader === 'function';
}

/** Options of a {@link ScoringResponse}. */
export interface ScoringResponseInit {
  /** The HTTP status. Default 200. */
  readonly status?: number;
  /** Response headers; a `content-type` here replaces the one chosen from the body. */
  readonly headers?: Readonly<Record<string, string>>;
}

function defaultContentType(body: ScoringResponseBody): string | undefined {
  if (body === undefined) return undefined;
  if (body instanceof Uint8Array || body instanceof ArrayBuffer || isStreamBody(body)) return 'application/octet-stream';
  return typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json';
}

/**
 * A response a `run` returns when it wants to choose the status, the headers or the bytes of the body (the
 * counterpart of Azure ML's `AMLResponse`). Bytes are sent as they are (`application/octet-stream` unless a
 * `content-type` header says otherwise), a stream as it is produced, a string as text (`text/plain`), anything
 * else as JSON.
 *
 * `instanceof ScoringResponse` works across copies of this package (an entry script and the server may load
 * different copies), because the check looks for a registered brand rather than the class itself.
 *
 * @example
 * return new ScoringResponse(pngBytes, { headers: { 'content-type': 'image/png' } });
 * return new ScoringResponse({ error: 'no face found' }, { status: 422 });
 */
export class ScoringResponse {
  readonly body: ScoringResponseBody;
  readonly status: number;
  /** Lower-case header names, `content-type` included when the body has one. */
  readonly headers: Readonly<Record<string, string>>;

  constructor(body?: ScoringResponseBody, init: ScoringResponseInit = {}) {
    const status = init.status ?? 200;
    if (!Number.isInteger(status) || status < 100 || status > 999) {
      throw new RangeError(`ScoringResponse: status must be an HTTP status code (100 to 999), not ${status}`);
    }
    const headers: Record<string, string> = {};
    const contentType = defaultContentType(body);
    if (contentType) headers['content-type'] = contentType;
    for (const [name, value] of Object.entries(init.headers ?? {})) headers[name.toLowerCase()] = String(value);
    this.body = body;
    this.status = status;
    this.headers = Object.freeze(headers);
    setBrand(this, BRAND);
  }

  /**
   * The body as it goes on the wire: bytes as they are, a string as is, any other value as JSON text (bigint
   * written exactly), and no body as an empty string.
   *
   * @throws TypeError for a stream body, which is read from `body` as it is produced.
   */
  payload(): Uint8Array | string {
    const { body } = this;
    if (body === undefined) return '';
    if (isStreamBody(body)) throw new TypeError('ScoringResponse: a stream body has no payload; read it from body');
    if (body instanceof Uint8Array) return body;
    if (body instanceof ArrayBuffer) return new Uint8Array(body);
    return typeof body === 'string' ? body : stringifyJson(body as JsonValue);
  }

  static [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, BRAND);
  }
}
