import { CLI_TIMEOUT, fixture, runCli } from './support/run-cli.js';

describe('inferschema check', { timeout: CLI_TIMEOUT }, () => {
  it('prints the parameters, their types and the OpenAPI versions, then OK', async () => {
    const result = await runCli(['check', fixture('scale/score.ts')]);
    expect(result).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        `Entry script: ${fixture('scale/score.ts')}`,
        'Kind: schema (run takes the keys of a JSON body as its parameters)',
        'Parameters:',
        '  data    NumberListType  double[]  required',
        '  offset  NumberListType  double[]  optional',
        'Output: double[]',
        'OpenAPI versions:',
        '  2.0  yes',
        '  3.0  yes',
        '  3.1  yes',
        'Exact 64-bit integers: no',
        'OK',
        '',
      ].join('\n'),
    });
  });

  it('says why a version does not fit', async () => {
    const result = await runCli(['check', fixture('union/score.ts')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      [
        'Parameters:',
        '  row  MixedRowType  (double | string)[]  required',
        'Output: undeclared',
        'OpenAPI versions:',
        '  2.0  no: /definitions/ServiceInput/properties/row/items is a union of schemas (anyOf)',
        '  3.0  yes',
        '  3.1  yes',
      ].join('\n'),
    );
  });

  it('describes a DataFrame parameter and lists user-supplied documents', async () => {
    const frames = await runCli(['check', fixture('frames/score.ts')]);
    expect(frames.stdout).toContain(
      '  people  DataFrameParameterType  {name: string, age: int32}[] (pandas.DataFrame:records)  required',
    );
    const user = await runCli(['check', fixture('user-docs/score.ts')]);
    expect(user.stdout).toContain(
      `User-supplied documents:\n  ${fixture('user-docs/swagger3.json')} replaces the generated OpenAPI 3.0 document\n`,
    );
  });

  it('names the built-in types and describes unions with null once, last', async () => {
    const regression = await runCli(['check', fixture('../../../../examples/regression/score.ts')]);
    expect(regression.stdout).toContain('\n  data  NdArrayParameterType  double[10][] (numpy.ndarray)  required\n');
    const split = await runCli(['check', fixture('../../../../examples/dataframe-arrow/score.ts')]);
    expect(split.stdout).toMatch(/\n {2}applications {2}DataFrameParameterType {2}\{columns: string\[5\], index\?: integer\[\], data: \(\((string \| double \| int32 \| boolean \| null)\)\[5\]\)\[\]\} \(pandas\.DataFrame:split\) {2}required\n/);
  });

  it('describes a script that takes text', async () => {
    const result = await runCli(['check', fixture('text/score.ts')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Kind: text (run takes the request body as a string)\nParameters:\n  body  undeclared  -  required\n');
  });

  it('reports a package the script imports that is not installed, by name, and exits 1', async () => {
    const result = await runCli(['check', fixture('missing-package/score.ts')]);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr:
        `error: Entry script ${fixture('missing-package/score.ts')}: imports the package ` +
        "'inferschema-missing-model-package', which is not installed (npm install inferschema-missing-model-package)\n",
    });
  });

  it('reports a sample that does not pass its own type, after the report, and exits 1', async () => {
    const result = await runCli(['check', fixture('bad-sample/score.ts')]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('\n  data  NumberListType  double[]  required\n');
    expect(result.stdout).not.toContain('OK');
    expect(result.stderr).toBe(
      'error: the script has a problem\n  the sample of data does not pass its own type: Invalid input at /1: must be a number\n',
    );
  });

  it('reports a broken contract and exits 1', async () => {
    const result = await runCli(['check', fixture('no-run/score.ts')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: Entry script .*no-run\/score\.ts: .*\brun\b.*\n$/);
  });

  it('does not call init: no model is needed', async () => {
    const result = await runCli(['check', fixture('open-handle/score.ts')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Kind: text');
  });

  it('reports a missing script as a usage error', async () => {
    const result = await runCli(['check', fixture('nope.ts')]);
    expect(result).toEqual({ code: 2, stdout: '', stderr: `error: Entry script ${fixture('nope.ts')} does not exist\n` });
  });
});
