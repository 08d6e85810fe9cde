import { hostname } from 'node:os';
import type { LogDestination } from '../process/batched-stdout.js';

const round3 = (ms: number) => Math.round(ms * 1000) / 1000;

/**
 * Writes the one log line of each answered request, in pino's JSON format (`level`, `time`, `pid`,
 * `hostname`, then `requestId`, `method`, `url`, `status`, `durationMs`, `runMs`, `msg`), straight to the log
 * destination: a template instead of pino's serializer per request. Lines are still valid JSON, one per line
 * (client-given strings are escaped with `JSON.stringify`), and go through the same destination as every
 * other log line, so whatever formats or batches that destination applies to them too.
 *
 * @param levels which of `info` (30) and `debug` (20) lines are written (the server's log level).
 * @example
 * const log = accessLog(process.stdout, { warn: true, info: true, debug: false });
 * log.write(30, 'r1', true, 'GET', '/', 200, 0.4, -1);
 */
export function accessLog(destination: LogDestination, levels: { readonly warn: boolean; readonly info: boolean; readonly debug: boolean }) {
  const common = `,"pid":${process.pid},"hostname":${JSON.stringify(hostname())},"requestId":`;
  // Most lines repeat the previous line's path: its escaped form is kept instead of escaping it again.
  let lastUrl = '';
  let lastEscaped = '""';
  return {
    /** True when lines of this level (40 warn, 30 info, 20 debug) are written. */
    enabled(level: 20 | 30 | 40): boolean {
      return level === 40 ? levels.warn : level === 30 ? levels.info : levels.debug;
    },
    /**
     * Writes one line. `generatedId`: the server made the id (it needs no escaping); `runMs` < 0: `run` was not
     * called (no `runMs` field). Positional, so a request costs no record object.
     */
    write(level: 20 | 30 | 40, requestId: string, generatedId: boolean, method: string, url: string, status: number, durationMs: number, runMs: number): void {
      const id = generatedId ? `"${requestId}"` : JSON.stringify(requestId);
      const run = runMs < 0 ? '' : `,"runMs":${round3(runMs)}`;
      if (url !== lastUrl) {
        lastUrl = url;
        lastEscaped = JSON.stringify(url);
      }
      destination.write(
        `{"level":${level},"time":${Date.now()}${common}${id},"method":"${method}","url":${lastEscaped},"status":${status},"durationMs":${round3(durationMs)}${run},"msg":"request completed"}\n`,
      );
    },
  };
}

/** The request log line writer of one server. */
export type AccessLog = ReturnType<typeof accessLog>;
