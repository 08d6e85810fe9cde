import { totalmem } from 'node:os';

/** The most the default budget grows to, however much memory the machine has. */
const DEFAULT_BUDGET_CEILING = 1024 * 1024 * 1024;

/**
 * The default cap on request bodies buffered at once: a sixteenth of the memory the process may use (the
 * cgroup limit in a container, else the machine's), at most 1 GiB, and never less than one largest body. On a
 * 2 GiB container: 128 MiB; on a 24 GiB machine: 1 GiB.
 *
 * @example
 * defaultMaxBufferedBodyBytes(16 * 1024 * 1024); // e.g. 134217728 in a 2 GiB container
 */
export function defaultMaxBufferedBodyBytes(maxBodyBytes: number): number {
  const constrained = process.constrainedMemory?.() ?? 0;
  const memory = constrained > 0 ? Math.min(constrained, totalmem()) : totalmem();
  return Math.max(maxBodyBytes, Math.min(DEFAULT_BUDGET_CEILING, Math.floor(memory / 16)));
}

/**
 * The bytes of request bodies the server holds at once, against a cap. A request reserves its declared
 * `Content-Length` before its body is read (a chunked body reserves as chunks arrive) and releases it once
 * answered; a reservation past the cap is refused, so that request gets 503 while those already accepted go on.
 *
 * @example
 * const budget = new BodyBudget(64 * 1024 * 1024);
 * if (!budget.reserve(length)) answer503();
 * // … once answered:
 * budget.release(length);
 */
export class BodyBudget {
  readonly limit: number;
  #used = 0;

  constructor(limit: number) {
    this.limit = limit;
  }

  /** Bytes reserved right now. */
  get used(): number {
    return this.#used;
  }

  /** Reserves `bytes`; false (and nothing reserved) when that would pass the cap. */
  reserve(bytes: number): boolean {
    if (this.#used + bytes > this.limit) return false;
    this.#used += bytes;
    return true;
  }

  release(bytes: number): void {
    this.#used -= bytes;
  }
}
