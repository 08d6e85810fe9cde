import { performance } from 'node:perf_hooks';
import { ScoringResponse } from '../script/scoring-response.js';
import { BatchOutputError } from './batch-output-error.js';
import { concatRows, rowsOfInput, rowsOfResult, sliceRows } from './rows.js';
import type { BatchSettings } from './settings.js';

/** What a batcher reports about each call of `run` it makes. */
export interface BatchReport {
  /** Rows in the batch (summed over its requests). */
  readonly rows: number;
  readonly requests: number;
  /** How long each request waited in the queue before the batch started, in milliseconds. */
  readonly queuedMs: readonly number[];
}

/** Told what a batcher does, for metrics (the server's `inferschema_batch_*`). */
export interface BatchObserver {
  /** A batch starts: called once per call of `run`, a request that runs alone included. */
  batchStarted(report: BatchReport): void;
  /**
   * The number of requests waiting in the queue changed to `waiting`: a request joined it, or left it (into a
   * batch that starts, or cancelled). A request that runs alone at once never waits in it.
   */
  queueChanged(waiting: number): void;
}

/** Calls `run` with one argument list (positions as in `run`'s parameter list). */
export type RunCall = (args: unknown[]) => Promise<unknown>;

interface Waiting {
  readonly args: unknown[];
  readonly rows: number;
  readonly key: string;
  readonly queuedAt: number;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  detach(): void;
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The request was cancelled', 'AbortError');
}

function rethrowLater(error: unknown): void {
  queueMicrotask(() => {
    throw error;
  });
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value !== 'object') return typeof value;
  return value instanceof ScoringResponse ? 'a ScoringResponse' : `an object (${value.constructor?.name ?? 'no prototype'})`;
}

/**
 * Gathers concurrent requests into batches and calls `run` once per batch: the values of each parameter are
 * stacked along the first dimension, and the result is cut back into each request's rows.
 *
 * A batch starts as soon as fewer than `maxConcurrentBatches` calls of `run` are under way (after the current
 * event-loop turn, so requests that arrived together go together), and otherwise as soon as it is full or once
 * its first request has waited `maxLatencyMs` (then beside the calls under way). So a lone client waits for
 * nobody, and under load the batch grows to what arrived while the previous ones ran. A request with more rows
 * than `maxBatchSize`, or whose values cannot be stacked, runs alone; requests whose values differ in shape
 * after the first dimension never share a batch.
 *
 * @example
 * const batcher = new Batcher('score.ts', (args) => run(...args), { maxBatchSize: 64, maxLatencyMs: 5, maxConcurrentBatches: 1 });
 * const [a, b] = await Promise.all([batcher.submit([ndarray(x1, [1, 10])]), batcher.submit([ndarray(x2, [3, 10])])]);
 * // run was called once with a [4, 10] ndarray; a holds row 0 of its result, b rows 1 to 3
 */
export class Batcher {
  readonly options: BatchSettings;
  readonly #scriptPath: string;
  readonly #run: RunCall;
  readonly #observe: BatchObserver | undefined;
  #queue: Waiting[] = [];
  #queuedRows = 0;
  #running = 0;
  #immediate: NodeJS.Immediate | undefined;
  #timer: NodeJS.Timeout | undefined;
  #timerFor: Waiting | undefined;

  constructor(scriptPath: string, run: RunCall, options: BatchSettings, observe?: BatchObserver) {
    this.#scriptPath = scriptPath;
    this.#run = run;
    this.options = options;
    this.#observe = observe;
  }

