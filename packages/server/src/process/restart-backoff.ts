/** The delay before the first restart of a worker that died after booting. */
export const RESTART_DELAY_MIN_MS = 100;
/** The delays double for each crash in a row, up to this cap. */
export const RESTART_DELAY_MAX_MS = 10_000;
/** A crash this long after the previous one starts a new series (the delay is back to the minimum). */
export const CRASH_SERIES_RESET_MS = 30_000;

/**
 * How long the cluster primary waits before replacing a worker that died: 100 ms, then doubled for each crash
 * in a row (a crash within {@link CRASH_SERIES_RESET_MS} of the previous one), capped at
 * {@link RESTART_DELAY_MAX_MS}: 0.1, 0.2, 0.4, … 6.4, 10, 10 s. A script that crashes at every request
 * therefore costs at most one restart every 10 s, not a busy loop of forks.
 *
 * @example
 * const backoff = createRestartBackoff();
 * backoff.nextDelayMs(); // 100
 * backoff.nextDelayMs(); // 200 (if within 30 s of the first crash)
 */
export function createRestartBackoff(now: () => number = Date.now): { nextDelayMs(): number } {
  let crashesInRow = 0;
  let lastCrash = Number.NEGATIVE_INFINITY;
  return {
    nextDelayMs() {
      const time = now();
      crashesInRow = time - lastCrash > CRASH_SERIES_RESET_MS ? 1 : crashesInRow + 1;
      lastCrash = time;
      return Math.min(RESTART_DELAY_MAX_MS, RESTART_DELAY_MIN_MS * 2 ** Math.min(crashesInRow - 1, 30));
    },
  };
}
