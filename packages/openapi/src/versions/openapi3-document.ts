import type { oas30, oas31 } from 'openapi3-ts';
import type { ServiceDocumentParts } from './document-format.js';
import { binaryBodyDescription, isJsonMediaType } from './media-types.js';
import { oipDocumentedRoutes, oipSchemas, type OipModelDescription } from './oip-paths.js';
import { RESPONSE_TEXTS, SERVICE_TEMPLATE as T } from './service-template.js';

type OpenApi3Document = oas30.OpenAPIObject | oas31.OpenAPIObject;

const json = (name: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } });

/** A `content` map: the JSON types with the schema, each binary type as a file. */
function content(mediaTypes: readonly string[], name: string, side: 'input' | 'output') {
  return Object.fromEntries(
    mediaTypes.map((mediaType) => [
      mediaType,
      isJsonMediaType(mediaType)
        ? { schema: { $ref: `#/components/schemas/${name}` } }
        : { schema: { type: 'string' as const, format: 'binary', description: binaryBodyDescription(mediaType, side) } },
    ]),
  );
}
const errorResponse = () => ({ description: RESPONSE_TEXTS.failed, content: json('ErrorResponse') });

/**
 * The OpenAPI 3.x service document (the Azure ML template, shared by 3.0 and 3.1; only `openapi` and the
 * schemas' dialect differ).
 *
 * @example
 * buildOpenApi3Document('3.1.0', parts).openapi; // '3.1.0'
 */
export function buildOpenApi3Document<TDocument extends OpenApi3Document>(
  openapi: TDocument['openapi'],
  { info, schemas, versionAliases, oip, requestMediaTypes, responseMediaTypes }: ServiceDocumentParts,
): TDocument {
  const paths = T.paths(info);
  // The template is the same in 3.0 and 3.1 (only the schemas' dialect differs); it is checked against 3.1.
  const document: oas31.OpenAPIObject = {
    openapi,
    info: T.info(info),
    paths: {
      [paths.health]: {
        get: {
          ...T.healthCheck(),
          responses: {
            200: {
              description: RESPONSE_TEXTS.healthy,
              content: { 'text/plain': { schema: { type: 'string', example: 'Healthy' } } },
            },
            default: errorResponse(),
          },
        },
      },
      [paths.score]: {
        post: {
          ...T.runMLService(),
          requestBody: { description: RESPONSE_TEXTS.scoreInput, content: content(requestMediaTypes, 'ServiceInput', 'input') },
          responses: {
            200: { description: RESPONSE_TEXTS.scoreOutput, content: content(responseMediaTypes, 'ServiceOutput', 'output') },
            default: errorResponse(),
          },
        },
      },
      [paths.swaggerSpec]: {
        get: {
          ...T.getSwaggerSpec(),
          parameters: [{ ...T.versionParameter(), schema: { type: 'string', enum: [...versionAliases] } }],
          responses: {
            200: { description: RESPONSE_TEXTS.swaggerSpec, content: { 'application/json': { schema: { type: 'object' } } } },
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
      securitySchemes: { Bearer: T.bearerScheme() },
    },
  };
  if (oip) addOipRoutes(document, oip, info.pathPrefix);
  return document as unknown as TDocument;
}

/** The model's Open Inference Protocol routes (from the route table) and their schemas. */
function addOipRoutes(document: oas31.OpenAPIObject, model: OipModelDescription, pathPrefix: string): void {
  for (const route of oipDocumentedRoutes(model, pathPrefix)) {
    const operation: oas31.OperationObject = {
      ...route.header,
      responses: {
        200: { description: route.descriptions.ok, content: json(route.response) },
        default: { description: route.descriptions.failed, content: json('OipError') },
      },
    };
    if (route.request) {
      operation.requestBody = {
        description: 'The input tensors (JSON; or application/octet-stream with binary tensor data after the JSON, its length in Inference-Header-Content-Length).',
        content: json(route.request),
      };
    }
    document.paths![route.path] = { ...document.paths![route.path], [route.method]: operation };
  }
  Object.assign(document.components!.schemas!, oipSchemas(model, true));
}
