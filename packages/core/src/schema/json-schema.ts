import type { JsonValue } from '../json/json-value.js';

/** The JSON types a schema can name. */
export type JsonSchemaType = 'null' | 'boolean' | 'integer' | 'number' | 'string' | 'array' | 'object';

/**
 * The JSON Schema subset inferschema produces, in JSON Schema 2020-12 form (a nullable value is
 * `type: ['integer', 'null']`). OpenAPI renderers translate it for each document version.
 */
export interface JsonSchema {
  type?: JsonSchemaType | JsonSchemaType[];
  format?: string;
  title?: string;
  description?: string;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  enum?: JsonValue[];
  const?: JsonValue;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  /** An example value; every parameter type's top-level schema has one. */
  example?: JsonValue;
}

/** The OpenAPI document versions a schema can be rendered in. */
export type OpenApiVersion = '2.0' | '3.0' | '3.1';

/** Every OpenAPI version, in order. */
export const ALL_OPENAPI_VERSIONS: readonly OpenApiVersion[] = Object.freeze(['2.0', '3.0', '3.1']);
