import ndarray from 'ndarray';
import { tableFromArrays, type Table } from 'apache-arrow';
import { DataFrameParameterType } from '@inferschema/core/dataframe';
import { integer, NdArrayParameterType, StandardParameterType, type ParameterType } from '@inferschema/core';
import { NoTensorForm, OipError, OipSignature, type InputTensorInit } from '@inferschema/core/protocols/oip';
import { Float64ListType } from '../../fixtures/support/float64-list-type.mjs';

function signatureOf(inputs: Record<string, ParameterType>, outputType?: ParameterType, optional: string[] = []): OipSignature {
  return OipSignature.of({
    kind: 'schema',
    parameters: Object.entries(inputs).map(([name, type]) => ({ name, type, optional: optional.includes(name) })),
    outputType,
  });
}

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(OipError);
    return (error as Error).message;
  }
  throw new Error('expected an OipError');
}

const features = new NdArrayParameterType(ndarray(new Float32Array(8), [2, 4]));
const applicants = new DataFrameParameterType(tableFromArrays({ income: Float64Array.of(52000), age: Int32Array.of(35), city: ['Oslo'] }));
const query = new StandardParameterType({ text: 'hello', topK: integer(5, 'uint8'), weights: [0.5] });

describe('model metadata from the parameter types', () => {
  it('an ndarray is one tensor: its dtype, the first dimension free', () => {
    expect(signatureOf({ features }).inputs).toEqual([{ name: 'features', datatype: 'FP32', shape: [-1, 4] }]);
    const free = new NdArrayParameterType(ndarray(new Int16Array(6), [1, 2, 3]), { enforceShape: false });
    expect(signatureOf({ free }).inputs).toEqual([{ name: 'free', datatype: 'INT16', shape: [-1, -1, -1] }]);
    expect(signatureOf({ words: new NdArrayParameterType(['a']) }).inputs).toEqual([{ name: 'words', datatype: 'BYTES', shape: [-1] }]);
  });

  it('a DataFrame is one tensor per column, [-1, 1] (the MLServer pandas codec)', () => {
    expect(signatureOf({ applicants }).inputs).toEqual([
      { name: 'income', datatype: 'FP64', shape: [-1, 1] },
      { name: 'age', datatype: 'INT32', shape: [-1, 1] },
      { name: 'city', datatype: 'BYTES', shape: [-1, 1] },
    ]);
  });

  it('a standard scalar is [1], arrays [-1, …], an object one tensor per property', () => {
    expect(signatureOf({ query }).inputs).toEqual([
      { name: 'text', datatype: 'BYTES', shape: [1] },
      { name: 'topK', datatype: 'UINT8', shape: [1] },
      { name: 'weights', datatype: 'FP64', shape: [-1] },
    ]);
    expect(signatureOf({ matrix: new StandardParameterType([[1n]]) }).inputs).toEqual([{ name: 'matrix', datatype: 'INT64', shape: [-1, -1] }]);
    expect(signatureOf({ data: new Float64ListType([1]) }).inputs).toEqual([{ name: 'data', datatype: 'FP64', shape: [-1] }]);
  });

  it('refuses, with the reason, what no tensor can hold', () => {
    const reason = (type: ParameterType) => {
      try {
        signatureOf({ p: type });
      } catch (error) {
        expect(error).toBeInstanceOf(NoTensorForm);
        return (error as Error).message;
      }
      return 'no error';
    };
    expect(reason(new StandardParameterType({ note: null as string | null }))).toMatch(/property 'note': a value of any type has no tensor form|nullable/);
    expect(reason(new StandardParameterType([1, 'a']))).toMatch(/input 'p': a union of several types has no tensor form/);
    expect(reason(new StandardParameterType({ inner: { a: 1 } }))).toBe("input 'p': property 'inner': an object nested in a tensor has no tensor form");
    expect(() => OipSignature.of({ kind: 'raw', parameters: [], outputType: undefined })).toThrow(/@rawHttp/);
    expect(() => signatureOf({ a: new StandardParameterType({ x: 1 }), b: new StandardParameterType({ x: 2 }) })).toThrow(/two inputs are named 'x'/);
  });

  it('lists the outputs: ndarray "output", DataFrame columns, standard object properties', () => {
    expect(signatureOf({ features }, new NdArrayParameterType(new Float64Array(2))).outputs).toEqual([{ name: 'output', datatype: 'FP64', shape: [-1] }]);
    expect(signatureOf({ features }, applicants).outputs.map(({ name }) => name)).toEqual(['income', 'age', 'city']);
    expect(signatureOf({ features }, new StandardParameterType({ label: 'x', score: 0.5 })).outputs).toEqual([
      { name: 'label', datatype: 'BYTES', shape: [1] },
      { name: 'score', datatype: 'FP64', shape: [1] },
    ]);
    expect(signatureOf({ features }).outputs).toEqual([]);
  });
});

