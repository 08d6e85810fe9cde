import { Field, makeData, RecordBatch, Schema, Struct, Table, vectorFromArray, type DataType } from 'apache-arrow';

/** A column for {@link arrowTable}: its type, values and (default false) nullability. */
export type ArrowColumn = readonly [type: DataType, values: readonly unknown[], nullable?: boolean];

/** An Arrow table with exactly the given field types and nullability (Table's own constructor guesses them). */
export function arrowTable(columns: Record<string, ArrowColumn>): Table {
  const entries = Object.entries(columns);
  const fields = entries.map(([name, [type, , nullable]]) => new Field(name, type, nullable ?? false));
  const children = entries.map(([, [type, values]]) => vectorFromArray(values as unknown[], type).data[0]!);
  const schema = new Schema(fields);
  const length = entries[0]?.[1][1].length ?? 0;
  return new Table(schema, new RecordBatch(schema, makeData({ type: new Struct(fields), length, nullCount: 0, children })));
}
