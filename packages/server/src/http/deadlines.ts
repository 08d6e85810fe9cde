import { performance } from 'node:perf_hooks';

/** Something a {@link Deadlines} queue watches: the fields it sets. */
export interface Watched {
  /** `performance.now()` value past which it expires. */
  deadline: number;
  /** True once settled (finished in time) or expired. */
  settled: boolean;
}

/** Watches items under one fixed timeout; see {@link createDeadlines}. */
export interface Deadlines<T extends Watched> {
  /** Starts the clock of `item` (sets its deadline). */
  watch(item: T): void;
  /** Stops the clock: true when `item` finished in time, false when it had already expired. */
  settle(item: T): boolean;
}

/**
 * Calls `onExpire` for each watched item that was not settled within `timeoutMs`. Every item has the same
 * timeout, so deadlines come in the order items are watched: they form a queue watched by one timer armed for
 * the oldest deadline, instead of a timer (or a promise race) per request. The items carry their own deadline
 * fields, so watching allocates nothing. JavaScript cannot interrupt synchronous code: an item whose work
 * blocks the event loop past its deadline expires when the loop is free again (the caller sees `settle` return
 * false), or, if it settles first, the caller compares the elapsed time itself.
 *
 * @example
 * const deadlines = createDeadlines<Exchange>(5_000, (exchange) => answerTimeout(exchange));
 * deadlines.watch(exchange);
 * const value = await script.invoke(input);
 * if (!deadlines.settle(exchange)) return; // already answered with the timeout
 */
export function createDeadlines<T extends Watched>(timeoutMs: number, onExpire: (item: T) => void): Deadlines<T> {
  const queue: T[] = [];
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
  // A timer armed for an earlier deadline stays: when it fires it re-arms for the oldest pending item. So the
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
      const item = queue[head]!;
      head += 1;
      if (!item.settled) {
        item.settled = true;
        onExpire(item);
      }
    }
    dropSettled();
    arm();
  }

  return {
    watch(item) {
      item.deadline = performance.now() + timeoutMs;
      item.settled = false;
      queue.push(item);
      if (queue.length - head === 1) arm();
    },
    settle(item) {
      if (item.settled) return false;
      item.settled = true;
      if (queue[head] === item) dropSettled();
      return true;
    },
  };
}
