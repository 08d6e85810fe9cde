import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScoringScript } from '@inferschema/core/runtime';
import { EXAMPLES_DIR, postJson, requestText, serveExample, type ServedExample } from '../support/serve-example.js';

const dir = join(EXAMPLES_DIR, 'onnx-regression');
const sklearnPredictions = JSON.parse(requestText('onnx-regression', 'sklearn-predictions.json')) as number[];

describe('examples/onnx-regression', () => {
  let served: ServedExample;
  beforeAll(async () => {
    served = await serveExample('onnx-regression');
  });
  afterAll(() => served.close());

  it("predicts what scikit-learn's Ridge predicted for the same patients (to float32 precision)", async () => {
    const response = await postJson(served.url, requestText('onnx-regression', 'patients.json'));
    expect(response.status).toBe(200);
    const predictions = (await response.json()) as number[];
    expect(predictions).toHaveLength(sklearnPredictions.length);
    predictions.forEach((value, index) => expect(Math.abs(value - sklearnPredictions[index]!)).toBeLessThan(1e-3));
  });

  it('answers 400 naming the path when a patient has 9 features, before ONNX Runtime sees it', async () => {
    const response = await postJson(served.url, JSON.stringify({ features: [[1, 2, 3, 4, 5, 6, 7, 8, 9]] }));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      message: 'Invalid input at /features/0: must have exactly 10 items',
      errors: [{ path: '/features/0', message: 'must have exactly 10 items' }],
    });
  });
});

describe('examples/onnx-regression: init refuses a model that does not fit the samples', () => {
  let modelDir: string;
  beforeEach(() => {
    modelDir = mkdtempSync(join(tmpdir(), 'onnx-regression-'));
  });
  afterEach(() => rmSync(modelDir, { recursive: true, force: true }));

  const initWith = async (file: string | undefined, bytes?: Uint8Array) => {
    const target = join(modelDir, 'diabetes-ridge.onnx');
    if (file) copyFileSync(join(dir, 'test-models', file), target);
    if (bytes) writeFileSync(target, bytes);
    const script = await loadScoringScript(join(dir, 'score.ts'));
    return script.init(modelDir);
  };
  const model = () => join(modelDir, 'diabetes-ridge.onnx');

  it('a missing file', async () => {
    await expect(initWith(undefined)).rejects.toThrow(`ONNX model ${model()} does not exist`);
  });

  it('a file that is not ONNX', async () => {
    await expect(initWith(undefined, new TextEncoder().encode('{"coef": [1, 2, 3]}'))).rejects.toThrow(
      `ONNX model ${model()} cannot be loaded: Load model from ${model()} failed:Protobuf parsing failed.`,
    );
  });

  it('a model file cut short', async () => {
    const whole = readFileSync(join(dir, 'model', 'diabetes-ridge.onnx'));
    await expect(initWith(undefined, whole.subarray(0, whole.length - 40))).rejects.toThrow(
      `ONNX model ${model()} cannot be loaded: Load model from ${model()} failed:Protobuf parsing failed.`,
    );
  });

  it('a model whose input has another name', async () => {
    await expect(initWith('wrong-name.onnx')).rejects.toThrow(
      `ONNX model ${model()} does not match the script's samples: the model's inputs are [x] but the samples give [features]`,
    );
  });

  it('a model that takes 8 features', async () => {
    await expect(initWith('wrong-width.onnx')).rejects.toThrow(
      `ONNX model ${model()} does not match the script's samples: input 'features' has shape [batch, 8] but the sample gives [?, 10]`,
    );
  });

  it('a model of doubles', async () => {
    await expect(initWith('wrong-type.onnx')).rejects.toThrow(
      `ONNX model ${model()} does not match the script's samples: input 'features' is float64 but the sample is float32`,
    );
  });

  it('a model with a fixed batch of 1', async () => {
    await expect(initWith('fixed-batch.onnx')).rejects.toThrow(
      `ONNX model ${model()} does not match the script's samples: input 'features' has shape [1, 10] but the sample gives [?, 10]`,
    );
  });
});
