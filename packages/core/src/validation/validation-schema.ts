import type { JsonSchema } from '../schema/json-schema.js';

const ANNOTATIONS = new Set(['example', 'title', 'description']);
const FORMATTED_TYPES = new Set(['string', 'number', 'integer']);

function typesOf(schema: JsonSchema): string[] {
  return schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
}

/**
 * The schema ajv validates against, derived from a document schema:
 * - annotations (`example`, `title`, `description`) are dropped;
 * - `format` stays only where JSON Schema applies it (strings and numbers), so container markers such as
 *   `numpy.ndarray` and `pandas.DataFrame:records` go; `double` goes too: every finite JSON number is one
 *   (`strictNumbers` rejects the rest), and calling its format function per element would box each number
 *   (a float64 array of 1,000,000 items then allocated 16 MB while it was validated);
 * - `int64`/`uint64` integers become the `exactInteger` keyword, which accepts safe numbers, `bigint` and
 *   decimal strings within the range, so no 64-bit value is ever rounded.
 *
 * @example
 * validationSchemaOf({ type: 'integer', format: 'int64', example: 1 }); // { exactInteger: 'int64' }
 */
export function validationSchemaOf(schema: JsonSchema): Record<string, unknown> {
  const types = typesOf(schema);
  if (types.includes('integer') && (schema.format === 'int64' || schema.format === 'uint64')) {
    const exact = { exactInteger: schema.format };
    return types.includes('null') ? { anyOf: [exact, { type: 'null' }] } : exact;
  }
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (ANNOTATIONS.has(key) || value === undefined) continue;
    if (key === 'format' && (value === 'double' || !types.some((type) => FORMATTED_TYPES.has(type)))) continue;
    if (key === 'items' || key === 'additionalProperties') {
      result[key] = typeof value === 'object' ? validationSchemaOf(value as JsonSchema) : value;
    } else if (key === 'prefixItems' || key === 'anyOf') {
      result[key] = (value as JsonSchema[]).map(validationSchemaOf);
    } else if (key === 'properties') {
      result[key] = Object.fromEntries(
        Object.entries(value as Record<string, JsonSchema>).map(([name, child]) => [name, validationSchemaOf(child)]),
      );
    } else result[key] = value;
  }
  return result;
}
