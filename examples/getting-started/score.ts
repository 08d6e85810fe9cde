/**
 * The entry script of docs/getting-started.md: a house-price model. `init` reads the model's coefficients from
 * the model directory; `run` takes `area` (square metres) and `rooms` (an integer), validated from the samples,
 * and answers `{ price }`.
 */
// #region script
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { integer, modelInit, StandardParameterType, withSchemas } from '@inferschema/core';

let model: { base: number; perSquareMetre: number; perRoom: number };

export const init = modelInit((modelDir: string) => {
  model = JSON.parse(readFileSync(join(modelDir, 'price-model.json'), 'utf8')) as typeof model;
});

export const run = withSchemas(
  {
    inputs: [
      ['area', new StandardParameterType(72.5)],
      ['rooms', new StandardParameterType(integer(3))],
    ],
    output: new StandardParameterType({ price: 246250 }),
  },
  (area, rooms) => ({ price: model.base + area * model.perSquareMetre + rooms * model.perRoom }),
);
// #endregion script
