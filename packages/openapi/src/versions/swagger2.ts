import type { OpenAPIV2 } from 'openapi-types';
import { beyondOpenApi30, splitNull, type SchemaDialect } from '../schema/schema-dialect.js';
import type { DocumentFormat, ServiceDocumentParts } from './document-format.js';
import { oipDocumentedRoutes, oipSchemas, type OipModelDescription } from './oip-paths.js';
import { RESPONSE_TEXTS, SERVICE_TEMPLATE as T } from './service-template.js';

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

const ref = (name: string) => ({ $ref: `#/definitions/${name}` });
const errorResponse = (): OpenAPIV2.ResponseObject => ({ description: RESPONSE_TEXTS.failed, schema: ref('ErrorResponse') });

function build({ info, schemas, versionAliases, oip, requestMediaTypes, responseMediaTypes }: ServiceDocumentParts): OpenAPIV2.Document {
  const paths = T.paths(info);
  const document: OpenAPIV2.Document = {
    swagger: '2.0',
    info: T.info(info),
    schemes: ['https'],
    consumes: ['application/json'],
    produces: ['application/json'],
    securityDefinitions: { Bearer: T.bearerScheme() },
    paths: {
      [paths.health]: {
        get: {
          ...T.healthCheck(),
          responses: {
            200: { description: RESPONSE_TEXTS.healthy, schema: { type: 'string' }, examples: { 'application/json': 'Healthy' } },
            default: errorResponse(),
          },
        },
      },
      [paths.score]: {
        post: {
          ...T.runMLService(),
          ...(requestMediaTypes.length > 1 ? { consumes: [...requestMediaTypes] } : {}),
          ...(responseMediaTypes.length > 1 ? { produces: [...responseMediaTypes] } : {}),
          parameters: [
            { name: 'serviceInputPayload', in: 'body', description: RESPONSE_TEXTS.scoreInput, schema: ref('ServiceInput') },
          ],
          responses: {
            200: { description: RESPONSE_TEXTS.scoreOutput, schema: ref('ServiceOutput') },
            default: errorResponse(),
          },
        },
      },
      [paths.swaggerSpec]: {
        get: {
          ...T.getSwaggerSpec(),
          parameters: [{ ...T.versionParameter(), type: 'string', enum: [...versionAliases] }],
          responses: {
            200: { description: RESPONSE_TEXTS.swaggerSpec, schema: { type: 'object' } },
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
  if (oip) addOipRoutes(document, oip, info.pathPrefix);
  return document;
}

/** The model's Open Inference Protocol routes (from the route table) and their schemas, in Swagger 2.0 form. */
function addOipRoutes(document: OpenAPIV2.Document, model: OipModelDescription, pathPrefix: string): void {
  for (const route of oipDocumentedRoutes(model, pathPrefix)) {
    const operation: OpenAPIV2.OperationObject = {
      ...route.header,
      responses: {
        200: { description: route.descriptions.ok, schema: ref(route.response) },
        default: { description: route.descriptions.failed, schema: ref('OipError') },
      },
    };
    if (route.request) {
      operation.parameters = [{ name: 'inferenceRequest', in: 'body', description: 'The input tensors.', required: true, schema: ref(route.request) }];
    }
    document.paths[route.path] = { ...document.paths[route.path], [route.method]: operation };
  }
  Object.assign(document.definitions!, oipSchemas(model, false));
}

/** Swagger 2.0: `definitions`, a body parameter, `securityDefinitions`. */
export const swagger2Format: DocumentFormat<OpenAPIV2.Document> = {
  version: '2.0',
  dialect: swagger2Dialect,
  schemaPointer: (name) => `/definitions/${name}`,
  build,
};
