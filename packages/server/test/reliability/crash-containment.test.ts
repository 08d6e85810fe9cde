import { connect } from 'node:net';
import { join } from 'node:path';
import { CRASH_EXIT_CODE } from '@inferschema/server';
import { describeChecks, expectHealthy, healthChecksDuring } from '../../../../test/support/health-checks.js';
import { send, sleep, type RawResponse } from '../support/harness.js';
import { freePort, isReadyLine, servesKilledAfterEach, type ServeProcess } from '../support/process.js';
import { RELIABILITY_FIXTURES } from './support/hosted-server.js';

// Crash containment (docs/reliability.md, "Crash containment"): the real `inferschema serve` process, with a
// script whose run misbehaves as the body asks (fixtures/fault-script.ts).
const FAULTS = join(RELIABILITY_FIXTURES, 'fault-script.ts');
const ready = isReadyLine;

const score = (url: string, body: string, headers: Record<string, string> = {}): Promise<RawResponse> =>
  send(`${url}/score`, { method: 'POST', headers: { 'content-type': 'text/plain', ...headers }, body });

const startKilledAfterEach = servesKilledAfterEach({ INFERSCHEMA_LOG_LEVEL: 'info' });
async function serve(args: readonly string[]): Promise<{ served: ServeProcess; url: string }> {
  const port = await freePort();
  const served = startKilledAfterEach([FAULTS, '--port', String(port), ...args]);
  return { served, url: `http://127.0.0.1:${port}` };
}

const fatalLines = (served: ServeProcess) => served.logs().filter((line) => line.level === 60);

