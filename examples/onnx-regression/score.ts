/**
 * A scikit-learn model served through ONNX Runtime: Ridge regression on scikit-learn's diabetes data set,
 * exported by `train.py` to `model/diabetes-ridge.onnx`. `init` opens an `InferenceSession` (and checks the
 * model's input against the sample); `run` hands the decoded ndarray's `Float32Array` to ONNX Runtime as it
 * is, with no copy, and returns the model's output: one predicted disease progression per patient.
 *
 *   npx inferschema serve examples/onnx-regression/score.ts --model-dir examples/onnx-regression/model
 *   curl -s -X POST http://127.0.0.1:5001/score -H 'content-type: application/json' -d @examples/onnx-regression/requests/patients.json
 */
// #region script
import { join } from 'node:path';
import { modelInit, NdArrayParameterType, withSchemas } from '@inferschema/core';
import { Tensor } from 'onnxruntime-node';
import { loadOnnxModel, type OnnxModel } from '../support/onnx-model.js';

/** One patient: age, sex, bmi, blood pressure and six serum measurements, scaled as in `load_diabetes()`. */
const features = new NdArrayParameterType(
  new Float32Array([0.0381, 0.0507, 0.0617, 0.0219, -0.0442, -0.0348, -0.0434, -0.0026, 0.0199, -0.0176]),
  { shape: [1, 10] },
);
/** One prediction per patient (the batch dimension, the first, is free on both sides). */
const prediction = new NdArrayParameterType(new Float32Array([199.85]));

let model: OnnxModel | undefined;

export const init = modelInit(async (modelDir: string) => {
  model = await loadOnnxModel(join(modelDir, 'diabetes-ridge.onnx'), [{ name: 'features', type: 'float32', shape: [null, 10] }]);
});

// `batch`: concurrent requests' rows go to ONNX Runtime in one call (see docs/batching.md).
export const run = withSchemas({ inputs: [['features', features]], output: prediction, batch: { maxBatchSize: 64, maxLatencyMs: 5 } }, async (features) => {
  // A decoded ndarray is row-major over a fresh Float32Array: it crosses to the model's thread in one copy.
  const outputs = await model!.run({ features: new Tensor('float32', features.data, features.shape) });
  return outputs.prediction!.data as Float32Array;
});
// #endregion script
