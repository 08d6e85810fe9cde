import { send, sleep } from './harness.js';
import { timeLeftInTest } from './process.js';

/** How often {@link until} asks again. */
const POLL_MS = 10;

/**
 * Resolves once `condition` holds, asking every 10 ms; throws when it still does not hold after `timeoutMs`
 * (by default until shortly before the running test's own timeout, see {@link timeLeftInTest}), naming `what`
 * was awaited, so a test that waited in vain fails there and says why.
 *
 * @example
 * await until(async () => (await metric(server.url, 'inferschema_http_requests_in_flight')) === 1, 'no request in flight but /metrics');
 */
export async function until(condition: () => boolean | Promise<boolean>, what = 'a condition', timeoutMs = timeLeftInTest()): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() >= deadline) throw new Error(`Waited ${Math.round(timeoutMs)} ms in vain for ${what}`);
    await sleep(POLL_MS);
  }
}

/**
 * The value of one series in a server's `/metrics` (`base` is the server's URL), written as Prometheus prints
 * it: the name, then its labels if it has any, e.g. `inferschema_batch_rows_count{model="batched-script"}`. 0
 * when the series is absent (a counter or histogram before its first observation). Asked on a connection of
 * its own, as {@link send} does: the request is one of those in flight while it is answered.
 *
 * @example
 * expect(await metric(server.url, 'inferschema_http_requests_total{method="GET",route="unmatched",status="400"}')).toBe(1);
 */
export async function metric(base: string, series: string): Promise<number> {
  const { text } = await send(`${base}/metrics`);
  return seriesValue(text, series) ?? 0;
}

/**
 * The value of one series (written as in {@link metric}) in a `/metrics` text already read, or undefined when
 * the series is absent.
 */
export function seriesValue(text: string, series: string): number | undefined {
  const line = text.split('\n').find((row) => row.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}
