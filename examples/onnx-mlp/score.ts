/**
 * A neural network served through ONNX Runtime with adaptive batching: scikit-learn's MLPClassifier (three
 * hidden layers of 512 units) trained on scikit-learn's 8x8 handwritten digits, exported by `train.py`.
 * `run` takes `pixels`, a batch of images of 64 values from 0 to 16, and returns the probability of each digit.
 * `batch` lets the server stack the images of concurrent requests into one ONNX Runtime call: one call on 64
 * rows costs far less than 64 calls on one row (the weights are read once, and the products are
 * matrix-matrix instead of matrix-vector). The model runs in a thread of its own (docs/batching.md).
 *
 *   npx inferschema serve examples/onnx-mlp/score.ts --model-dir examples/onnx-mlp/model
 *   curl -s -X POST http://127.0.0.1:5001/score -H 'content-type: application/json' -d @examples/onnx-mlp/requests/digits.json
 */
// #region script
import { join } from 'node:path';
import { modelInit, NdArrayParameterType, withSchemas } from '@inferschema/core';
import ndarray from 'ndarray';
import { Tensor } from 'onnxruntime-node';
import { loadOnnxModel, type OnnxModel } from '../support/onnx-model.js';

/** The first image of `load_digits()`: a 0, row by row, darkness from 0 to 16. */
const zero = [0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15, 10, 15, 5, 0, 0, 3, 15, 2, 0, 11, 8, 0, 0, 4, 12, 0, 0, 8, 8, 0, 0, 5, 8, 0, 0, 9, 8, 0, 0, 4, 11, 0, 1, 12, 7, 0, 0, 2, 14, 5, 10, 12, 0, 0, 0, 0, 6, 13, 10, 0, 0, 0];
const pixels = new NdArrayParameterType(Float32Array.from(zero), { shape: [1, 64] });
const probabilities = new NdArrayParameterType(Float32Array.of(0.99, 0, 0, 0, 0, 0.01, 0, 0, 0, 0), { shape: [1, 10] });

let model: OnnxModel | undefined;

export const init = modelInit(async (modelDir: string) => {
  // A thread of its own: a batch's call no longer stops the event loop, and the next batch's HTTP work overlaps it.
  model = await loadOnnxModel(join(modelDir, 'digits-mlp.onnx'), [{ name: 'pixels', type: 'float32', shape: [null, 64] }], { thread: true });
});

// #region batched-run
export const run = withSchemas(
  // Two batches under way: the model's thread starts the next one as soon as one ends.
  { inputs: [['pixels', pixels]], output: probabilities, batch: { maxBatchSize: 64, maxLatencyMs: 5, maxConcurrentBatches: 2 } },
  async (pixels) => {
    const outputs = await model!.run({ pixels: new Tensor('float32', pixels.data, pixels.shape) });
    return ndarray(outputs.probabilities!.data as Float32Array, [pixels.shape[0]!, 10]);
  },
);
// #endregion batched-run
// #endregion script
