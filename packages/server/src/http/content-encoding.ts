import type { IncomingHttpHeaders } from 'node:http';
import { HttpError } from './http-error.js';

/**
 * Refuses a request body with a `Content-Encoding` (gzip, deflate, br, …): the server does not decode them,
 * and reading compressed bytes as JSON would give a misleading 400. `identity` (or no header) is accepted.
 * Decoding was left out on purpose: it needs a decompressed-size limit to be safe against compression bombs,
 * and clients of scoring servers send plain bodies (proxies that compress do so on responses).
 *
 * @example
 * contentEncodingError({ 'content-encoding': 'gzip' }); // HttpError 415
 */
export function contentEncodingError(headers: IncomingHttpHeaders): HttpError | undefined {
  const encoding = headers['content-encoding'];
  if (encoding === undefined) return undefined;
  const codings = encoding
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  if (codings.length === 0) return undefined;
  return new HttpError(415, `Content-Encoding ${codings.join(', ')} is not supported: send the body uncompressed.`);
}
