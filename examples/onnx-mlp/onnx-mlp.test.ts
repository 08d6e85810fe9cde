import { postJson, requestText, serveExample, type ServedExample } from '../support/serve-example.js';

const sklearnProbabilities = JSON.parse(requestText('onnx-mlp', 'sklearn-probabilities.json')) as number[][];

describe('examples/onnx-mlp', () => {
  let served: ServedExample;
  beforeAll(async () => {
    served = await serveExample('onnx-mlp');
  });
  afterAll(() => served.close());

  it("gives scikit-learn's predict_proba for the first five digits", async () => {
    const response = await postJson(served.url, requestText('onnx-mlp', 'digits.json'));
    expect(response.status).toBe(200);
    const probabilities = (await response.json()) as number[][];
    expect(probabilities).toHaveLength(5);
    probabilities.forEach((row, index) => row.forEach((value, digit) => expect(Math.abs(value - sklearnProbabilities[index]![digit]!)).toBeLessThan(1e-4)));
  });

  it('declares batching, and concurrent requests each get their own digits back', async () => {
    expect(served.server.script.batching).toEqual({ maxBatchSize: 64, maxLatencyMs: 5, maxConcurrentBatches: 2 });
    const images = (JSON.parse(requestText('onnx-mlp', 'digits.json')) as { pixels: number[][] }).pixels;
    const responses = await Promise.all(images.map((image) => postJson(served.url, JSON.stringify({ pixels: [image] }))));
    const answers = (await Promise.all(responses.map((response) => response.json()))) as number[][][];
    answers.forEach(([row], index) => row!.forEach((value, digit) => expect(Math.abs(value - sklearnProbabilities[index]![digit]!)).toBeLessThan(1e-4)));
    const batches = /^inferschema_batch_requests_count\{model="score"\} (\d+)$/m.exec(await (await fetch(`${served.url}/metrics`)).text());
    expect(Number(batches?.[1])).toBeGreaterThan(0);
  });
});
