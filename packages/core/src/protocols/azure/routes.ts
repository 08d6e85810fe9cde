import type { RouteDeclaration } from '../route.js';

const FAILED = 'The service failed to execute due to an error.';

/**
 * The Azure ML inference server's routes: `GET /` (liveness and readiness: `Healthy`), `/score` (`POST` with
 * the JSON body, `GET` with the query string; `OPTIONS` and `HEAD` reach a `@rawHttp` script) and
 * `GET /swagger.json`. Error bodies are `{ message, errors? }`.
 */
export const AZURE_ROUTES = [
  {
    id: 'azure.health',
    method: 'GET',
    path: '/',
    protocol: 'azure',
    auth: 'exempt',
    logLevel: 'debug',
    accepts: [],
    produces: ['text/html'],
    responses: { 200: "If service is up and running, this response will be returned with the content 'Healthy'", default: FAILED },
    documented: true,
    operationId: 'ServiceHealthCheck',
  },
  {
    id: 'azure.score-query',
    method: 'GET',
    path: '/score',
    protocol: 'azure',
    auth: 'api-key',
    logLevel: 'info',
    accepts: [],
    produces: ['application/json'],
    responses: { 200: 'The service processed the input correctly and provided a result prediction, if applicable.', default: FAILED },
    documented: false,
  },
  {
    id: 'azure.score',
    method: 'POST',
    path: '/score',
    protocol: 'azure',
    auth: 'api-key',
    logLevel: 'info',
    accepts: ['application/json'],
    produces: ['application/json'],
    responses: { 200: 'The service processed the input correctly and provided a result prediction, if applicable.', default: FAILED },
    documented: true,
    operationId: 'RunMLService',
  },
  {
    id: 'azure.score-options',
    method: 'OPTIONS',
    path: '/score',
    protocol: 'azure',
    auth: 'api-key',
    logLevel: 'info',
    accepts: [],
    produces: [],
    responses: { 200: 'The methods /score takes (a @rawHttp script answers itself).', default: FAILED },
    documented: false,
  },
  {
    id: 'azure.score-head',
    method: 'HEAD',
    path: '/score',
    protocol: 'azure',
    auth: 'api-key',
    logLevel: 'info',
    accepts: [],
    produces: [],
    responses: { 405: 'Only a @rawHttp script answers HEAD /score.', default: FAILED },
    documented: false,
  },
  {
    id: 'azure.swagger',
    method: 'GET',
    path: '/swagger.json',
    protocol: 'azure',
    auth: 'api-key',
    logLevel: 'info',
    accepts: [],
    produces: ['application/json'],
    responses: { 200: 'The Swagger specification.', default: FAILED },
    documented: true,
    operationId: 'GetSwaggerSpec',
  },
] as const satisfies readonly RouteDeclaration[];

/** The id of an Azure ML route. */
export type AzureRouteId = (typeof AZURE_ROUTES)[number]['id'];
