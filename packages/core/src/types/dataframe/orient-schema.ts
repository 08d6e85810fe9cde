import type { JsonValue } from '../../json/json-value.js';
import type { JsonSchema } from '../../schema/json-schema.js';
import { cellSchemaOf, type ColumnType } from './column-type.js';
import type { FrameColumn } from './frame-data.js';
import { tableIndexName, type DataFrameOrient } from './orient.js';

/** What the schema of a DataFrame depends on. */
export interface FrameSchemaOptions {
  readonly orient: DataFrameOrient;
  readonly enforceColumnType: boolean;
  readonly enforceShape: boolean;
  /** The type of a row label in `split` and `table` (object keys are always strings). */
  readonly stringLabels: boolean;
}

const SCALAR: ColumnType = { kind: 'scalar', nullable: true };

/** The schemas of the distinct cells, as one schema (`anyOf` when they differ). */
function unionOf(schemas: readonly JsonSchema[]): JsonSchema {
  const options = schemas.flatMap((schema) => schema.anyOf ?? [schema]);
  const distinct = new Map(options.map((schema) => [JSON.stringify(schema), schema]));
  const [only, ...others] = distinct.values();
  return others.length === 0 && only ? only : { anyOf: [...distinct.values()] };
}

/** The cell schemas of the sample's columns (all `scalar` without `enforceColumnType`). */
export function cellSchemasOf(columns: readonly FrameColumn[], options: FrameSchemaOptions): JsonSchema[] {
  return columns.map(({ type }) => cellSchemaOf(options.enforceColumnType ? type : SCALAR));
}

/**
 * The cells of a positional row (`split`, `values`): one schema for every position, so each column's own
 * type is checked when the request is converted if the columns' types differ.
 */
export function positionalCellSchema(columns: readonly FrameColumn[], options: FrameSchemaOptions): JsonSchema {
  const cells = cellSchemasOf(columns, options);
  return unionOf(options.enforceShape ? cells : [...cells, cellSchemaOf(SCALAR)]);
}

function rowObject(columns: readonly FrameColumn[], options: FrameSchemaOptions, label?: [string, JsonSchema]): JsonSchema {
  const cells = cellSchemasOf(columns, options);
  const properties = Object.fromEntries(columns.map(({ name }, c) => [name, cells[c]!]));
  const required = columns.map(({ name }) => name);
  if (label) {
    properties[label[0]] = label[1];
    required.unshift(label[0]);
  }
  return {
    type: 'object',
    properties,
    required,
    additionalProperties: options.enforceShape ? false : cellSchemaOf(SCALAR),
  };
}

function rowArray(columns: readonly FrameColumn[], options: FrameSchemaOptions): JsonSchema {
  const count = columns.length;
  return {
    type: 'array',
    items: positionalCellSchema(columns, options),
    minItems: count,
    ...(options.enforceShape ? { maxItems: count } : {}),
  };
}

function labelSchema(options: FrameSchemaOptions): JsonSchema {
  return { type: options.stringLabels ? 'string' : 'integer' };
}

function splitSchema(columns: readonly FrameColumn[], options: FrameSchemaOptions): JsonSchema {
  const names = columns.map(({ name }) => name);
  return {
    type: 'object',
    properties: {
      columns: {
        type: 'array',
        items: options.enforceShape ? { type: 'string', enum: names } : { type: 'string' },
        minItems: names.length,
        ...(options.enforceShape ? { maxItems: names.length } : {}),
      },
      index: { type: 'array', items: labelSchema(options) },
      data: { type: 'array', items: rowArray(columns, options) },
    },
    required: ['columns', 'data'],
    additionalProperties: false,
  };
}

function columnsSchema(columns: readonly FrameColumn[], options: FrameSchemaOptions): JsonSchema {
  const cells = cellSchemasOf(columns, options);
  return {
    type: 'object',
    properties: Object.fromEntries(columns.map(({ name }, c) => [name, { type: 'object', additionalProperties: cells[c]! }])),
    required: columns.map(({ name }) => name),
    additionalProperties: options.enforceShape ? false : { type: 'object', additionalProperties: cellSchemaOf(SCALAR) },
  };
}

function tableSchema(columns: readonly FrameColumn[], options: FrameSchemaOptions): JsonSchema {
  const indexName = tableIndexName(columns.map(({ name }) => name));
  return {
    type: 'object',
    properties: {
      schema: {
        type: 'object',
        properties: {
          fields: {
            type: 'array',
            items: {
              type: 'object',
              properties: { name: { type: 'string' }, type: { type: 'string' } },
              required: ['name', 'type'],
            },
          },
          primaryKey: { type: 'array', items: { type: 'string' } },
          pandas_version: { type: 'string' },
        },
        required: ['fields'],
      },
      data: { type: 'array', items: rowObject(columns, options, [indexName, labelSchema(options)]) },
    },
    required: ['schema', 'data'],
    additionalProperties: false,
  };
}

function shapeOf(columns: readonly FrameColumn[], options: FrameSchemaOptions): JsonSchema {
  switch (options.orient) {
    case 'records':
      return { type: 'array', items: rowObject(columns, options) };
    case 'index':
      return { type: 'object', additionalProperties: rowObject(columns, options) };
    case 'columns':
      return columnsSchema(columns, options);
    case 'values':
      return { type: 'array', items: rowArray(columns, options) };
    case 'split':
      return splitSchema(columns, options);
    case 'table':
      return tableSchema(columns, options);
  }
}

/**
 * The JSON Schema of a DataFrame in one orient, with `format: "pandas.DataFrame:<orient>"` and the sample as
 * its example. Column names and types are pinned; the number of rows is free.
 *
 * @example
 * dataFrameSchema([{ name: 'age', type: { kind: 'integer', format: 'int32', nullable: false } }],
 *   { orient: 'records', enforceColumnType: true, enforceShape: true, stringLabels: false }, [{ age: 25 }]);
 * // { type: 'array', items: { type: 'object', properties: { age: { type: 'integer', format: 'int32' } }, … } }
 */
export function dataFrameSchema(columns: readonly FrameColumn[], options: FrameSchemaOptions, example: JsonValue): JsonSchema {
  return { ...shapeOf(columns, options), format: `pandas.DataFrame:${options.orient}`, example };
}
