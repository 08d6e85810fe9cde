// The worker thread of one ONNX model (run by piscina; see onnx-model.ts). onnxruntime-node's
// `InferenceSession.run` computes on the thread that calls it, so the session lives here, off the server's event
// loop. Plain JavaScript: a worker thread gets none of the entry-script loader's TypeScript hooks.
import { createRequire } from 'node:module';
import { workerData } from 'node:worker_threads';

// required, not imported: under a loader that transforms this file (tsx), the CommonJS package's default export is lost.
const ort = createRequire(import.meta.url)('onnxruntime-node');

const [IDLE, BUSY] = [0, 1];
/** Shared with onnx-model.ts, which marks it CLOSED (2) before this thread may be terminated. */
const state = workerData.state;

/**
 * Makes one call into ONNX Runtime's native code, marked BUSY meanwhile: a thread terminated inside one aborts
 * the process, so an exiting process waits for this one to end, and a closed thread refuses to start one.
 */
async function native(call) {
  if (Atomics.compareExchange(state, 0, IDLE, BUSY) !== IDLE) throw new Error('The model is closing');
  try {
    return await call();
  } finally {
    Atomics.store(state, 0, IDLE);
    Atomics.notify(state, 0);
  }
}

/** One intra-op thread: this worker is the model's thread, and the event loop needs the other cores. */
const opening = native(() => ort.InferenceSession.create(workerData.path, { intraOpNumThreads: 1, interOpNumThreads: 1 }));
// A file that cannot be opened rejects the first task (onnx-model.ts asks for the description first).
opening.catch(() => {});

/** Tensors cross threads as plain `{ type, data, dims }` records; their typed arrays are copied once, whole. */
const plain = (tensors) => Object.fromEntries(Object.entries(tensors).map(([name, { type, data, dims }]) => [name, { type, data, dims }]));

/**
 * A task is `'describe'` (the model's inputs and outputs) or the feeds of one call of `run` (name → plain tensor),
 * answered by its outputs (name → plain tensor).
 */
export default async function task(request) {
  const session = await opening;
  if (request === 'describe') {
    return { inputNames: session.inputNames, outputNames: session.outputNames, inputMetadata: session.inputMetadata };
  }
  const feeds = Object.fromEntries(Object.entries(request).map(([name, { type, data, dims }]) => [name, new ort.Tensor(type, data, dims)]));
  return plain(await native(() => session.run(feeds)));
}