describe('input tensors → the values run receives through /score', () => {
  it('an ndarray: the same ndarray as decode gives, binary data without a copy', () => {
    const args = signatureOf({ features }).decodeInputs([{ name: 'features', datatype: 'FP32', shape: [2, 4], data: [[1, 2, 3, 4], [5, 6, 7, 8]] }]);
    const expected = features.decode([[1, 2, 3, 4], [5, 6, 7, 8]]);
    const array = args.features as typeof expected;
    expect(array.shape).toEqual(expected.shape);
    expect(array.data).toEqual(expected.data);
    const raw = new Uint8Array(Float32Array.of(1, 2, 3, 4).buffer);
    const binary = signatureOf({ features }).decodeInputs([{ name: 'features', datatype: 'FP32', shape: [1, 4], raw }]).features as typeof expected;
    expect(binary.data.buffer).toBe(raw.buffer);
    expect(Array.from(binary.data)).toEqual([1, 2, 3, 4]);
  });

  it('a DataFrame: the Arrow table decode gives, from one tensor per column ([n, 1] or [n])', () => {
    const args = signatureOf({ applicants }).decodeInputs([
      { name: 'income', datatype: 'FP64', shape: [2, 1], data: [61000, 42000.5] },
      { name: 'age', datatype: 'INT32', shape: [2], data: [41, 29] },
      { name: 'city', datatype: 'BYTES', shape: [2, 1], raw: Uint8Array.of(2, 0, 0, 0, 79, 75, 1, 0, 0, 0, 88) },
    ]);
    const expected = applicants.decode([{ income: 61000, age: 41, city: 'OK' }, { income: 42000.5, age: 29, city: 'X' }]);
    const table = args.applicants as Table;
    expect(table.schema.fields.map((field) => String(field.type))).toEqual(expected.schema.fields.map((field) => String(field.type)));
    expect(table.toArray().map((row) => row.toJSON())).toEqual(expected.toArray().map((row) => row.toJSON()));
  });

  it('a standard object: each property from its tensor, then the type decodes it', () => {
    const args = signatureOf({ query }).decodeInputs([
      { name: 'text', datatype: 'BYTES', shape: [1], data: ['hi'] },
      { name: 'topK', datatype: 'UINT8', shape: [1], data: [3] },
      { name: 'weights', datatype: 'FP64', shape: [2], data: [0.25, 0.75] },
    ]);
    expect(args).toEqual({ query: query.decode({ text: 'hi', topK: 3, weights: [0.25, 0.75] }) });
    const exact = signatureOf({ ids: new StandardParameterType([2n ** 62n]) }).decodeInputs([
      { name: 'ids', datatype: 'INT64', shape: [2], raw: new Uint8Array(BigInt64Array.of(2n ** 62n + 1n, -3n).buffer) },
    ]);
    expect(exact).toEqual({ ids: [2n ** 62n + 1n, -3n] });
  });

  it('an optional parameter may be left out; a required one may not', () => {
    const signature = signatureOf({ features, query }, undefined, ['query']);
    expect(Object.keys(signature.decodeInputs([{ name: 'features', datatype: 'FP32', shape: [1, 4], data: [1, 2, 3, 4] }]))).toEqual(['features']);
    expect(refusal(() => signature.decodeInputs([{ name: 'text', datatype: 'BYTES', shape: [1], data: ['a'] }]))).toMatch(/^input 'features' is missing/);
  });
});

