import type { oas30, oas31 } from 'openapi3-ts';
import type { ServiceDocumentParts } from './document-format.js';
import { SERVICE_TEXTS } from './service-texts.js';

type OpenApi3Document = oas30.OpenAPIObject | oas31.OpenAPIObject;

const json = (name: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } });

const errorResponse = () => ({ description: SERVICE_TEXTS.failed, content: json('ErrorResponse') });

/**
 * The OpenAPI 3.x service document (the Azure ML template, shared by 3.0 and 3.1; only `openapi` and the
 * schemas' dialect differ).
 *
 * @example
 * buildOpenApi3Document('3.1.0', parts).openapi; // '3.1.0'
 */
export function buildOpenApi3Document<TDocument extends OpenApi3Document>(
  openapi: TDocument['openapi'],
  { info, schemas, versionAliases }: ServiceDocumentParts,
): TDocument {
  // The template is the same in 3.0 and 3.1 (only the schemas' dialect differs); it is checked against 3.1.
  const document: oas31.OpenAPIObject = {
    openapi,
    info: { title: info.title, description: SERVICE_TEXTS.description(info.title), version: info.serviceVersion },
    paths: {
      [`${info.pathPrefix}/`]: {
        get: {
          operationId: 'ServiceHealthCheck',
          description: SERVICE_TEXTS.healthCheck,
          responses: {
            200: {
              description: SERVICE_TEXTS.healthy,
              content: { 'text/plain': { schema: { type: 'string', example: 'Healthy' } } },
            },
            default: errorResponse(),
          },
        },
      },
      [`${info.pathPrefix}/score`]: {
        post: {
          operationId: 'RunMLService',
          description: SERVICE_TEXTS.score,
          security: [{ Bearer: [] }],
          requestBody: { description: SERVICE_TEXTS.scoreInput, content: json('ServiceInput') },
          responses: {
            200: { description: SERVICE_TEXTS.scoreOutput, content: json('ServiceOutput') },
            default: errorResponse(),
          },
        },
      },
      [`${info.pathPrefix}/swagger.json`]: {
        get: {
          operationId: 'GetSwaggerSpec',
          description: SERVICE_TEXTS.swaggerSpec,
          security: [{ Bearer: [] }],
          parameters: [
            {
              name: 'version',
              in: 'query',
              required: false,
              description: SERVICE_TEXTS.versionParameter,
              schema: { type: 'string', enum: [...versionAliases] },
            },
          ],
          responses: {
            200: {
              description: SERVICE_TEXTS.swaggerSpecResult,
              content: { 'application/json': { schema: { type: 'object' } } },
            },
            default: errorResponse(),
          },
        },
      },
    },
    components: {
      schemas: {
        ServiceInput: schemas.ServiceInput,
        ServiceOutput: schemas.ServiceOutput,
        ErrorResponse: schemas.ErrorResponse,
      },
      securitySchemes: {
        Bearer: { type: 'apiKey', name: 'Authorization', in: 'header', description: SERVICE_TEXTS.bearer },
      },
    },
  };
  return document as unknown as TDocument;
}
