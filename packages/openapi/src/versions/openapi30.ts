import type { oas30 } from 'openapi3-ts';
import { beyondOpenApi30, splitNull, type SchemaDialect } from '../schema/schema-dialect.js';
import type { DocumentFormat } from './document-format.js';
import { buildOpenApi3Document } from './openapi3-document.js';

/**
 * OpenAPI 3.0 schemas: a nullable type is `nullable: true`; `null` alone is an object that allows only null.
 * There is no tuple, constant or union of several types in `type` (`anyOf` is fine).
 */
export const openApi30Dialect: SchemaDialect = {
  version: '3.0',
  arraysNeedItems: true,
  inexpressible: beyondOpenApi30,
  type(type) {
    const { types, nullable } = splitNull(type);
    if (types.length === 0) return { type: 'object', nullable: true, enum: [null] };
    return nullable ? { type: types[0], nullable: true } : { type: types[0] };
  },
};

/** OpenAPI 3.0.3. */
export const openApi30Format: DocumentFormat<oas30.OpenAPIObject> = {
  version: '3.0',
  dialect: openApi30Dialect,
  schemaPointer: (name) => `/components/schemas/${name}`,
  build: (parts) => buildOpenApi3Document<oas30.OpenAPIObject>('3.0.3', parts),
};
