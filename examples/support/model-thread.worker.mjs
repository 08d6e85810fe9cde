// The worker side of model-thread.ts: one ONNX Runtime session, answering the calls posted to it one at a
// time, in order. Plain JavaScript: a worker thread gets none of the entry-script loader's TypeScript hooks.
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';

// required, not imported: under a loader that transforms this file (tsx), the CommonJS package's default export is lost.
const ort = createRequire(import.meta.url)('onnxruntime-node');
const BUSY = 1;
/** Shared with model-thread.ts, which sets its CLOSING bit (2) before this thread may be terminated. */
const { path, options, state } = workerData;

/**
 * Makes one call into ONNX Runtime's native code, with the BUSY bit set meanwhile: a thread terminated inside
 * one aborts the process, so a closing process waits for this one to end, and a closing thread starts none.
 */
async function native(call) {
  if (Atomics.compareExchange(state, 0, 0, BUSY) !== 0) throw new Error('The model is closing');
  try {
    return await call();
  } finally {
    Atomics.and(state, 0, ~BUSY);
    Atomics.notify(state, 0);
  }
}

const opening = native(() => ort.InferenceSession.create(path, options));

/** Tensors cross threads as plain `{ type, data, dims }` records. */
const plain = (tensors) => Object.fromEntries(Object.entries(tensors).map(([name, { type, data, dims }]) => [name, { type, data, dims }]));

/** Answers one request: `'describe'` (the session's inputs and outputs) or the feeds of one call. */
async function answer(request) {
  const session = await opening;
  if (request === 'describe') {
    return { inputNames: session.inputNames, outputNames: session.outputNames, inputMetadata: session.inputMetadata };
  }
  const feeds = Object.fromEntries(Object.entries(request).map(([name, { type, data, dims }]) => [name, new ort.Tensor(type, data, dims)]));
  return plain(await native(() => session.run(feeds)));
}

// Requests queue here, not in the event loop's hands: when a call ends, the next one is already in this thread.
let previous = Promise.resolve();
parentPort.on('message', ({ id, request }) => {
  const fail = (error) => parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  // Posting the result can throw too (a value that cannot be cloned): that call gets the error, the next one runs.
  previous = previous
    .then(() => answer(request))
    .then((result) => parentPort.postMessage({ id, result }), fail)
    .catch(fail);
});
