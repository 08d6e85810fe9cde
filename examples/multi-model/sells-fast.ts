/**
 * One model of the Open Inference Protocol server: the `sells-fast` logistic regression, from its own model
 * directory (`<model-dir>/sells-fast/VERSION/sells-fast.json`). Served with `house-price.ts`:
 *
 *   inferschema serve house-price.ts sells-fast.ts --model-dir model
 *
 * Its inputs are the columns of `houses` (one tensor each), its output `sells_within_30_days`.
 */
import { DataFrameParameterType } from '@inferschema/core/dataframe';
import { withSchemas } from '@inferschema/core';
import { predict, readLatestModel, type LinearModel } from './linear-model.js';
import { houses, rowsOf } from './houses.js';

const chances = new DataFrameParameterType({ sells_within_30_days: [0.5364, 0.0859] });

let model: LinearModel;

/** The runtime sets `AZUREML_MODEL_DIR` to this model's own directory before it calls `init`. */
export function init(): void {
  model = readLatestModel(process.env.AZUREML_MODEL_DIR!, 'sells-fast');
}

export const run = withSchemas({ inputs: [['houses', houses]], output: chances }, (houses) => ({
  sells_within_30_days: rowsOf(houses).map((row) => predict(model, row)),
}));
