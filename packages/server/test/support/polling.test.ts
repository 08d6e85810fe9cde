import { startTestServer, type TestServer } from './harness.js';
import { metric, until } from './polling.js';

describe('until', () => {
  it('resolves once the condition holds, sync or async, asking again meanwhile', async () => {
    let asked = 0;
    await until(() => (asked += 1) === 3);
    expect(asked).toBe(3);
    await until(async () => (asked += 1) === 5);
    expect(asked).toBe(5);
  });

  it('throws past its deadline, naming what was awaited, and asks no more', async () => {
    let asked = 0;
    await expect(until(() => (asked += 1) < 0, 'the moon to turn blue', 50)).rejects.toThrow('Waited 50 ms in vain for the moon to turn blue');
    const after = asked;
    expect(after).toBeGreaterThan(1);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(asked).toBe(after);
  });
});

describe('metric', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('text-script.ts');
  });
  afterAll(() => t.close());

  it('reads the series named with its labels, and 0 for a series not there', async () => {
    const series = 'inferschema_http_requests_total{method="GET",route="/v2/health/live",status="200"}';
    const before = await metric(t.url, series);
    await fetch(`${t.url}/v2/health/live`);
    await fetch(`${t.url}/v2/health/live`);
    expect(await metric(t.url, series)).toBe(before + 2);
    // The /metrics request asking is itself in flight.
    expect(await metric(t.url, 'inferschema_http_requests_in_flight')).toBe(1);
    expect(await metric(t.url, 'inferschema_http_requests_total{method="GET",route="/v2/health/live",status="404"}')).toBe(0);
  });
});
