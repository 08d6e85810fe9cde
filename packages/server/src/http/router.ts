import type { HttpMethod, RouteDeclaration } from '@inferschema/core/protocols';
import FindMyWay from 'find-my-way';
import type { BoundRoute, Exchange, RouteHandler } from './exchange.js';

const NO_QUERY = Object.freeze({});
const NO_PARAMS: Readonly<Record<string, string>> = Object.freeze({});
/** The handler find-my-way reports for a URL it cannot decode (e.g. `/score%`). */
const BAD_URL = () => undefined;

/** What a lookup found: a route and its parameters, a URL that cannot be decoded, or nothing. */
export type RouteMatch =
  | { readonly kind: 'route'; readonly route: BoundRoute; readonly params: Readonly<Record<string, string>> }
  | { readonly kind: 'bad-url' }
  | { readonly kind: 'none'; readonly allow: string | undefined; readonly protocol: RouteDeclaration['protocol'] | undefined };

const answerOptions = (exchange: Exchange) => exchange.send(200, undefined, undefined, ['allow', exchange.route!.allow]);

/**
 * The routes of a table bound to their handlers, in a find-my-way router (the router fastify uses: exact,
 * case-sensitive paths, `:name` parameters, percent-decoding). Every `GET` route also answers `HEAD` (Node
 * sends no body), and every path answers `OPTIONS` with its `Allow` list unless it declares `OPTIONS` itself.
 *
 * @example
 * const router = createRouter(SERVER_ROUTES, handlers, allowedMethods(SERVER_ROUTES));
 * router.match('POST', '/score?x=1'); // { kind: 'route', route, params: {} }
 */
export function createRouter<TRoute extends RouteDeclaration>(
  routes: readonly TRoute[],
  handlers: Readonly<Record<TRoute['id'], RouteHandler>>,
  allowed: ReadonlyMap<string, readonly HttpMethod[]>,
) {
  const router = FindMyWay({ caseSensitive: true, ignoreTrailingSlash: false, querystringParser: () => NO_QUERY, onBadUrl: BAD_URL });
  const bind = (declaration: RouteDeclaration, method: HttpMethod, handler: RouteHandler): BoundRoute => ({
    declaration,
    handler,
    allow: allowed.get(declaration.path)!.join(', '),
    readsBody: method !== 'GET' && method !== 'HEAD',
    logLevel: declaration.logLevel === 'debug' ? 20 : 30,
    needsApiKey: declaration.auth === 'api-key',
  });
  // A URL that is exactly a static path (no parameter, query or escape) is found by two map lookups, with a
  // match made once; find-my-way would find the same route (a static path wins there too).
  const exact = new Map<string, Map<string, RouteMatch>>();
  const add = (method: HttpMethod, path: string, route: BoundRoute) => {
    router.on(method, path, BAD_URL, route);
    if (/[:*%?]/.test(path)) return;
    if (!exact.has(method)) exact.set(method, new Map());
    exact.get(method)!.set(path, Object.freeze({ kind: 'route', route, params: NO_PARAMS }));
  };
  const declared = new Set(routes.map((route) => `${route.method} ${route.path}`));
  for (const declaration of routes) {
    const handler = handlers[declaration.id as TRoute['id']];
    add(declaration.method, declaration.path, bind(declaration, declaration.method, handler));
    if (declaration.method === 'GET' && !declared.has(`HEAD ${declaration.path}`)) {
      add('HEAD', declaration.path, bind(declaration, 'HEAD', handler));
    }
  }
  for (const path of allowed.keys()) {
    if (declared.has(`OPTIONS ${path}`)) continue;
    const declaration = routes.find((route) => route.path === path)!;
    add('OPTIONS', path, bind(declaration, 'OPTIONS', answerOptions));
  }
  const methods = [...new Set([...allowed.values()].flat())];

  return {
    match(method: string, url: string): RouteMatch {
      const known = exact.get(method)?.get(url);
      if (known !== undefined) return known;
      const found = router.find(method as HttpMethod, url);
      if (found !== null) {
        if (found.store === null) return { kind: 'bad-url' };
        return { kind: 'route', route: found.store as BoundRoute, params: found.params as Record<string, string> };
      }
      // No route for this method: is the path known under another one (405 with its Allow)?
      for (const other of methods) {
        const elsewhere = other === method ? null : router.find(other, url);
        if (elsewhere !== null && elsewhere.store !== null) {
          const route = elsewhere.store as BoundRoute;
          return { kind: 'none', allow: route.allow, protocol: route.declaration.protocol };
        }
      }
      return { kind: 'none', allow: undefined, protocol: undefined };
    },
  };
}

/** A router of {@link createRouter}. */
export type Router = ReturnType<typeof createRouter>;
