import type { JsonSchema, JsonSchemaType, OpenApiVersion } from '@inferschema/core';

/** A schema as a document version writes it. */
export type RenderedSchema = Record<string, unknown>;

/**
 * How one document version writes inferschema's JSON Schema (2020-12 form): what it cannot express, and how
 * it writes `type`. Everything else is written the same way in every version.
 */
export interface SchemaDialect {
  readonly version: OpenApiVersion;
  /** What in this node (not its subschemas) the version cannot express, in words, or undefined. */
  inexpressible(schema: JsonSchema): string | undefined;
  /** The keywords that stand for `type` (e.g. `type` and `nullable` in OpenAPI 3.0). */
  type(type: JsonSchemaType | JsonSchemaType[]): RenderedSchema;
  /** An array schema must have `items` (OpenAPI 3.0 says so; an empty sample list has none). */
  readonly arraysNeedItems: boolean;
}

/** The non-null types of a `type` keyword, and whether `null` is among them. */
export function splitNull(type: JsonSchemaType | JsonSchemaType[]): { types: JsonSchemaType[]; nullable: boolean } {
  const all = Array.isArray(type) ? type : [type];
  return { types: all.filter((name) => name !== 'null'), nullable: all.includes('null') };
}

/**
 * What the 2020-12 features absent from OpenAPI 3.0 and Swagger 2.0 are, in words; the same rules as
 * core's `supportedVersionsOf`.
 */
export function beyondOpenApi30(schema: JsonSchema): string | undefined {
  if (schema.prefixItems) return 'a tuple with a schema per position (prefixItems)';
  if (schema.const !== undefined) return 'a constant (const)';
  if (schema.type !== undefined) {
    const { types } = splitNull(schema.type);
    if (types.length > 1) return `a union of the types ${types.join(', ')} (a type array)`;
  }
  return undefined;
}
