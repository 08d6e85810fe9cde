import type { IncomingHttpHeaders } from 'node:http';

/** Headers a browser script may read from a response (the request ids and the run headers). */
const EXPOSED_HEADERS = 'x-request-id, x-ms-request-id, x-ms-client-request-id, x-ms-run-fn-exec-ms, x-ms-run-function-failed';

/** Answers CORS for the configured origins (`AML_CORS_ORIGINS`). */
export interface CorsPolicy {
  /** The CORS headers of a response to a request with these headers (empty when CORS does not apply). */
  headersFor(requestHeaders: IncomingHttpHeaders, preflight: boolean): Record<string, string>;
}

/** True for an `OPTIONS` request a browser sends before a cross-origin request. */
export function isPreflight(method: string, headers: IncomingHttpHeaders): boolean {
  return method === 'OPTIONS' && headers.origin !== undefined && headers['access-control-request-method'] !== undefined;
}

/** The header every response of a CORS-enabled server carries: its CORS headers depend on `Origin`. */
const VARY_ONLY: Readonly<Record<string, string>> = Object.freeze({ vary: 'Origin' });

/**
 * A CORS policy over exact origins (compared case-insensitively) or `*`. A matching `Origin` is echoed; with
 * `*` and no `Origin`, the answer is `*`. Every response carries `Vary: Origin`, matching or not, with an
 * `Origin` or without: a cache in front of the server must not give one origin's answer to another. Preflights
 * get the allowed methods and the requested headers.
 *
 * @example
 * createCorsPolicy(['https://app.example']).headersFor({ origin: 'https://app.example' }, false);
 * // { 'access-control-allow-origin': 'https://app.example', vary: 'Origin', 'access-control-expose-headers': '...' }
 */
export function createCorsPolicy(origins: readonly string[]): CorsPolicy {
  const any = origins.includes('*');
  const allowed = new Set(origins.map((origin) => origin.toLowerCase()));
  return {
    headersFor(requestHeaders, preflight) {
      if (!any && allowed.size === 0) return {};
      const origin = requestHeaders.origin;
      if (origin === undefined) return any ? { 'access-control-allow-origin': '*', vary: 'Origin' } : { ...VARY_ONLY };
      if (!any && !allowed.has(origin.toLowerCase())) return { ...VARY_ONLY };
      const headers: Record<string, string> = { 'access-control-allow-origin': origin, vary: 'Origin' };
      if (!preflight) {
        headers['access-control-expose-headers'] = EXPOSED_HEADERS;
        return headers;
      }
      headers['access-control-allow-methods'] = 'GET, POST, OPTIONS';
      const requested = requestHeaders['access-control-request-headers'];
      if (requested) {
        headers['access-control-allow-headers'] = requested
          .split(',')
          .map((name) => name.trim().toLowerCase())
          .filter(Boolean)
          .sort()
          .join(', ');
      }
      headers['access-control-max-age'] = '600';
      return headers;
    },
  };
}
