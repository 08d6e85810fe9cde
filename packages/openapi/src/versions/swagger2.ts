import type { OpenAPIV2 } from 'openapi-types';
import { beyondOpenApi30, splitNull, type SchemaDialect } from '../schema/schema-dialect.js';
import type { DocumentFormat, ServiceDocumentParts } from './document-format.js';
import { SERVICE_TEXTS } from './service-texts.js';

/**
 * Swagger 2.0 schemas: a nullable type is `x-nullable: true` (the extension Swagger tooling reads); `null`
 * alone is an object that allows only null. There is no `anyOf`, tuple, constant or union of types.
 */
export const swagger2Dialect: SchemaDialect = {
  version: '2.0',
  arraysNeedItems: true,
  inexpressible: (schema) => (schema.anyOf ? 'a union of schemas (anyOf)' : beyondOpenApi30(schema)),
  type(type) {
    const { types, nullable } = splitNull(type);
    if (types.length === 0) return { type: 'object', 'x-nullable': true, enum: [null] };
    return nullable ? { type: types[0], 'x-nullable': true } : { type: types[0] };
  },
};

const errorResponse = (): OpenAPIV2.ResponseObject => ({
  description: SERVICE_TEXTS.failed,
  schema: { $ref: '#/definitions/ErrorResponse' },
});

function build({ info, schemas, versionAliases }: ServiceDocumentParts): OpenAPIV2.Document {
  return {
    swagger: '2.0',
    info: { title: info.title, description: SERVICE_TEXTS.description(info.title), version: info.serviceVersion },
    schemes: ['https'],
    consumes: ['application/json'],
    produces: ['application/json'],
    securityDefinitions: {
      Bearer: { type: 'apiKey', name: 'Authorization', in: 'header', description: SERVICE_TEXTS.bearer },
    },
    paths: {
      [`${info.pathPrefix}/`]: {
        get: {
          operationId: 'ServiceHealthCheck',
          description: SERVICE_TEXTS.healthCheck,
          responses: {
            200: { description: SERVICE_TEXTS.healthy, schema: { type: 'string' }, examples: { 'application/json': 'Healthy' } },
            default: errorResponse(),
          },
        },
      },
      [`${info.pathPrefix}/score`]: {
        post: {
          operationId: 'RunMLService',
          description: SERVICE_TEXTS.score,
          security: [{ Bearer: [] }],
          parameters: [
            {
              name: 'serviceInputPayload',
              in: 'body',
              description: SERVICE_TEXTS.scoreInput,
              schema: { $ref: '#/definitions/ServiceInput' },
            },
          ],
          responses: {
            200: { description: SERVICE_TEXTS.scoreOutput, schema: { $ref: '#/definitions/ServiceOutput' } },
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
              type: 'string',
              enum: [...versionAliases],
            },
          ],
          responses: {
            200: { description: SERVICE_TEXTS.swaggerSpecResult, schema: { type: 'object' } },
            default: errorResponse(),
          },
        },
      },
    },
    definitions: {
      ServiceInput: schemas.ServiceInput,
      ServiceOutput: schemas.ServiceOutput,
      ErrorResponse: schemas.ErrorResponse,
    } as Record<string, OpenAPIV2.SchemaObject>,
  };
}

/** Swagger 2.0: `definitions`, a body parameter, `securityDefinitions`. */
export const swagger2Format: DocumentFormat<OpenAPIV2.Document> = {
  version: '2.0',
  dialect: swagger2Dialect,
  schemaPointer: (name) => `/definitions/${name}`,
  build,
};
