import { existsSync } from 'node:fs';
import { Piscina } from 'piscina';
import { Tensor, type InferenceSession } from 'onnxruntime-node';

/**
 * What an entry script's samples say one model input must be: its name (the request key or DataFrame
 * column), its element type and its shape, `null` for a free dimension (the batch).
 */
export interface OnnxInputSpec {
  readonly name: string;
  readonly type: Tensor.Type;
  readonly shape: readonly (number | null)[];
}

/** The model file is missing, is not ONNX, or does not take what the script's samples describe. */
export class OnnxModelError extends Error {
  override readonly name = 'OnnxModelError';
}

const dims = (shape: readonly (number | string | null)[]) => `[${shape.map((size) => (typeof size === 'number' ? size : size === null ? '?' : size)).join(', ')}]`;

/** What the model's thread reports about its session. */
interface OnnxDescription {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  readonly inputMetadata: readonly InferenceSession.ValueMetadata[];
}

/** A tensor as it crosses between threads. */
interface PlainTensor {
  readonly type: Tensor.Type;
  readonly data: Tensor.DataType;
  readonly dims: readonly number[];
}

/** Every way the model's inputs differ from the samples', one line each (empty when they agree). */
function mismatches(session: OnnxDescription, expected: readonly OnnxInputSpec[]): string[] {
  const problems: string[] = [];
  const actualNames = session.inputNames;
  const expectedNames = expected.map((spec) => spec.name);
  const missing = expectedNames.filter((name) => !actualNames.includes(name));
  const extra = actualNames.filter((name) => !expectedNames.includes(name));
  if (missing.length > 0 || extra.length > 0) {
    problems.push(`the model's inputs are [${actualNames.join(', ')}] but the samples give [${expectedNames.join(', ')}]`);
  }
  for (const spec of expected) {
    const metadata = session.inputMetadata.find((input) => input.name === spec.name);
    if (!metadata) continue;
    if (!metadata.isTensor) {
      problems.push(`input '${spec.name}' is not a tensor`);
      continue;
    }
    if (metadata.type !== spec.type) problems.push(`input '${spec.name}' is ${metadata.type} but the sample is ${spec.type}`);
    const shape = metadata.shape;
    const fits = shape.length === spec.shape.length && shape.every((size, axis) => {
      const wanted = spec.shape[axis];
      // A symbolic or unknown model dimension takes any size; a fixed one must be the sample's, and the
      // sample's free (batch) dimension needs a free model dimension.
      return typeof size !== 'number' || size < 0 ? true : wanted === size;
    });
    if (!fits) problems.push(`input '${spec.name}' has shape ${dims(shape)} but the sample gives ${dims(spec.shape)}`);
  }
  return problems;
}

/**
 * A typed array that is all of its buffer: what crosses to the model's thread is copied with its whole buffer,
 * so a view into a larger one (a request body, a pooled Buffer) is cut out first.
 */
function ownBuffer(data: Tensor.DataType): Tensor.DataType {
  if (Array.isArray(data) || (data.byteOffset === 0 && data.byteLength === data.buffer.byteLength)) return data;
  return data.slice();
}

/** The model thread's state, shared with it: onnx-thread.mjs moves IDLE → BUSY around each ONNX Runtime call. */
const [IDLE, BUSY, CLOSED] = [0, 1, 2] as const;

/**
 * How long an exiting process waits for a model thread's ONNX Runtime call to end (about a batch's worth of
 * calls for the examples' models, with room for a slow machine).
 */
const EXIT_WAIT_MS = 10_000;

/** The states of the models whose threads are open. */
const openThreads = new Set<Int32Array>();

/**
 * Marks a model thread CLOSED as soon as it is outside ONNX Runtime, waiting (blocking, at most `ms`) for the
 * call it is in. A worker thread terminated inside a native call brings the whole process down
 * (onnxruntime-node throws a `Napi::Error` into C++ and the process aborts, exit code 134): measured here, a
 * SIGTERM during `init` ended 3 `serve` processes in 8 that way. Once CLOSED, the thread refuses new calls.
 */
function closeWhenIdle(state: Int32Array, ms: number): void {
  const deadline = performance.now() + ms;
  while (Atomics.compareExchange(state, 0, IDLE, CLOSED) === BUSY) {
    const left = deadline - performance.now();
    if (left <= 0) return;
    Atomics.wait(state, 0, BUSY, left);
  }
}

let exitHookInstalled = false;

