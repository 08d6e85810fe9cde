/**
 * How a script's concurrent requests are batched: at most `maxBatchSize` rows per call of `run`, and no
 * request waits more than `maxLatencyMs` for others to join it.
 */
export interface BatchOptions {
  /** The most rows (first-dimension items, summed over the requests) one call of `run` receives. */
  readonly maxBatchSize: number;
  /** The longest a request waits in the queue for its batch to start, in milliseconds. */
  readonly maxLatencyMs: number;
}

/**
 * Checks batch options (from `@batch`, `withSchemas` or the server's override).
 *
 * @throws TypeError naming `label` for a size that is not an integer from 1, or a latency that is not a
 * finite number from 0.
 */
export function checkBatchOptions(label: string, options: unknown): BatchOptions {
  const { maxBatchSize, maxLatencyMs } = (options ?? {}) as Partial<BatchOptions>;
  if (!(Number.isSafeInteger(maxBatchSize) && maxBatchSize! >= 1)) {
    throw new TypeError(`${label}: maxBatchSize must be an integer from 1, got ${String(maxBatchSize)}`);
  }
  if (!(typeof maxLatencyMs === 'number' && Number.isFinite(maxLatencyMs) && maxLatencyMs >= 0)) {
    throw new TypeError(`${label}: maxLatencyMs must be a number of milliseconds from 0, got ${String(maxLatencyMs)}`);
  }
  return Object.freeze({ maxBatchSize: maxBatchSize!, maxLatencyMs });
}
