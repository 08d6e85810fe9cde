import { DATAFRAME_ORIENTS, DataFrameParameterType } from '@inferschema/core/dataframe';
import { InputValidationError, parseJson, stringifyJson, type DecodedValue } from '@inferschema/core';
import { Int32, Table, Utf8 } from 'apache-arrow';
import dfd from 'danfojs';
import { arrowTable } from './arrow-table.js';

const danfoSample = () =>
  new dfd.DataFrame({ name: ['Sarah', 'John'], age: [25, 26], w: [1.5, 2], ok: [true, false], at: [new Date(0), new Date(1)] });

describe('DataFrameParameterType with a danfo sample', () => {
  for (const orient of DATAFRAME_ORIENTS) {
    it(`${orient}: decodes into a danfo DataFrame with the sample's columns and dtypes, and round trips`, () => {
      const type = new DataFrameParameterType(danfoSample(), { orient });
      const example = type.toJsonSchema().example;
      const frame = type.decode(example);
      expect(frame).toBeInstanceOf(dfd.DataFrame);
      expect(frame.columns).toEqual(['name', 'age', 'w', 'ok', 'at']);
      expect(frame.dtypes).toEqual(['string', 'int32', 'float32', 'boolean', 'datetime']);
      expect(frame.values).toEqual([
        ['Sarah', 25, 1.5, true, new Date(0)],
        ['John', 26, 2, false, new Date(1)],
      ]);
      expect(type.encode(frame)).toEqual(example);
      expect(type.encode(type.decode(type.encode(frame)))).toEqual(example);
    });
  }

  it('takes row labels from the request in index, columns, split and table orients', () => {
    const type = new DataFrameParameterType(new dfd.DataFrame({ age: [25] }, { index: ['r1'] }), { orient: 'index' });
    const frame = type.decode({ b: { age: 1 }, a: { age: 2 } });
    expect(frame.index).toEqual(['b', 'a']);
    const split = new DataFrameParameterType(danfoSample(), { orient: 'split' }).decode({
      columns: ['name', 'age', 'w', 'ok', 'at'],
      index: [7, 9],
      data: [['A', 1, 1, true, '2024-01-31T12:00:00Z'], ['B', 2, 2, false, '2024-01-31T12:00:00+02:00']],
    });
    expect(split.index).toEqual([7, 9]);
    expect(split.column('at').values).toEqual([new Date('2024-01-31T12:00:00Z'), new Date('2024-01-31T10:00:00Z')]);
  });

  it('a column with nulls in the sample is nullable', () => {
    const type = new DataFrameParameterType(new dfd.DataFrame({ a: [1, null], s: ['x', null] }));
    expect(type.toJsonSchema().items?.properties).toEqual({ a: { type: ['number', 'null'] }, s: { type: ['string', 'null'] } });
    const frame = type.decode([{ a: null, s: 'y' }, { a: 2.5, s: null }]);
    expect(frame.values).toEqual([[null, 'y'], [2.5, null]]);
  });

  it('decodes zero rows into an empty frame with the sample columns', () => {
    const frame = new DataFrameParameterType(danfoSample()).decode([]);
    expect(frame.shape).toEqual([0, 5]);
    expect(frame.columns).toEqual(['name', 'age', 'w', 'ok', 'at']);
  });

  it('rejects like any other frame', () => {
    const type = new DataFrameParameterType(danfoSample());
    const input = [{ name: 'A', age: 1.5, w: 1, ok: 'true', at: '2024-01-31T12:00:00Z' }];
    expect(() => type.decode(input)).toThrow(InputValidationError);
    expect(() => type.decode(input)).toThrow('Invalid input at /0/age: must be an integer (and 1 more problem)');
  });
});