describe('bad input tensors', () => {
  const signature = signatureOf({ features, applicants });
  const good: InputTensorInit[] = [
    { name: 'features', datatype: 'FP32', shape: [1, 4], data: [1, 2, 3, 4] },
    { name: 'income', datatype: 'FP64', shape: [1, 1], data: [1] },
    { name: 'age', datatype: 'INT32', shape: [1, 1], data: [1] },
    { name: 'city', datatype: 'BYTES', shape: [1, 1], data: ['a'] },
  ];
  const replace = (index: number, tensor: Partial<InputTensorInit>) => good.map((init, i) => (i === index ? { ...init, ...tensor } : init));

  it('each answered with the tensor named and the problem', () => {
    expect(() => signature.decodeInputs(good)).not.toThrow();
    expect(refusal(() => signature.decodeInputs(replace(0, { datatype: 'FP64' })))).toBe("input 'features': datatype FP64, expected FP32");
    expect(refusal(() => signature.decodeInputs(replace(0, { shape: [1, 3], data: [1, 2, 3] })))).toBe("input 'features': shape [1, 3] does not fit [-1, 4] (-1 is any size)");
    expect(refusal(() => signature.decodeInputs(replace(0, { shape: [4] })))).toBe("input 'features': shape [4] does not fit [-1, 4] (-1 is any size)");
    expect(refusal(() => signature.decodeInputs(replace(0, { shape: [2, 4] })))).toBe("input 'features': shape [2, 4] needs 8 elements, but data has 4");
    expect(refusal(() => signature.decodeInputs(replace(0, { datatype: 'FLOAT' })))).toMatch(/^input 'features': datatype "FLOAT" is unknown; it must be one of BOOL, /);
    expect(refusal(() => signature.decodeInputs(replace(0, { shape: [1, -4] })))).toBe("input 'features': shape [1, -4] must hold non-negative integers");
    expect(refusal(() => signature.decodeInputs(good.slice(1)))).toMatch(/^input 'features' is missing; the model's inputs are 'features', 'income', 'age', 'city'/);
    expect(refusal(() => signature.decodeInputs([...good, { name: 'extra', datatype: 'FP32', shape: [1], data: [1] }]))).toMatch(/^unknown input 'extra'/);
    expect(refusal(() => signature.decodeInputs([...good, good[0]!]))).toBe("input 'features' appears twice");
    expect(refusal(() => signature.decodeInputs(replace(2, { shape: [2, 1], data: [1, 2] })))).toMatch(/^input 'age': has 2 rows, but column 'income' has 1/);
    expect(refusal(() => signature.decodeInputs(replace(3, { data: undefined, raw: Uint8Array.of(2, 0, 0, 0, 0xff, 0xfe) })))).toMatch(
      /DataFrame 'applicants'|input 'city': BYTES element 0 is not UTF-8 text/,
    );
    expect(refusal(() => signature.decodeInputs([{ datatype: 'FP32' } as InputTensorInit]))).toBe('input 0 needs a name (a non-empty string)');
    expect(refusal(() => signature.decodeInputs(replace(0, { data: undefined })))).toBe("input 'features': has no data (and no binary_data_size)");
  });
});

describe('results → output tensors', () => {
  it('an ndarray result is one tensor of its own shape, no copy when contiguous', () => {
    const output = new NdArrayParameterType(ndarray(new Float32Array(2), [1, 2]));
    const data = Float32Array.of(1, 2, 3, 4, 5, 6);
    const [tensor] = signatureOf({ features }, output).encodeOutputs(ndarray(data, [3, 2]));
    expect(tensor).toMatchObject({ name: 'output', datatype: 'FP32', shape: [3, 2] });
    expect((tensor!.values as Float32Array).buffer).toBe(data.buffer);
    const [transposed] = signatureOf({ features }, output).encodeOutputs(ndarray(data, [3, 2]).transpose(1, 0));
    expect(transposed).toMatchObject({ shape: [2, 3], values: Float32Array.of(1, 3, 5, 2, 4, 6) });
  });

  it('a DataFrame result is one [rows, 1] tensor per column; requested outputs pick and order', () => {
    const signature = signatureOf({ features }, applicants);
    const table = tableFromArrays({ income: Float64Array.of(1, 2), age: Int32Array.of(3, 4), city: ['a', 'b'] });
    const tensors = signature.encodeOutputs(table, ['city', 'age']);
    expect(tensors).toEqual([
      { name: 'city', datatype: 'BYTES', shape: [2, 1], values: ['a', 'b'] },
      { name: 'age', datatype: 'INT32', shape: [2, 1], values: Int32Array.of(3, 4) },
    ]);
    expect(refusal(() => signature.encodeOutputs(table, ['nope']))).toBe("unknown output 'nope'; the model's outputs are 'income', 'age', 'city'");
  });

  it('an undeclared result: typed arrays keep their datatype, plain values get one from their elements', () => {
    const signature = signatureOf({ features });
    expect(signature.encodeOutputs(Int8Array.of(1, 2))).toEqual([{ name: 'output', datatype: 'INT8', shape: [2], values: Int8Array.of(1, 2) }]);
    expect(signature.encodeOutputs({ labels: ['a', 'b'], scores: [[0.5], [1]] })).toEqual([
      { name: 'labels', datatype: 'BYTES', shape: [2], values: ['a', 'b'] },
      { name: 'scores', datatype: 'FP64', shape: [2, 1], values: Float64Array.of(0.5, 1) },
    ]);
    expect(signature.encodeOutputs(true)).toEqual([{ name: 'output', datatype: 'BOOL', shape: [1], values: [true] }]);
  });
});
