import { allowedMethods, AZURE_ROUTES, OIP_ROUTES, OPS_ROUTES, type HttpMethod, type RouteDeclaration } from '@inferschema/core/protocols';

/** Every route this server serves, declared in `@inferschema/core/protocols`; handlers are bound by id. */
export const SERVER_ROUTES = [...AZURE_ROUTES, ...OIP_ROUTES, ...OPS_ROUTES] as const satisfies readonly RouteDeclaration[];

/** The id of a route of {@link SERVER_ROUTES}. */
export type ServerRouteId = (typeof SERVER_ROUTES)[number]['id'];

/** Path → methods (with automatic `HEAD` and `OPTIONS`), for `Allow` headers. */
export const ALLOWED_METHODS: ReadonlyMap<string, readonly HttpMethod[]> = allowedMethods(SERVER_ROUTES);
