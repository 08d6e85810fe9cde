// A Table built by a second copy of apache-arrow (here its CommonJS build, as an entry script's own copy may be)
// goes through the Arrow codec's writer: re-typed for this copy over the same buffers (own-table.ts), written,
// and read back by apache-arrow and by another implementation (@uwdata/flechette) with every value, type,
// nullability and metadata as built.
import { createRequire } from 'node:module';
import { ARROW_FILE, ARROW_STREAM, arrowCodec } from '@inferschema/core/codecs';
import { DataFrameParameterType } from '@inferschema/core/dataframe';
import * as fl from '@uwdata/flechette';
import { DataType, tableFromArrays, tableFromIPC, type Table } from 'apache-arrow';
import { ownTable } from '../../src/codecs/arrow/own-table.js';

/** The CommonJS build of apache-arrow: classes of its own, apart from the ES module copy the codec uses. */
const other = createRequire(import.meta.url)('apache-arrow') as typeof import('apache-arrow');

const frame = new DataFrameParameterType(tableFromArrays({ id: Int32Array.of(1) }), { enforceShape: false, enforceColumnType: false });

const categoryType = new other.Dictionary(new other.Utf8(), new other.Int32());
/** One dictionary for every batch, as a writer keeps it (the IPC file format takes no replacement dictionaries). */
const categories = other.vectorFromArray(['x', 'y', 'z'], new other.Utf8());

/** `rows` rows from `start` in every column type a DataFrame takes, nulls in `label`, built with the other copy. */
function otherBatch(schema: InstanceType<typeof other.Schema>, start: number, rows: number) {
  const index = Array.from({ length: rows }, (_, i) => start + i);
  const columns = [
    other.makeVector(Int32Array.from(index)),
    other.makeVector(Float64Array.from(index, (i) => i / 4)),
    other.vectorFromArray(index.map((i) => (i % 3 === 0 ? null : `row ${i} ✓`)), new other.Utf8()),
    other.vectorFromArray(index.map((i) => i % 2 === 0), new other.Bool()),
    other.makeVector(BigInt64Array.from(index, (i) => BigInt(i) * 10_000_000_000n)),
    other.makeVector(Uint8Array.from(index, (i) => i % 256)),
    other.vectorFromArray(index.map((i) => new Date(1_600_000_000_000 + i * 60_000)), new other.TimestampMillisecond()),
    other.vectorFromArray(index.map((i) => new Date(Date.UTC(2024, 0, 1 + i))), new other.DateDay()),
    other.vectorFromArray(index.map((i) => `wide ${i}`), new other.LargeUtf8()),
    other.makeVector(other.makeData({ type: categoryType, length: rows, nullCount: 0, data: Int32Array.from(index, (i) => i % 3), dictionary: categories })),
  ];
  const data = other.makeData({ type: new other.Struct(schema.fields), length: rows, nullCount: 0, children: columns.map((column) => column.data[0]!) });
  return new other.RecordBatch(schema, data);
}

function otherTable(): Table {
  const types = [
    new other.Int32(),
    new other.Float64(),
    new other.Utf8(),
    new other.Bool(),
    new other.Int64(),
    new other.Uint8(),
    new other.TimestampMillisecond(),
    new other.DateDay(),
    new other.LargeUtf8(),
    categoryType,
  ];
  const names = ['id', 'score', 'label', 'flag', 'big', 'small', 'when', 'day', 'wide', 'category'];
  const fields = names.map((name, i) => new other.Field(name, types[i]!, name !== 'id', name === 'id' ? new Map([['unit', 'row']]) : undefined));
  const schema = new other.Schema(fields, new Map([['source', 'second copy']]));
  // Two batches; the slice starts inside the first, so its data has an offset.
  return new other.Table(schema, [otherBatch(schema, 0, 6), otherBatch(schema, 6, 5)]).slice(1) as unknown as Table;
}

const rowsOf = (table: Table) => [...table].map((row) => row!.toJSON());

describe('the Arrow codec writes a Table of another copy of apache-arrow', () => {
  const table = otherTable();

  it('is a second copy: its types are not this copy\'s classes', () => {
    expect(other.DataType).not.toBe(DataType);
    expect(table.schema.fields.some((field) => (field.type as unknown) instanceof DataType)).toBe(false);
  });

  it.each([ARROW_STREAM, ARROW_FILE])('as %s, read back with every value, type, nullability and metadata', (mediaType) => {
    const bytes = arrowCodec.encode(table, frame, mediaType) as Uint8Array;
    const back = tableFromIPC(bytes);
    expect(back.numRows).toBe(10);
    expect(back.schema.fields.map((field) => [field.name, String(field.type), field.nullable])).toEqual(
      table.schema.fields.map((field) => [field.name, String(field.type), field.nullable]),
    );
    expect(Object.fromEntries(back.schema.metadata)).toEqual({ source: 'second copy' });
    expect(Object.fromEntries(back.schema.fields[0]!.metadata)).toEqual({ unit: 'row' });
    expect(rowsOf(back)).toEqual(rowsOf(table));
    expect(back.getChild('label')!.get(2)).toBeNull();
    expect(back.getChild('label')!.get(0)).toBe('row 1 ✓');

    const independent = fl.tableFromIPC(bytes, { useBigInt: true });
    expect(independent.getChild('big').at(9)).toBe(100_000_000_000n);
    expect(independent.getChild('category').toArray()).toEqual(['y', 'z', 'x', 'y', 'z', 'x', 'y', 'z', 'x', 'y']);
    expect(independent.getChild('label').at(5)).toBeNull();
  });

  it('re-types the columns over the same buffers (nothing copied); a Table of this copy is used as it is', () => {
    const own = ownTable(table);
    expect(own.schema.fields.every((field) => field.type instanceof DataType)).toBe(true);
    expect(own.getChild('score')!.data[0]!.values.buffer).toBe(table.getChild('score')!.data[0]!.values.buffer);
    const mine = tableFromArrays({ id: Int32Array.of(1, 2) });
    expect(ownTable(mine)).toBe(mine);
  });

  it('names a column type a DataFrame cannot hold', () => {
    const list = other.vectorFromArray([[1], [2, 3]], new other.List(new other.Field('item', new other.Int32())));
    const nested = new other.Table({ nested: list }) as unknown as Table;
    expect(() => arrowCodec.encode(nested, frame)).toThrow(new TypeError('An Arrow column of type List<Int32> cannot be written as a DataFrame here'));
  });
});
