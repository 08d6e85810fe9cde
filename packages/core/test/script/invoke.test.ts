import { InputValidationError, parseJson, ScoringResponse } from '@inferschema/core';
import { loadScoringScript, OutputValidationError } from '@inferschema/core/runtime';
import { fixture } from './fixture-paths.js';

async function invokeError(promise: Promise<unknown>): Promise<InputValidationError> {
  const error: unknown = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InputValidationError);
  return error as InputValidationError;
}

describe('a schema run', () => {
  const load = () => loadScoringScript(fixture('invoke/schema.ts'));

  it('lists its parameters with what fills each', async () => {
    const script = await load();
    expect(script.kind).toBe('schema');
    expect(script.parameters.map(({ name, type, optional }) => ({ name, typed: type !== undefined, optional }))).toEqual([
      { name: 'data', typed: true, optional: false },
      { name: 'label', typed: false, optional: false },
      { name: 'threshold', typed: false, optional: true },
      { name: 'options', typed: true, optional: true },
      { name: 'requestHeaders', typed: false, optional: true },
    ]);
    expect(script.inputSchema).toEqual({
      type: 'object',
      properties: {
        data: { type: 'array', items: { type: 'number', format: 'double' } },
        options: { type: 'object', properties: { round: { type: 'boolean' } }, required: ['round'], additionalProperties: false },
      },
      required: ['data'],
      example: { data: [1, 2], options: { round: true } },
    });
    expect(script.exactIntegers).toBe(false);
  });

  it('fills parameters by name, decodes declared ones, keeps defaults and passes the headers', async () => {
    const script = await load();
    const body = { label: 'a', data: [1, 2], ignored: { deep: true } };
    const copy = structuredClone(body);
    await expect(script.invoke(body, { headers: { 'x-client': 'test' } })).resolves.toEqual({
      data: [1, 2],
      isFloat64Array: true,
      label: 'a',
      threshold: 0.5,
      options: null,
      client: 'test',
    });
    expect(body).toEqual(copy);
  });

  it('passes given optional and defaulted values', async () => {
    const script = await load();
    await expect(script.invoke({ data: [3], label: 'b', threshold: 0.9, options: { round: false } })).resolves.toMatchObject({
      threshold: 0.9,
      options: { round: false },
      client: null,
    });
  });

  it('reports every missing parameter without a default, by its name', async () => {
    const script = await load();
    const error = await invokeError(script.invoke({ threshold: 1 }));
    expect(error.errors).toEqual([
      { path: '/data', message: 'is required' },
      { path: '/label', message: 'is required' },
    ]);
    expect(error.message).toBe('Invalid input at /data: is required (and 1 more problem)');
  });

  it('prefixes decoding errors with the parameter name and leaves the body unchanged', async () => {
    const script = await load();
    const body = { data: [1, 'x', null], label: 'a', options: { round: 'yes', more: 1 } };
    const copy = structuredClone(body);
    const error = await invokeError(script.invoke(body));
    expect(error.errors).toEqual([
      { path: '/data/1', message: 'must be a number' },
      { path: '/data/2', message: 'must be a number' },
      { path: '/options/more', message: 'is not allowed' },
      { path: '/options/round', message: 'must be a boolean' },
    ]);
    expect(error.total).toBe(4);
    expect(body).toEqual(copy);
  });

  it('rejects a body that is not an object', async () => {
    const script = await load();
    for (const body of [[1, 2], null, 'text', 3]) {
      const error = await invokeError(script.invoke(body));
      expect(error.errors).toEqual([{ path: '', message: 'must be an object' }]);
    }
  });

  it('does not read keys from the prototype chain', async () => {
    const script = await load();
    const body = Object.create({ label: 'inherited' }) as Record<string, unknown>;
    body.data = [1];
    const error = await invokeError(script.invoke(body));
    expect(error.errors).toEqual([{ path: '/label', message: 'is required' }]);
  });

  it('refuses invokeRaw', async () => {
    const script = await load();
    await expect(script.invokeRaw({} as never)).rejects.toThrow(`Entry script ${fixture('invoke/schema.ts')}: run is not @rawHttp; call invoke(body)`);
  });
});

describe('options of @inputSchema', () => {
  it('convert: false validates but passes the JSON value', async () => {
    const script = await loadScoringScript(fixture('invoke/convert-false.ts'));
    await expect(script.invoke({ data: [1, 2] })).resolves.toEqual({ isArray: true, data: [1, 2] });
    const error = await invokeError(script.invoke({ data: ['a'] }));
    expect(error.errors).toEqual([{ path: '/data/0', message: 'must be a number' }]);
  });

  it('position maps body keys to the parameters of minified code', async () => {
    const script = await loadScoringScript(fixture('invoke/minified.mjs'));
    expect(script.parameters.map((parameter) => parameter.name)).toEqual(['data', 'weights']);
    await expect(script.invoke({ weights: [2, 3], data: [5, 7] })).resolves.toEqual([10, 21]);
  });
});

