import { checkBatchOptions, type BatchOptions } from '../batching/settings.js';
import { appendMark, BATCH } from './metadata.js';
import { methodDecorator, type MethodDecorator } from './method-decorator.js';

/**
 * Lets the server merge concurrent requests into one call of `run` (adaptive batching): the requests'
 * ndarray and DataFrame inputs are stacked along their first dimension, `run` is called once, and its result
 * is cut back by rows, each request getting its own. `run` must treat rows independently and return one row
 * per input row. At most `maxBatchSize` rows go into one call; a request waits at most `maxLatencyMs` for
 * others to join; `maxConcurrentBatches` (default 1) calls may be under way before a batch that is not full
 * waits. Without a class, pass `batch` to `withSchemas`. The server's `--batch-max-size 0` turns it off.
 *
 * @example
 * class Model {
 *   @batch({ maxBatchSize: 64, maxLatencyMs: 5 })
 *   @inputSchema('features', new NdArrayParameterType(new Float32Array(10), { shape: [1, 10] }))
 *   async run(features: NdArray<Float32Array>) { return this.session.run(...); }
 * }
 */
export function batch(options: BatchOptions): MethodDecorator {
  const checked = checkBatchOptions('@batch', options);
  return methodDecorator('@batch', (method) => appendMark(method, BATCH, checked));
}
