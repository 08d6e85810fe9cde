import type { oas31 } from 'openapi3-ts';
import type { SchemaDialect } from '../schema/schema-dialect.js';
import type { DocumentFormat } from './document-format.js';
import { buildOpenApi3Document } from './openapi3-document.js';

/** OpenAPI 3.1 schemas are JSON Schema 2020-12: inferschema's schemas as they are. */
export const openApi31Dialect: SchemaDialect = {
  version: '3.1',
  arraysNeedItems: false,
  inexpressible: () => undefined,
  type: (type) => ({ type: Array.isArray(type) ? [...type] : type }),
};

/** OpenAPI 3.1.0. */
export const openApi31Format: DocumentFormat<oas31.OpenAPIObject> = {
  version: '3.1',
  dialect: openApi31Dialect,
  schemaPointer: (name) => `/components/schemas/${name}`,
  build: (parts) => buildOpenApi3Document<oas31.OpenAPIObject>('3.1.0', parts),
};
