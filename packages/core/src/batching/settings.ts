/**
 * How a script's concurrent requests are batched: at most `maxBatchSize` rows per call of `run`, no request
 * waits more than `maxLatencyMs` for others to join it, and a batch that is not full starts at once only while
 * fewer than `maxConcurrentBatches` calls are under way.
 */
export interface BatchOptions {
  /** The most rows (first-dimension items, summed over the requests) one call of `run` receives. */
  readonly maxBatchSize: number;
  /** The longest a request waits in the queue for its batch to start, in milliseconds. */
  readonly maxLatencyMs: number;
  /**
   * How many calls of `run` may be under way before a batch that is not full waits (default 1: the next batch
   * gathers while one runs, and starts when it ends). A full batch, or one whose oldest request has waited
   * `maxLatencyMs`, starts whatever the count. More than 1 helps a `run` that hands its batch to another thread
   * or process (a model thread, a remote runtime): the next batch is already there when one ends, instead of
   * a round trip later.
   */
  readonly maxConcurrentBatches?: number;
}

/** {@link BatchOptions} with every default filled in: what a batcher runs with. */
export type BatchSettings = Required<BatchOptions>;

/**
 * Checks batch options (from `@batch`, `withSchemas` or the server's override) and fills in the defaults.
 *
 * @throws TypeError naming `label` for a size or a number of concurrent batches that is not an integer from
 * 1, or a latency that is not a finite number from 0.
 */
export function checkBatchOptions(label: string, options: unknown): BatchSettings {
  const { maxBatchSize, maxLatencyMs, maxConcurrentBatches = 1 } = (options ?? {}) as Partial<BatchOptions>;
  if (!(Number.isSafeInteger(maxBatchSize) && maxBatchSize! >= 1)) {
    throw new TypeError(`${label}: maxBatchSize must be an integer from 1, got ${String(maxBatchSize)}`);
  }
  if (!(typeof maxLatencyMs === 'number' && Number.isFinite(maxLatencyMs) && maxLatencyMs >= 0)) {
    throw new TypeError(`${label}: maxLatencyMs must be a number of milliseconds from 0, got ${String(maxLatencyMs)}`);
  }
  if (!(Number.isSafeInteger(maxConcurrentBatches) && maxConcurrentBatches >= 1)) {
    throw new TypeError(`${label}: maxConcurrentBatches must be an integer from 1, got ${String(maxConcurrentBatches)}`);
  }
  return Object.freeze({ maxBatchSize: maxBatchSize!, maxLatencyMs, maxConcurrentBatches });
}
