// The entry script: `init` loads the model from the model directory, `run` scores a batch of rows. The samples
// in the decorators declare what `run` takes and returns (float64 rows of three features in, one score per row
// out); inferschema validates every request against them and writes them into swagger.json.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inputSchema, modelInit, NdArrayParameterType, outputSchema, type NdArray } from '@inferschema/core';

/** A linear model: one weight per feature, and a bias. */
interface LinearModel {
  weights: number[];
  bias: number;
}

export default class LinearScorer {
  #model: LinearModel = { weights: [], bias: 0 };

  @modelInit
  async init(modelDir: string) {
    this.#model = JSON.parse(await readFile(join(modelDir, 'model.json'), 'utf8')) as LinearModel;
  }

  @inputSchema('data', new NdArrayParameterType(new Float64Array([1, 2, 3]), { shape: [1, 3] }))
  @outputSchema(new NdArrayParameterType(new Float64Array([1.375])))
  run(data: NdArray<Float64Array>) {
    const [rows = 0, columns = 0] = data.shape;
    const scores = new Float64Array(rows).fill(this.#model.bias);
    for (let row = 0; row < rows; row += 1) {
      for (let column = 0; column < columns; column += 1) scores[row]! += data.get(row, column) * this.#model.weights[column]!;
    }
    return scores;
  }
}
