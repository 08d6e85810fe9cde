import { ALL_OPENAPI_VERSIONS, type JsonSchema, type OpenApiVersion } from './json-schema.js';

function nonNullTypes(schema: JsonSchema): number {
  return Array.isArray(schema.type) ? schema.type.filter((type) => type !== 'null').length : 1;
}

function* subschemas(schema: JsonSchema): Iterable<JsonSchema> {
  if (schema.items) yield schema.items;
  if (schema.prefixItems) yield* schema.prefixItems;
  if (schema.properties) yield* Object.values(schema.properties);
  if (typeof schema.additionalProperties === 'object') yield schema.additionalProperties;
  if (schema.anyOf) yield* schema.anyOf;
}

/**
 * Which OpenAPI versions can describe a schema. Swagger 2.0 has no `anyOf`; only 3.1 has `prefixItems`,
 * `const` and unions of several non-null types. A nullable type (`['integer', 'null']`) fits every version
 * (`nullable` in 3.0, `x-nullable` in 2.0).
 *
 * @example
 * supportedVersionsOf({ type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'number' }] } }); // ['3.0', '3.1']
 */
export function supportedVersionsOf(schema: JsonSchema): OpenApiVersion[] {
  let swagger2 = true;
  let openapi30 = true;
  const pending = [schema];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (node.anyOf) swagger2 = false;
    if (node.prefixItems || node.const !== undefined || nonNullTypes(node) > 1) openapi30 = swagger2 = false;
    pending.push(...subschemas(node));
  }
  return ALL_OPENAPI_VERSIONS.filter((version) => (version === '2.0' ? swagger2 : version === '3.0' ? openapi30 : true));
}

/** True when a schema holds a 64-bit integer (`int64`/`uint64`), which plain `JSON.parse` may round. */
export function hasExactIntegers(schema: JsonSchema): boolean {
  const pending = [schema];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (node.format === 'int64' || node.format === 'uint64') return true;
    pending.push(...subschemas(node));
  }
  return false;
}
