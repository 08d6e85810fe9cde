import { loadScoringScript, ScriptLoadError } from '@inferschema/core/runtime';
import { fixture } from './fixture-paths.js';

async function loadError(file: string): Promise<ScriptLoadError> {
  const error: unknown = await loadScoringScript(fixture(`errors/${file}`)).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ScriptLoadError);
  return error as ScriptLoadError;
}

// Every contract violation is reported when the script loads, naming the script, the method and the parameter.
const CONTRACT_ERRORS = [
  {
    file: 'unknown-name.ts',
    method: 'run',
    parameter: 'dta',
    message: "@inputSchema('dta') names no parameter of run(data, scale)",
  },
  { file: 'no-parameters.ts', method: 'run', parameter: undefined, message: 'run() needs a parameter for the input data' },
  {
    file: 'raw-and-input.ts',
    method: 'run',
    parameter: 'data',
    message: "run cannot have both @rawHttp and @inputSchema ('data')",
  },
  {
    file: 'two-outputs.ts',
    method: 'run',
    parameter: undefined,
    message: 'run has 2 @outputSchema declarations; it may have one',
  },
  {
    file: 'no-init.ts',
    method: 'init',
    parameter: undefined,
    message: 'has no init function: export an init function (or give the default class or instance an init method, or mark one @modelInit)',
  },
  {
    file: 'no-run.ts',
    method: 'run',
    parameter: undefined,
    message: 'has no run function: export init and run functions, or a default class (or instance) with init and run methods',
  },
  {
    file: 'empty.ts',
    method: 'run',
    parameter: undefined,
    message: 'has no run function: export init and run functions, or a default class (or instance) with init and run methods',
  },
  {
    file: 'rest-parameter.ts',
    method: 'run',
    parameter: 'inputs',
    message: 'run(...inputs) cannot take a rest parameter: name each parameter',
  },
  {
    file: 'headers-only.ts',
    method: 'run',
    parameter: 'requestHeaders',
    message: "run(requestHeaders) needs a parameter other than 'requestHeaders' for the input data",
  },
  {
    file: 'destructured.ts',
    method: 'run',
    parameter: '<parameter 1>',
    message:
      'parameter 1 of run(data, <parameter 1>) is a destructuring pattern, so no body key can fill it: declare it with @inputSchema(name, type, { position: 1 }) or give it a default value',
  },
  { file: 'duplicate-input.ts', method: 'run', parameter: 'data', message: "@inputSchema('data') is declared twice" },
  {
    file: 'with-schemas-order.ts',
    method: 'run',
    parameter: 'b',
    message: "withSchemas input 'b' is listed at index 0 but is parameter 1 of run(a, b): list the inputs in run's parameter order",
  },
  {
    file: 'position-out-of-range.ts',
    method: 'run',
    parameter: 'data',
    message: "@inputSchema('data') has position 2, beyond the parameters of run(a, b)",
  },
  {
    file: 'position-conflict.ts',
    method: 'run',
    parameter: 'data',
    message: "@inputSchema('data') and 'other' both declare parameter 0 of run(data)",
  },
  {
    file: 'two-model-inits.ts',
    method: 'init',
    parameter: undefined,
    message: 'has 2 @modelInit methods (load, init); it may have one',
  },
  {
    file: 'misplaced-schema.ts',
    method: 'predict',
    parameter: undefined,
    message: "@inputSchema('data') is on predict, which the loader never calls: only run receives the request, so declare the schemas on run (run may call predict)",
  },
  {
    file: 'misplaced-with-schemas.ts',
    method: 'predict',
    parameter: undefined,
    message: 'withSchemas is on predict, which the loader never calls: only run receives the request, so declare the schemas on run (run may call predict)',
  },
  {
    file: 'misplaced-raw.ts',
    method: 'upload',
    parameter: undefined,
    message: '@rawHttp is on upload, which the loader never calls: only run receives the request, so declare the schemas on run (run may call upload)',
  },
  {
    file: 'global-parameters-nested.ts',
    method: 'run',
    parameter: 'GlobalParameters',
    message:
      "@inputSchema('GlobalParameters') nests an array at /weights: Power BI sends GlobalParameters as flat scalars, so its sample must be a number, string or boolean, or an object whose values are",
  },
  {
    file: 'global-parameters-array.ts',
    method: 'run',
    parameter: 'GlobalParameters',
    message:
      "@inputSchema('GlobalParameters') is an array: Power BI sends GlobalParameters as flat scalars, so its sample must be a number, string or boolean, or an object whose values are",
  },
  {
    file: 'constructor-arguments.ts',
    method: undefined,
    parameter: undefined,
    message:
      'the constructor of its default-exported class Model takes 2 arguments, but the loader constructs it with none: give each constructor parameter a default value, or export an instance (export default new Model(…))',
  },
] as const;

