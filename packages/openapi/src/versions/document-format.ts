import type { OpenApiVersion } from '@inferschema/core';
import type { RenderedSchema, SchemaDialect } from '../schema/schema-dialect.js';
import type { ServiceInfo } from '../service-info.js';
import type { OipModelDescription } from './oip-paths.js';

/** The component schemas every service document has. */
export type ServiceSchemaName = 'ServiceInput' | 'ServiceOutput' | 'ErrorResponse';

/** Everything a document is made of, already rendered in the document's dialect. */
export interface ServiceDocumentParts {
  readonly info: ServiceInfo;
  readonly schemas: Readonly<Record<ServiceSchemaName, RenderedSchema>>;
  /** The values the `version` query parameter of `/swagger.json` accepts for this script. */
  readonly versionAliases: readonly string[];
  /** The model's Open Inference Protocol routes to describe too; undefined: none. */
  readonly oip?: OipModelDescription | undefined;
  /** The media types `/score` takes, JSON first. */
  readonly requestMediaTypes: readonly string[];
  /** The media types `/score` answers in, JSON first. */
  readonly responseMediaTypes: readonly string[];
}

/** One document version: its schema dialect and its template (a strategy of `buildServiceDocument`). */
export interface DocumentFormat<TDocument> {
  readonly version: OpenApiVersion;
  readonly dialect: SchemaDialect;
  /** The JSON Pointer of a component schema, e.g. `/definitions/ServiceInput`. */
  schemaPointer(name: ServiceSchemaName): string;
  build(parts: ServiceDocumentParts): TDocument;
}
