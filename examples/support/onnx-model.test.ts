import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { setImmediate as turn } from 'node:timers/promises';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { EXAMPLES_DIR } from './serve-example.js';
import { exactBytes, OnnxModel, OnnxModelError } from './onnx-model.js';

const MLP = join(EXAMPLES_DIR, 'onnx-mlp/model/digits-mlp.onnx');
const RIDGE = join(EXAMPLES_DIR, 'onnx-regression/model/diabetes-ridge.onnx');
const pixelsSpec = [{ name: 'pixels', type: 'float32', shape: [null, 64] }] as const;

/** `rows` images of 64 pixels, each pixel a different value from 0 to 16. */
const images = (rows: number) => Float32Array.from({ length: rows * 64 }, (_, index) => (index * 7) % 17);

describe.each([
  ['on the event loop', false],
  ['in a thread of its own', true],
])('OnnxModel %s', (_, thread) => {
  let model: OnnxModel;
  let direct: InferenceSession;
  beforeAll(async () => {
    model = await OnnxModel.load(MLP, pixelsSpec, { thread });
    direct = await InferenceSession.create(MLP, { intraOpNumThreads: 1 });
  });
  afterAll(async () => {
    await model.release();
    await direct.release();
  });

  it("computes what ONNX Runtime computes on the event loop, and gives Tensors of the model's outputs", async () => {
    const input = new Tensor('float32', images(5), [5, 64]);
    const outputs = await model.run({ pixels: input });
    const expected = await direct.run({ pixels: input });
    expect(model.inputNames).toEqual(['pixels']);
    expect(Object.keys(outputs).sort()).toEqual([...model.outputNames].sort());
    expect(outputs.probabilities).toBeInstanceOf(Tensor);
    expect(outputs.probabilities!.dims).toEqual([5, 10]);
    expect(outputs.probabilities!.data).toEqual(expected.probabilities!.data);
  });

  it('computes on the rows a view shows only, and leaves the caller\'s array intact', async () => {
    const all = images(10);
    const view = all.subarray(3 * 64, 5 * 64);
    const [fromView, fromCopy] = await Promise.all([
      model.run({ pixels: new Tensor('float32', view, [2, 64]) }),
      model.run({ pixels: new Tensor('float32', view.slice(), [2, 64]) }),
    ]);
    expect(fromView.probabilities!.data).toEqual(fromCopy.probabilities!.data);
    expect(all).toEqual(images(10));
    expect(view.length).toBe(128);
  });

  it('answers concurrent calls each with its own outputs, in any order they settle', async () => {
    const rows = [1, 3, 2, 4];
    const results = await Promise.all(rows.map((count, index) => model.run({ pixels: new Tensor('float32', images(index + count).subarray(index * 64), [count, 64]) })));
    for (const [index, count] of rows.entries()) {
      const expected = await direct.run({ pixels: new Tensor('float32', images(index + count).slice(index * 64), [count, 64]) });
      expect(results[index]!.probabilities!.data).toEqual(expected.probabilities!.data);
    }
  });

  it("rejects a call ONNX Runtime refuses with ONNX Runtime's message, and goes on serving", async () => {
    await expect(model.run({ pixels: new Tensor('float32', images(1).subarray(0, 32), [1, 32]) })).rejects.toThrow(/Got invalid dimensions for input: pixels/);
    expect((await model.run({ pixels: new Tensor('float32', images(1), [1, 64]) })).probabilities!.dims).toEqual([1, 10]);
  });
});

describe('OnnxModel in a thread of its own: the event loop', () => {
  let model: OnnxModel;
  beforeAll(async () => {
    model = await OnnxModel.load(MLP, pixelsSpec, { thread: true });
  });
  afterAll(() => model.release());

  it('leaves the event loop free while the model computes', async () => {
    // About 0.1 s of arithmetic on this MLP: on the event loop, it would all happen within one turn.
    const rows = 8_000;
    const done = model.run({ pixels: new Tensor('float32', images(rows), [rows, 64]) });
    let settled = false;
    void done.finally(() => (settled = true));
    let turns = 0;
    while (!settled) {
      await turn();
      turns += 1;
    }
    expect((await done).probabilities!.dims).toEqual([rows, 10]);
    expect(turns).toBeGreaterThan(100);
  });
});

