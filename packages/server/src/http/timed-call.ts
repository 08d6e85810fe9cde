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

/** What a {@link TimedCaller} resolves to: the value and how long the call took. */
export interface TimedResult<T> {
  readonly value: T;
  readonly elapsedMs: number;
}

/** Calls a function under one fixed timeout; see {@link createTimedCaller}. */
export type TimedCaller = <T>(call: () => Promise<T>) => Promise<TimedResult<T>>;

interface Pending {
  readonly deadline: number;
  settled: boolean;
  expire(): void;
}

/**
 * Returns a function that calls `call` and resolves with its value and duration, or rejects with
 * {@link ScoringTimeoutError} once `timeoutMs` has passed. JavaScript cannot interrupt synchronous code, so a
 * call that blocks the event loop past the limit is also reported as a timeout when it returns (its result is
 * dropped). The abandoned promise of an asynchronous call that timed out keeps running; its outcome is ignored.
 *
 * Every call has the same timeout, so deadlines come in the order calls start: the pending calls form a queue
 * watched by one timer armed for the oldest deadline, instead of a timer per request.
 *
 * @example
 * const timed = createTimedCaller(5_000);
 * const { value, elapsedMs } = await timed(() => script.invoke(body));
 */
export function createTimedCaller(timeoutMs: number): TimedCaller {
  const queue: Pending[] = [];
  let head = 0;
  let timer: NodeJS.Timeout | undefined;
  let armedFor = Number.POSITIVE_INFINITY;

  const dropSettled = () => {
    while (head < queue.length && queue[head]!.settled) head += 1;
    if (head === queue.length) {
      queue.length = 0;
      head = 0;
    } else if (head > 1024 && head * 2 > queue.length) {
      queue.splice(0, head);
      head = 0;
    }
  };
  // A timer armed for an earlier deadline stays: when it fires it re-arms for the oldest pending call. So the
  // timer is set at most about once per timeout period, not once per request.
  const arm = () => {
    const next = queue[head];
    if (!next || armedFor <= next.deadline) return;
    clearTimeout(timer);
    armedFor = next.deadline;
    timer = setTimeout(expireDue, Math.max(0, next.deadline - performance.now()));
    timer.unref();
  };
  function expireDue(): void {
    armedFor = Number.POSITIVE_INFINITY;
    const now = performance.now();
    while (head < queue.length && (queue[head]!.settled || queue[head]!.deadline <= now)) {
      const pending = queue[head]!;
      head += 1;
      if (!pending.settled) {
        pending.settled = true;
        pending.expire();
      }
    }
    dropSettled();
    arm();
  }

  return <T>(call: () => Promise<T>) =>
    new Promise<TimedResult<T>>((resolve, reject) => {
      const started = performance.now();
      const pending: Pending = { deadline: started + timeoutMs, settled: false, expire: () => reject(new ScoringTimeoutError(timeoutMs)) };
      queue.push(pending);
      if (queue.length - head === 1) arm();
      const finish = () => {
        if (pending.settled) return false;
        pending.settled = true;
        dropSettled();
        return true;
      };
      let result: Promise<T>;
      try {
        result = call();
      } catch (error) {
        result = Promise.reject(error);
      }
      result.then(
        (value) => {
          if (!finish()) return;
          const elapsedMs = performance.now() - started;
          if (elapsedMs > timeoutMs) reject(new ScoringTimeoutError(timeoutMs));
          else resolve({ value, elapsedMs });
        },
        (error: unknown) => {
          if (finish()) reject(error);
        },
      );
    });
}