describe('DataFrameParameterType with a plain { column: values[] } sample', () => {
  const sample = () => ({ id: BigInt64Array.of(1n, 2n), score: Float32Array.of(0.5, 1), name: ['Sarah', 'John'], at: [new Date(0), new Date(1)], note: ['x', null] as (string | null)[] });

  for (const orient of DATAFRAME_ORIENTS) {
    it(`${orient}: decodes into typed arrays where the sample had them, arrays elsewhere, and round trips`, () => {
      const type = new DataFrameParameterType(sample(), { orient });
      const frame = type.decode(type.encode({ id: BigInt64Array.of(2n ** 60n, -1n), score: Float32Array.of(1.5, 2), name: ['A', 'B'], at: [new Date(1), new Date(2)], note: [null, 'n'] }));
      expect(frame).toEqual({ id: BigInt64Array.of(2n ** 60n, -1n), score: Float32Array.of(1.5, 2), name: ['A', 'B'], at: [new Date(1), new Date(2)], note: [null, 'n'] });
      expect(Object.keys(frame)).toEqual(['id', 'score', 'name', 'at', 'note']);
    });
  }

  it('keeps 64-bit integers exact through text', () => {
    const type = new DataFrameParameterType({ id: [1n] });
    const frame = type.decode(parseJson('[{"id": 9223372036854775807}, {"id": "-5"}]', { exactIntegers: true }));
    expect(frame).toEqual({ id: [2n ** 63n - 1n, -5n] });
    expect(stringifyJson(type.encode(frame))).toBe('[{"id":9223372036854775807},{"id":-5}]');
  });
});

describe('DataFrameParameterType: decode returns the sample kind as its TypeScript type', () => {
  it('Arrow Table, danfo DataFrame, plain object', () => {
    const arrow = new DataFrameParameterType(arrowTable({ a: [new Int32(), [1]] }));
    expectTypeOf<DecodedValue<typeof arrow>>().toEqualTypeOf<Table>();
    const danfo = new DataFrameParameterType(danfoSample());
    expectTypeOf<DecodedValue<typeof danfo>>().toEqualTypeOf<dfd.DataFrame>();
    const columns = { age: Int32Array.of(1), name: ['a'] };
    const plain = new DataFrameParameterType(columns);
    expectTypeOf<DecodedValue<typeof plain>>().toEqualTypeOf<typeof columns>();
    expect(plain.decode([{ age: 1, name: 'b' }]).age).toBeInstanceOf(Int32Array);
  });
});

