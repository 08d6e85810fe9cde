import { performance } from 'node:perf_hooks';
import { createDeadlines, type Watched } from './deadlines.js';

/** `run` took longer than the scoring timeout. */
export class ScoringTimeoutError extends Error {
  override readonly name = 'ScoringTimeoutError';
  readonly timeoutMs: number;

  constructor(timeoutMs: number) {
    super(`Scoring timeout after ${timeoutMs} ms`);
    this.timeoutMs = timeoutMs;
  }
}

/** What a {@link TimedCaller} resolves to: the value and how long the call took. */
export interface TimedResult<T> {
  readonly value: T;
  readonly elapsedMs: number;
}

/** Calls a function under one fixed timeout; see {@link createTimedCaller}. */
export type TimedCaller = <T>(call: () => Promise<T>) => Promise<TimedResult<T>>;

interface Pending extends Watched {
  expire(): void;
}

/**
 * Returns a function that calls `call` and resolves with its value and duration, or rejects with
 * {@link ScoringTimeoutError} once `timeoutMs` has passed. JavaScript cannot interrupt synchronous code, so a
 * call that blocks the event loop past the limit is also reported as a timeout when it returns (its result is
 * dropped). The abandoned promise of an asynchronous call that timed out keeps running; its outcome is ignored.
 *
 * The pending calls are watched by one {@link createDeadlines} queue (one timer for every call, not one each).
 *
 * @example
 * const timed = createTimedCaller(5_000);
 * const { value, elapsedMs } = await timed(() => script.invoke(body));
 */
export function createTimedCaller(timeoutMs: number): TimedCaller {
  const deadlines = createDeadlines<Pending>(timeoutMs, (pending) => pending.expire());
  return <T>(call: () => Promise<T>) =>
    new Promise<TimedResult<T>>((resolve, reject) => {
      const started = performance.now();
      const pending: Pending = { deadline: 0, settled: false, expire: () => reject(new ScoringTimeoutError(timeoutMs)) };
      deadlines.watch(pending);
      let result: Promise<T>;
      try {
        result = call();
      } catch (error) {
        result = Promise.reject(error);
      }
      result.then(
        (value) => {
          if (!deadlines.settle(pending)) return;
          const elapsedMs = performance.now() - started;
          if (elapsedMs > timeoutMs) reject(new ScoringTimeoutError(timeoutMs));
          else resolve({ value, elapsedMs });
        },
        (error: unknown) => {
          if (deadlines.settle(pending)) reject(error);
        },
      );
    });
}
