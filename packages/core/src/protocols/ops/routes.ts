import type { RouteDeclaration } from '../route.js';

/**
 * The server's own routes: the Open Inference Protocol health probes (empty bodies; exempt from the API key),
 * Prometheus metrics, and the Swagger UI page with its assets. Not in the service documents.
 */
export const OPS_ROUTES = [
  {
    id: 'ops.live',
    method: 'GET',
    path: '/v2/health/live',
    protocol: 'ops',
    auth: 'exempt',
    logLevel: 'debug',
    accepts: [],
    produces: [],
    responses: { 200: 'The process runs.' },
    documented: false,
  },
  {
    id: 'ops.ready',
    method: 'GET',
    path: '/v2/health/ready',
    protocol: 'ops',
    auth: 'exempt',
    logLevel: 'debug',
    accepts: [],
    produces: [],
    responses: { 200: 'init() has finished.', 503: 'Starting or shutting down.' },
    documented: false,
  },
  {
    id: 'ops.metrics',
    method: 'GET',
    path: '/metrics',
    protocol: 'ops',
    auth: 'api-key',
    logLevel: 'debug',
    accepts: [],
    produces: ['text/plain'],
    responses: { 200: 'Prometheus text.' },
    documented: false,
  },
  {
    id: 'ops.docs',
    method: 'GET',
    path: '/docs',
    protocol: 'ops',
    auth: 'api-key',
    logLevel: 'info',
    accepts: [],
    produces: ['text/html'],
    responses: { 200: 'Swagger UI for the service document.' },
    documented: false,
  },
  {
    id: 'ops.docs-initializer',
    method: 'GET',
    path: '/docs/initializer.js',
    protocol: 'ops',
    auth: 'api-key',
    logLevel: 'info',
    accepts: [],
    produces: ['text/javascript'],
    responses: { 200: 'The script that starts Swagger UI.' },
    documented: false,
  },
  {
    id: 'ops.docs-asset',
    method: 'GET',
    path: '/docs/:asset',
    protocol: 'ops',
    auth: 'api-key',
    logLevel: 'info',
    accepts: [],
    produces: ['text/css', 'text/javascript', 'image/png'],
    responses: { 200: 'A Swagger UI file.', 404: 'Not one of the files.' },
    documented: false,
  },
] as const satisfies readonly RouteDeclaration[];

/** The id of one of the server's own routes. */
export type OpsRouteId = (typeof OPS_ROUTES)[number]['id'];