describe('results', () => {
  it('are encoded by the output type; a ScoringResponse passes through', async () => {
    const script = await loadScoringScript(fixture('invoke/output.ts'));
    expect(script.kind).toBe('schema');
    expect(script.inputSchema).toBeUndefined();
    expect(script.outputSchema).toEqual({
      type: 'object',
      properties: { Results: { type: 'array', items: { type: 'number' } } },
      required: ['Results'],
      example: { Results: [1.5] },
    });
    await expect(script.invoke({ kind: 'ok' })).resolves.toEqual({ Results: [1, 2] });
    const response = await script.invoke({ kind: 'response' });
    expect(response).toBeInstanceOf(ScoringResponse);
    expect(response).toMatchObject({ status: 418, body: 'short and stout' });
  });

  it('are not checked against the output schema with validateOutput: false, or INFERSCHEMA_VALIDATE_OUTPUT=false', async () => {
    const script = await loadScoringScript(fixture('invoke/output.ts'), { validateOutput: false });
    await expect(script.invoke({ kind: 'wrong' })).resolves.toEqual({ Results: ['not a number'] });
    vi.stubEnv('INFERSCHEMA_VALIDATE_OUTPUT', 'false');
    try {
      const fromEnv = await loadScoringScript(fixture('invoke/output.ts'));
      await expect(fromEnv.invoke({ kind: 'wrong' })).resolves.toEqual({ Results: ['not a number'] });
      // The option wins over the variable.
      const asked = await loadScoringScript(fixture('invoke/output.ts'), { validateOutput: true });
      await expect(asked.invoke({ kind: 'wrong' })).rejects.toBeInstanceOf(OutputValidationError);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('a variable that is neither true nor false is named', async () => {
    vi.stubEnv('INFERSCHEMA_VALIDATE_OUTPUT', 'sometimes');
    try {
      await expect(loadScoringScript(fixture('invoke/output.ts'))).rejects.toThrow(
        new TypeError('INFERSCHEMA_VALIDATE_OUTPUT must be true or false, got "sometimes"'),
      );
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('by default (as in serve and run), a mismatch is the script’s error, not an input error', async () => {
    const script = await loadScoringScript(fixture('invoke/output.ts'));
    await expect(script.invoke({ kind: 'ok' })).resolves.toEqual({ Results: [1, 2] });
    const error: unknown = await script.invoke({ kind: 'wrong' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OutputValidationError);
    expect(error).not.toBeInstanceOf(InputValidationError);
    expect(error).toMatchObject({
      message: `Entry script ${fixture('invoke/output.ts')}: run's result does not match its output schema at /Results/0: must be a number`,
      errors: [{ path: '/Results/0', message: 'must be a number' }],
    });
  });
});

describe('exact integers', () => {
  it('are flagged when an input holds int64, and arrive exact', async () => {
    const script = await loadScoringScript(fixture('invoke/exact-integers.ts'));
    expect(script.exactIntegers).toBe(true);
    const body = parseJson('{"id": 9223372036854775807}', { exactIntegers: script.exactIntegers });
    await expect(script.invoke(body)).resolves.toEqual({ id: '9223372036854775807', type: 'bigint' });
    const error = await invokeError(script.invoke({ id: 2 ** 60 }));
    expect(error.errors[0]?.path).toBe('/id');
  });
});

describe('a text run (undecorated)', () => {
  it('receives the body as a string; further parameters keep their defaults', async () => {
    const script = await loadScoringScript(fixture('invoke/text.ts'));
    expect(script.kind).toBe('text');
    expect(script.inputSchema).toBeUndefined();
    expect(script.outputSchema).toBeUndefined();
    expect(script.supportedVersions).toEqual(['2.0', '3.0', '3.1']);
    await expect(script.invoke('{"a": 1}', { headers: { 'content-type': 'application/json' } })).resolves.toEqual({
      body: '{"a": 1}',
      type: 'string',
      extra: 'default value',
      contentType: 'application/json',
    });
    await expect(script.invoke(new TextEncoder().encode('héllo'))).resolves.toMatchObject({ body: 'héllo', contentType: null });
  });

  it('refuses a body that is not text', async () => {
    const script = await loadScoringScript(fixture('invoke/text.ts'));
    await expect(script.invoke({ a: 1 })).rejects.toThrow(`Entry script ${fixture('invoke/text.ts')}: run takes the request body as a string`);
  });

  it('awaits an async init before a sync run', async () => {
    const script = await loadScoringScript(fixture('invoke/sync-and-async.mjs'));
    await expect(script.invoke('x')).resolves.toEqual({ ready: false, body: 'x' });
    await script.init('/models/none');
    await expect(script.invoke('x')).resolves.toEqual({ ready: true, body: 'x' });
    expect(process.env.AZUREML_MODEL_DIR).toBe('/models/none');
  });
});
