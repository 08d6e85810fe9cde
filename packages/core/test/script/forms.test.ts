import { loadScoringScript } from '@inferschema/core/runtime';
import { decoratorModes } from '../fixtures/support/decorator-mode.mjs';
import { fixture, MODEL_DIR } from './fixture-paths.js';

// Every fixture below is the same model (data × factor from the model directory × scale, scale defaulting to
// 2) written in one form, file extension and decorator mode; sync and async init and run are mixed.
const SCRIPTS = [
  { file: 'tc39/class-default.ts', form: 'default-exported class, @modelInit async, run sync', mode: 'tc39' },
  { file: 'tc39/instance-default.mts', form: 'default-exported instance, plain init, run async', mode: 'tc39' },
  { file: 'tc39/class.cts', form: 'export = class, @modelInit sync, run async', mode: 'tc39' },
  { file: 'tc39/functions.ts', form: 'exported functions with withSchemas, async', mode: undefined },
  { file: 'tc39/functions.mts', form: 'exported functions, plain init, sync', mode: undefined },
  { file: 'tc39/functions.cts', form: 'export = { init, run } with withSchemas', mode: undefined },
  { file: 'legacy/class-default.ts', form: 'default-exported class, @modelInit async, run sync', mode: 'legacy' },
  { file: 'legacy/instance-default.mts', form: 'default-exported instance, plain init, run async', mode: 'legacy' },
  { file: 'legacy/class.cts', form: 'export = class, @modelInit sync, run async', mode: 'legacy' },
  { file: 'js/functions.js', form: 'exported functions, async', mode: undefined },
  { file: 'js/functions.mjs', form: 'exported functions, plain init, sync', mode: undefined },
  { file: 'js/functions.cjs', form: 'module.exports = { init, run }', mode: undefined },
  { file: 'js/class.js', form: 'default-exported class marked with the function forms', mode: undefined },
  { file: 'js/instance.mjs', form: 'default-exported instance with a run class field', mode: undefined },
  { file: 'js/class.cjs', form: 'module.exports = class', mode: undefined },
  { file: 'js-decorated/tc39/class-default.js', form: 'TC39 decorators left in .js by tsc at target esnext', mode: 'tc39' },
  { file: 'js-decorated/legacy/class-default.mjs', form: 'decorators in .mjs under experimentalDecorators', mode: 'legacy' },
  { file: 'commonjs-package/score.ts', form: 'TypeScript in a CommonJS package (compiled to CommonJS)', mode: undefined },
  { file: 'commonjs-package/score.js', form: 'exports.init and exports.run in a CommonJS package', mode: undefined },
] as const;

describe.each(SCRIPTS)('$file ($form)', ({ file, mode }) => {
  it('loads, initializes from the model directory and scores', async () => {
    const script = await loadScoringScript(fixture(file));
    expect(script.path).toBe(fixture(file));
    expect(script.kind).toBe('schema');
    expect(script.parameters.map(({ name, position, optional }) => ({ name, position, optional }))).toEqual([
      { name: 'data', position: 0, optional: false },
      { name: 'scale', position: 1, optional: true },
    ]);
    expect(script.inputSchema).toEqual({
      type: 'object',
      properties: { data: { type: 'array', items: { type: 'number', format: 'double' } } },
      required: ['data'],
      example: { data: [1, 2, 3] },
    });
    expect(script.outputSchema).toEqual({ type: 'array', items: { type: 'number', format: 'double' }, example: [20, 40, 60] });

    delete process.env.AZUREML_MODEL_DIR;
    await script.init(MODEL_DIR);
    expect(process.env.AZUREML_MODEL_DIR).toBe(MODEL_DIR);
    await expect(script.invoke({ data: [1, 2] })).resolves.toEqual([20, 40]);
    await expect(script.invoke({ data: [1, 2], scale: 3, extra: 'ignored' })).resolves.toEqual([30, 60]);
  });

  it('reports bad input with paths under the parameter name', async () => {
    const script = await loadScoringScript(fixture(file));
    await expect(script.invoke({ data: [1, 'two'] })).rejects.toMatchObject({
      name: 'InputValidationError',
      errors: [{ path: '/data/1', message: 'must be a number' }],
    });
  });

  if (mode) {
    it(`was compiled with ${mode} decorators`, async () => {
      await loadScoringScript(fixture(file));
      expect(decoratorModes()[file]).toBe(mode);
    });
  }
});

it('loads each script as a fresh module: two loads do not share state', async () => {
  const first = await loadScoringScript(fixture('tc39/functions.ts'));
  const second = await loadScoringScript(fixture('tc39/functions.ts'));
  await first.init(MODEL_DIR);
  await expect(first.invoke({ data: [1] })).resolves.toEqual([20]);
  await expect(second.invoke({ data: [1] })).resolves.toEqual([0]);
});
