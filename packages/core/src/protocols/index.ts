/**
 * `@inferschema/core/protocols`: the routes of each protocol, declared once as data, read by the server
 * (registration, auth, logging, metrics, error bodies) and by the service document builders.
 *
 * @module
 */
export { allowedMethods, type HttpMethod, type ProtocolName, type RouteDeclaration } from './route.js';
export { errorBodyOf, type AzureErrorBody, type OipErrorBody } from './error-body.js';
export { AZURE_ROUTES, type AzureRouteId } from './azure/routes.js';
export { OPS_ROUTES, type OpsRouteId } from './ops/routes.js';
export { OIP_ROUTES, type OipRouteId } from './oip/routes.js';
