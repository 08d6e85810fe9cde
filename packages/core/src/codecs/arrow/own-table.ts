import {
  Bool,
  DataType,
  Date_,
  Dictionary,
  Field,
  Float,
  Int,
  LargeUtf8,
  makeData,
  makeVector,
  RecordBatch,
  Schema,
  Struct,
  Table,
  Timestamp,
  Utf8,
  type Data,
  type Vector,
} from 'apache-arrow';

/**
 * The same type as an object of this copy of apache-arrow. An entry script imports its own copy (tsx loads
 * the script's modules apart from ours), and this copy's writer reads types by class, so a table the script
 * built must be re-typed before it is written. Covers the column types a DataFrame parameter takes.
 */
function ownType(type: DataType): DataType {
  if (DataType.isInt(type)) return new Int(type.isSigned, type.bitWidth as 8) as DataType;
  if (DataType.isFloat(type)) return new Float(type.precision);
  if (DataType.isBool(type)) return new Bool();
  if (DataType.isUtf8(type)) return new Utf8();
  if (DataType.isLargeUtf8(type)) return new LargeUtf8();
  if (DataType.isTimestamp(type)) return new Timestamp(type.unit, type.timezone);
  if (DataType.isDate(type)) return new Date_(type.unit);
  if (DataType.isDictionary(type)) return new Dictionary(ownType(type.dictionary), ownType(type.indices) as never, type.id, type.isOrdered) as DataType;
  throw new TypeError(`An Arrow column of type ${String(type)} cannot be written as a DataFrame here`);
}

/**
 * The same buffers under a type of this copy (nothing is copied). A dictionary that several batches share stays
 * one (`dictionaries`: the re-typed ones by their original): the IPC file format takes no replacement
 * dictionaries, and the writer tells a new dictionary by its identity.
 */
function ownData(data: Data, dictionaries: Map<Vector, Vector>): Data {
  let dictionary: Vector | undefined;
  if (data.dictionary) {
    dictionary = dictionaries.get(data.dictionary);
    if (!dictionary) dictionaries.set(data.dictionary, (dictionary = makeVector(data.dictionary.data.map((chunk) => ownData(chunk, dictionaries)))));
  }
  return makeData({
    type: ownType(data.type as DataType),
    offset: data.offset,
    length: data.length,
    nullCount: data.nullCount,
    nullBitmap: data.nullBitmap,
    data: data.values,
    valueOffsets: data.valueOffsets,
    dictionary,
  } as never) as Data;
}

/**
 * A table of this copy of apache-arrow over the same buffers as `table`, which may come from another copy
 * (an entry script's). A table of this copy is returned as it is.
 */
export function ownTable(table: Table): Table {
  // apache-arrow's Table answers instanceof across copies; its types do not.
  if ((table as unknown) instanceof Table && table.schema.fields.every((field) => (field.type as unknown) instanceof DataType)) return table;
  const fields = table.schema.fields.map((field) => new Field(field.name, ownType(field.type as DataType), field.nullable, new Map(field.metadata)));
  const schema = new Schema(fields, new Map(table.schema.metadata));
  const dictionaries = new Map<Vector, Vector>();
  const batches = table.batches.map((batch) => {
    const children = batch.data.children.map((child) => ownData(child, dictionaries));
    return new RecordBatch(schema, makeData({ type: new Struct(fields), length: batch.numRows, nullCount: 0, children }) as never);
  });
  return new Table(schema, batches);
}
