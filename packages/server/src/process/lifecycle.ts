import type { ScoringServer } from '../create-server.js';
import { MESSAGES } from '../http/messages.js';
import { turnWrites } from '../http/turn-writes.js';
import { exitIsDeliberate, exitProcess, expectExit } from './exit.js';
import { CRASH_EXIT_CODE, forcedExitCode } from './exit-codes.js';
import { processLog } from './process-log.js';
import type { RunningRequests } from './running-requests.js';

/** Where the process runs: alone (it owns the terminal's signals) or as a cluster worker (the primary does). */
export type ProcessRole = 'single' | 'worker';

/** The request a fatal error is attributed to: the only request in `run` when it surfaced, if there was one. */
function culprit(running: RunningRequests): Record<string, unknown> {
  const ids = running.ids();
  return { ...(ids.length === 1 ? { requestId: ids[0] } : {}), runningRequestIds: ids };
}

/**
 * Gives a server process its life cycle:
 *
 * - **graceful stop**: no new connections, in-flight requests finish within the grace period; past it, the
 *   requests still in `run` are answered 500 and the remaining connections closed; then exit;
 * - **signals**: SIGTERM (and, when alone, SIGINT and SIGHUP) stop gracefully with exit 0; a second SIGTERM or
 *   SIGINT exits at once with 128 + the signal's number. A worker leaves SIGINT and SIGHUP to the primary,
 *   which receives them too from the terminal and coordinates the workers, and exits (logged at warn) when
 *   the primary is gone;
 * - **crash containment**: an `uncaughtException` or `unhandledRejection` (a script's timer or forgotten
 *   promise) is logged as one JSON line at level fatal, with the request id when exactly one request was in
 *   `run`, and stops the process gracefully with exit {@link CRASH_EXIT_CODE}; `process.exit()` called by
 *   anything but the server is logged at fatal, and exit code 0 becomes {@link CRASH_EXIT_CODE}.
 */
export function manageLifecycle(server: ScoringServer, running: RunningRequests, role: ProcessRole): void {
  const log = server.log;
  let stopping = false;
  let exitCode = 0;

  const stop = (reason: string, code: number) => {
    exitCode = Math.max(exitCode, code);
    if (stopping) return;
    stopping = true;
    const grace = server.config.shutdownGraceMs;
    log.info({ reason, graceMs: grace }, 'Shutting down: no new connections, finishing in-flight requests');
    const timer = setTimeout(() => {
      const answered = running.answerAll(500, MESSAGES.shuttingDown);
      // Answers wait for the end of the event-loop turn (TurnWrites): write them before the connections close.
      turnWrites.flush();
      log.warn({ graceMs: grace, answered500: answered }, 'Grace period over: answering requests still in run() with 500, closing connections');
      server.httpServer.closeAllConnections();
      setImmediate(() => exitProcess(exitCode));
    }, grace);
    timer.unref();
    server.close().then(
      () => {
        log.info({ exitCode }, 'Shut down cleanly');
        exitProcess(exitCode);
      },
      (error: unknown) => {
        log.error({ err: error }, 'Error while shutting down');
        exitProcess(exitCode);
      },
    );
  };

  const onSignal = (signal: NodeJS.Signals) => {
    if (!stopping) return stop(signal, 0);
    log.warn({ signal }, 'Second signal: exiting at once');
    exitProcess(forcedExitCode(signal));
  };
  process.on('SIGTERM', onSignal);
  if (role === 'single') {
    process.on('SIGINT', onSignal);
    process.on('SIGHUP', () => stop('SIGHUP', 0));
  } else {
    process.on('SIGINT', () => undefined);
    process.on('SIGHUP', () => undefined);
    // Node's cluster module exits a worker at once (code 0) when its IPC channel to the primary closes: the
    // primary is gone, and this is not the script's process.exit(). Runs before Node's own listener.
    process.prependOnceListener('disconnect', () => {
      processLog('warn', 'The primary process is gone: this worker exits', { runningRequestIds: running.ids() });
      expectExit();
    });
  }

  const fatal = (origin: string) => (error: unknown) => {
    log.fatal({ err: error, origin, ...culprit(running) }, `An error escaped the script (${origin}): stopping gracefully`);
    stop(origin, CRASH_EXIT_CODE);
  };
  process.on('uncaughtException', fatal('uncaughtException'));
  process.on('unhandledRejection', fatal('unhandledRejection'));
  process.on('exit', (code) => {
    if (exitIsDeliberate()) return;
    processLog('fatal', 'process.exit() was called by the script: the server stops at once', { code, ...culprit(running) });
    if (code === 0) process.exitCode = CRASH_EXIT_CODE;
  });
}
