// Loads the entry script as the server does, calls init with the model, and scores the sample request.
import { readFileSync } from 'node:fs';
import { InputValidationError } from '@inferschema/core';
import { loadScoringScript } from '@inferschema/core/runtime';
import { expect, it } from 'vitest';

const json = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

const script = await loadScoringScript('src/score.ts');
await script.init('model');

it('scores the sample request', async () => {
  expect(await script.invoke(json('requests/sample.json'))).toEqual(json('test/sample-answer.json'));
});

it('refuses a request without its inputs (the server answers 400)', async () => {
  await expect(script.invoke({})).rejects.toBeInstanceOf(InputValidationError);
});
