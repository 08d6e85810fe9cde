/** A request whose `run` has started and not yet been answered (the server's `Exchange`). */
export interface RunningRequest {
  readonly requestId: string;
  /** True once answered. */
  readonly done: boolean;
  /** Answers with `status`, a body and its content type, plus `extra` header pairs (see `Exchange.send`). */
  send(status: number, contentType: string, body: string, extra: readonly string[]): void;
}

/**
 * The requests whose `run` is in progress, so that a process-level failure can name them and a shutdown that
 * runs out of time can still answer them. The requests themselves are the entries: adding and removing is a
 * `Set` operation per request, with nothing allocated.
 *
 * @example
 * const running = new RunningRequests();
 * running.begin(exchange);
 * try { await run() } finally { running.end(exchange) }
 */
export class RunningRequests {
  readonly #entries = new Set<RunningRequest>();

  begin(request: RunningRequest): void {
    this.#entries.add(request);
  }

  end(request: RunningRequest): void {
    this.#entries.delete(request);
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The ids of the running requests, at most `limit` of them (oldest first). */
  ids(limit = 20): string[] {
    const ids: string[] = [];
    for (const entry of this.#entries) {
      if (ids.length >= limit) break;
      ids.push(entry.requestId);
    }
    return ids;
  }

  /**
   * Answers every running request not yet answered with `status`, `{ message }` and `x-ms-run-function-failed:
   * True` (with its ids and `Connection: close`, as every answer of a closing server), and returns how many were
   * answered. Used when the shutdown grace period is over: the client gets an answer instead of a closed
   * connection, and the request's own answer, if `run` ever returns, is dropped.
   */
  answerAll(status: number, message: string): number {
    let answered = 0;
    const body = JSON.stringify({ message });
    for (const entry of this.#entries) {
      if (entry.done) continue;
      entry.send(status, 'application/json; charset=utf-8', body, ['x-ms-run-function-failed', 'True']);
      answered += 1;
    }
    this.#entries.clear();
    return answered;
  }
}
