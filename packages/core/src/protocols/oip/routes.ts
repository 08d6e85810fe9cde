import type { RouteDeclaration } from '../route.js';

const ERROR = 'An `{"error": "..."}` body: 400 for a bad request, 404 for an unknown model or version, 503 before the model is ready.';

function route<const Id extends string>(
  id: Id,
  method: 'GET' | 'POST',
  path: string,
  options: Partial<RouteDeclaration> & Pick<RouteDeclaration, 'responses'>,
): RouteDeclaration & { readonly id: Id } {
  return {
    method,
    path,
    protocol: 'oip',
    auth: 'api-key',
    logLevel: 'info',
    accepts: [],
    produces: ['application/json'],
    documented: true,
    ...options,
    id,
  };
}

/**
 * The Open Inference Protocol's REST routes (KServe V2): server metadata, and each model's metadata,
 * readiness and inference, with or without `/versions/{version}`. Error bodies are `{ error }`. The health
 * probes `/v2/health/live` and `/v2/health/ready` are the server's own (`OPS_ROUTES`).
 */
export const OIP_ROUTES = [
  route('oip.server-metadata', 'GET', '/v2', {
    responses: { 200: 'The server metadata: name, version and the extensions supported.', default: ERROR },
    operationId: 'ServerMetadata',
  }),
  route('oip.model-metadata', 'GET', '/v2/models/:name', {
    responses: { 200: "The model's metadata: its input and output tensors.", default: ERROR },
    operationId: 'ModelMetadata',
  }),
  route('oip.model-version-metadata', 'GET', '/v2/models/:name/versions/:version', {
    responses: { 200: "The model version's metadata: its input and output tensors.", default: ERROR },
    operationId: 'ModelVersionMetadata',
  }),
  route('oip.model-ready', 'GET', '/v2/models/:name/ready', {
    auth: 'exempt',
    logLevel: 'debug',
    responses: { 200: 'The model is ready.', default: ERROR },
    operationId: 'ModelReady',
  }),
  route('oip.model-version-ready', 'GET', '/v2/models/:name/versions/:version/ready', {
    auth: 'exempt',
    logLevel: 'debug',
    responses: { 200: 'The model version is ready.', default: ERROR },
    operationId: 'ModelVersionReady',
  }),
  route('oip.model-infer', 'POST', '/v2/models/:name/infer', {
    accepts: ['application/json', 'application/octet-stream'],
    produces: ['application/json', 'application/octet-stream'],
    responses: { 200: 'The output tensors.', default: ERROR },
    operationId: 'ModelInfer',
  }),
  route('oip.model-version-infer', 'POST', '/v2/models/:name/versions/:version/infer', {
    accepts: ['application/json', 'application/octet-stream'],
    produces: ['application/json', 'application/octet-stream'],
    responses: { 200: 'The output tensors.', default: ERROR },
    operationId: 'ModelVersionInfer',
  }),
] as const satisfies readonly RouteDeclaration[];

/** The id of an Open Inference Protocol route. */
export type OipRouteId = (typeof OIP_ROUTES)[number]['id'];
