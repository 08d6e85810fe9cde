import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { createServer, type CreateServerOptions, type ScoringServer } from '@inferschema/server';
import { MESSAGES } from '../../src/http/messages.js';
import { send, sleep, type RawResponse } from '../support/harness.js';
import { metric, until } from '../support/polling.js';
import { freePort, isReadyLine, servesKilledAfterEach, type ServeProcess } from '../support/process.js';
import { RELIABILITY_FIXTURES } from './support/hosted-server.js';

const FAULTS = join(RELIABILITY_FIXTURES, 'fault-script.ts');
const ready = isReadyLine;

interface InProcessServer {
  readonly server: ScoringServer;
  readonly url: string;
  logs(): Array<Record<string, unknown>>;
}

async function startInProcess(script: string, options: CreateServerOptions = {}): Promise<InProcessServer> {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  const server = await createServer(script, { port: 0, logLevel: 'info', ...options, logStream: stream });
  const url = await server.start();
  return { server, url, logs: () => text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>) };
}

const score = (url: string, body: string): Promise<RawResponse> => send(`${url}/score`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body });

/** The server still answers a normal request, with 200 and the script's answer. */
async function expectServing(url: string): Promise<void> {
  const answer = await score(url, 'ok');
  expect(answer.status).toBe(200);
  expect(answer.json).toMatchObject({ ok: true });
}

/** An error body: `{ message }` only, without a stack trace or a file path. */
function expectCleanError(answer: RawResponse, message: string): void {
  expect(answer.json).toEqual({ message });
  expect(answer.text).not.toMatch(/\bat .+:\d+:\d+|\/work\/|node:internal|secret|\.ts\b/);
}

describe('faults in run (the real server, in this process)', () => {
  let hosted: InProcessServer;

  beforeAll(async () => {
    hosted = await startInProcess(FAULTS, { scoringTimeoutMs: 400, headersTimeoutMs: 1_000 });
  });
  afterAll(() => hosted?.server.close());

  it('run throws: 500 with the generic message and x-ms-run-function-failed: True; the error is logged, not sent', async () => {
    const answer = await score(hosted.url, 'throw');
    expect(answer.status).toBe(500);
    expect(answer.headers['x-ms-run-function-failed']).toBe('True');
    expectCleanError(answer, MESSAGES.runFailed);
    const logged = hosted.logs().find((line) => line.msg === 'run() failed');
    expect((logged!.err as { message: string }).message).toContain('model exploded');
    await expectServing(hosted.url);
  });

  it('run hangs past the scoring timeout: 500 "Scoring timeout after 400 ms"; later requests are answered', async () => {
    const started = performance.now();
    const answer = await score(hosted.url, 'hang');
    expect(performance.now() - started).toBeGreaterThanOrEqual(390);
    expect(answer.status).toBe(500);
    expect(answer.headers['x-ms-run-function-failed']).toBe('True');
    expectCleanError(answer, MESSAGES.scoringTimeout(400));
    await expectServing(hosted.url);
  });

  it('run blocks the event loop past the scoring timeout: 500 timeout once it returns (its result is dropped)', async () => {
    const answer = await score(hosted.url, 'busy:700');
    expect(answer.status).toBe(500);
    expectCleanError(answer, MESSAGES.scoringTimeout(400));
    await expectServing(hosted.url);
  });

  for (const fault of ['cycle', 'function', 'symbol']) {
    it(`run returns something unserializable (${fault}): 500 with the internal-error message, run not blamed`, async () => {
      const answer = await score(hosted.url, fault);
      expect(answer.status).toBe(500);
      expect(answer.headers['x-ms-run-function-failed']).toBe('False');
      expectCleanError(answer, MESSAGES.internalError);
      await expectServing(hosted.url);
    });
  }

  it('a client that disconnects mid-body or while run works: nothing breaks, the in-flight gauge returns to 0', async () => {
    const { hostname, port } = new URL(hosted.url);
    // The gauge as a /metrics request sees it: that request itself is one of those in flight.
    const inFlight = () => metric(hosted.url, 'inferschema_http_requests_in_flight');
    const inFlightIs = (count: number) => until(async () => (await inFlight()) === count, `${count} requests in flight`);
    for (const body of ['sleep:300', 'ok']) {
      const socket = connect(Number(port), hostname);
      await new Promise((resolve) => socket.once('connect', resolve));
      const complete = body.startsWith('sleep');
      // Mid-body: 100 bytes announced, 2 sent. While run works: the whole body, then gone before the answer.
      socket.write(`POST /score HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: ${complete ? body.length : 100}\r\n\r\n${complete ? body : 'ok'}`);
      await inFlightIs(2); // the server has the request
      socket.destroy();
      await inFlightIs(1); // back to the /metrics request alone, so the next `inFlightIs(2)` sees the next request
    }
    await inFlightIs(1); // the run of the departed client has ended, the cut request is dropped
    await expectServing(hosted.url);
    expect(await inFlight()).toBe(1);
  });

  it('a slow client sending its headers one byte a second is cut off by the header timeout (1 s here) with 408', async () => {
    const { hostname, port } = new URL(hosted.url);
    const socket = connect(Number(port), hostname);
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(performance.now())));
    const started = performance.now();
    const drip = setInterval(() => socket.writable && socket.write('X'), 1_000);
    socket.write('GET /score HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    const closedAt = await closed;
    clearInterval(drip);
    expect(closedAt - started).toBeLessThan(6_000);
    expect(received).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(JSON.parse(received.slice(received.indexOf('\r\n\r\n') + 4))).toMatchObject({ message: 'Client Timeout' });
    await expectServing(hosted.url);
  }, 20_000);
});