describe('DataFrameParameterType options', () => {
  const sample = () => arrowTable({ name: [new Utf8(), ['Sarah']], age: [new Int32(), [25]] });

  it('enforceColumnType: false accepts any scalar and infers a column type when the values do not fit the sample', () => {
    const type = new DataFrameParameterType(sample(), { enforceColumnType: false });
    expect(type.toJsonSchema().items?.properties?.age).toEqual({
      anyOf: [{ type: ['boolean', 'null'] }, { type: ['number', 'null'] }, { type: ['string', 'null'] }],
    });
    expect(type.supportedVersions()).toEqual(['3.0', '3.1']);
    const fits = type.decode([{ name: 'A', age: 30 }]);
    expect(fits.schema.fields.map((field) => String(field.type))).toEqual(['Utf8', 'Int32']);
    const relaxed = type.decode([{ name: 7, age: 'thirty' }, { name: true, age: null }]);
    expect(relaxed.schema.fields.map((field) => `${String(field.type)}${field.nullable ? '?' : ''}`)).toEqual(['Utf8?', 'Utf8?']);
    expect(relaxed.toArray().map((row) => row.toJSON())).toEqual([{ name: '7', age: 'thirty' }, { name: 'true', age: null }]);
    const numbers = type.decode([{ name: 'A', age: 1.5 }]);
    expect(String(numbers.schema.fields[1]!.type)).toBe('Float64');
    expect(() => type.decode([{ name: 'A', age: [1] }])).toThrow('Invalid input at /0/age: must be one of: a boolean or null, a number or null, a string or null');
  });

  it('enforceShape: false keeps extra columns (after the sample columns) and still requires the sample columns', () => {
    const type = new DataFrameParameterType(sample(), { enforceShape: false });
    const table = type.decode([{ height: 1.8, age: 30, name: 'A', tag: 'x' }, { name: 'B', age: 31, tag: true }]);
    expect(table.schema.fields.map((field) => `${field.name}: ${String(field.type)}`)).toEqual(['name: Utf8', 'age: Int32', 'height: Float64', 'tag: Utf8']);
    expect(table.toArray().map((row) => row.toJSON())).toEqual([
      { name: 'A', age: 30, height: 1.8, tag: 'x' },
      { name: 'B', age: 31, height: null, tag: 'true' },
    ]);
    expect(() => type.decode([{ name: 'A', height: 1 }])).toThrow('Invalid input at /0/age: is required');
    expect(() => type.decode(parseJson('[{"name": "A", "age": 1, "constructor": 1}]'))).toThrow('Invalid input at /0/constructor: is not allowed');
  });

  it('enforceShape: false in split: columns in any order, extras kept, sample columns required', () => {
    const type = new DataFrameParameterType(sample(), { orient: 'split', enforceShape: false });
    const table = type.decode({ columns: ['extra', 'age', 'name'], data: [[true, 30, 'A']] });
    expect(table.toArray().map((row) => row.toJSON())).toEqual([{ name: 'A', age: 30, extra: true }]);
    expect(() => type.decode({ columns: ['age', 'nam'], data: [[30, 'A']] })).toThrow('Invalid input at /columns: must include "name"');
    expect(() => type.decode({ columns: ['age', 'name', 'age'], data: [[30, 'A', 1]] })).toThrow('Invalid input at /columns/2: must not repeat "age"');
    expect(() => type.decode({ columns: ['age', 'name'], data: [['A', 30]] })).toThrow('Invalid input at /data/0/1: must be a string');
  });

  it('enforceShape: false in values and columns', () => {
    const values = new DataFrameParameterType(sample(), { orient: 'values', enforceShape: false }).decode([['A', 30, 'x'], ['B', 31]]);
    expect(values.toArray().map((row) => row.toJSON())).toEqual([{ name: 'A', age: 30, 2: 'x' }, { name: 'B', age: 31, 2: null }]);
    const columns = new DataFrameParameterType(sample(), { orient: 'columns', enforceShape: false }).decode({ name: { 0: 'A' }, age: { 0: 1 }, w: { 0: 2 } });
    expect(columns.toArray().map((row) => row.toJSON())).toEqual([{ name: 'A', age: 1, w: 2 }]);
  });
});

describe('DataFrameParameterType construction', () => {
  it('rejects samples it cannot describe', () => {
    expect(() => new DataFrameParameterType([1, 2] as never)).toThrow(TypeError);
    expect(() => new DataFrameParameterType({})).toThrow('A DataFrame sample needs at least one column');
    expect(() => new DataFrameParameterType({ a: [1], b: [1, 2] })).toThrow('DataFrame columns must have the same length: "b" has 2, not 1');
    expect(() => new DataFrameParameterType({ a: [1, 'x'] })).toThrow('DataFrame column "a" mixes number and string values');
    expect(() => new DataFrameParameterType({ a: [{}] })).toThrow('DataFrame column "a" holds a object; columns hold numbers, bigints, booleans, strings or Dates');
    expect(() => new DataFrameParameterType(JSON.parse('{"__proto__": [1]}'))).toThrow('A DataFrame column cannot be called "__proto__"');
    expect(() => new DataFrameParameterType({ a: [1] }, { orient: 'rows' as never })).toThrow(
      'Invalid orient "rows": must be one of split, records, index, columns, values, table',
    );
  });

  it('never changes the sample', () => {
    const sample = { a: [1, 2], b: ['x', 'y'] };
    const type = new DataFrameParameterType(sample, { orient: 'split' });
    type.decode(type.toJsonSchema().example);
    expect(sample).toEqual({ a: [1, 2], b: ['x', 'y'] });
    expect(type.sample).toBe(sample);
  });
});