describe('an error escaping the script, one process', () => {
  for (const [fault, origin, message] of [
    ['background-throw', 'uncaughtException', 'background failure in a timer'],
    ['background-reject', 'unhandledRejection', 'background rejection nobody handles'],
  ] as const) {
    it(`${origin} from a script's timer: one JSON fatal line with the request id, in-flight requests answered, exit ${CRASH_EXIT_CODE}`, async () => {
      const { served, url } = await serve([]);
      await served.waitForLog(ready);
      const others = [score(url, 'loud-sleep:1200'), score(url, 'loud-sleep:1200')];
      await served.waitForLog(() => served.logs().filter((line) => line.msg === 'fault-script: sleeping').length === 2);
      // The two sleeps are in run too, so the culprit is named among the running requests.
      const culprit = score(url, `${fault}:300`, { 'x-request-id': 'culprit-1' });
      const answers = await Promise.all([culprit, ...others]);
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
      expect(await served.exited).toBe(CRASH_EXIT_CODE);
      const fatal = fatalLines(served);
      expect(fatal).toHaveLength(1);
      expect(fatal[0]).toMatchObject({ origin, err: { message }, msg: `An error escaped the script (${origin}): stopping gracefully` });
      expect(fatal[0]!.runningRequestIds).toContain('culprit-1');
      expect(served.logs().some((line) => line.msg === 'Shut down cleanly')).toBe(true);
      expect(served.output()).not.toMatch(/^Error|^\s+at /m);
    }, 30_000);
  }

  it('the only request in run is named as requestId', async () => {
    const { served, url } = await serve([]);
    await served.waitForLog(ready);
    expect((await score(url, 'background-throw:200', { 'x-request-id': 'alone-1' })).status).toBe(200);
    expect(await served.exited).toBe(CRASH_EXIT_CODE);
    expect(fatalLines(served)[0]).toMatchObject({ requestId: 'alone-1', runningRequestIds: ['alone-1'] });
  }, 30_000);

  it(`a script calling process.exit(0) is logged at fatal and the process exits ${CRASH_EXIT_CODE}`, async () => {
    const { served, url } = await serve([]);
    await served.waitForLog(ready);
    await score(url, 'exit0', { 'x-request-id': 'exit-1' }).catch(() => undefined);
    expect(await served.exited).toBe(CRASH_EXIT_CODE);
    expect(fatalLines(served)).toEqual([expect.objectContaining({ msg: 'process.exit() was called by the script: the server stops at once', code: 0, requestId: 'exit-1' })]);
  }, 30_000);

  it('SIGHUP stops gracefully (exit 0, the request in flight answered)', async () => {
    const { served, url } = await serve([]);
    await served.waitForLog(ready);
    const inFlight = score(url, 'loud-sleep:800');
    await served.waitForLog((line) => line.msg === 'fault-script: sleeping');
    served.child.kill('SIGHUP');
    expect((await inFlight).status).toBe(200);
    expect(await served.exited).toBe(0);
    expect(served.logs().find((line) => line.msg === 'Shutting down: no new connections, finishing in-flight requests')).toMatchObject({ reason: 'SIGHUP' });
  }, 30_000);

  it('a client trickling its headers does not hold a graceful shutdown: closed at once, the request in flight answered', async () => {
    const { served, url } = await serve([]);
    await served.waitForLog(ready);
    const trickler = connect({ host: '127.0.0.1', port: Number(new URL(url).port) });
    trickler.on('error', () => undefined);
    const tricklerClosed = new Promise<void>((resolve) => trickler.once('close', () => resolve()));
    const header = 'POST /score HTTP/1.1\r\nHost: x\r\nX-Slow: ' + 'a'.repeat(200);
    let sent = 0;
    const timer = setInterval(() => trickler.writable && trickler.write(header[sent++ % header.length]!), 100);
    const inFlight = score(url, 'loud-sleep:800');
    await served.waitForLog((line) => line.msg === 'fault-script: sleeping');
    const signalled = performance.now();
    served.child.kill('SIGTERM');
    expect((await inFlight).status).toBe(200);
    expect(await served.exited).toBe(0);
    await tricklerClosed;
    clearInterval(timer);
    // The headers timeout is 10 s and the grace period 30 s: the exit follows the request in flight instead.
    expect(performance.now() - signalled).toBeLessThan(3_000);
  }, 30_000);

  it('a second SIGTERM exits at once with 143; a request past the grace period is answered 500', async () => {
    const { served, url } = await serve(['--shutdown-grace-ms', '600']);
    await served.waitForLog(ready);
    const late = score(url, 'loud-sleep:5000');
    await served.waitForLog((line) => line.msg === 'fault-script: sleeping');
    served.child.kill('SIGTERM');
    const answer = await late;
    expect(answer.status).toBe(500);
    expect(answer.json).toEqual({ message: 'The server is shutting down.' });
    expect(await served.exited).toBe(0);

    const second = await serve([]);
    await second.served.waitForLog(ready);
    void score(second.url, 'loud-sleep:5000').catch(() => undefined);
    await second.served.waitForLog((line) => line.msg === 'fault-script: sleeping');
    const started = performance.now();
    second.served.child.kill('SIGTERM');
    await sleep(100);
    second.served.child.kill('SIGTERM');
    expect(await second.served.exited).toBe(143);
    expect(performance.now() - started).toBeLessThan(2_000);
  }, 30_000);
});