describe('faults of the process (the real inferschema serve command)', () => {
  const serve = servesKilledAfterEach({ INFERSCHEMA_LOG_LEVEL: 'info' });

  it('run crashes its worker (process.exit) under --workers 2: that client loses its connection; a new worker takes over', async () => {
    const port = await freePort();
    const served = serve([FAULTS, '--port', String(port), '--workers', '2']);
    await served.waitForLog(ready);
    await served.waitForLog((line) => line.msg === 'init() finished: ready for traffic' && served.logs().filter(ready).length >= 2);
    const url = `http://127.0.0.1:${port}`;
    const crashed = await score(url, 'exit').then(
      (answer) => `answered ${answer.status}`,
      (error: NodeJS.ErrnoException) => error.code,
    );
    expect(crashed).toMatch(/^(ECONNRESET|ECONNREFUSED|EPIPE)$|socket hang up/);
    await served.waitForLog((line) => line.msg === 'A worker died; starting a new one');
    for (let index = 0; index < 6; index += 1) await expectServing(url);
    await served.waitForLog(() => served.logs().filter(ready).length >= 3);
    expect(served.child.exitCode).toBeNull();
  }, 120_000); // three worker starts, each importing the server and compiling the script: tens of seconds under load

  it('init throws: 503 "not ready" while it runs (liveness 200), then the error is logged and the process exits 3', async () => {
    const port = await freePort();
    const throwNow = join(mkdtempSync(join(tmpdir(), 'init-throws-')), 'now');
    const served = serve([join(RELIABILITY_FIXTURES, 'init-throws-script.ts'), '--port', String(port)], { INIT_THROWS_WHEN: throwNow });
    await served.waitForLog((line) => line.msg === "Invoking the script's init()");
    const url = `http://127.0.0.1:${port}`;
    const during = await score(url, 'ok');
    expect(during.status).toBe(503);
    expect(during.json).toEqual({ message: MESSAGES.notReady });
    expect((await send(`${url}/v2/health/live`)).status).toBe(200);
    writeFileSync(throwNow, '');
    expect(await served.exited).toBe(3);
    rmSync(dirname(throwNow), { recursive: true, force: true });
    expect(served.logs().find((line) => line.level === 60)).toMatchObject({ err: { message: 'weights.bin is corrupt' } });
  }, 60_000);

  it('init never finishes (no init timeout, the default): readiness stays 503 and /score answers 503 "not ready"; liveness stays 200', async () => {
    const port = await freePort();
    const served = serve([join(RELIABILITY_FIXTURES, 'init-hangs-script.ts'), '--port', String(port)]);
    await served.waitForLog((line) => line.msg === "Invoking the script's init()");
    const url = `http://127.0.0.1:${port}`;
    for (let index = 0; index < 3; index += 1) {
      expect((await score(url, 'ok')).json).toEqual({ message: MESSAGES.notReady });
      expect((await send(`${url}/v2/health/ready`)).status).toBe(503);
      expect((await send(`${url}/v2/health/live`)).status).toBe(200);
      await sleep(300);
    }
  }, 60_000);

  it('init never finishes, with INFERSCHEMA_INIT_TIMEOUT_MS=4000 (time for a loaded machine to ask meanwhile): 503 until then, then the timeout is logged and the process exits 3', async () => {
    const port = await freePort();
    const served = serve([join(RELIABILITY_FIXTURES, 'init-hangs-script.ts'), '--port', String(port)], { INFERSCHEMA_INIT_TIMEOUT_MS: '4000' });
    await served.waitForLog((line) => line.msg === "Invoking the script's init()");
    const during = await score(`http://127.0.0.1:${port}`, 'ok');
    expect(during.status).toBe(503);
    expect(during.json).toEqual({ message: MESSAGES.notReady });
    expect(await served.exited).toBe(3);
    expect(served.logs().find((line) => line.level === 60)).toMatchObject({
      err: { message: 'init() did not finish within 4000 ms (INFERSCHEMA_INIT_TIMEOUT_MS)' },
    });
  }, 60_000);

  it('SIGTERM with 50 requests in flight: all 50 are answered 200, then the process exits 0', async () => {
    const port = await freePort();
    const served = serve([FAULTS, '--port', String(port)]);
    await served.waitForLog(ready);
    const agent = new Agent({ keepAlive: true, maxSockets: 50 });
    const inFlight = Array.from(
      { length: 50 },
      () =>
        new Promise<number>((resolve, reject) => {
          const request = httpRequest({ host: '127.0.0.1', port, path: '/score', method: 'POST', agent, headers: { 'content-type': 'text/plain' } }, (response) => {
            response.resume();
            response.on('end', () => resolve(response.statusCode ?? 0));
          });
          request.on('error', reject);
          request.end('loud-sleep:3000');
        }),
    );
    // Every request in run (each says so on stdout) before the signal.
    await served.waitForLog(() => served.logs().filter((line) => line.msg === 'fault-script: sleeping').length === 50);
    served.child.kill('SIGTERM');
    const statuses = await Promise.all(inFlight);
    agent.destroy();
    expect(statuses).toEqual(Array.from({ length: 50 }, () => 200));
    expect(await served.exited).toBe(0);
    expect(served.logs().some((line) => line.msg === 'Shut down cleanly')).toBe(true);
  }, 60_000);
});
