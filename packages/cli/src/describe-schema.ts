import type { JsonSchema } from '@inferschema/core';

const MAX_LENGTH = 100;

function typeName(schema: JsonSchema): string {
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  const names = schema.anyOf
    ? schema.anyOf.flatMap((option) => typeName(option).split(' | '))
    : types.filter((type) => type !== 'null').map((type) => nodeName(schema, type));
  if (types.includes('null')) names.push('null');
  if (names.length === 0) names.push('any');
  // `null` once, last: `string | double | null`.
  const unique = [...new Set(names)];
  return [...unique.filter((name) => name !== 'null'), ...unique.filter((name) => name === 'null')].join(' | ');
}

function nodeName(schema: JsonSchema, type: string): string {
  switch (type) {
    case 'array': {
      if (schema.prefixItems) return `[${schema.prefixItems.map(typeName).join(', ')}]`;
      const item = schema.items ? typeName(schema.items) : 'any';
      const size = schema.minItems !== undefined && schema.minItems === schema.maxItems ? String(schema.minItems) : '';
      return `${item.includes(' ') && !item.startsWith('{') ? `(${item})` : item}[${size}]`;
    }
    case 'object': {
      const properties = Object.entries(schema.properties ?? {});
      if (properties.length === 0) return 'object';
      const required = new Set(schema.required ?? []);
      return `{${properties.map(([name, child]) => `${name}${required.has(name) ? '' : '?'}: ${typeName(child)}`).join(', ')}}`;
    }
    case 'integer':
    case 'number':
    case 'string':
      return schema.format && !schema.format.includes('.') ? schema.format : type;
    default:
      return type;
  }
}

/**
 * A one-line summary of a schema for people: formats stand for their types (`int64`, `double`, `date`), arrays
 * are `T[]` (`T[3]` for a fixed length), objects list their keys (`?` marks an optional one), and a container
 * format such as `numpy.ndarray` follows in parentheses. Long summaries are cut at 100 characters.
 *
 * @example
 * describeSchema({ type: 'array', items: { type: 'number', format: 'double' }, format: 'numpy.ndarray' }); // 'double[] (numpy.ndarray)'
 */
export function describeSchema(schema: JsonSchema): string {
  const marker = schema.format?.includes('.') ? ` (${schema.format})` : '';
  const text = typeName(schema);
  return (text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH - 1)}…` : text) + marker;
}
