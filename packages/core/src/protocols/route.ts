/** The protocol a route belongs to; it decides the route's error body. */
export type ProtocolName = 'azure' | 'oip' | 'ops';

/** The HTTP methods a route can declare. `HEAD` is answered for every `GET` route unless declared. */
export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

/**
 * One route (one method on one path), declared as data: the server registers it, checks its auth, logs and
 * counts it from this; the document builders describe the documented ones. Handlers are bound by `id`
 * elsewhere (the server), so this module has no server code.
 *
 * @example
 * const score: RouteDeclaration = {
 *   id: 'azure.score', method: 'POST', path: '/score', protocol: 'azure', auth: 'api-key', logLevel: 'info',
 *   accepts: ['application/json'], produces: ['application/json'], responses: { 200: 'The prediction' }, documented: true,
 * };
 */
export interface RouteDeclaration {
  /** Unique in a server, e.g. `azure.score` or `oip.model-infer`. */
  readonly id: string;
  readonly method: HttpMethod;
  /** Exact path; parameters as `:name` (find-my-way / fastify syntax), e.g. `/v2/models/:name/infer`. */
  readonly path: string;
  readonly protocol: ProtocolName;
  /** `api-key`: needs `Authorization: Bearer <key>` when the server has a key; `exempt`: never (probes). */
  readonly auth: 'api-key' | 'exempt';
  /** The level of the route's one request log line: `debug` for probes and scrapes, which are frequent. */
  readonly logLevel: 'info' | 'debug';
  /** Request media types the route reads (empty: no body). */
  readonly accepts: readonly string[];
  /** Response media types the route writes on success. */
  readonly produces: readonly string[];
  /** Status → description, for documents; `default` describes every error answer. */
  readonly responses: { readonly [status: number]: string; readonly default?: string };
  /** True when the service documents describe this route. */
  readonly documented: boolean;
  /** The document's `operationId` (documented routes). */
  readonly operationId?: string;
}

/**
 * The path → methods table of a set of routes, in declaration order, with the `HEAD` every `GET` route gets
 * and the `OPTIONS` every path gets (unless declared): what a `405`'s `Allow` header and an automatic
 * `OPTIONS` answer list.
 *
 * @example
 * allowedMethods(AZURE_ROUTES).get('/'); // ['GET', 'HEAD', 'OPTIONS']
 */
export function allowedMethods(routes: readonly RouteDeclaration[]): Map<string, HttpMethod[]> {
  const table = new Map<string, HttpMethod[]>();
  for (const route of routes) {
    const methods = table.get(route.path) ?? [];
    if (!methods.includes(route.method)) methods.push(route.method);
    table.set(route.path, methods);
  }
  for (const [path, methods] of table) {
    const declared = routes.filter((route) => route.path === path).map((route) => route.method);
    if (methods.includes('GET') && !declared.includes('HEAD')) methods.splice(methods.indexOf('GET') + 1, 0, 'HEAD');
    if (!methods.includes('OPTIONS')) methods.push('OPTIONS');
  }
  return table;
}
