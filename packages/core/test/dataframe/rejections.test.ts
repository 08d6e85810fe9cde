import { DataFrameParameterType, type DataFrameOrient } from '@inferschema/core/dataframe';
import { InputValidationError, parseJson } from '@inferschema/core';
import { Float64, Int32, Int64, TimestampMillisecond, Utf8 } from 'apache-arrow';
import { arrowTable } from './arrow-table.js';
import { rejection as rejectionOf } from '../support/rejection.js';

const sample = () =>
  arrowTable({
    name: [new Utf8(), ['Sarah']],
    age: [new Int32(), [25]],
    score: [new Float64(), [0.5], true],
  });

/** The issues of decoding `input` in `orient` (the input must stay unchanged). */
const rejection = (orient: DataFrameOrient, input: unknown) => rejectionOf(new DataFrameParameterType(sample(), { orient }), input);

const ann = { name: 'Ann', age: 30, score: 1 };

describe('DataFrameParameterType rejections (path and message; the input is never changed)', () => {
  describe('records', () => {
    it('a missing column', () => {
      expect(rejection('records', [ann, { name: 'Bo', score: 1 }])).toEqual([{ path: '/1/age', message: 'is required' }]);
    });
    it('an extra column', () => {
      expect(rejection('records', [{ ...ann, height: 1.8 }])).toEqual([{ path: '/0/height', message: 'is not allowed' }]);
    });
    it('a renamed column', () => {
      expect(rejection('records', [{ name: 'Ann', agee: 30, score: 1 }])).toEqual([
        { path: '/0/age', message: 'is required' },
        { path: '/0/agee', message: 'is not allowed' },
      ]);
    });
    it("a cell of another type: no coercion ('30' is not 30)", () => {
      expect(rejection('records', [{ ...ann, age: '30' }, { ...ann, age: 30.5 }, { ...ann, name: 7 }])).toEqual([
        { path: '/0/age', message: 'must be an integer' },
        { path: '/1/age', message: 'must be an integer' },
        { path: '/2/name', message: 'must be a string' },
      ]);
    });
    it('an integer out of the column range', () => {
      expect(rejection('records', [{ ...ann, age: 2 ** 31 }])).toEqual([
        { path: '/0/age', message: 'must be int32 (an integer from -2147483648 to 2147483647)' },
      ]);
    });
    it('null in a column that is not nullable', () => {
      expect(rejection('records', [{ ...ann, age: null }])).toEqual([{ path: '/0/age', message: 'must be an integer' }]);
    });
    it('not an array of objects', () => {
      expect(rejection('records', { name: 'Ann' })).toEqual([{ path: '', message: 'must be an array' }]);
      expect(rejection('records', [['Ann', 30, 1]])).toEqual([{ path: '/0', message: 'must be an object' }]);
    });
    it('a __proto__ key', () => {
      expect(rejection('records', parseJson('[{"name": "Ann", "age": 30, "score": 1, "__proto__": {"x": 1}}]'))).toEqual([
        { path: '/0/__proto__', message: 'is not allowed' },
      ]);
    });
  });

  it('a date-time that is not ISO 8601 with a time zone', () => {
    const type = new DataFrameParameterType(arrowTable({ at: [new TimestampMillisecond(), [new Date(0)]] }));
    const input = [{ at: '2024-01-31 12:00:00' }, { at: 1706702400000 }];
    expect(() => type.decode(input)).toThrow(InputValidationError);
    try {
      type.decode(input);
    } catch (error) {
      expect((error as InputValidationError).errors).toEqual([
        { path: '/0/at', message: 'must be an ISO 8601 date-time with a time zone, e.g. 2024-01-31T12:00:00Z' },
        { path: '/1/at', message: 'must be a string' },
      ]);
    }
  });

  it('an int64 that was rounded by JSON.parse', () => {
    const type = new DataFrameParameterType(arrowTable({ id: [new Int64(), [1n]] }));
    expect(() => type.decode(JSON.parse('[{"id": 9007199254740993}]'))).toThrow(
      'Invalid input at /0/id: must be an exact integer: this number is beyond ±2^53 and was rounded when parsed; send it as a decimal string',
    );
  });

  describe('split', () => {
    const split = (columns: string[], data: unknown[][], extra: object = {}) => ({ columns, data, ...extra });
    it('columns out of order', () => {
      expect(rejection('split', split(['age', 'name', 'score'], [[30, 'Ann', 1]]))).toEqual([
        { path: '/columns/0', message: `must be "name" (the sample's columns, in order)` },
        { path: '/columns/1', message: `must be "age" (the sample's columns, in order)` },
      ]);
    });
    it('a renamed column', () => {
      expect(rejection('split', split(['name', 'agee', 'score'], [['Ann', 30, 1]]))).toEqual([
        { path: '/columns/1', message: 'must be one of ["name","age","score"]' },
      ]);
    });
    it('a missing column, and a row of the wrong length', () => {
      expect(rejection('split', split(['name', 'age'], [['Ann', 30]]))).toEqual([
        { path: '/columns', message: 'must have exactly 3 items' },
        { path: '/data/0', message: 'must have exactly 3 items' },
      ]);
    });
    it('a cell of the wrong type for its position', () => {
      expect(rejection('split', split(['name', 'age', 'score'], [['Ann', 30, 1], ['Bo', 'x', 1], [5, 31, null]]))).toEqual([
        { path: '/data/2/0', message: 'must be a string' },
        { path: '/data/1/1', message: 'must be an integer' },
      ]);
    });
    it('a cell of no column type at all', () => {
      expect(rejection('split', split(['name', 'age', 'score'], [['Ann', true, 1]]))).toEqual([
        { path: '/data/0/1', message: 'must be one of: a string, int32, a number or null' },
      ]);
    });
    it('an index whose length is not the number of rows', () => {
      expect(rejection('split', split(['name', 'age', 'score'], [['Ann', 30, 1]], { index: [0, 1] }))).toEqual([
        { path: '/index', message: 'must have exactly 1 items (one per row of data)' },
      ]);
    });
    it('an unknown key, and no data', () => {
      expect(rejection('split', { columns: ['name', 'age', 'score'], rows: [] })).toEqual([
        { path: '/data', message: 'is required' },
        { path: '/rows', message: 'is not allowed' },
      ]);
    });
  });

  describe('index', () => {
    it('a missing column in one row', () => {
      expect(rejection('index', { r1: ann, r2: { name: 'Bo', score: 1 } })).toEqual([{ path: '/r2/age', message: 'is required' }]);
    });
    it('a reserved row label', () => {
      expect(rejection('index', parseJson('{"__proto__": {"name": "Ann", "age": 30, "score": 1}}'))).toEqual([
        { path: '/__proto__', message: 'is not allowed' },
      ]);
    });
  });

  describe('columns', () => {
    const columns = { name: { 0: 'Ann', 1: 'Bo' }, age: { 0: 30, 1: 31 }, score: { 0: 1, 1: null } };
    it('a missing and an extra column', () => {
      const { age, ...rest } = columns;
      expect(rejection('columns', { ...rest, agee: age })).toEqual([
        { path: '/age', message: 'is required' },
        { path: '/agee', message: 'is not allowed' },
      ]);
    });
    it('columns with different row labels', () => {
      expect(rejection('columns', { ...columns, age: { 0: 30, 2: 32 } })).toEqual([
        { path: '/age/1', message: 'is required' },
        { path: '/age/2', message: 'is not allowed' },
      ]);
    });
    it('a cell of the wrong type', () => {
      expect(rejection('columns', { ...columns, age: { 0: 30, 1: 'x' } })).toEqual([{ path: '/age/1', message: 'must be an integer' }]);
    });
  });

  describe('values', () => {
    it('a row of the wrong length', () => {
      expect(rejection('values', [['Ann', 30, 1, 'extra'], ['Bo', 31]])).toEqual([
        { path: '/0', message: 'must have exactly 3 items' },
        { path: '/1', message: 'must have exactly 3 items' },
      ]);
    });
    it('cells swapped between positions', () => {
      expect(rejection('values', [[30, 'Ann', 1]])).toEqual([
        { path: '/0/0', message: 'must be a string' },
        { path: '/0/1', message: 'must be an integer' },
      ]);
    });
  });

  describe('table', () => {
    const fields = [{ name: 'index', type: 'integer' }, { name: 'name', type: 'string' }, { name: 'age', type: 'integer' }, { name: 'score', type: 'number' }];
    it('fields that do not describe the columns', () => {
      expect(rejection('table', { schema: { fields: [...fields.slice(0, 2), { name: 'agee', type: 'integer' }, fields[3]] }, data: [] })).toEqual([
        { path: '/schema/fields', message: 'must describe the column "age"' },
        { path: '/schema/fields/2/name', message: 'must be one of ["index","name","age","score"]' },
      ]);
    });
    it('a row without its index, and a missing schema', () => {
      expect(rejection('table', { schema: { fields }, data: [ann] })).toEqual([{ path: '/data/0/index', message: 'is required' }]);
      expect(rejection('table', { data: [] })).toEqual([{ path: '/schema', message: 'is required' }]);
    });
  });
});
