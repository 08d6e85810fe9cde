/**
 * One model of the Open Inference Protocol server: the latest `house-price` regression, from its own model
 * directory (`<model-dir>/house-price/VERSION/house-price.json`). Served with `sells-fast.ts`:
 *
 *   inferschema serve house-price.ts sells-fast.ts --model-dir model
 *
 * Its inputs are the columns of `houses` (one tensor each), its outputs `price` and `price_model`.
 */
import { DataFrameParameterType } from '@inferschema/core/dataframe';
import { withSchemas } from '@inferschema/core';
import { predict, readLatestModel, type LinearModel } from './linear-model.js';
import { houses, rowsOf } from './houses.js';

const prices = new DataFrameParameterType({ price: [267_350, 304_750], price_model: ['house-price:2', 'house-price:2'] });

let model: LinearModel;

/** The runtime sets `AZUREML_MODEL_DIR` to this model's own directory before it calls `init`. */
export function init(): void {
  model = readLatestModel(process.env.AZUREML_MODEL_DIR!, 'house-price');
}

export const run = withSchemas({ inputs: [['houses', houses]], output: prices }, (houses) => {
  const rows = rowsOf(houses);
  return { price: rows.map((row) => predict(model, row)), price_model: rows.map(() => `${model.name}:${model.version}`) };
});
