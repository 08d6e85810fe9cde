import ndarray from 'ndarray';
import { tableFromArrays, type Table } from 'apache-arrow';
import { DataFrameParameterType } from '@inferschema/core/dataframe';
import { integer, NdArrayParameterType, parseJson, StandardParameterType, stringifyJson } from '@inferschema/core';
import { compileStrict, decodeFrozen, expectRejected } from './helpers.js';

const DOUBLE = { type: 'number', format: 'double' } as const;

describe('StandardParameterType with nested parameter types', () => {
  const point = new StandardParameterType({ at: new Date(0), k: integer(1) });

  it('takes each nested schema without its example, and collects the examples at the top', () => {
    const type = new StandardParameterType({ first: point, rest: [point] });
    const pointSchema = {
      type: 'object',
      properties: {
        at: { type: 'string', format: 'date-time' },
        k: { type: 'integer', format: 'int64', minimum: -9007199254740991, maximum: 9007199254740991 },
      },
      required: ['at', 'k'],
      additionalProperties: false,
    };
    expect(type.toJsonSchema()).toStrictEqual({
      type: 'object',
      properties: { first: pointSchema, rest: { type: 'array', items: pointSchema } },
      required: ['first', 'rest'],
      additionalProperties: false,
      example: { first: { at: '1970-01-01T00:00:00.000Z', k: 1 }, rest: [{ at: '1970-01-01T00:00:00.000Z', k: 1 }] },
    });
    compileStrict(type);
  });

  it('decodes nested types to their own native values, at any depth', () => {
    const type = new StandardParameterType({ deep: [{ points: [point] }] });
    expect(decodeFrozen(type, { deep: [{ points: [{ at: '2024-01-01T00:00:00Z', k: '7' }] }, { points: [] }] })).toStrictEqual({
      deep: [{ points: [{ at: new Date('2024-01-01T00:00:00Z'), k: 7 }] }, { points: [] }],
    });
  });

  it('validates the whole input at once and names the path of a problem inside a nested type', () => {
    const type = new StandardParameterType({ list: [point], n: 1 });
    expectRejected(type, { list: [{ at: '2024-01-01T00:00:00Z', k: 1 }, { at: 'yesterday', k: 1.5 }], n: 'x' }, [
      { path: '/list/1/at', message: 'must be an ISO 8601 date-time with a time zone, e.g. 2024-01-31T12:00:00Z' },
      { path: '/list/1/k', message: 'must be an integer' },
      { path: '/n', message: 'must be a number' },
    ]);
  });

  it('passes nested types the real JSON Pointer for the problems they find while converting', () => {
    const type = new StandardParameterType({ list: [point] });
    expectRejected(type, { list: [{ at: '2024-01-01T00:00:00Z', k: 1 }, { at: '2024-01-01T00:00:00Z', k: '9007199254740993' }] }, [
      { path: '/list/1/k', message: 'must be an integer from -9007199254740991 to 9007199254740991' },
    ]);
  });

  it('encodes nested values through the nested type', () => {
    const type = new StandardParameterType({ list: [point] });
    expect(type.encode({ list: [{ at: new Date(1), k: 2 }] })).toStrictEqual({ list: [{ at: '1970-01-01T00:00:00.001Z', k: 2 }] });
  });

  it('puts a nested type among other kinds of elements in an anyOf, and decodes each element by its kind', () => {
    const type = new StandardParameterType([point, 'label']);
    expect(type.supportedVersions()).toEqual(['3.0', '3.1']);
    expect(decodeFrozen(type, ['x', { at: '2024-01-01T00:00:00Z', k: 3 }])).toStrictEqual([
      'x',
      { at: new Date('2024-01-01T00:00:00Z'), k: 3 },
    ]);
  });

  it('carries the versions of a nested type: an anyOf inside it rules out Swagger 2.0', () => {
    const mixed = new StandardParameterType([1, 'a']);
    expect(new StandardParameterType({ inner: mixed }).supportedVersions()).toEqual(['3.0', '3.1']);
  });
});

