import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI_TIMEOUT, fixture, runCli, spawnCli } from './support/run-cli.js';

const SCALE = fixture('scale/score.ts');
const MODEL = fixture('scale/model');

describe('inferschema run', { timeout: CLI_TIMEOUT }, () => {
  it("calls init with the model directory and prints run's result as JSON; the script's logs go to stderr", async () => {
    const result = await runCli(['run', SCALE, '--model-dir', MODEL, '--input', '{"data": [1, 2.5], "offset": [1]}']);
    expect(result).toEqual({ code: 0, stdout: '[11,26]\n', stderr: 'scale: factor 10\n' });
  });

  it('takes the azmlinfsrv spelling --model_dir', async () => {
    const result = await runCli(['run', SCALE, '--model_dir', MODEL, '--input', '{"data": [2]}']);
    expect(result).toEqual({ code: 0, stdout: '[20]\n', stderr: 'scale: factor 10\n' });
  });

  it('does not demand a model directory when init takes none: it runs in the current directory, as serve does', async () => {
    const result = await spawnCli(['run', fixture('text/score.ts'), '--input', '{"code": "a b"}'], { cwd: MODEL });
    expect(result).toEqual({ code: 0, stdout: '{"tokens":["a","b"]}\n', stderr: `text: init with ${MODEL}\n` });
  });

  it('reads the model directory from AZUREML_MODEL_DIR', async () => {
    const result = await runCli(['run', SCALE, '--input', '{"data": [3]}'], { env: { AZUREML_MODEL_DIR: MODEL } });
    expect(result.stdout).toBe('[30]\n');
    expect(result.code).toBe(0);
  });

  it('reads the body from --input-file, and from stdin with -', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'inferschema-run-'));
    try {
      await writeFile(join(dir, 'request.json'), '{"data": [0.5]}');
      const fromFile = await runCli(['run', SCALE, '--model-dir', MODEL, '--input-file', join(dir, 'request.json')]);
      expect([fromFile.code, fromFile.stdout]).toEqual([0, '[5]\n']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const fromStdin = await runCli(['run', SCALE, '--model-dir', MODEL, '--input-file', '-'], { stdin: '{"data": [2]}' });
    expect([fromStdin.code, fromStdin.stdout]).toEqual([0, '[20]\n']);
  });

  it('prints each validation problem with its path and exits 1', async () => {
    const result = await runCli(['run', SCALE, '--model-dir', MODEL, '--input', '{"data": [1, "x", null], "offset": 3}']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      [
        'scale: factor 10',
        'error: invalid input (3 problems)',
        '  /data/1: must be a number',
        '  /data/2: must be a number',
        '  /offset: must be an array',
        '',
      ].join('\n'),
    );
  });

  it('reports a missing required parameter and a body that is not an object', async () => {
    const missing = await runCli(['run', SCALE, '--model-dir', MODEL, '--input', '{"offset": [1]}']);
    expect([missing.code, missing.stderr.split('\n').slice(1)]).toEqual([1, ['error: invalid input (1 problem)', '  /data: is required', '']]);
    const array = await runCli(['run', SCALE, '--model-dir', MODEL, '--input', '[1, 2]']);
    expect([array.code, array.stderr.split('\n').slice(1)]).toEqual([1, ['error: invalid input (1 problem)', '  (the body): must be an object', '']]);
  });

  it('reports input that is not JSON in one line and exits 1', async () => {
    const result = await runCli(['run', SCALE, '--model-dir', MODEL, '--input', '{"data": [1,']);
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n')[1]).toMatch(/^error: the input is not valid JSON: /);
  });

  it('reports an error thrown by run with its message and stack, and exits 1', async () => {
    const result = await runCli(['run', fixture('throws/score.ts'), '--model-dir', MODEL, '--input', '{"data": [1, -1]}']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const [first, ...stack] = result.stderr.split('\n');
    expect(first).toBe('error: run threw: negative values are not supported');
    expect(stack[0]).toMatch(/^ {2}at .*throws\/score\.ts/);
  });

  it('passes the body as a string to a run that takes text', async () => {
    const result = await runCli(['run', fixture('text/score.ts'), '--model-dir', MODEL, '--input', '{"code": "let x = 1"}']);
    expect(result).toEqual({
      code: 0,
      stdout: '{"tokens":["let","x","=","1"]}\n',
      stderr: `text: init with ${MODEL}\n`,
    });
  });

  it('converts a DataFrame input', async () => {
    const input = '{"people": [{"name": "Ada", "age": 36}, {"name": "Alan", "age": 41}]}';
    const result = await runCli(['run', fixture('frames/score.ts'), '--model-dir', MODEL, '--input', input]);
    expect([result.code, result.stdout]).toEqual([0, '[46,51]\n']);
    const wrong = await runCli(['run', fixture('frames/score.ts'), '--model-dir', MODEL, '--input', '{"people": [{"name": "Ada"}]}']);
    expect([wrong.code, wrong.stderr]).toEqual([1, 'error: invalid input (1 problem)\n  /people/0/age: is required\n']);
  });

  it("checks run's result against the output schema, unless --no-validate-output", async () => {
    const script = fixture('bad-output/score.ts');
    const checked = await runCli(['run', script, '--model-dir', MODEL, '--input', '{"data": [1, 2]}']);
    expect(checked).toEqual({
      code: 1,
      stdout: '',
      stderr: "error: run's result does not match its output schema (2 problems)\n  /0: must be a number\n  /1: must be a number\n",
    });
    const unchecked = await runCli(['run', script, '--model-dir', MODEL, '--input', '{"data": [1]}', '--no-validate-output']);
    expect(unchecked).toEqual({ code: 0, stdout: '[null]\n', stderr: '' });
  });

  it('keeps integers beyond 2^53 exact, in and out', async () => {
    const script = fixture('exact/score.ts');
    const result = await runCli(['run', script, '--model-dir', MODEL, '--input', '{"id": 9223372036854775806}']);
    expect(result).toEqual({ code: 0, stdout: '{"next":9223372036854775807}\n', stderr: '' });
    const rounded = await runCli(['run', script, '--model-dir', MODEL, '--input', '{"id": 1.5}']);
    expect([rounded.code, rounded.stderr]).toEqual([1, 'error: invalid input (1 problem)\n  /id: must be an integer\n']);
  });

  it('ends even when init leaves a timer running', async () => {
    const result = await runCli(['run', fixture('open-handle/score.ts'), '--model-dir', MODEL, '--input', 'abc']);
    expect(result).toEqual({ code: 0, stdout: '"ABC"\n', stderr: '' });
  });

  describe('command-line errors exit 2 with a clear message', () => {
    it.each([
      [['run', SCALE, '--model-dir', MODEL], "error: the request body is missing: give --input '<json>' or --input-file <file>\n"],
      [['run', SCALE, '--model-dir', MODEL, '--input', '{}', '--input-file', 'x.json'], "error: option '--input <json>' cannot be used with option '--input-file <file>'\n"],
      [['run', SCALE, '--input', '{}'], 'error: init is @modelInit, so it needs the model directory: give --model-dir <dir> or set AZUREML_MODEL_DIR\n'],
      [['run', SCALE, '--model_dir', fixture('no-model'), '--input', '{}'], `error: --model_dir ${fixture('no-model')} does not exist\n`],
      [['run', SCALE, '--model-dir', MODEL, '--input', '{}', '--verbose'], "error: unknown option '--verbose'\n"],
      [['run', '--model-dir', MODEL, '--input', '{}'], "error: missing required argument 'script'\n"],
      [['run', fixture('nope.ts'), '--model-dir', MODEL, '--input', '{}'], `error: Entry script ${fixture('nope.ts')} does not exist\n`],
      [['run', SCALE, '--model-dir', fixture('no-model'), '--input', '{}'], `error: --model-dir ${fixture('no-model')} does not exist\n`],
      [['run', SCALE, '--model-dir', SCALE, '--input', '{}'], `error: --model-dir ${SCALE} is not a directory\n`],
      [['run', SCALE, '--model-dir', MODEL, '--input-file', fixture('none.json')], `error: --input-file ${fixture('none.json')} does not exist\n`],
    ])('%j', async (args, message) => {
      const result = await runCli(args);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.replace('(add --help for usage and examples)\n', '')).toBe(message);
    });

    it('AZUREML_MODEL_DIR naming no directory', async () => {
      const result = await runCli(['run', SCALE, '--input', '{}'], { env: { AZUREML_MODEL_DIR: fixture('no-model') } });
      expect(result).toEqual({ code: 2, stdout: '', stderr: `error: AZUREML_MODEL_DIR ${fixture('no-model')} does not exist\n` });
    });
  });
});
