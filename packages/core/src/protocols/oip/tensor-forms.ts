import type { JsonSchema } from '../../schema/json-schema.js';
import type { ColumnType } from '../../types/dataframe/column-type.js';
import type { NdArrayDType } from '../../types/ndarray/dtype.js';
import type { OipDatatype } from './datatype.js';

/** The datatype of each ndarray dtype: strings and ISO 8601 date-times travel as BYTES (UTF-8 text). */
export const DTYPE_DATATYPES: Readonly<Record<NdArrayDType, OipDatatype>> = Object.freeze({
  int8: 'INT8',
  int16: 'INT16',
  int32: 'INT32',
  int64: 'INT64',
  uint8: 'UINT8',
  uint16: 'UINT16',
  uint32: 'UINT32',
  uint64: 'UINT64',
  float32: 'FP32',
  float64: 'FP64',
  bool: 'BOOL',
  string: 'BYTES',
  datetime64: 'BYTES',
});

const INTEGER_DATATYPES: Readonly<Record<string, OipDatatype>> = {
  int8: 'INT8', int16: 'INT16', int32: 'INT32', int64: 'INT64', uint8: 'UINT8', uint16: 'UINT16', uint32: 'UINT32', uint64: 'UINT64',
};

/** The datatype of a DataFrame column; undefined for a column typed by each request's values. */
export function columnDatatype(column: ColumnType): OipDatatype | undefined {
  switch (column.kind) {
    case 'integer':
      return INTEGER_DATATYPES[column.format ?? 'int64'] ?? 'INT64';
    case 'number':
      return column.format === 'float' ? 'FP32' : 'FP64';
    case 'boolean':
      return 'BOOL';
    case 'string':
    case 'date-time':
      return 'BYTES';
    case 'scalar':
      return undefined;
  }
}

/** How a JSON Schema position travels as one tensor: its datatype and rank (0 for a scalar). */
export interface SchemaTensorForm {
  readonly datatype: OipDatatype;
  readonly rank: number;
  /** The scalar schema of the elements. */
  readonly item: JsonSchema;
}

/** The datatype of a scalar schema, or why it has none. */
function scalarDatatype(schema: JsonSchema): OipDatatype | string {
  if (Array.isArray(schema.type)) return `a nullable value (${schema.type.join(' or ')}) has no tensor form: a tensor cannot hold null`;
  switch (schema.type) {
    case 'integer':
      return INTEGER_DATATYPES[String(schema.format ?? 'int64')] ?? 'INT64';
    case 'number':
      return schema.format === 'float' ? 'FP32' : 'FP64';
    case 'boolean':
      return 'BOOL';
    case 'string':
      return 'BYTES';
    case 'object':
      return 'an object nested in a tensor has no tensor form';
    default:
      return schema.anyOf ? 'a union of several types has no tensor form: a tensor has one datatype' : 'a value of any type has no tensor form';
  }
}

/**
 * The tensor form of a JSON Schema: a scalar (rank 0) or arrays of arrays of one scalar type (rank = the
 * nesting depth). Anything else (objects, unions, nullable values, tuples) has none: the reason is returned.
 */
export function schemaTensorForm(schema: JsonSchema): SchemaTensorForm | string {
  let rank = 0;
  let item = schema;
  while (item.type === 'array') {
    if (item.prefixItems || Array.isArray(item.items)) return 'a tuple has no tensor form: its items differ';
    if (typeof item.items !== 'object' || item.items === null) return 'an array of any value has no tensor form';
    item = item.items as JsonSchema;
    rank++;
  }
  const datatype = scalarDatatype(item);
  return datatype.includes(' ') ? datatype : { datatype: datatype as OipDatatype, rank, item };
}
