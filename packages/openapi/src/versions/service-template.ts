import type { JsonSchema } from '@inferschema/core';
import { MAX_REPORTED_ISSUES } from '@inferschema/core/schema';
import { AZURE_ROUTES, type AzureRouteId, type RouteDeclaration } from '@inferschema/core/protocols';
import type { ServiceInfo } from '../service-info.js';

/** The response descriptions of the Azure ML service document template. */
export const RESPONSE_TEXTS = Object.freeze({
  healthy: "If service is up and running, this response will be returned with the content 'Healthy'",
  failed: 'The service failed to execute due to an error.',
  scoreInput: 'The input payload for executing the real-time machine learning service.',
  scoreOutput: 'The service processed the input correctly and provided a result prediction, if applicable.',
  swaggerSpec: 'The Swagger specification.',
});

/** The Bearer API-key requirement of an operation (a fresh array per call). */
export const bearer = () => [{ Bearer: [] as string[] }];

/** A route of the Azure protocol, from the route table the server also reads. */
const route = (id: AzureRouteId): RouteDeclaration => AZURE_ROUTES.find((candidate) => candidate.id === id)!;

/**
 * The parts of the Azure ML template that every version writes the same way. Each call builds fresh objects,
 * so no two documents share one.
 */
export const SERVICE_TEMPLATE = Object.freeze({
  info: ({ title, serviceVersion }: ServiceInfo) => ({
    title,
    description: `API specification for the machine learning service ${title}`,
    version: serviceVersion,
  }),
  paths: ({ pathPrefix }: ServiceInfo) => ({
    health: `${pathPrefix}${route('azure.health').path}`,
    score: `${pathPrefix}${route('azure.score').path}`,
    swaggerSpec: `${pathPrefix}${route('azure.swagger').path}`,
  }),
  healthCheck: () => ({
    operationId: route('azure.health').operationId!,
    description: 'Simple health check endpoint to ensure the service is up at any given point.',
  }),
  runMLService: () => ({
    operationId: route('azure.score').operationId!,
    description: "Run web service's model and get the prediction output",
    security: bearer(),
  }),
  getSwaggerSpec: () => ({ operationId: route('azure.swagger').operationId!, description: 'Get the Swagger specification.', security: bearer() }),
  versionParameter: () => ({
    name: 'version',
    in: 'query' as const,
    required: false,
    description: 'The document version: 2 or 2.0 (Swagger 2.0), 3 or 3.0 (OpenAPI 3.0), 3.1 (OpenAPI 3.1).',
  }),
  bearerScheme: () => ({
    type: 'apiKey' as const,
    name: 'Authorization',
    in: 'header' as const,
    description: 'For example: Bearer abc123',
  }),
});

/** The body of every error response; a request that fails validation also lists each problem. */
export const ERROR_RESPONSE_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['message'],
  properties: {
    message: { type: 'string', description: 'What went wrong.' },
    errors: {
      type: 'array',
      description: `For a request body that does not match ServiceInput: each problem (at most ${MAX_REPORTED_ISSUES}).`,
      items: {
        type: 'object',
        required: ['path', 'message'],
        properties: {
          path: { type: 'string', description: 'JSON Pointer (RFC 6901) into the request body, e.g. /data/3/1.' },
          message: { type: 'string', description: 'What is wrong there, e.g. must be a number.' },
        },
      },
    },
  },
};

/** What a service document says when the script does not declare its input or output. */
export const UNDECLARED_SCHEMA = Object.freeze({
  input: { description: 'The script does not declare its input: any JSON value.' },
  output: { description: 'The script does not declare its output: any JSON value.' },
}) satisfies Record<string, JsonSchema>;
