import type { ServerResponse } from 'node:http';

/** A request whose `run` has started and not yet been answered. */
interface Running {
  readonly requestId: string;
  readonly response: ServerResponse;
}

/**
 * The requests whose `run` is in progress, so that a process-level failure can name them and a shutdown that
 * runs out of time can still answer them. Adding and removing is a `Set` operation per request.
 *
 * @example
 * const running = new RunningRequests();
 * const entry = running.begin(request.id, reply.raw);
 * try { await run() } finally { running.end(entry) }
 */
export class RunningRequests {
  readonly #entries = new Set<Running>();

  begin(requestId: string, response: ServerResponse): object {
    const entry: Running = { requestId, response };
    this.#entries.add(entry);
    return entry;
  }

  end(entry: object): void {
    this.#entries.delete(entry as Running);
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
   * Answers every running request whose response has not started with `status` and `{ message }`, and returns
   * how many were answered. Used when the shutdown grace period is over: the client gets an answer instead of
   * a closed connection.
   */
  answerAll(status: number, message: string): number {
    let answered = 0;
    const body = JSON.stringify({ message });
    for (const { requestId, response } of this.#entries) {
      if (response.headersSent || response.writableEnded || response.destroyed) continue;
      response.writeHead(status, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        'x-request-id': requestId,
        'x-ms-run-function-failed': 'True',
        connection: 'close',
      });
      response.end(body);
      answered += 1;
    }
    this.#entries.clear();
    return answered;
  }
}
