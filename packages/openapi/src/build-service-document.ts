import type { OpenAPIV2 } from 'openapi-types';
import type { oas30, oas31 } from 'openapi3-ts';
import { ALL_OPENAPI_VERSIONS, supportedVersionsOf } from '@inferschema/core/schema';
import type { JsonSchema, OpenApiVersion } from '@inferschema/core';
import { aliasesOf } from './document-version.js';
import { InexpressibleSchemaError, renderSchema } from './schema/render-schema.js';
import type { RenderedSchema } from './schema/schema-dialect.js';
import { DEFAULT_SERVICE_INFO, normalizePathPrefix } from './service-info.js';
import { UnsupportedVersionError } from './unsupported-version-error.js';
import type { DocumentFormat, ServiceSchemaName } from './versions/document-format.js';
import { openApi30Format } from './versions/openapi30.js';
import { openApi31Format } from './versions/openapi31.js';
import { ERROR_RESPONSE_SCHEMA, UNDECLARED_SCHEMA } from './versions/service-template.js';
import type { OipModelDescription } from './versions/oip-paths.js';
import { JSON_MEDIA_TYPE } from './versions/media-types.js';
import { swagger2Format } from './versions/swagger2.js';

/** The schemas of a script, as `LoadedScript` has them. */
export interface ServiceSchemas {
  /** The request body (`ServiceInput`); undefined when the script does not declare it. */
  readonly input?: JsonSchema | undefined;
  /** The result of `run` (`ServiceOutput`); undefined when the script does not declare it. */
  readonly output?: JsonSchema | undefined;
  /**
   * The model's Open Inference Protocol description (`describeOipModel(script)`): its routes are described
   * too, with its tensors. Undefined: the Azure routes only.
   */
  readonly oip?: OipModelDescription | undefined;
  /** The versions the schemas fit. Default: what `supportedVersionsOf` says of both schemas. */
  readonly supportedVersions?: readonly OpenApiVersion[];
  /**
   * The media types `/score` takes (`serviceSchemasOf` reads them from the body codec registry). Default JSON
   * only. A binary one is described as a file (`type: string, format: binary`).
   */
  readonly requestMediaTypes?: readonly string[] | undefined;
  /** The media types `/score` answers in. Default JSON only. */
  readonly responseMediaTypes?: readonly string[] | undefined;
}

/** Which document to build, and what it says about the service. */
export interface ServiceDocumentOptions<TVersion extends OpenApiVersion = OpenApiVersion> {
  readonly version: TVersion;
  /** `info.title`; default `ML service` (see `serviceInfoFromEnv` for `SERVICE_NAME`). */
  readonly title?: string;
  /** `info.version`; default `1.0`. */
  readonly serviceVersion?: string;
  /** Put in front of every path (`test` and `/test/` both give `/test/score`); default none. */
  readonly pathPrefix?: string;
}

/** The document type of each version. */
export interface ServiceDocuments {
  '2.0': OpenAPIV2.Document;
  '3.0': oas30.OpenAPIObject;
  '3.1': oas31.OpenAPIObject;
}

/** A service document of any version. */
export type ServiceDocument = ServiceDocuments[OpenApiVersion];

const FORMATS: { readonly [V in OpenApiVersion]: DocumentFormat<ServiceDocuments[V]> } = {
  '2.0': swagger2Format,
  '3.0': openApi30Format,
  '3.1': openApi31Format,
};

function supportedVersionsOfSchemas(schemas: ServiceSchemas): readonly OpenApiVersion[] {
  if (schemas.supportedVersions) return schemas.supportedVersions;
  const declared = [schemas.input, schemas.output].filter((schema) => schema !== undefined);
  return ALL_OPENAPI_VERSIONS.filter((version) => declared.every((schema) => supportedVersionsOf(schema).includes(version)));
}

/**
 * Builds the service document of a script in one version, with the structure of the Azure ML template: paths
 * `/`, `/score` and `/swagger.json` (operations `ServiceHealthCheck`, `RunMLService`, `GetSwaggerSpec`),
 * schemas `ServiceInput`, `ServiceOutput` and `ErrorResponse`, and Bearer API-key security on `/score` and
 * `/swagger.json` (what the server protects when it has an API key; the health check stays open).
 * The schemas are written in the version's dialect; the inputs are never changed. Serialize it with
 * `serializeDocument` for byte-stable output.
 *
 * @throws UnsupportedVersionError when the schemas cannot be written in that version; the message names the
 * reason and the versions that work.
 * @example
 * const document = buildServiceDocument(
 *   { input: script.inputSchema, output: script.outputSchema, supportedVersions: script.supportedVersions },
 *   { version: '3.1', ...serviceInfoFromEnv(process.env) },
 * );
 */
export function buildServiceDocument<TVersion extends OpenApiVersion>(
  schemas: ServiceSchemas,
  options: ServiceDocumentOptions<TVersion>,
): ServiceDocuments[TVersion] {
  const format = FORMATS[options.version] as DocumentFormat<ServiceDocuments[TVersion]>;
  const supported = supportedVersionsOfSchemas(schemas);
  const render = (name: ServiceSchemaName, schema: JsonSchema) => renderSchema(schema, format.schemaPointer(name), format.dialect);
  let rendered: Record<ServiceSchemaName, RenderedSchema>;
  try {
    rendered = {
      ServiceInput: render('ServiceInput', schemas.input ?? UNDECLARED_SCHEMA.input),
      ServiceOutput: render('ServiceOutput', schemas.output ?? UNDECLARED_SCHEMA.output),
      ErrorResponse: render('ErrorResponse', ERROR_RESPONSE_SCHEMA),
    };
  } catch (error) {
    if (!(error instanceof InexpressibleSchemaError)) throw error;
    const working = supported.filter((version) => version !== options.version);
    throw new UnsupportedVersionError(options.version, working, error);
  }
  if (!supported.includes(options.version)) throw new UnsupportedVersionError(options.version, supported);
  return format.build({
    info: {
      title: options.title ?? DEFAULT_SERVICE_INFO.title,
      serviceVersion: options.serviceVersion ?? DEFAULT_SERVICE_INFO.serviceVersion,
      pathPrefix: normalizePathPrefix(options.pathPrefix ?? ''),
    },
    schemas: rendered,
    versionAliases: aliasesOf(supported),
    oip: schemas.oip,
    requestMediaTypes: schemas.requestMediaTypes ?? [JSON_MEDIA_TYPE],
    responseMediaTypes: schemas.responseMediaTypes ?? [JSON_MEDIA_TYPE],
  });
}