/** Before the process exits (and its worker threads are terminated), lets every model thread leave ONNX Runtime. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const state of openThreads) closeWhenIdle(state, EXIT_WAIT_MS);
  });
}

/**
 * An ONNX model in a worker thread of its own. onnxruntime-node computes `InferenceSession.run` on the calling
 * thread, inside a `setImmediate`: on the event loop, a 10 ms call stops the server (health checks, timeouts,
 * every other request) for 10 ms, and no HTTP work can overlap the model's. Here the event loop only posts
 * the feeds and takes the outputs: each tensor's typed array is copied whole, once each way (a memcpy, never
 * element by element). Calls queue and run one at a time, in order, on the model's thread.
 */
export class OnnxModel {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  readonly #path: string;
  readonly #pool: Piscina;
  readonly #state: Int32Array;
  readonly #calls = new Set<Promise<unknown>>();
  #released = false;

  private constructor(path: string, pool: Piscina, state: Int32Array, description: OnnxDescription) {
    this.#path = path;
    this.#pool = pool;
    this.#state = state;
    this.inputNames = description.inputNames;
    this.outputNames = description.outputNames;
  }

  /**
   * Opens an ONNX model in its thread and checks that its inputs are the ones the script's samples describe
   * (names, element types, shapes), so a wrong model file fails `init` with a message naming the mismatch
   * rather than the first request with an ONNX Runtime error. One intra-op thread: the model's thread, beside
   * the event loop (a server scales further by `--workers`).
   *
   * @throws OnnxModelError when the file is missing, is not a valid model, or its inputs differ.
   * @example
   * const model = await OnnxModel.load(join(modelDir, 'diabetes-ridge.onnx'), [{ name: 'features', type: 'float32', shape: [null, 10] }]);
   */
  static async load(path: string, inputs: readonly OnnxInputSpec[]): Promise<OnnxModel> {
    if (!existsSync(path)) throw new OnnxModelError(`ONNX model ${path} does not exist`);
    const state = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
    installExitHook();
    openThreads.add(state);
    const pool = new Piscina({
      filename: new URL('./onnx-thread.mjs', import.meta.url).href,
      workerData: { path, state },
      minThreads: 1,
      maxThreads: 1,
      idleTimeout: Number.POSITIVE_INFINITY,
    });
    const refuse = async (message: string) => {
      await OnnxModel.#close(pool, state);
      return new OnnxModelError(`ONNX model ${path} ${message}`);
    };
    let description: OnnxDescription;
    try {
      description = (await pool.run('describe')) as OnnxDescription;
    } catch (error) {
      throw await refuse(`cannot be loaded: ${(error as Error).message}`);
    }
    const problems = mismatches(description, inputs);
    if (problems.length > 0) throw await refuse(`does not match the script's samples: ${problems.join('; ')}`);
    return new OnnxModel(path, pool, state, description);
  }

  /**
   * Runs the model on its thread: resolves to every output by name.
   *
   * @example
   * const { probabilities } = await model.run({ pixels: new Tensor('float32', pixels.data, pixels.shape) });
   */
  async run(feeds: Readonly<Record<string, Tensor>>): Promise<Record<string, Tensor>> {
    if (this.#released) throw new OnnxModelError(`ONNX model ${this.#path} was released`);
    const plain: Record<string, PlainTensor> = {};
    for (const [name, tensor] of Object.entries(feeds)) plain[name] = { type: tensor.type, data: ownBuffer(tensor.data), dims: tensor.dims };
    const call = this.#pool.run(plain) as Promise<Record<string, PlainTensor>>;
    this.#calls.add(call);
    let outputs: Record<string, PlainTensor>;
    try {
      outputs = await call;
    } finally {
      this.#calls.delete(call);
    }
    const tensors: Record<string, Tensor> = {};
    for (const [name, { type, data, dims }] of Object.entries(outputs)) tensors[name] = new Tensor(type, data as Float32Array, dims);
    return tensors;
  }

  /** Lets the calls already made finish, then ends the model's thread; a later call rejects. */
  async release(): Promise<void> {
    if (this.#released) return;
    this.#released = true;
    await Promise.allSettled(this.#calls);
    await OnnxModel.#close(this.#pool, this.#state);
  }

  static async #close(pool: Piscina, state: Int32Array): Promise<void> {
    closeWhenIdle(state, EXIT_WAIT_MS);
    openThreads.delete(state);
    await pool.destroy();
  }
}

/**
 * {@link OnnxModel.load}: the model, in its own thread, checked against the samples.
 *
 * @example
 * const model = await loadOnnxModel(join(modelDir, 'diabetes-ridge.onnx'), [{ name: 'features', type: 'float32', shape: [null, 10] }]);
 */
export function loadOnnxModel(path: string, inputs: readonly OnnxInputSpec[]): Promise<OnnxModel> {
  return OnnxModel.load(path, inputs);
}
