import { parseJson } from '../json/parse-json.js';
import type { ScoringRequest } from './contract.js';

/** What {@link createScoringRequest} builds a request from (Node's `IncomingMessage` fields fit). */
export interface ScoringRequestInit {
  readonly method: string;
  /** The path with its query string, e.g. `/score?verbose=1`. */
  readonly url: string;
  /** Header names in any case; repeated headers as arrays (joined with `, `). */
  readonly headers?: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** The raw body; a string is encoded as UTF-8. */
  readonly body?: Uint8Array | string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Builds the {@link ScoringRequest} a `@rawHttp` `run` receives. The body bytes are kept as they are;
 * `text()` decodes them as UTF-8 and `json()` parses them with exact 64-bit integers.
 *
 * @example
 * const request = createScoringRequest({ method: 'POST', url: '/score?size=2', headers: { 'Content-Type': 'image/png' }, body: png });
 * request.query.get('size'); // '2'
 */
export function createScoringRequest(init: ScoringRequestInit): ScoringRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(init.headers ?? {})) {
    if (value !== undefined) headers[name.toLowerCase()] = typeof value === 'string' ? value : value.join(', ');
  }
  const parsed = new URL(init.url, 'http://localhost');
  const body = typeof init.body === 'string' ? encoder.encode(init.body) : (init.body ?? new Uint8Array(0));
  return Object.freeze({
    method: init.method.toUpperCase(),
    path: parsed.pathname,
    url: parsed.pathname + parsed.search,
    headers: Object.freeze(headers),
    query: parsed.searchParams,
    body,
    text: () => decoder.decode(body),
    json: () => parseJson(decoder.decode(body), { exactIntegers: true }),
  });
}