describe.each([
  ['on the event loop', false],
  ['in a thread of its own', true],
])('OnnxModel %s: release', (_, thread) => {
  it('lets the calls already made finish, then frees the session', async () => {
    const model = await OnnxModel.load(MLP, pixelsSpec, { thread });
    const calls = [model.run({ pixels: new Tensor('float32', images(8_000), [8_000, 64]) }), model.run({ pixels: new Tensor('float32', images(1), [1, 64]) })];
    await model.release();
    const [large, small] = await Promise.all(calls);
    expect([large!.probabilities!.dims, small!.probabilities!.dims]).toEqual([[8_000, 10], [1, 10]]);
  });

  it('rejects a call after it', async () => {
    const model = await OnnxModel.load(RIDGE, [{ name: 'features', type: 'float32', shape: [null, 10] }], { thread });
    await model.release();
    await expect(model.run({ features: new Tensor('float32', new Float32Array(10), [1, 10]) })).rejects.toThrow(new OnnxModelError(`ONNX model ${RIDGE} was released`));
  });
});

describe('exactBytes: what crosses to the model thread', () => {
  it('sends an array that is all of its buffer as it is, nothing to move', () => {
    const whole = images(2);
    expect(exactBytes(whole)).toEqual({ data: whole });
    expect(exactBytes(whole).data).toBe(whole);
  });

  it('cuts a view out of its larger buffer into a buffer of its own, to be moved, and leaves the view alone', () => {
    const all = images(10);
    const view = all.subarray(3 * 64, 5 * 64);
    const { data, transfer } = exactBytes(view);
    expect(data).toEqual(view);
    expect(data).toBeInstanceOf(Float32Array);
    expect([(data as Float32Array).buffer.byteLength, transfer]).toEqual([2 * 64 * 4, (data as Float32Array).buffer]);
    expect(all).toEqual(images(10));
  });

  it("copies a Buffer's bytes, whose slice is a view, not only its pool", () => {
    const pooled = Buffer.from([1, 2, 3]);
    const { data, transfer } = exactBytes(pooled);
    expect(pooled.buffer.byteLength).toBeGreaterThan(3);
    expect([...(data as Uint8Array)]).toEqual([1, 2, 3]);
    expect(transfer!.byteLength).toBe(3);
  });
});

describe('OnnxModel in a thread of its own: a process that exits while its model computes', () => {
  it("exits with its own code: the model thread leaves ONNX Runtime first (terminated inside it, the process aborts with 134)", async () => {
    const fixture = join(EXAMPLES_DIR, 'support/fixtures/exit-while-running.ts');
    const exit = await promisify(execFile)(process.execPath, ['--import', 'tsx', fixture]).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    // The fixture exits with 7 only while its call is still running (8 if the call ended first).
    expect(exit).toEqual({ code: 7, stderr: '' });
  });
});

describe.each([
  ['on the event loop', false],
  ['in a thread of its own', true],
])('OnnxModel.load %s refuses a model that does not fit the samples', (_, thread) => {
  it('names every mismatch', async () => {
    await expect(OnnxModel.load(MLP, [{ name: 'image', type: 'float64', shape: [null, 32] }], { thread })).rejects.toThrow(
      new OnnxModelError(`ONNX model ${MLP} does not match the script's samples: the model's inputs are [pixels] but the samples give [image]`),
    );
    await expect(OnnxModel.load(MLP, [{ name: 'pixels', type: 'float64', shape: [null, 32] }], { thread })).rejects.toThrow(
      `ONNX model ${MLP} does not match the script's samples: input 'pixels' is float32 but the sample is float64; input 'pixels' has shape [batch, 64] but the sample gives [?, 32]`,
    );
  });
});
