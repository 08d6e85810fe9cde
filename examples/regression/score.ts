/**
 * The Azure ML "scikit-learn and Swagger" entry script in TypeScript: a Ridge regression whose weights `init`
 * loads from the model directory (`model/weights.json`, written by `train.ts`). `data` is a batch of rows of 10
 * float64 features, validated and converted into an ndarray; the result is one prediction per row.
 *
 *   npm start
 *   curl -s -X POST http://127.0.0.1:5001/score -H 'content-type: application/json' -d @examples/regression/requests/sample.json
 */
// #region script
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { modelInit, NdArrayParameterType, withSchemas } from '@inferschema/core';

/** What `train.ts` writes: scikit-learn's `Ridge.coef_` and `Ridge.intercept_`. */
interface RidgeWeights {
  readonly coef: readonly number[];
  readonly intercept: number;
  readonly nFeatures: number;
}

let weights: RidgeWeights | undefined;

export const init = modelInit((modelDir: string) => {
  weights = JSON.parse(readFileSync(join(modelDir, 'weights.json'), 'utf8')) as RidgeWeights;
  if (weights.coef.length !== weights.nFeatures) throw new Error(`weights.json: ${weights.coef.length} coefficients for ${weights.nFeatures} features`);
});

/** One row of 10 features (the batch dimension, the first, is free: send as many rows as you like). */
const inputSample = new NdArrayParameterType(new Float64Array([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]), { shape: [1, 10] });
const outputSample = new NdArrayParameterType(new Float64Array([1263.143]));

export const run = withSchemas({ inputs: [['data', inputSample]], output: outputSample }, (data) => {
  const { coef, intercept } = weights!;
  const [rows = 0, columns = 0] = data.shape;
  const predictions = new Float64Array(rows);
  for (let row = 0; row < rows; row += 1) {
    let sum = intercept;
    for (let column = 0; column < columns; column += 1) sum += data.get(row, column) * coef[column]!;
    predictions[row] = sum;
  }
  return predictions;
});
// #endregion script
