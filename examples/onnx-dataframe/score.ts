/**
 * A DataFrame served through ONNX Runtime: scikit-learn's LogisticRegression on the iris data set, exported by
 * `train.py` with one model input per column (as skl2onnx exports a pandas frame). The request's `flowers`
 * frame is decoded into an apache-arrow `Table` of float32 columns; each column's `Float32Array` becomes one
 * `[rows, 1]` tensor as it is (Arrow stores a column contiguously), and the model concatenates them. `run`
 * returns a `Table`: the predicted species and the probability of each.
 *
 *   npx inferschema serve examples/onnx-dataframe/score.ts --model-dir examples/onnx-dataframe/model
 *   curl -s -X POST http://127.0.0.1:5001/score -H 'content-type: application/json' -d @examples/onnx-dataframe/requests/flowers.json
 */
// #region script
import { join } from 'node:path';
import { DataFrameParameterType } from '@inferschema/core/dataframe';
import { modelInit, withSchemas } from '@inferschema/core';
import { Table, Utf8, vectorFromArray } from 'apache-arrow';
import { Tensor } from 'onnxruntime-node';
import { loadOnnxModel, type OnnxModel } from '../support/onnx-model.js';

const COLUMNS = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'] as const;
const SPECIES = ['setosa', 'versicolor', 'virginica'] as const;

/** One flower's measurements in cm, one float32 column each. */
const flowers = new DataFrameParameterType(
  new Table(Object.fromEntries(COLUMNS.map((name, index) => [name, vectorFromArray(Float32Array.of([5.1, 3.5, 1.4, 0.2][index]!))]))),
);
const predictions = new DataFrameParameterType(
  new Table({
    species: vectorFromArray(['setosa'], new Utf8()),
    setosa: vectorFromArray(Float32Array.of(0.98)),
    versicolor: vectorFromArray(Float32Array.of(0.02)),
    virginica: vectorFromArray(Float32Array.of(0)),
  }),
);

let model: OnnxModel | undefined;

export const init = modelInit(async (modelDir: string) => {
  model = await loadOnnxModel(
    join(modelDir, 'iris-logistic.onnx'),
    COLUMNS.map((name) => ({ name, type: 'float32', shape: [null, 1] })),
  );
});

export const run = withSchemas({ inputs: [['flowers', flowers]], output: predictions }, async (flowers) => {
  const rows = flowers.numRows;
  // A column of one chunk without nulls gives its Float32Array without copying it.
  const feeds = Object.fromEntries(COLUMNS.map((name) => [name, new Tensor('float32', flowers.getChild(name)!.toArray() as Float32Array, [rows, 1])]));
  const { probabilities } = await model!.run(feeds);
  const values = probabilities!.data as Float32Array;
  const column = (species: number) => vectorFromArray(Float32Array.from({ length: rows }, (_, row) => values[row * SPECIES.length + species]!));
  const species = Array.from({ length: rows }, (_, row) => SPECIES[argMax(values.subarray(row * SPECIES.length, (row + 1) * SPECIES.length))]!);
  return new Table({ species: vectorFromArray(species, new Utf8()), setosa: column(0), versicolor: column(1), virginica: column(2) });
});

function argMax(values: Float32Array): number {
  let best = 0;
  for (let index = 1; index < values.length; index += 1) if (values[index]! > values[best]!) best = index;
  return best;
}
// #endregion script
