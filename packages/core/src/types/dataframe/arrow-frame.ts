import { DataType, Field, makeData, Precision, RecordBatch, Schema, Struct, Table, type Data, type Vector } from 'apache-arrow';
import type { ColumnType } from './column-type.js';
import type { FrameAdapter, FrameCells, FrameColumn, RowSource } from './frame-data.js';
import { jsonCell } from './json-cells.js';
import { arrowColumnData, arrowTypeOf } from './arrow-vectors.js';

function unsupported(field: Field): TypeError {
  return new TypeError(`DataFrame column "${field.name}" has the Arrow type ${String(field.type)}, which has no JSON column form here`);
}

/**
 * The type of an Arrow column from its field: integers keep their width and sign, floats their precision
 * (`float` for Float32, `double` for Float64), dictionaries of strings are strings, timestamps and dates are
 * date-times; a nullable field gives nullable cells.
 */
export function arrowColumnType(field: Field): ColumnType {
  const nullable = field.nullable;
  let type: DataType = field.type;
  if (DataType.isDictionary(type)) {
    if (!DataType.isUtf8(type.dictionary) && !DataType.isLargeUtf8(type.dictionary)) throw unsupported(field);
    type = type.dictionary;
  }
  if (DataType.isInt(type)) return { kind: 'integer', format: `${type.isSigned ? 'int' : 'uint'}${type.bitWidth}`, nullable };
  if (DataType.isFloat(type) && type.precision !== Precision.HALF) {
    return { kind: 'number', format: type.precision === Precision.SINGLE ? 'float' : 'double', nullable };
  }
  if (DataType.isBool(type)) return { kind: 'boolean', nullable };
  if (DataType.isUtf8(type) || DataType.isLargeUtf8(type)) return { kind: 'string', nullable };
  if (DataType.isTimestamp(type) || DataType.isDate(type)) return { kind: 'date-time', nullable };
  throw unsupported(field);
}

function readColumn(vector: Vector, type: ColumnType): ReturnType<typeof jsonCell>[] {
  const cells = new Array<ReturnType<typeof jsonCell>>(vector.length);
  for (let i = 0; i < vector.length; i++) cells[i] = jsonCell(vector.get(i), type);
  return cells;
}

/**
 * Reads and builds apache-arrow `Table`s. A decoded table has the sample's fields (names, exact types,
 * nullability, metadata) and the sample schema's metadata; its buffers are filled directly from the
 * request's cells.
 */
export class ArrowFrameAdapter implements FrameAdapter<Table> {
  readonly columns: readonly FrameColumn[];
  readonly stringLabels = false;
  readonly #fields: readonly Field[];
  readonly #metadata: Map<string, string>;

  constructor(sample: Table) {
    this.#fields = sample.schema.fields;
    this.#metadata = sample.schema.metadata;
    this.columns = this.#fields.map((field) => ({ name: field.name, type: arrowColumnType(field) }));
  }

  read(table: Table): FrameCells {
    const columns = table.schema.fields.map((field) => ({ name: field.name, type: arrowColumnType(field) }));
    const cells = columns.map(({ type }, c) => readColumn(table.getChildAt(c)!, type));
    return { columns, cells, labels: Array.from({ length: table.numRows }, (_, row) => row) };
  }

  build(source: RowSource): Table {
    const fields: Field[] = [];
    const children: Data[] = [];
    source.columns.forEach(({ name, type }, c) => {
      const sampleField = this.columns[c]?.type === type ? this.#fields[c] : undefined;
      const field = sampleField ?? new Field(name, arrowTypeOf(type), true);
      fields.push(field);
      children.push(arrowColumnData(source.rows, source.keys[c]!, field.type as DataType, field.nullable));
    });
    const schema = new Schema(fields, new Map(this.#metadata));
    const data = makeData({ type: new Struct(fields), length: source.rows.length, nullCount: 0, children });
    return new Table(schema, new RecordBatch(schema, data));
  }
}
