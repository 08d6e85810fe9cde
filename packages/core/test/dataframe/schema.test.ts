import { createStrictAjv } from '../../src/validation/ajv.js';
import { DATAFRAME_ORIENTS, DataFrameParameterType, type DataFrameSample } from '@inferschema/core/dataframe';
import { validationSchemaOf } from '../../src/validation/validation-schema.js';
import { Bool, Dictionary, Float32, Float64, Int32, Int64, Int8, TimestampMicrosecond, Uint16, Utf8 } from 'apache-arrow';
import dfd from 'danfojs';
import { arrowTable } from './arrow-table.js';

const people = () => arrowTable({ name: [new Utf8(), ['Sarah', 'John']], age: [new Int32(), [25, 26]] });

const NAME = { type: 'string' } as const;
const AGE = { type: 'integer', format: 'int32' } as const;
const ROW = { type: 'object', properties: { name: NAME, age: AGE }, required: ['name', 'age'], additionalProperties: false };

describe('DataFrameParameterType schemas', () => {
  it('records: an array of exact row objects', () => {
    const type = new DataFrameParameterType(people());
    expect(type.toJsonSchema()).toEqual({
      type: 'array',
      items: ROW,
      format: 'pandas.DataFrame:records',
      example: [{ name: 'Sarah', age: 25 }, { name: 'John', age: 26 }],
    });
    expect(type.supportedVersions()).toEqual(['2.0', '3.0', '3.1']);
  });

  it('split: columns pinned by name and count, rows of typed cells', () => {
    const type = new DataFrameParameterType(people(), { orient: 'split' });
    expect(type.toJsonSchema()).toEqual({
      type: 'object',
      properties: {
        columns: { type: 'array', items: { type: 'string', enum: ['name', 'age'] }, minItems: 2, maxItems: 2 },
        index: { type: 'array', items: { type: 'integer' } },
        data: { type: 'array', items: { type: 'array', items: { anyOf: [NAME, AGE] }, minItems: 2, maxItems: 2 } },
      },
      required: ['columns', 'data'],
      additionalProperties: false,
      format: 'pandas.DataFrame:split',
      example: { columns: ['name', 'age'], index: [0, 1], data: [['Sarah', 25], ['John', 26]] },
    });
    expect(type.supportedVersions()).toEqual(['3.0', '3.1']);
  });

  it('split and values with one column type need no anyOf and fit Swagger 2.0', () => {
    const table = arrowTable({ a: [new Float64(), [1]], b: [new Float64(), [2]] });
    const type = new DataFrameParameterType(table, { orient: 'values' });
    expect(type.toJsonSchema().items).toEqual({
      type: 'array',
      items: { type: 'number', format: 'double' },
      minItems: 2,
      maxItems: 2,
    });
    expect(type.supportedVersions()).toEqual(['2.0', '3.0', '3.1']);
  });

  it('index: row label → row object; rows are free', () => {
    const type = new DataFrameParameterType(people(), { orient: 'index' });
    expect(type.toJsonSchema()).toEqual({
      type: 'object',
      additionalProperties: ROW,
      format: 'pandas.DataFrame:index',
      example: { 0: { name: 'Sarah', age: 25 }, 1: { name: 'John', age: 26 } },
    });
  });

  it('columns: column → { row label: cell }', () => {
    const type = new DataFrameParameterType(people(), { orient: 'columns' });
    expect(type.toJsonSchema()).toEqual({
      type: 'object',
      properties: {
        name: { type: 'object', additionalProperties: NAME },
        age: { type: 'object', additionalProperties: AGE },
      },
      required: ['name', 'age'],
      additionalProperties: false,
      format: 'pandas.DataFrame:columns',
      example: { name: { 0: 'Sarah', 1: 'John' }, age: { 0: 25, 1: 26 } },
    });
  });

  it('values: positional rows of fixed length', () => {
    const type = new DataFrameParameterType(people(), { orient: 'values' });
    expect(type.toJsonSchema()).toEqual({
      type: 'array',
      items: { type: 'array', items: { anyOf: [NAME, AGE] }, minItems: 2, maxItems: 2 },
      format: 'pandas.DataFrame:values',
      example: [['Sarah', 25], ['John', 26]],
    });
  });

  it("table: pandas' table schema with the index in every row", () => {
    const type = new DataFrameParameterType(people(), { orient: 'table' });
    expect(type.toJsonSchema()).toEqual({
      type: 'object',
      properties: {
        schema: {
          type: 'object',
          properties: {
            fields: {
              type: 'array',
              items: { type: 'object', properties: { name: { type: 'string' }, type: { type: 'string' } }, required: ['name', 'type'] },
            },
            primaryKey: { type: 'array', items: { type: 'string' } },
            pandas_version: { type: 'string' },
          },
          required: ['fields'],
        },
        data: {
          type: 'array',
          items: {
            type: 'object',
            properties: { index: { type: 'integer' }, name: NAME, age: AGE },
            required: ['index', 'name', 'age'],
            additionalProperties: false,
          },
        },
      },
      required: ['schema', 'data'],
      additionalProperties: false,
      format: 'pandas.DataFrame:table',
      example: {
        schema: {
          fields: [
            { name: 'index', type: 'integer' },
            { name: 'name', type: 'string' },
            { name: 'age', type: 'integer' },
          ],
          primaryKey: ['index'],
          pandas_version: '1.4.0',
        },
        data: [
          { index: 0, name: 'Sarah', age: 25 },
          { index: 1, name: 'John', age: 26 },
        ],
      },
    });
  });

  it('column types come from Arrow field types, not from JSON values', () => {
    const table = arrowTable({
      tiny: [new Int8(), [1]],
      port: [new Uint16(), [80]],
      big: [new Int64(), [2n ** 60n]],
      ratio: [new Float32(), [0.5], true],
      city: [new Dictionary(new Utf8(), new Int32()), ['Oslo'], true],
      ok: [new Bool(), [null], true],
      at: [new TimestampMicrosecond(), [new Date(Date.UTC(2024, 0, 31, 12))], true],
    });
    const schema = new DataFrameParameterType(table).toJsonSchema();
    expect(schema.items?.properties).toEqual({
      tiny: { type: 'integer', format: 'int8' },
      port: { type: 'integer', format: 'uint16' },
      big: { type: 'integer', format: 'int64' },
      ratio: { type: ['number', 'null'], format: 'float' },
      city: { type: ['string', 'null'] },
      ok: { type: ['boolean', 'null'] },
      at: { type: ['string', 'null'], format: 'date-time' },
    });
    expect(schema.example).toEqual([
      { tiny: 1, port: 80, big: 2n ** 60n, ratio: 0.5, city: 'Oslo', ok: null, at: '2024-01-31T12:00:00.000Z' },
    ]);
  });

  it('column types come from typed arrays and array elements of a plain sample', () => {
    const schema = new DataFrameParameterType({
      id: BigUint64Array.of(1n),
      score: Float32Array.of(0.5),
      weight: [70.5],
      name: ['Sarah'],
      ok: [true],
      at: [new Date(0)],
      note: [null],
      count: [3n],
    }).toJsonSchema();
    expect(schema.items?.properties).toEqual({
      id: { type: 'integer', format: 'uint64' },
      score: { type: 'number', format: 'float' },
      weight: { type: 'number', format: 'double' },
      name: { type: 'string' },
      ok: { type: 'boolean' },
      at: { type: 'string', format: 'date-time' },
      note: { type: ['number', 'null'], format: 'double' },
      count: { type: 'integer', format: 'int64' },
    });
  });

  it('column types come from danfo dtypes (numbers without a range format: danfo keeps doubles)', () => {
    const frame = new dfd.DataFrame({ name: ['Sarah', 'John'], age: [25, 26], w: [1.5, 2], ok: [true, false], at: [new Date(0), new Date(1)] });
    const type = new DataFrameParameterType(frame);
    expect(type.toJsonSchema().items?.properties).toEqual({
      name: { type: 'string' },
      age: { type: 'integer' },
      w: { type: 'number' },
      ok: { type: 'boolean' },
      at: { type: 'string', format: 'date-time' },
    });
    expect(type.toJsonSchema().example).toEqual([
      { name: 'Sarah', age: 25, w: 1.5, ok: true, at: '1970-01-01T00:00:00.000Z' },
      { name: 'John', age: 26, w: 2, ok: false, at: '1970-01-01T00:00:00.001Z' },
    ]);
  });

  it('a danfo sample with string row labels gives string labels in split and table', () => {
    const frame = new dfd.DataFrame({ age: [25, 26] }, { index: ['r1', 'r2'] });
    const split = new DataFrameParameterType(frame, { orient: 'split' }).toJsonSchema();
    expect(split.properties?.index).toEqual({ type: 'array', items: { type: 'string' } });
    expect(split.example).toEqual({ columns: ['age'], index: ['r1', 'r2'], data: [[25], [26]] });
  });

  it('a column called "index" makes the table row label "level_0", as pandas does', () => {
    const type = new DataFrameParameterType({ index: [1.5] }, { orient: 'table' });
    expect(type.toJsonSchema().properties?.data?.items?.required).toEqual(['level_0', 'index']);
  });

  const samples: Record<string, () => DataFrameSample> = {
    arrow: () =>
      arrowTable({
        name: [new Utf8(), ['Sarah', null], true],
        age: [new Int32(), [25, 26]],
        big: [new Int64(), [1n, 2n]],
        at: [new TimestampMicrosecond(), [new Date(0), null], true],
      }),
    danfo: () => new dfd.DataFrame({ name: ['Sarah', 'John'], age: [25, 26] }),
    plain: () => ({ name: ['Sarah', 'John'], age: Int32Array.of(25, 26), big: [1n, null] }),
  };
  for (const [kind, sample] of Object.entries(samples)) {
    for (const orient of DATAFRAME_ORIENTS) {
      for (const [enforceColumnType, enforceShape] of [[true, true], [false, true], [true, false], [false, false]] as const) {
        it(`compiles under ajv strict mode: ${kind}, ${orient}, enforceColumnType ${enforceColumnType}, enforceShape ${enforceShape}`, () => {
          const type = new DataFrameParameterType(sample(), { orient, enforceColumnType, enforceShape });
          const validate = createStrictAjv().compile(validationSchemaOf(type.toJsonSchema()));
          expect(validate(type.toJsonSchema().example)).toBe(true);
        });
      }
    }
  }
});
