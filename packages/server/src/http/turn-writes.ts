/** An answer whose head is set and whose write waits for the end of the turn. */
export interface PendingWrite {
  /**
   * Writes the answer to its socket (`res.end`), then counts and logs it. A write that fails is this answer's
   * own failure: `write` handles it (`Exchange` logs it and closes that connection) instead of throwing.
   */
  write(): void;
}

/**
 * Writes answers at the end of the event-loop turn that produced them, one after another (`setImmediate`),
 * instead of each one as soon as it is ready. The headers are already set (`writeHead`, which is where a header
 * Node refuses throws); only the write to the socket waits, and no longer than the rest of the turn, whose
 * other requests are answered meanwhile.
 *
 * Why: on loopback (a load generator, proxy or sidecar on the same host) the kernel delivers each write to the
 * client inside the server's own system call, and wakes the client there. Writes spread over a turn each find
 * the client asleep again and pay a full wake-up (a cross-CPU interrupt; in a VM, an exit to the hypervisor);
 * writes made back to back wake it once. On the server bench that wake-up was the largest single cost of a
 * small request (see `docs/decisions.md`).
 *
 * @example
 * const writes = new TurnWrites();
 * res.writeHead(200, headers);
 * writes.add({ write: () => res.end(body) }); // written when the turn ends
 */
export class TurnWrites {
  #pending: PendingWrite[] = [];
  #spare: PendingWrite[] = [];
  #scheduled = false;

  /** Queues `answer`'s write for the end of the current event-loop turn. */
  add(answer: PendingWrite): void {
    this.#pending.push(answer);
    if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(this.flush);
    }
  }

  /**
   * Writes the queued answers now (before connections are closed at once, e.g. when a shutdown's grace period
   * ends). A write that throws anyway (a `PendingWrite` that breaks its contract) does not cost the others:
   * they are all written, then the first such error is thrown.
   */
  readonly flush = (): void => {
    this.#scheduled = false;
    // Answers queued while these are written (a write's callbacks may answer more) go in the next batch.
    const pending = this.#pending;
    this.#pending = this.#spare;
    let failure: { error: unknown } | undefined;
    for (let index = 0; index < pending.length; index += 1) {
      try {
        pending[index]!.write();
      } catch (error) {
        failure ??= { error };
      }
    }
    pending.length = 0;
    this.#spare = pending;
    if (failure) throw failure.error;
  };
}

/** The process's queue: every server of the process writes its answers through it. */
export const turnWrites = new TurnWrites();
