import cluster, { type Worker } from 'node:cluster';
import { serveClusterMetrics } from './cluster-metrics.js';
import { BOOT_FAILURE_EXIT_CODE, forcedExitCode } from './exit-codes.js';
import { exitProcess } from './exit.js';
import { holdListener } from './held-listener.js';
import { processLog } from './process-log.js';
import { createRestartBackoff } from './restart-backoff.js';

/** Sent by a worker once its `init` has finished. */
export const READY_MESSAGE = 'inferschema:worker-ready';

/** What the primary needs to know to supervise the workers. */
export interface SupervisorOptions {
  readonly script: string | readonly string[];
  readonly workers: number;
  readonly port?: number;
  readonly host?: string;
  readonly shutdownGraceMs?: number;
}

const liveWorkers = (): Worker[] => Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined);

/**
 * The cluster primary: forks the workers and keeps them running.
 *
 * - A worker that dies after booting is replaced after an exponential backoff (`restart-backoff.ts`:
 *   100 ms doubling to a 10 s cap); meanwhile the primary keeps the listening socket open
 *   (`held-listener.ts`), so clients wait instead of being refused, and a new worker reports not ready until
 *   its `init` has finished.
 * - A worker that fails to boot (script or `init` failure) stops the whole server: nothing serves unhealthy.
 * - SIGTERM/SIGINT stop the workers gracefully; a second one kills them and exits at once.
 * - SIGHUP restarts the workers one at a time: a new worker is forked, and the old one is stopped gracefully
 *   once the new one is ready, so capacity never drops (e.g. to pick up a new model or script).
 */
export function superviseWorkers(options: SupervisorOptions): void {
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  serveClusterMetrics();
  const listener = holdListener();
  const backoff = createRestartBackoff();
  const booted = new WeakSet<Worker>();
  const retiring = new WeakSet<Worker>();
  const restarts = new Set<NodeJS.Timeout>();
  let stopping = false;
  let reloading = false;

  const fork = () =>
    cluster.fork().on('message', function (this: Worker, message: { type?: string }) {
      if (message?.type === READY_MESSAGE) booted.add(this);
    });

  const stopAll = (code: number) => {
    stopping = true;
    for (const timer of restarts) clearTimeout(timer);
    for (const worker of liveWorkers()) worker.process.kill('SIGTERM');
    const timer = setTimeout(() => exitProcess(code), (options.shutdownGraceMs ?? 30_000) + 5_000);
    timer.unref();
    const exitWhenNone = () => {
      if (liveWorkers().length === 0) exitProcess(code);
    };
    cluster.on('exit', exitWhenNone);
    exitWhenNone();
  };

  cluster.on('exit', (worker, code, signal) => {
    if (stopping || retiring.has(worker)) return;
    if (!booted.has(worker)) {
      processLog('fatal', 'A worker failed to boot; stopping the server', { worker: worker.process.pid, code, signal });
      stopAll(code || BOOT_FAILURE_EXIT_CODE);
      return;
    }
    const delayMs = backoff.nextDelayMs();
    const alive = liveWorkers().length;
    processLog('warn', 'A worker died; starting a new one', { worker: worker.process.pid, code, signal, delayMs, workersAlive: alive });
    if (alive === 0 && listener.held) processLog('warn', 'No worker is alive: new connections wait in the listen backlog until one is back');
    const timer = setTimeout(() => {
      restarts.delete(timer);
      if (!stopping) fork();
    }, delayMs);
    restarts.add(timer);
  });

  const readyOrExit = (worker: Worker) =>
    new Promise<boolean>((resolve) => {
      worker.on('message', (message: { type?: string }) => message?.type === READY_MESSAGE && resolve(true));
      worker.once('exit', () => resolve(false));
    });

  const reload = async () => {
    if (stopping || reloading) return;
    reloading = true;
    processLog('info', 'SIGHUP: restarting the workers one at a time');
    let restarted = 0;
    for (const old of liveWorkers()) {
      if (stopping) break;
      if (!(await readyOrExit(fork()))) break;
      retiring.add(old);
      old.process.kill('SIGTERM');
      restarted += 1;
    }
    reloading = false;
    if (!stopping) processLog('info', 'SIGHUP: workers restarted', { restarted });
  };

  const onStopSignal = (signal: NodeJS.Signals) => {
    if (!stopping) {
      processLog('info', 'Shutting down the workers', { signal });
      stopAll(0);
      return;
    }
    processLog('warn', 'Second signal: killing the workers and exiting at once', { signal });
    for (const worker of liveWorkers()) worker.process.kill('SIGKILL');
    exitProcess(forcedExitCode(signal));
  };
  process.on('SIGTERM', onStopSignal);
  process.on('SIGINT', onStopSignal);
  process.on('SIGHUP', () => void reload());

  processLog('info', `Starting ${options.workers} workers`, { script: options.script, port: options.port, host: options.host });
  for (let index = 0; index < options.workers; index += 1) fork();
}
