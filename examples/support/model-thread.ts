import { Worker } from 'node:worker_threads';
import type { InferenceSession } from 'onnxruntime-node';

/**
 * The thread's state, shared with it as bits: model-thread.worker.mjs sets BUSY around each native call, only
 * from 0 (so never once CLOSING is set), and clears it after.
 */
const [BUSY, CLOSING] = [1, 2] as const;

/** How long an exiting process waits for a model thread's native call to end (room for a slow batch). */
const EXIT_WAIT_MS = 10_000;

/** The states of the threads open in this process. */
const openThreads = new Set<Int32Array>();

/**
 * Marks a thread CLOSING, so that it starts no other native call, and waits (blocking, at most `ms`) for the
 * call it is in to end. A worker thread terminated inside a native call brings the whole process down
 * (onnxruntime-node throws a `Napi::Error` into C++ and the process aborts, exit code 134): a SIGTERM during
 * `init` ended 3 `serve` processes in 8 that way.
 */
function closeWhenIdle(state: Int32Array, ms: number): void {
  Atomics.or(state, 0, CLOSING);
  const deadline = performance.now() + ms;
  while (Atomics.load(state, 0) & BUSY) {
    const left = deadline - performance.now();
    if (left <= 0) {
      process.stderr.write(`An ONNX model's thread was still inside ONNX Runtime after ${ms} ms; ending it anyway\n`);
      return;
    }
    Atomics.wait(state, 0, CLOSING | BUSY, left);
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

interface Pending {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

/**
 * An ONNX Runtime session in a worker thread of its own, called by message: a request is `'describe'` or the
 * feeds of one call as plain `{ type, data, dims }` tensors (each typed array copied once, whole), answered
 * in order, one at a time. The thread keeps the process alive only while a call is pending.
 *
 * @example
 * const thread = new ModelThread('model.onnx', { intraOpNumThreads: 1 });
 * const { inputNames } = (await thread.call('describe')) as { inputNames: string[] };
 */
export class ModelThread {
  readonly #worker: Worker;
  readonly #state = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  readonly #pending = new Map<number, Pending>();
  readonly #drained: (() => void)[] = [];
  #nextId = 0;
  #ended: Error | undefined;

  constructor(path: string, options: InferenceSession.SessionOptions) {
    installExitHook();
    openThreads.add(this.#state);
    this.#worker = new Worker(new URL('./model-thread.worker.mjs', import.meta.url), { workerData: { path, options, state: this.#state } });
    this.#worker.unref();
    this.#worker.on('message', ({ id, result, error }: { id: number; result?: unknown; error?: string }) => {
      const pending = this.#pending.get(id);
      if (!pending) return;
      this.#settled(id);
      if (error === undefined) pending.resolve(result);
      else pending.reject(new Error(error));
    });
    this.#worker.on('error', (error) => this.#end(new Error(`The model's thread failed: ${error.message}`)));
    this.#worker.on('exit', (code) => this.#end(new Error(`The model's thread ended (exit code ${code})`)));
  }

  /** Posts one request (moving the `transfer` buffers, which the caller must not use again); resolves to the thread's answer, rejects with its error. */
  call(request: unknown, transfer: readonly ArrayBuffer[] = []): Promise<unknown> {
    if (this.#ended) return Promise.reject(this.#ended);
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      if (this.#pending.size === 0) this.#worker.ref();
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ id, request }, transfer);
    });
  }

  /** Lets the calls already made finish, then ends the thread; a call made from now on rejects with `reason`. */
  async close(reason: Error): Promise<void> {
    if (this.#ended) return;
    this.#ended = reason;
    if (this.#pending.size > 0) await new Promise<void>((resolve) => this.#drained.push(resolve));
    // The thread may have failed meanwhile, and be gone.
    if (openThreads.delete(this.#state)) closeWhenIdle(this.#state, EXIT_WAIT_MS);
    await this.#worker.terminate();
  }

  #settled(id: number): void {
    this.#pending.delete(id);
    if (this.#pending.size > 0) return;
    this.#worker.unref();
    for (const resolve of this.#drained.splice(0)) resolve();
  }

  #end(error: Error): void {
    this.#ended ??= error;
    openThreads.delete(this.#state);
    for (const [id, pending] of this.#pending) {
      this.#settled(id);
      pending.reject(error);
    }
  }
}
