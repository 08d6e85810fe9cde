import { InputValidationError, parseJson, stringifyJson } from '@inferschema/core';
import { loadScoringScript } from '@inferschema/core/runtime';
import { fixture } from './fixture-paths.js';

const SCRIPT = fixture('power-bi/score.ts');

const input1 = [
  [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
  [10, 9, 8, 7, 6, 5, 4, 3, 2, 1],
];
const input2 = [
  { name: 'Sarah', age: 25 },
  { name: 'John', age: 26 },
];

describe('the Power BI shape: run(Inputs, GlobalParameters) → { Results }', () => {
  it('documents Inputs (nested frames, arrays and values), an optional GlobalParameters and the Results', async () => {
    const script = await loadScoringScript(SCRIPT);
    expect(script.kind).toBe('schema');
    expect(script.parameters.map(({ name, optional }) => ({ name, optional }))).toEqual([
      { name: 'Inputs', optional: false },
      { name: 'GlobalParameters', optional: true },
    ]);
    const input = script.inputSchema!;
    expect(Object.keys(input)).toEqual(['type', 'properties', 'required', 'example']);
    expect(input.required).toEqual(['Inputs']);
    expect(input.example).toEqual({ Inputs: { input1, input2, input3: 0 }, GlobalParameters: 1 });
    const inputs = input.properties!.Inputs!;
    expect(inputs).toMatchObject({ type: 'object', required: ['input1', 'input2', 'input3'] });
    expect(inputs).not.toHaveProperty('example');
    expect(inputs.properties!.input1).toMatchObject({ type: 'array', format: 'numpy.ndarray' });
    expect(inputs.properties!.input2).toMatchObject({ type: 'array', format: 'pandas.DataFrame:records' });
    expect(inputs.properties!.input2!.items!.properties!.age).toEqual({ type: 'integer', format: 'int64' });
    expect(inputs.properties!.input3).toEqual({ type: 'number', format: 'double' });
    expect(input.properties!.GlobalParameters).toEqual({ type: 'number', format: 'double' });
    expect(script.outputSchema).toEqual({
      type: 'object',
      properties: { Results: { type: 'array', items: { type: 'number', format: 'double' } } },
      required: ['Results'],
      additionalProperties: false,
      example: { Results: [1, 1] },
    });
    expect(script.supportedVersions).toEqual(['2.0', '3.0', '3.1']);
    expect(script.exactIntegers).toBe(true);
  });

  it('scores a request end to end: the body as the server parses it, the result as it writes it', async () => {
    const script = await loadScoringScript(SCRIPT);
    await script.init(fixture('model'));
    const text = JSON.stringify({ Inputs: { input1, input2, input3: 0.5 }, GlobalParameters: 2.0 });
    const result = await script.invoke(parseJson(text, { exactIntegers: script.exactIntegers }));
    // Row sums weighted 1..10: 385 and 220, plus input3, times GlobalParameters; then the ages.
    expect(stringifyJson(result)).toBe('{"Results":[771,441,25,26]}');
  });

  it('leaves GlobalParameters to its default when the body has none', async () => {
    const script = await loadScoringScript(SCRIPT);
    await script.init(fixture('model'));
    await expect(script.invoke({ Inputs: { input1: [input1[0]], input2: [], input3: 0 } })).resolves.toEqual({ Results: [385] });
  });

  it('accepts a decimal string for an int64 field, and never for a double (docs/migrating-from-python.md)', async () => {
    const script = await loadScoringScript(SCRIPT);
    await script.init(fixture('model'));
    const ages = { Inputs: { input1: [], input2: [{ name: 'Old', age: '22' }], input3: 0 } };
    await expect(script.invoke(ages)).resolves.toEqual({ Results: [22] });
    const error: unknown = await script.invoke({ Inputs: { input1: [], input2: [], input3: '7' } }).catch((caught: unknown) => caught);
    expect((error as InputValidationError).errors).toEqual([{ path: '/Inputs/input3', message: 'must be a number' }]);
  });

  it('keeps int64 frame values exact', async () => {
    const script = await loadScoringScript(SCRIPT);
    await script.init(fixture('model'));
    const body = parseJson('{"Inputs": {"input1": [], "input2": [{"name": "Old", "age": 9007199254740993}], "input3": 0}}', {
      exactIntegers: true,
    });
    await expect(script.invoke(body)).resolves.toEqual({ Results: [9007199254740992] });
  });

  it('reports bad input under Inputs and GlobalParameters, without changing the body', async () => {
    const script = await loadScoringScript(SCRIPT);
    const body = { Inputs: { input1: [[1, 2, 3]], input2: [{ name: 'Sarah' }], input3: 'x' }, GlobalParameters: 'x' };
    const copy = structuredClone(body);
    const error: unknown = await script.invoke(body).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputValidationError);
    expect((error as InputValidationError).errors).toEqual([
      { path: '/Inputs/input1/0', message: 'must have exactly 10 items' },
      { path: '/Inputs/input2/0/age', message: 'is required' },
      { path: '/Inputs/input3', message: 'must be a number' },
      { path: '/GlobalParameters', message: 'must be a number' },
    ]);
    expect(body).toEqual(copy);
  });

  it('requires Inputs', async () => {
    const script = await loadScoringScript(SCRIPT);
    const error: unknown = await script.invoke({ GlobalParameters: 1 }).catch((caught: unknown) => caught);
    expect((error as InputValidationError).errors).toEqual([{ path: '/Inputs', message: 'is required' }]);
  });
});
