// The two examples of docs/entry-scripts.md, run as they are written there.
import { InputValidationError } from '@inferschema/core';
import { loadScoringScript } from '@inferschema/core/runtime';
import { fixture } from './fixture-paths.js';

describe('the code-completion model (@modelInit, text run)', () => {
  it('receives the model directory and the body as a string', async () => {
    const script = await loadScoringScript(fixture('docs/code-completion.ts'));
    expect(script.kind).toBe('text');
    await script.init(fixture('docs/models/code-completion'));
    const body = JSON.stringify({ CodeBefore: 'import ', Language: 'python', SearchBreadth: 1 });
    await expect(script.invoke(body)).resolves.toEqual({ completions: ['numpy as np'], extraArg1: 'default value' });
    await expect(script.invoke(JSON.stringify({ CodeBefore: 'x = ', Language: 'go' }))).resolves.toEqual({
      completions: [],
      extraArg1: 'default value',
    });
  });
});

describe('the scikit-learn-style regression (@inputSchema, @outputSchema)', () => {
  it('documents, validates, converts, predicts and encodes', async () => {
    const script = await loadScoringScript(fixture('docs/regression.ts'));
    expect(script.inputSchema).toEqual({
      type: 'object',
      properties: {
        data: {
          type: 'array',
          format: 'numpy.ndarray',
          items: { type: 'array', items: { type: 'number', format: 'double' }, minItems: 10, maxItems: 10 },
        },
      },
      required: ['data'],
      example: { data: [[10, 9, 8, 7, 6, 5, 4, 3, 2, 1]] },
    });
    await script.init(fixture('docs/models/regression'));
    await expect(script.invoke({ data: [[1, 0, 0, 0, 0, 0, 0, 0, 0, 0], [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]] })).resolves.toEqual([100.5, 550.5]);
    const error: unknown = await script.invoke({ data: [[1, 2, 3]] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputValidationError);
    expect((error as InputValidationError).errors).toEqual([{ path: '/data/0', message: 'must have exactly 10 items' }]);
  });
});
