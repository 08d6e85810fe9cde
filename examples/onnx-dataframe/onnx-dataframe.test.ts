import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScoringScript } from '@inferschema/core/runtime';
import { EXAMPLES_DIR, postJson, requestText, serveExample, type ServedExample } from '../support/serve-example.js';

const SPECIES = ['setosa', 'versicolor', 'virginica'] as const;
const sklearnProbabilities = JSON.parse(requestText('onnx-dataframe', 'sklearn-probabilities.json')) as number[][];

describe('examples/onnx-dataframe', () => {
  let served: ServedExample;
  beforeAll(async () => {
    served = await serveExample('onnx-dataframe');
  });
  afterAll(() => served.close());

  it("gives scikit-learn's predict_proba for each flower, column by column, and the likeliest species", async () => {
    const response = await postJson(served.url, requestText('onnx-dataframe', 'flowers.json'));
    expect(response.status).toBe(200);
    const rows = (await response.json()) as Record<string, number | string>[];
    expect(rows.map((row) => row.species)).toEqual(['setosa', 'setosa', 'versicolor', 'versicolor', 'virginica', 'virginica']);
    rows.forEach((row, index) => {
      SPECIES.forEach((name, species) => expect(Math.abs((row[name] as number) - sklearnProbabilities[index]![species]!)).toBeLessThan(1e-6));
    });
  });

  it('answers 400 naming the row when a flower lacks a column', async () => {
    const body = JSON.stringify({ flowers: [{ sepal_length: 5.1, sepal_width: 3.5, petal_length: 1.4 }] });
    const response = await postJson(served.url, body);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      message: 'Invalid input at /flowers/0/petal_width: is required',
      errors: [{ path: '/flowers/0/petal_width', message: 'is required' }],
    });
  });

  it("init refuses a model whose inputs are not the frame's columns", async () => {
    const modelDir = mkdtempSync(join(tmpdir(), 'onnx-dataframe-'));
    try {
      copyFileSync(join(EXAMPLES_DIR, 'onnx-regression', 'model', 'diabetes-ridge.onnx'), join(modelDir, 'iris-logistic.onnx'));
      const script = await loadScoringScript(join(EXAMPLES_DIR, 'onnx-dataframe', 'score.ts'));
      await expect(script.init(modelDir)).rejects.toThrow(
        `ONNX model ${join(modelDir, 'iris-logistic.onnx')} does not match the script's samples: the model's inputs are [features] but the samples give [sepal_length, sepal_width, petal_length, petal_width]`,
      );
    } finally {
      rmSync(modelDir, { recursive: true, force: true });
    }
  });
});