describe('the Power BI shape: Inputs with a frame, an ndarray and a number; GlobalParameters', () => {
  const frame = new DataFrameParameterType(tableFromArrays({ name: ['Sarah', 'John'], age: Int32Array.of(25, 26) }));
  const arr = new NdArrayParameterType(ndarray(new Float64Array([1, 2, 3, 4, 5, 6]), [2, 3]));
  const type = new StandardParameterType({
    Inputs: { data: frame, arr, n: 1 },
    GlobalParameters: { method: 'predict', topK: integer(3) },
  });

  it('describes every part, with one example at the top', () => {
    const schema = type.toJsonSchema();
    const { example: frameExample, ...frameSchema } = frame.toJsonSchema();
    const { example: arrExample, ...arrSchema } = arr.toJsonSchema();
    expect(schema.properties!.Inputs).toStrictEqual({
      type: 'object',
      properties: { data: frameSchema, arr: arrSchema, n: DOUBLE },
      required: ['data', 'arr', 'n'],
      additionalProperties: false,
    });
    expect(arrSchema).toStrictEqual({
      type: 'array',
      format: 'numpy.ndarray',
      items: { type: 'array', items: DOUBLE, minItems: 3, maxItems: 3 },
    });
    expect(schema.example).toStrictEqual({
      Inputs: { data: frameExample, arr: arrExample, n: 1 },
      GlobalParameters: { method: 'predict', topK: 3 },
    });
    expect(arrExample).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(type.supportedVersions()).toEqual(['2.0', '3.0', '3.1']);
    compileStrict(type);
  });

  it('decodes the frame to an Arrow table and the array to an ndarray', () => {
    const body = parseJson(
      '{"Inputs": {"data": [{"name": "Ann", "age": 31}], "arr": [[1, 2, 3], [4, 5, 6], [7, 8, 9]], "n": 2}, "GlobalParameters": {"method": "score", "topK": 5}}',
    );
    const value = decodeFrozen(type, body);
    const table: Table = value.Inputs.data;
    expect(table.toArray().map((row) => row.toJSON())).toEqual([{ name: 'Ann', age: 31 }]);
    expect(value.Inputs.arr.shape).toEqual([3, 3]);
    expect(value.Inputs.arr.data).toBeInstanceOf(Float64Array);
    expect([...value.Inputs.arr.data]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(value.Inputs.n).toBe(2);
    expect(value.GlobalParameters).toStrictEqual({ method: 'score', topK: 5 });
  });

  it('rejects problems anywhere, each by its path', () => {
    expectRejected(
      type,
      {
        Inputs: { data: [{ name: 'Ann', age: 31.5 }, { name: 'Bob' }], arr: [[1, 2, 3], [4, 5]], n: 2 },
        GlobalParameters: { method: 'score', topK: 5, extra: true },
      },
      [
        { path: '/Inputs/data/0/age', message: 'must be an integer' },
        { path: '/Inputs/data/1/age', message: 'is required' },
        { path: '/Inputs/arr/1', message: 'must have exactly 3 items' },
        { path: '/GlobalParameters/extra', message: 'is not allowed' },
      ],
    );
  });

  it('round-trips through encode and the wire', () => {
    const value = type.decode({
      Inputs: { data: [{ name: 'Ann', age: 31 }], arr: [[1, 2, 3]], n: 2 },
      GlobalParameters: { method: 'score', topK: 5 },
    });
    const json = stringifyJson(type.encode(value));
    expect(JSON.parse(json)).toStrictEqual({
      Inputs: { data: [{ name: 'Ann', age: 31 }], arr: [[1, 2, 3]], n: 2 },
      GlobalParameters: { method: 'score', topK: 5 },
    });
    expect(type.encode(type.decode(JSON.parse(json)))).toStrictEqual(JSON.parse(json));
  });

  it('encodes an ndarray returned for the nested position through the ndarray type', () => {
    const output = new StandardParameterType({ Results: arr });
    expect(output.encode({ Results: ndarray(new Float64Array([0.5, 1, 1.5]), [1, 3]) })).toStrictEqual({ Results: [[0.5, 1, 1.5]] });
  });
});
