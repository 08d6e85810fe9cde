import cluster from 'node:cluster';
import { resolve } from 'node:path';
import { parseInteger, type ServerOptions } from './config.js';
import { createServer, type ScoringServer } from './create-server.js';
import { clusterMetricsSource } from './process/cluster-metrics.js';
import { exitProcess } from './process/exit.js';
import { BOOT_FAILURE_EXIT_CODE } from './process/exit-codes.js';
import { offerListener, requestHeldListener } from './process/held-listener.js';
import { manageLifecycle } from './process/lifecycle.js';
import { modelDirectoryTree } from './process/model-tree.js';
import { processLog } from './process/process-log.js';
import { RunningRequests } from './process/running-requests.js';
import { READY_MESSAGE, superviseWorkers } from './process/supervisor.js';
import type { MetricsSource } from './routes/metrics.js';

/** What {@link serve} runs: an entry script, the server's options, and how many worker processes. */
export interface ServeOptions extends ServerOptions {
  /** The entry script's path; several: each is a model of the Open Inference Protocol routes. */
  readonly script: string | readonly string[];
  /** The models' names, in script order (default: each script's file name). */
  readonly modelNames?: readonly string[];
  /** Worker processes sharing the port, each with its own `init`. Default 1 (no cluster). */
  readonly workers?: number;
}

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
  server.log.fatal({ err: error }, "The script's init() failed; the server stops without serving");
  const tree = await modelDirectoryTree(server.config.modelDir);
  server.log.error({ modelDir: server.config.modelDir, tree }, `Model directory contents:\n${tree.join('\n')}`);
}

/** One server in this process (alone, or as a cluster worker). Exits 3 when the script or `init` fails. */
async function serveInThisProcess(options: ServeOptions): Promise<ScoringServer | undefined> {
  let metricsSource: MetricsSource | undefined;
  let server: ScoringServer;
  const runningRequests = new RunningRequests();
  const listenHandle = await requestHeldListener();
  try {
    const scripts = typeof options.script === 'string' ? [options.script] : options.script;
    const models = scripts.map((script, index) => ({ script, name: options.modelNames?.[index] }));
    server = await createServer(models, {
      ...options,
      runningRequests,
      ...(listenHandle ? { listenHandle } : {}),
      ...(cluster.isWorker ? { metricsSource: () => metricsSource!() } : {}),
    });
  } catch (error) {
    processLog('fatal', 'The entry script could not be loaded; the server stops without serving', { script: options.script, err: error });
    exitProcess(BOOT_FAILURE_EXIT_CODE);
  }
  if (cluster.isWorker) metricsSource = clusterMetricsSource(server.metricsRegistry);
  manageLifecycle(server, runningRequests, cluster.isWorker ? 'worker' : 'single');
  try {
    await server.listen();
  } catch (error) {
    processLog('fatal', 'The server could not listen; it stops without serving', { port: options.port, host: options.host, err: error });
    exitProcess(BOOT_FAILURE_EXIT_CODE);
  }
  if (!listenHandle) offerListener(server.httpServer);
  try {
    await server.initialize();
  } catch (error) {
    await server.close().catch(() => undefined);
    await reportInitFailure(server, error);
    exitProcess(BOOT_FAILURE_EXIT_CODE);
  }
  process.send?.({ type: READY_MESSAGE });
  return server;
}

/**
 * Runs the scoring server as a process: loads the script, listens, runs `init` (the server reports ready once
 * it resolves), and shuts down gracefully on SIGTERM/SIGINT/SIGHUP (exit 0; see `process/lifecycle.ts` for
 * crash containment and forced exits, `process/supervisor.ts` for workers). If the script cannot be loaded or
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