describe('contract violations', () => {
  it.each(CONTRACT_ERRORS)('$file: $message', async ({ file, method, parameter, message }) => {
    const error = await loadError(file);
    expect(error.message).toBe(`Entry script ${fixture(`errors/${file}`)}: ${message}`);
    expect(error).toMatchObject({ name: 'ScriptLoadError', code: 'CONTRACT', script: fixture(`errors/${file}`), method, parameter });
  });
});

describe('scripts that cannot be imported', () => {
  it('names a missing package (ES module import), for `check` to suggest installing it', async () => {
    const error = await loadError('missing-package.ts');
    expect(error).toMatchObject({ code: 'MISSING_PACKAGE', packageName: 'onnxruntime-node-not-installed' });
    expect(error.message).toBe(
      `Entry script ${fixture('errors/missing-package.ts')}: imports the package 'onnxruntime-node-not-installed', which is not installed (npm install onnxruntime-node-not-installed)`,
    );
  });

  it('names a missing scoped package (CommonJS require)', async () => {
    const error = await loadError('missing-package.cjs');
    expect(error).toMatchObject({ code: 'MISSING_PACKAGE', packageName: '@tensorflow-not-installed/tfjs-node' });
    expect(error.message).toBe(
      `Entry script ${fixture('errors/missing-package.cjs')}: imports the package '@tensorflow-not-installed/tfjs-node', which is not installed (npm install @tensorflow-not-installed/tfjs-node)`,
    );
  });

  it('names a missing local module', async () => {
    const error = await loadError('missing-module.ts');
    expect(error.code).toBe('EVALUATION');
    expect(error.message).toBe(
      `Entry script ${fixture('errors/missing-module.ts')}: imports ${fixture('errors/model-that-is-not-here.js')}, which does not exist`,
    );
  });

  it('reports a syntax error with its line and column', async () => {
    const error = await loadError('syntax-error.ts');
    expect(error.code).toBe('EVALUATION');
    expect(error.message).toContain(`Entry script ${fixture('errors/syntax-error.ts')}: failed while loading: Transform failed`);
    expect(error.message).toContain('syntax-error.ts:3:15: ERROR: Unexpected ";"');
  });

  it('reports what the script threw while it was evaluated, keeping it as the cause', async () => {
    const error = await loadError('throws.ts');
    expect(error.message).toBe(`Entry script ${fixture('errors/throws.ts')}: failed while loading: model registry unreachable`);
    expect((error.cause as Error).message).toBe('model registry unreachable');
  });

  it('reports a default class that cannot be constructed', async () => {
    const error = await loadError('constructor-throws.ts');
    expect(error.message).toBe(
      `Entry script ${fixture('errors/constructor-throws.ts')}: its default-exported class Model failed when constructed with no arguments: no GPU found`,
    );
  });

  it('reports a decorator given something that is not a parameter type', async () => {
    const error = await loadError('not-a-type.ts');
    expect(error.message).toBe(
      `Entry script ${fixture('errors/not-a-type.ts')}: failed while loading: @inputSchema('data', …): the type must be a ParameterType, e.g. new NdArrayParameterType(sample)`,
    );
  });

  it.each([
    ['errors/bare-input-schema.ts', "@inputSchema on run is not called: call it: @inputSchema('name', type)"],
    ['legacy/bare-input-schema.ts', "@inputSchema on run is not called: call it: @inputSchema('name', type)"],
    ['errors/bare-output-schema.ts', '@outputSchema on run is not called: call it: @outputSchema(type)'],
    ['errors/called-model-init.ts', '@modelInit takes no arguments: write @modelInit, not @modelInit()'],
  ])('%s: says how to write the decorator', async (file, message) => {
    const error: unknown = await loadScoringScript(fixture(file)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ScriptLoadError);
    expect((error as ScriptLoadError).message).toBe(`Entry script ${fixture(file)}: failed while loading: ${message}`);
  });

  it('reports a script that does not exist', async () => {
    const error = await loadError('not-here.ts');
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: `Entry script ${fixture('errors/not-here.ts')}: does not exist (or is not a file)` });
  });
});
