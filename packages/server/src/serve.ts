import cluster, { type Worker } from 'node:cluster';
import { resolve } from 'node:path';
import { parseInteger, type ServerOptions } from './config.js';
import { createServer, type ScoringServer } from './create-server.js';
import { clusterMetricsSource, serveClusterMetrics } from './process/cluster-metrics.js';
import { modelDirectoryTree } from './process/model-tree.js';
import { processLog } from './process/process-log.js';
import type { MetricsSource } from './routes/metrics.js';

/** What {@link serve} runs: an entry script, the server's options, and how many worker processes. */
export interface ServeOptions extends ServerOptions {
  /** The entry script's path. */
  readonly script: string;
  /** Worker processes sharing the port, each with its own `init`. Default 1 (no cluster). */
  readonly workers?: number;
}

/** The exit code of a process whose script failed to load or whose `init` failed. */
export const BOOT_FAILURE_EXIT_CODE = 3;

const READY_MESSAGE = 'inferschema:worker-ready';
const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * The serve options the environment describes: `AZUREML_ENTRY_SCRIPT` (relative to `AML_APP_ROOT`, default
 * the current directory) and `WORKER_COUNT`. Server options come from `serverOptionsFromEnv`.
 *
 * @example
 * serveOptionsFromEnv({ AZUREML_ENTRY_SCRIPT: 'score.ts', AML_APP_ROOT: '/app' }); // { script: '/app/score.ts' }
 */
export function serveOptionsFromEnv(env: NodeJS.ProcessEnv): { script?: string; workers?: number } {
  const options: { script?: string; workers?: number } = {};
  const script = env.AZUREML_ENTRY_SCRIPT?.trim();
  if (script) options.script = resolve(env.AML_APP_ROOT?.trim() || '.', script);
  const workers = env.WORKER_COUNT?.trim();
  if (workers) options.workers = parseInteger(workers, 'WORKER_COUNT', 1, 1024);
  return options;
}

async function reportInitFailure(server: ScoringServer, error: unknown): Promise<void> {
  server.app.log.fatal({ err: error }, "The script's init() failed; the server stops without serving");
  const tree = await modelDirectoryTree(server.config.modelDir);
  server.app.log.error({ modelDir: server.config.modelDir, tree }, `Model directory contents:\n${tree.join('\n')}`);
}

/** Closes the server on SIGTERM/SIGINT: in-flight requests finish within the grace period, then exit 0. */
function closeOnSignals(server: ScoringServer): void {
  let closing = false;
  const shutDown = (signal: string) => {
    if (closing) return;
    closing = true;
    const grace = server.config.shutdownGraceMs;
    server.app.log.info({ signal, graceMs: grace }, 'Shutting down: no new connections, finishing in-flight requests');
    const timer = setTimeout(() => {
      server.app.log.warn({ graceMs: grace }, 'Grace period over: closing the remaining connections');
      server.app.server.closeAllConnections();
      process.exit(0);
    }, grace);
    timer.unref();
    server.close().then(
      () => {
        server.app.log.info('Shut down cleanly');
        process.exit(0);
      },
      (error: unknown) => {
        server.app.log.error({ err: error }, 'Error while shutting down');
        process.exit(0);
      },
    );
  };
  for (const signal of SIGNALS) process.on(signal, () => shutDown(signal));
}

/** One server in this process (alone, or as a cluster worker). Exits 3 when the script or `init` fails. */
async function serveInThisProcess(options: ServeOptions): Promise<ScoringServer | undefined> {
  let metricsSource: MetricsSource | undefined;
  let server: ScoringServer;
  try {
    server = await createServer(options.script, { ...options, ...(cluster.isWorker ? { metricsSource: () => metricsSource!() } : {}) });
  } catch (error) {
    processLog('fatal', 'The entry script could not be loaded; the server stops without serving', { script: options.script, err: error });
    process.exit(BOOT_FAILURE_EXIT_CODE);
  }
  if (cluster.isWorker) metricsSource = clusterMetricsSource(server.metricsRegistry);
  closeOnSignals(server);
  try {
    await server.start();
  } catch (error) {
    await reportInitFailure(server, error);
    process.exit(BOOT_FAILURE_EXIT_CODE);
  }
  process.send?.({ type: READY_MESSAGE });
  return server;
}

/** The cluster primary: forks the workers, replaces one that dies after booting, stops all if one fails to boot. */
function superviseWorkers(options: ServeOptions & { workers: number }): void {
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  serveClusterMetrics();
  const booted = new WeakSet<Worker>();
  let stopping = false;
  const fork = () => cluster.fork().on('message', function (this: Worker, message: { type?: string }) {
    if (message?.type === READY_MESSAGE) booted.add(this);
  });
  const stopAll = (code: number) => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    const timer = setTimeout(() => process.exit(code), (options.shutdownGraceMs ?? 30_000) + 5_000);
    timer.unref();
    cluster.on('exit', () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(code);
    });
  };
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    if (!booted.has(worker)) {
      processLog('fatal', 'A worker failed to boot; stopping the server', { worker: worker.process.pid, code, signal });
      stopAll(code || BOOT_FAILURE_EXIT_CODE);
      return;
    }
    processLog('warn', 'A worker died; starting a new one', { worker: worker.process.pid, code, signal });
    fork();
  });
  for (const signal of SIGNALS) {
    process.on(signal, () => {
      if (stopping) return;
      processLog('info', 'Shutting down the workers', { signal });
      stopAll(0);
    });
  }
  processLog('info', `Starting ${options.workers} workers`, { script: options.script, port: options.port, host: options.host });
  for (let index = 0; index < options.workers; index += 1) fork();
}

/**
 * Runs the scoring server as a process: loads the script, listens, runs `init` (the server reports ready once
 * it resolves), and shuts down gracefully on SIGTERM/SIGINT (exit 0). If the script cannot be loaded or
 * `init` fails, the error and the model directory's tree are logged and the process exits 3: nothing is
 * served as if healthy. With `workers > 1`, a cluster of that many processes shares the port (each with its
 * own `init`); idle workers take new connections, so one blocked in `run` does not stall the others.
 *
 * @example
 * await serve({ script: 'examples/regression/score.ts', modelDir: 'examples/regression/model', workers: 2 });
 */
export async function serve(options: ServeOptions): Promise<void> {
  const workers = options.workers ?? 1;
  if (workers > 1 && cluster.isPrimary) superviseWorkers({ ...options, workers });
  else await serveInThisProcess(options);
}
