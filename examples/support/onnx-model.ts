import { existsSync } from 'node:fs';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { ModelThread } from './model-thread.js';

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

/** What a session says of itself (the model thread reports the same). */
type OnnxDescription = Pick<InferenceSession, 'inputNames' | 'outputNames' | 'inputMetadata'>;

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
 * The bytes of a tensor's data as they go to the model's thread: a typed array that is all of its buffer is
 * sent as it is (copied once by the structured clone); a view into a larger buffer (a request body, a pooled
 * `Buffer`) is cut out first, into a buffer of its own that is moved, not copied again (`transfer`).
 */
export function exactBytes(data: Tensor.DataType): { data: Tensor.DataType; transfer?: ArrayBuffer } {
  if (Array.isArray(data) || (data.byteOffset === 0 && data.byteLength === data.buffer.byteLength && !(data.buffer instanceof SharedArrayBuffer))) {
    return { data };
  }
  // Buffer#slice is a view, not a copy.
  const copy = Buffer.isBuffer(data) ? new Uint8Array(data) : data.slice();
  return { data: copy, transfer: copy.buffer as ArrayBuffer };
}

/** A Tensor of outputs that crossed back from the model's thread, whatever their element type. */
function tensorOf({ type, data, dims }: PlainTensor): Tensor {
  return new Tensor(type, data as Tensor.DataTypeMap[typeof type], dims);
}

/** Where a model's session runs: on the event loop, or in its own thread. */
interface SessionRunner {
  readonly description: OnnxDescription;
  run(feeds: Readonly<Record<string, Tensor>>): Promise<Record<string, Tensor>>;
  close(reason: Error): Promise<void>;
}

/** One intra-op thread: the event loop (or the model's thread) needs the other cores; a server scales by `--workers`. */
const SESSION_OPTIONS: InferenceSession.SessionOptions = { intraOpNumThreads: 1, interOpNumThreads: 1 };

async function onEventLoop(path: string): Promise<SessionRunner> {
  const session = await InferenceSession.create(path, SESSION_OPTIONS);
  return { description: session, run: (feeds) => session.run(feeds), close: () => session.release() };
}

async function inOwnThread(path: string): Promise<SessionRunner> {
  const thread = new ModelThread(path, SESSION_OPTIONS);
  let description: OnnxDescription;
  try {
    description = (await thread.call('describe')) as OnnxDescription;
  } catch (error) {
    await thread.close(error as Error);
    throw error;
  }
  return {
    description,
    async run(feeds) {
      const plain: Record<string, PlainTensor> = {};
      const transfer: ArrayBuffer[] = [];
      for (const [name, tensor] of Object.entries(feeds)) {
        const bytes = exactBytes(tensor.data);
        plain[name] = { type: tensor.type, data: bytes.data, dims: tensor.dims };
        if (bytes.transfer) transfer.push(bytes.transfer);
      }
      const outputs = (await thread.call(plain, transfer)) as Record<string, PlainTensor>;
      const tensors: Record<string, Tensor> = {};
      for (const [name, output] of Object.entries(outputs)) tensors[name] = tensorOf(output);
      return tensors;
    },
    close: (reason) => thread.close(reason),
  };
}

/** Where {@link OnnxModel.load} opens the model. */
export interface OnnxModelOptions {
  /**
   * Run the model in a worker thread of its own (default: false, on the event loop). onnxruntime-node
   * computes `InferenceSession.run` on the calling thread: on the event loop a 10 ms call stops the server
   * (health checks, timeouts, every other request) for 10 ms, and no HTTP work overlaps the model's. In a
   * thread, each call costs a round trip between threads instead (docs/batching.md has the figures): worth it
   * for long calls, such as batches, not for short ones.
   */
  readonly thread?: boolean;
}

/**
 * An ONNX model checked against the script's samples, run on the event loop or in a thread of its own
 * ({@link OnnxModelOptions.thread}).
 */
export class OnnxModel {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  readonly #path: string;
  readonly #runner: SessionRunner;
  readonly #calls = new Set<Promise<unknown>>();
  #released = false;

  private constructor(path: string, runner: SessionRunner) {
    this.#path = path;
    this.#runner = runner;
    this.inputNames = runner.description.inputNames;
    this.outputNames = runner.description.outputNames;
  }

  /**
   * Opens an ONNX model and checks that its inputs are the ones the script's samples describe (names, element
   * types, shapes), so a wrong model file fails `init` with a message naming the mismatch rather than the
   * first request with an ONNX Runtime error.
   *
   * @throws OnnxModelError when the file is missing, is not a valid model, or its inputs differ.
   * @example
   * const model = await OnnxModel.load(join(modelDir, 'digits-mlp.onnx'), [{ name: 'pixels', type: 'float32', shape: [null, 64] }], { thread: true });
   */
  static async load(path: string, inputs: readonly OnnxInputSpec[], options: OnnxModelOptions = {}): Promise<OnnxModel> {
    if (!existsSync(path)) throw new OnnxModelError(`ONNX model ${path} does not exist`);
    let runner: SessionRunner;
    try {
      runner = await (options.thread ? inOwnThread(path) : onEventLoop(path));
    } catch (error) {
      throw new OnnxModelError(`ONNX model ${path} cannot be loaded: ${(error as Error).message}`);
    }
    const problems = mismatches(runner.description, inputs);
    if (problems.length > 0) {
      const error = new OnnxModelError(`ONNX model ${path} does not match the script's samples: ${problems.join('; ')}`);
      await runner.close(error);
      throw error;
    }
    return new OnnxModel(path, runner);
  }

  /**
   * Runs the model: resolves to every output by name.
   *
   * @example
   * const { probabilities } = await model.run({ pixels: new Tensor('float32', pixels.data, pixels.shape) });
   */
  run(feeds: Readonly<Record<string, Tensor>>): Promise<Record<string, Tensor>> {
    if (this.#released) return Promise.reject(this.#releasedError());
    const call = this.#runner.run(feeds);
    this.#calls.add(call);
    const forget = () => this.#calls.delete(call);
    call.then(forget, forget);
    return call;
  }

  /** Lets the calls already made finish, then frees the session (and ends its thread); a later call rejects. */
  async release(): Promise<void> {
    if (this.#released) return;
    this.#released = true;
    await Promise.allSettled(this.#calls);
    await this.#runner.close(this.#releasedError());
  }

  #releasedError(): OnnxModelError {
    return new OnnxModelError(`ONNX model ${this.#path} was released`);
  }
}

/**
 * {@link OnnxModel.load}: the model, checked against the samples.
 *
 * @example
 * const model = await loadOnnxModel(join(modelDir, 'diabetes-ridge.onnx'), [{ name: 'features', type: 'float32', shape: [null, 10] }]);
 */
export function loadOnnxModel(path: string, inputs: readonly OnnxInputSpec[], options?: OnnxModelOptions): Promise<OnnxModel> {
  return OnnxModel.load(path, inputs, options);
}
