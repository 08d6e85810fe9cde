import { loadScoringScript } from '@inferschema/core/runtime';
import { ParameterType } from '@inferschema/core';
import { decoratorModes } from '../fixtures/support/decorator-mode.mjs';
import { fixture, MODEL_DIR } from './fixture-paths.js';

describe('the tsconfig that compiles a script', () => {
  it('is the nearest tsconfig.json by default', async () => {
    await loadScoringScript(fixture('legacy/class-default.ts'));
    expect(decoratorModes()['legacy/class-default.ts']).toBe('legacy');
  });

  it('can be none (TC39 decorators) or a given file', async () => {
    const script = await loadScoringScript(fixture('legacy/class-default.ts'), { tsconfig: false });
    expect(decoratorModes()['legacy/class-default.ts']).toBe('tc39');
    await script.init(MODEL_DIR);
    await expect(script.invoke({ data: [1] })).resolves.toEqual([20]);
    await loadScoringScript(fixture('legacy/class-default.ts'), { tsconfig: fixture('legacy/tsconfig.json') });
    expect(decoratorModes()['legacy/class-default.ts']).toBe('legacy');
  });
});

describe('request headers', () => {
  it('go to a parameter named request_headers, wherever it is', async () => {
    const script = await loadScoringScript(fixture('invoke/request-headers.mjs'));
    expect(script.parameters.map(({ name, optional }) => ({ name, optional }))).toEqual([
      { name: 'request_headers', optional: true },
      { name: 'body', optional: false },
    ]);
    await expect(script.invoke('text', { headers: { 'user-agent': 'curl' } })).resolves.toEqual({ body: 'text', agent: 'curl' });
    await expect(script.invoke('text')).resolves.toEqual({ body: 'text', agent: null });
  });
});

describe('a loaded script', () => {
  it('works with its own copy of @inferschema/core: decorators and types are read across copies', async () => {
    const script = await loadScoringScript(fixture('tc39/class-default.ts'));
    const type = script.parameters[0]!.type!;
    expect(type).toBeInstanceOf(ParameterType);
    // The script imported another copy of the package than this test: its ParameterType class is not ours.
    let base: object | null = Object.getPrototypeOf(type) as object;
    while (base && Object.getPrototypeOf(base) !== Object.prototype) base = Object.getPrototypeOf(base) as object;
    expect(base).not.toBe(ParameterType.prototype);
    await script.init(MODEL_DIR);
    await expect(script.invoke({ data: [1.5] })).resolves.toEqual([30]);
  });

  it('exposes frozen parameters and fresh schema copies', async () => {
    const script = await loadScoringScript(fixture('tc39/functions.ts'));
    expect(Object.isFrozen(script.parameters)).toBe(true);
    expect(Object.isFrozen(script.parameters[0])).toBe(true);
    script.inputSchema!.required!.push('changed');
    script.outputSchema!.type = 'string';
    expect(script.inputSchema!.required).toEqual(['data']);
    expect(script.outputSchema!.type).toBe('array');
  });

  it('resolves a relative path against the working directory', async () => {
    const script = await loadScoringScript(fixture('tc39/functions.ts').slice(process.cwd().length + 1));
    expect(script.path).toBe(fixture('tc39/functions.ts'));
  });
});
