import { Field, makeData, RecordBatch, Schema, Struct, Table, type DataType } from 'apache-arrow';
import { arrowColumnType } from '../../types/dataframe/arrow-frame.js';
import type { ColumnType } from '../../types/dataframe/column-type.js';
import { BodyFormatError } from '../body-format-error.js';
import { checkColumnData } from './check-buffers.js';

/** What a decoded table is checked against: the sample's fields and the type's rules. */
export interface TableRules {
  readonly sample: Table;
  readonly enforceColumnType: boolean;
  readonly enforceShape: boolean;
}

function mismatch(message: string): BodyFormatError {
  return new BodyFormatError('schema', `Arrow table ${message}`);
}

function columnTypeOf(field: Field): ColumnType {
  try {
    return arrowColumnType(field);
  } catch (error) {
    throw mismatch(`column "${field.name}" has the Arrow type ${String(field.type)}, which a DataFrame parameter does not take`);
  }
}

function describe(type: ColumnType): string {
  return type.format ?? type.kind;
}

function nullsIn(table: Table, column: number): number {
  let nulls = 0;
  for (const batch of table.batches) nulls += batch.data.children[column]!.nullCount;
  return nulls;
}

/**
 * Checks a table read from a body against the sample's schema, and returns it with the sample's columns first,
 * in the sample's order (extra columns after them, under `enforceShape: false`). Columns are matched by
 * name; a column's type must be the sample's as the JSON Schema describes it (integer width and sign, float
 * precision, boolean, string, date-time), and a column the sample holds as not nullable must have no nulls.
 * Every chunk's buffers are checked to hold what its length promises. No column is copied: the result
 * shares the body's buffers, with the sample field's nullability and metadata wherever the Arrow types are
 * equal, and the body's own field otherwise (e.g. `LargeUtf8` where the sample has `Utf8`).
 *
 * @throws BodyFormatError `schema` for a column missing, extra, of another type or with nulls it may not
 *   hold; `arrow.invalid` for buffers shorter than their length.
 */
export function fitTable(table: Table, rules: TableRules): Table {
  const positions = new Map<string, number>();
  table.schema.fields.forEach((field, index) => {
    if (positions.has(field.name)) throw mismatch(`has the column "${field.name}" twice`);
    positions.set(field.name, index);
  });
  const sampleFields = rules.sample.schema.fields;
  const order: number[] = [];
  const fields: Field[] = [];
  for (const sampleField of sampleFields) {
    const index = positions.get(sampleField.name);
    if (index === undefined) throw mismatch(`has no column "${sampleField.name}" (columns: ${table.schema.names.join(', ') || 'none'})`);
    const field = table.schema.fields[index]!;
    const got = columnTypeOf(field);
    const expected = arrowColumnType(sampleField);
    if (rules.enforceColumnType && (got.kind !== expected.kind || got.format !== expected.format)) {
      throw mismatch(`column "${field.name}" holds ${describe(got)} (Arrow ${String(field.type)}), the sample's holds ${describe(expected)} (Arrow ${String(sampleField.type)})`);
    }
    order.push(index);
    // The sample's nullability and metadata on the body's type object: the sample may come from another copy
    // of apache-arrow (an entry script loaded as CommonJS), whose classes this copy's Table refuses.
    fields.push(String(field.type) === String(sampleField.type) ? new Field(field.name, field.type, sampleField.nullable, new Map(sampleField.metadata)) : field);
  }
  for (const [index, field] of table.schema.fields.entries()) {
    if (order.includes(index)) continue;
    if (rules.enforceShape) throw mismatch(`has the column "${field.name}", which the sample does not (columns: ${sampleFields.map((f) => f.name).join(', ')})`);
    columnTypeOf(field);
    order.push(index);
    fields.push(field);
  }
  for (const batch of table.batches) {
    order.forEach((index, c) => checkColumnData(batch.data.children[index]!, fields[c]!.name));
  }
  order.forEach((index, c) => {
    if (rules.enforceColumnType && !arrowColumnType(sampleFields[c] ?? fields[c]!).nullable && c < sampleFields.length) {
      const nulls = nullsIn(table, index);
      if (nulls > 0) throw mismatch(`column "${fields[c]!.name}" has ${nulls} nulls; the sample's column is not nullable`);
    }
  });
  return rebuild(table, order, fields);
}

/** The same batches with the columns in `order` under `fields`: new metadata around the same buffers. */
function rebuild(table: Table, order: readonly number[], fields: readonly Field[]): Table {
  const schema = new Schema([...fields], new Map(table.schema.metadata));
  const type = new Struct([...fields]);
  const batches = table.batches.map((batch) => {
    const children = order.map((index) => batch.data.children[index]!);
    const data = makeData({ type, length: batch.numRows, nullCount: 0, children: children as never });
    return new RecordBatch(schema, data as never);
  });
  return new Table(schema, batches) as Table<Record<string, DataType>>;
}
