import { performance } from 'node:perf_hooks';

/** `run` took longer than the scoring timeout. */
export class ScoringTimeoutError extends Error {
  override readonly name = 'ScoringTimeoutError';
  readonly timeoutMs: number;

  constructor(timeoutMs: number) {
    super(`Scoring timeout after ${timeoutMs} ms`);
    this.timeoutMs = timeoutMs;
  }
}

/** What {@link timedCall} resolves to: the value and how long the call took. */
export interface TimedResult<T> {
  readonly value: T;
  readonly elapsedMs: number;
}

/**
 * Calls `call` and resolves with its value and duration, or rejects with {@link ScoringTimeoutError} once
 * `timeoutMs` has passed. JavaScript cannot interrupt synchronous code, so a call that blocks the event loop
 * past the limit is also reported as a timeout when it returns (its result is dropped). The abandoned
 * promise of an asynchronous call that timed out keeps running; its outcome is ignored.
 *
 * @example
 * const { value, elapsedMs } = await timedCall(() => script.invoke(body), 5_000);
 */
export async function timedCall<T>(call: () => Promise<T>, timeoutMs: number): Promise<TimedResult<T>> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ScoringTimeoutError(timeoutMs)), timeoutMs);
  });
  let pending: Promise<T>;
  try {
    pending = call();
  } catch (error) {
    pending = Promise.reject(error);
  }
  pending.catch(() => undefined);
  try {
    const value = await Promise.race([pending, expired]);
    const elapsedMs = performance.now() - started;
    if (elapsedMs > timeoutMs) throw new ScoringTimeoutError(timeoutMs);
    return { value, elapsedMs };
  } finally {
    clearTimeout(timer);
  }
}