  /**
   * Queues one request's decoded arguments; resolves to its share of the batch's result. Rejects with what
   * `run` threw (for every request of the batch), with {@link BatchOutputError} when the result cannot be
   * split, or with `signal.reason` when the request is cancelled before its batch starts (the others are
   * unaffected; once the batch has started, its result is simply not used).
   */
  submit(args: unknown[], signal?: AbortSignal): Promise<unknown> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    const shape = this.#shapeOf(args);
    return new Promise((resolve, reject) => {
      const waiting: Waiting = { args, rows: shape?.rows ?? 0, key: shape?.key ?? '', queuedAt: performance.now(), resolve, reject, detach: () => {} };
      if (!shape || shape.rows === 0 || shape.rows >= this.options.maxBatchSize) {
        void this.#execute([waiting]);
        return;
      }
      if (signal) {
        const cancel = () => this.#cancel(waiting, abortReason(signal));
        signal.addEventListener('abort', cancel, { once: true });
        waiting.detach = () => signal.removeEventListener('abort', cancel);
      }
      this.#queue.push(waiting);
      this.#queuedRows += waiting.rows;
      this.#queueChanged();
      this.#schedule();
    });
  }

  // The observer is told after the queue and the running count are consistent, and must not break them: an
  // error it throws is thrown again on its own (an uncaught exception, as any bug).
  #queueChanged(): void {
    try {
      this.#observe?.queueChanged(this.#queue.length);
    } catch (error) {
      rethrowLater(error);
    }
  }

  #batchStarted(report: BatchReport): void {
    try {
      this.#observe?.batchStarted(report);
    } catch (error) {
      rethrowLater(error);
    }
  }

  /** Rows and stacking key of a request: every argument with rows must agree on their number. */
  #shapeOf(args: readonly unknown[]): { rows: number; key: string } | undefined {
    let rows: number | undefined;
    const keys: string[] = [];
    for (const value of args) {
      if (value === undefined) {
        keys.push('-');
        continue;
      }
      const of = rowsOfInput(value);
      if (!of || (rows !== undefined && of.rows !== rows)) return undefined;
      rows = of.rows;
      keys.push(of.key);
    }
    return rows === undefined ? undefined : { rows, key: keys.join(' | ') };
  }

  #cancel(waiting: Waiting, reason: unknown): void {
    const index = this.#queue.indexOf(waiting);
    if (index === -1) return;
    this.#queue.splice(index, 1);
    this.#queuedRows -= waiting.rows;
    this.#queueChanged();
    waiting.reject(reason);
    this.#schedule();
  }

  #schedule(): void {
    const head = this.#queue[0];
    if (!head) {
      this.#disarm();
      return;
    }
    if (this.#queuedRows >= this.options.maxBatchSize && this.#fullBatchWaiting(head)) {
      this.#flush();
      return;
    }
    if (this.#running < this.options.maxConcurrentBatches) {
      this.#immediate ??= setImmediate(() => {
        this.#immediate = undefined;
        // A full batch or a request too large to batch may have taken the free call meanwhile.
        if (this.#running < this.options.maxConcurrentBatches) this.#flush();
        else this.#schedule();
      });
      return;
    }
    if (this.#timerFor === head) return;
    clearTimeout(this.#timer);
    this.#timerFor = head;
    this.#timer = setTimeout(() => {
      this.#timerFor = undefined;
      this.#flush();
    }, Math.max(0, head.queuedAt + this.options.maxLatencyMs - performance.now()));
  }

  #fullBatchWaiting(head: Waiting): boolean {
    let rows = 0;
    for (const waiting of this.#queue) if (waiting.key === head.key && (rows += waiting.rows) >= this.options.maxBatchSize) return true;
    return false;
  }

  #disarm(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#timerFor = undefined;
  }

  /** Starts a batch: the oldest request and those behind it that stack with it, up to `maxBatchSize` rows. */
  #flush(): void {
    const head = this.#queue[0];
    if (!head) return;
    const batch: Waiting[] = [];
    const rest: Waiting[] = [];
    let rows = 0;
    for (const waiting of this.#queue) {
      if (waiting.key === head.key && rows + waiting.rows <= this.options.maxBatchSize) {
        batch.push(waiting);
        rows += waiting.rows;
      } else {
        rest.push(waiting);
      }
    }
    this.#queue = rest;
    this.#queuedRows -= rows;
    this.#queueChanged();
    if (this.#timerFor && !rest.includes(this.#timerFor)) this.#disarm();
    void this.#execute(batch);
    this.#schedule();
  }

  async #execute(batch: readonly Waiting[]): Promise<void> {
    this.#running += 1;
    const started = performance.now();
    let rows = 0;
    for (const waiting of batch) {
      waiting.detach();
      rows += waiting.rows;
    }
    this.#batchStarted({ rows, requests: batch.length, queuedMs: batch.map((waiting) => started - waiting.queuedAt) });
    try {
      const args = batch.length === 1 ? batch[0]!.args : batch[0]!.args.map((_, position) => {
        const values = batch.map((waiting) => waiting.args[position]);
        return values[0] === undefined ? undefined : concatRows(values);
      });
      const result = await this.#run(args);
      if (batch[0]!.key === '') {
        batch[0]!.resolve(result);
        return;
      }
      const returned = result instanceof ScoringResponse ? undefined : rowsOfResult(result);
      if (returned !== rows) throw new BatchOutputError(this.#scriptPath, rows, returned, batch.length, describe(result));
      let offset = 0;
      for (const waiting of batch) {
        waiting.resolve(batch.length === 1 ? result : sliceRows(result, offset, offset + waiting.rows));
        offset += waiting.rows;
      }
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    } finally {
      this.#running -= 1;
      this.#schedule();
    }
  }
}
