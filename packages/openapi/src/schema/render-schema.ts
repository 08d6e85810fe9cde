import type { JsonSchema } from '@inferschema/core';
import { appendPointer } from '@inferschema/core/schema';
import type { InexpressibleSchema } from '../unsupported-version-error.js';
import type { RenderedSchema, SchemaDialect } from './schema-dialect.js';

/**
 * The order keywords are written in, whatever order a parameter type built them in, so that documents are
 * byte-for-byte stable. Keywords not listed follow, sorted.
 */
const KEYWORD_ORDER = [
  'title',
  'description',
  'type',
  'format',
  'enum',
  'const',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'items',
  'prefixItems',
  'minItems',
  'maxItems',
  'required',
  'properties',
  'additionalProperties',
  'anyOf',
  'example',
];
const RANK = new Map(KEYWORD_ORDER.map((keyword, index) => [keyword, index]));

function byKeywordOrder(a: string, b: string): number {
  const [rankA, rankB] = [RANK.get(a) ?? KEYWORD_ORDER.length, RANK.get(b) ?? KEYWORD_ORDER.length];
  return rankA - rankB || (a < b ? -1 : a > b ? 1 : 0);
}

function isArrayWithoutItems(schema: JsonSchema): boolean {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return types.includes('array') && schema.items === undefined && schema.prefixItems === undefined;
}

/** Thrown inside {@link renderSchema} at the first construct the dialect cannot express. */
export class InexpressibleSchemaError extends Error implements InexpressibleSchema {
  readonly pointer: string;
  readonly construct: string;

  constructor(pointer: string, construct: string) {
    super(`${pointer} is ${construct}`);
    this.pointer = pointer;
    this.construct = construct;
  }
}

/**
 * Writes a schema in a document version's dialect: a fresh object (examples and enums are copied, the input
 * is never changed), keywords in a fixed order.
 *
 * @param pointer - where the schema sits in the document, for the error.
 * @throws InexpressibleSchemaError at the first construct the dialect cannot express.
 * @example
 * renderSchema({ type: ['integer', 'null'] }, '/components/schemas/X', openApi30Dialect); // { type: 'integer', nullable: true }
 */
export function renderSchema(schema: JsonSchema, pointer: string, dialect: SchemaDialect): RenderedSchema {
  const problem = dialect.inexpressible(schema);
  if (problem) throw new InexpressibleSchemaError(pointer, problem);
  const rendered: RenderedSchema = {};
  const entries = Object.entries(schema) as [string, unknown][];
  if (dialect.arraysNeedItems && isArrayWithoutItems(schema)) entries.push(['items', {}]);
  for (const [keyword, value] of entries.sort(([a], [b]) => byKeywordOrder(a, b))) {
    if (value === undefined) continue;
    const at = appendPointer(pointer, keyword);
    switch (keyword) {
      case 'type':
        Object.assign(rendered, dialect.type(value as NonNullable<JsonSchema['type']>));
        break;
      case 'items':
      case 'additionalProperties':
        rendered[keyword] = typeof value === 'object' ? renderSchema(value as JsonSchema, at, dialect) : value;
        break;
      case 'prefixItems':
      case 'anyOf':
        rendered[keyword] = (value as JsonSchema[]).map((child, index) => renderSchema(child, appendPointer(at, index), dialect));
        break;
      case 'properties':
        rendered[keyword] = Object.fromEntries(
          Object.entries(value as Record<string, JsonSchema>).map(([name, child]) => [
            name,
            renderSchema(child, appendPointer(at, name), dialect),
          ]),
        );
        break;
      default:
        rendered[keyword] = structuredClone(value);
    }
  }
  return rendered;
}
