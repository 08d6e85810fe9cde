import { createRestartBackoff, CRASH_SERIES_RESET_MS, RESTART_DELAY_MAX_MS } from '../../src/process/restart-backoff.js';

describe('worker restart backoff', () => {
  it('doubles from 100 ms for crashes in a row, capped at 10 s, and starts over after 30 s without a crash', () => {
    let now = 0;
    const backoff = createRestartBackoff(() => now);
    const delays: number[] = [];
    for (let crash = 0; crash < 10; crash += 1) {
      delays.push(backoff.nextDelayMs());
      now += 1_000;
    }
    expect(delays).toEqual([100, 200, 400, 800, 1600, 3200, 6400, 10_000, 10_000, 10_000]);
    expect(RESTART_DELAY_MAX_MS).toBe(10_000);
    now += CRASH_SERIES_RESET_MS + 1;
    expect(backoff.nextDelayMs()).toBe(100);
  });
});
