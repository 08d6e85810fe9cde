import { DATAFRAME_ORIENTS, DataFrameParameterType } from '@inferschema/core/dataframe';
import { parseJson, stringifyJson } from '@inferschema/core';
import {
  Bool,
  DateDay,
  DateMillisecond,
  Dictionary,
  Float32,
  Float64,
  Int16,
  Int32,
  Int64,
  Table,
  TimestampMicrosecond,
  TimestampNanosecond,
  TimestampSecond,
  Uint64,
  Uint8,
  Utf8,
  tableFromArrays,
} from 'apache-arrow';
import { arrowTable } from './arrow-table.js';

const sample = () =>
  arrowTable({
    name: [new Utf8(), ['Sarah', 'John']],
    age: [new Int32(), [25, 26]],
    score: [new Float64(), [0.5, null], true],
  });

function typesOf(table: Table): string[] {
  return table.schema.fields.map((field) => `${field.name}: ${String(field.type)}${field.nullable ? '?' : ''}`);
}

function rowsOf(table: Table): unknown[] {
  return table.toArray().map((row) => row.toJSON());
}

describe('DataFrameParameterType with an Arrow sample: decode', () => {
  const requests = {
    records: [{ age: 30, name: 'Ann', score: 1.25 }, { score: null, name: 'Bo', age: 31 }, { name: 'Cy', age: 32, score: 2 }],
    split: { columns: ['name', 'age', 'score'], index: [0, 1, 2], data: [['Ann', 30, 1.25], ['Bo', 31, null], ['Cy', 32, 2]] },
    index: { 0: { name: 'Ann', age: 30, score: 1.25 }, 1: { name: 'Bo', age: 31, score: null }, 2: { name: 'Cy', age: 32, score: 2 } },
    columns: { score: { 0: 1.25, 1: null, 2: 2 }, age: { 0: 30, 1: 31, 2: 32 }, name: { 0: 'Ann', 1: 'Bo', 2: 'Cy' } },
    values: [['Ann', 30, 1.25], ['Bo', 31, null], ['Cy', 32, 2]],
    table: {
      schema: { fields: [{ name: 'index', type: 'integer' }, { name: 'name', type: 'string' }, { name: 'age', type: 'integer' }, { name: 'score', type: 'number' }], primaryKey: ['index'], pandas_version: '1.4.0' },
      data: [{ index: 0, name: 'Ann', age: 30, score: 1.25 }, { index: 1, name: 'Bo', age: 31, score: null }, { index: 2, name: 'Cy', age: 32, score: 2 }],
    },
  } as const;

  for (const orient of DATAFRAME_ORIENTS) {
    it(`${orient}: a Table with the sample's fields, in the sample's column order`, () => {
      const type = new DataFrameParameterType(sample(), { orient });
      const request = structuredClone(requests[orient]);
      const table = type.decode(request);
      expect(table).toBeInstanceOf(Table);
      expect(typesOf(table)).toEqual(['name: Utf8', 'age: Int32', 'score: Float64?']);
      expect(rowsOf(table)).toEqual([
        { name: 'Ann', age: 30, score: 1.25 },
        { name: 'Bo', age: 31, score: null },
        { name: 'Cy', age: 32, score: 2 },
      ]);
      expect(table.getChild('age')!.toArray()).toEqual(Int32Array.of(30, 31, 32));
      expect(request).toEqual(requests[orient]);
    });

    it(`${orient}: decode(encode(x)) gives x back, and encode(decode(json)) gives json back`, () => {
      const type = new DataFrameParameterType(sample(), { orient });
      const table = type.decode(requests[orient]);
      const again = type.decode(type.encode(table));
      expect(typesOf(again)).toEqual(typesOf(table));
      expect(rowsOf(again)).toEqual(rowsOf(table));
      if (orient !== 'columns') expect(type.encode(table)).toEqual(requests[orient]);
    });
  }

  it('accepts zero rows in every orient', () => {
    const empty = { records: [], split: { columns: ['name', 'age', 'score'], data: [] }, index: {}, columns: { name: {}, age: {}, score: {} }, values: [], table: { schema: { fields: [{ name: 'name', type: 'string' }, { name: 'age', type: 'integer' }, { name: 'score', type: 'number' }] }, data: [] } };
    for (const orient of DATAFRAME_ORIENTS) {
      const table = new DataFrameParameterType(sample(), { orient }).decode(empty[orient]);
      expect(table.numRows).toBe(0);
      expect(typesOf(table)).toEqual(['name: Utf8', 'age: Int32', 'score: Float64?']);
    }
  });

  it('index and columns: rows follow the order of the row labels in the request (integer-like keys first, as in every JS object)', () => {
    const type = new DataFrameParameterType(sample(), { orient: 'index' });
    const table = type.decode({ b: { name: 'B', age: 2, score: 0 }, a: { name: 'A', age: 1, score: 0 }, 7: { name: 'N', age: 7, score: 0 } });
    expect(table.getChild('name')!.toArray()).toEqual(['N', 'B', 'A']);
  });

  it('keeps every integer width, float precision, dictionary, boolean and unsigned 64-bit type', () => {
    const type = new DataFrameParameterType(
      arrowTable({
        small: [new Int16(), [1]],
        byte: [new Uint8(), [1]],
        ratio: [new Float32(), [0.5]],
        city: [new Dictionary(new Utf8(), new Int32()), ['Oslo'], true],
        ok: [new Bool(), [true], true],
        id: [new Uint64(), [1n]],
      }),
    );
    const table = type.decode([
      { small: -300, byte: 255, ratio: 0.25, city: 'Lima', ok: false, id: '18446744073709551615' },
      { small: 7, byte: 0, ratio: 1.5, city: 'Oslo', ok: null, id: 5 },
      { small: 8, byte: 1, ratio: 2, city: null, ok: true, id: 18446744073709551615n },
      { small: 9, byte: 2, ratio: 3, city: 'Lima', ok: true, id: 0 },
    ]);
    expect(typesOf(table)).toEqual(['small: Int16', 'byte: Uint8', 'ratio: Float32', 'city: Dictionary<Int32, Utf8>?', 'ok: Bool?', 'id: Uint64']);
    expect(table.getChild('small')!.toArray()).toEqual(Int16Array.of(-300, 7, 8, 9));
    expect(table.getChild('ratio')!.toArray()).toEqual(Float32Array.of(0.25, 1.5, 2, 3));
    expect([...table.getChild('city')!]).toEqual(['Lima', 'Oslo', null, 'Lima']);
    expect(table.getChild('city')!.data[0]!.dictionary!.toArray()).toEqual(['Lima', 'Oslo']);
    expect([...table.getChild('ok')!]).toEqual([false, null, true, true]);
    expect(table.getChild('id')!.toArray()).toEqual(BigUint64Array.of(2n ** 64n - 1n, 5n, 2n ** 64n - 1n, 0n));
  });

  it('keeps 64-bit integers exact from parseJson text, and writes them back exactly', () => {
    const type = new DataFrameParameterType(arrowTable({ id: [new Int64(), [1n]] }));
    const text = '[{"id": 9007199254740993}, {"id": -9223372036854775808}, {"id": "42"}]';
    const table = type.decode(parseJson(text, { exactIntegers: true }));
    expect(table.getChild('id')!.toArray()).toEqual(BigInt64Array.of(9007199254740993n, -(2n ** 63n), 42n));
    expect(stringifyJson(type.encode(table))).toBe('[{"id":9007199254740993},{"id":-9223372036854775808},{"id":42}]');
  });

  it('date-time columns travel as ISO strings, in the sample timestamp unit', () => {
    const when = new Date('2024-01-31T12:34:56.789Z');
    const type = new DataFrameParameterType(
      arrowTable({
        s: [new TimestampSecond(), [new Date('2024-01-31T12:34:56Z')]],
        us: [new TimestampMicrosecond(), [when]],
        ns: [new TimestampNanosecond(), [when]],
        day: [new DateDay(), [when]],
        ms: [new DateMillisecond(), [when]],
      }),
    );
    const table = type.decode([{ s: '2024-01-31T12:34:56Z', us: '2024-01-31T12:34:56.789Z', ns: '2024-01-31T13:34:56.789+01:00', day: '2024-01-31T00:00:00Z', ms: '1969-12-31T00:00:00Z' }]);
    expect(typesOf(table)).toEqual(['s: Timestamp<SECOND>', 'us: Timestamp<MICROSECOND>', 'ns: Timestamp<NANOSECOND>', 'day: Date32<DAY>', 'ms: Date64<MILLISECOND>']);
    expect(table.getChild('s')!.toArray()).toEqual(BigInt64Array.of(BigInt(Date.parse('2024-01-31T12:34:56Z') / 1000)));
    expect(table.getChild('us')!.toArray()).toEqual(BigInt64Array.of(BigInt(when.getTime()) * 1000n));
    expect(table.getChild('ns')!.toArray()).toEqual(BigInt64Array.of(BigInt(when.getTime()) * 1_000_000n));
    expect(table.getChild('day')!.data[0]!.values).toEqual(Int32Array.of(19753));
    expect(table.getChild('ms')!.data[0]!.values).toEqual(BigInt64Array.of(-86_400_000n));
    expect(type.encode(table)).toEqual([
      { s: '2024-01-31T12:34:56.000Z', us: '2024-01-31T12:34:56.789Z', ns: '2024-01-31T12:34:56.789Z', day: '2024-01-31T00:00:00.000Z', ms: '1969-12-31T00:00:00.000Z' },
    ]);
  });

  it('decodes non-ASCII strings into exact UTF-8', () => {
    const type = new DataFrameParameterType(arrowTable({ name: [new Utf8(), ['a']] }));
    const names = ['Zoë', '東京', '🙂 ok', '', 'plain'];
    const table = type.decode(names.map((name) => ({ name })));
    expect(table.getChild('name')!.toArray()).toEqual(names);
  });

  it('keeps the sample schema metadata and field metadata', () => {
    const base = sample();
    base.schema.metadata.set('model', 'v1');
    const table = new DataFrameParameterType(base).decode([]);
    expect(table.schema.metadata.get('model')).toBe('v1');
  });

  it('accepts a tableFromArrays sample (strings become dictionaries, numbers nullable doubles)', () => {
    const type = new DataFrameParameterType(tableFromArrays({ name: ['Sarah'], age: [25] }));
    const table = type.decode([{ name: 'Ann', age: 30 }, { name: 'Bo', age: null }]);
    expect(typesOf(table)).toEqual(['name: Dictionary<Int32, Utf8>?', 'age: Float64?']);
    expect(rowsOf(table)).toEqual([{ name: 'Ann', age: 30 }, { name: 'Bo', age: null }]);
  });

  it('encodes nulls, non-finite numbers and safe 64-bit integers as JSON', () => {
    const type = new DataFrameParameterType(arrowTable({ x: [new Float64(), [1], true], n: [new Int64(), [1n]] }));
    const table = arrowTable({ x: [new Float64(), [Number.NaN, null, Infinity], true], n: [new Int64(), [1n, 2n, 3n]] });
    expect(type.encode(table)).toEqual([{ x: null, n: 1 }, { x: null, n: 2 }, { x: null, n: 3 }]);
  });
});