describe('workers (--workers 2)', () => {
  const workerPids = (served: ServeProcess) => [...new Set(served.logs().filter(ready).map((line) => line.pid as number))];

  it('with every worker dead, connections wait (not refused), restarts back off, readiness is 503 until init is done', async () => {
    const { served, url } = await serve(['--workers', '2']);
    await served.waitForLog(() => served.logs().filter(ready).length >= 2);
    for (const pid of workerPids(served)) process.kill(pid, 'SIGKILL');
    await served.waitForLog((line) => line.msg === 'No worker is alive: new connections wait in the listen backlog until one is back');
    const waited = performance.now();
    const live = await send(`${url}/v2/health/live`);
    expect(live.status).toBe(200);
    expect(performance.now() - waited).toBeGreaterThan(20);
    const died = served.logs().filter((line) => line.msg === 'A worker died; starting a new one');
    expect(died.map((line) => line.delayMs)).toEqual([100, 200]);
    let readiness = 0;
    for (let attempt = 0; attempt < 100 && readiness !== 200; attempt += 1) {
      readiness = (await send(`${url}/v2/health/ready`)).status;
      expect([200, 503]).toContain(readiness);
      if (readiness !== 200) await sleep(100);
    }
    expect(readiness).toBe(200);
    expect((await score(url, 'ok')).status).toBe(200);
  }, 60_000);

  it('a script error escaping in one worker stops that worker alone: every health check meanwhile within 100 ms, every request in flight answered, the worker replaced', async () => {
    const { served, url } = await serve(['--workers', '2']);
    await served.waitForLog(() => served.logs().filter(ready).length >= 2);
    // The primary hands connections to the workers in turn: four sleeps land on both, the culprit on one.
    const others = [score(url, 'loud-sleep:1200'), score(url, 'loud-sleep:1200'), score(url, 'loud-sleep:1200'), score(url, 'loud-sleep:1200')];
    await served.waitForLog(() => served.logs().filter((line) => line.msg === 'fault-script: sleeping').length === 4);
    const culprit = score(url, 'background-throw:300', { 'x-request-id': 'culprit-w' });
    const replaced = served.waitForLog(() => served.logs().filter(ready).length >= 3);
    const { result: [answers], checks } = await healthChecksDuring(url, served.child.pid!, Promise.all([Promise.all([culprit, ...others]), replaced]));
    console.log(`worker crash: ${describeChecks(checks)}`);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
    expect(fatalLines(served)).toEqual([expect.objectContaining({ origin: 'uncaughtException', runningRequestIds: expect.arrayContaining(['culprit-w']) })]);
    expect(served.logs().find((line) => line.msg === 'A worker died; starting a new one')).toMatchObject({ code: CRASH_EXIT_CODE, delayMs: 100, workersAlive: 1 });
    expectHealthy(checks);
    expect((await score(url, 'ok')).status).toBe(200);
  }, 60_000);

  it('SIGHUP restarts the workers one at a time; requests meanwhile are all answered 200', async () => {
    const { served, url } = await serve(['--workers', '2']);
    await served.waitForLog(() => served.logs().filter(ready).length >= 2);
    const before = workerPids(served);
    served.child.kill('SIGHUP');
    const statuses: number[] = [];
    const deadline = Date.now() + 30_000;
    while (!served.logs().some((line) => line.msg === 'SIGHUP: workers restarted') && Date.now() < deadline) {
      statuses.push((await score(url, 'sleep:20')).status);
    }
    expect(served.logs().find((line) => line.msg === 'SIGHUP: workers restarted')).toMatchObject({ restarted: 2 });
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((status) => status === 200)).toBe(true);
    // The primary logs the restart when the new workers tell it they are ready; their own ready lines come
    // through their own stdout and may arrive just after.
    await served.waitForLog(() => workerPids(served).filter((pid) => !before.includes(pid)).length >= 2, 10_000).catch(() => undefined);
    expect(workerPids(served).filter((pid) => !before.includes(pid))).toHaveLength(2);
    expect((await score(url, 'ok')).status).toBe(200);
    expect(served.logs().some((line) => line.msg === 'A worker died; starting a new one')).toBe(false);
  }, 60_000);

  it('workers whose primary is killed exit with a warn line, not a fatal one blaming the script', async () => {
    const { served } = await serve(['--workers', '2']);
    await served.waitForLog(() => served.logs().filter(ready).length >= 2);
    const workers = workerPids(served);
    served.child.kill('SIGKILL');
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    try {
      for (let polls = 0; polls < 200 && workers.some(alive); polls += 1) await sleep(50);
      expect(workers.filter(alive)).toEqual([]);
    } finally {
      // A worker that outlived its primary would hold the port for the files after this one.
      for (const pid of workers.filter(alive)) process.kill(pid, 'SIGKILL');
    }
    const goneLines = () => served.logs().filter((line) => line.msg === 'The primary process is gone: this worker exits');
    await served.waitForLog(() => goneLines().length >= workers.length);
    const gone = goneLines();
    expect(gone.map((line) => line.pid).sort()).toEqual([...workers].sort());
    expect(gone.every((line) => line.level === 40)).toBe(true);
    expect(fatalLines(served)).toEqual([]);
  }, 60_000);

  it('a second SIGINT kills the workers and exits at once with 130', async () => {
    const { served, url } = await serve(['--workers', '2']);
    await served.waitForLog(() => served.logs().filter(ready).length >= 2);
    void score(url, 'loud-sleep:10000').catch(() => undefined);
    await served.waitForLog((line) => line.msg === 'fault-script: sleeping');
    served.child.kill('SIGINT');
    await served.waitForLog((line) => line.msg === 'Shutting down the workers');
    served.child.kill('SIGINT');
    expect(await served.exited).toBe(130);
  }, 60_000);
});
