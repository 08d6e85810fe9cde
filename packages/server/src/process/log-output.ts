import type { Writable } from 'node:stream';
import pinoPretty from 'pino-pretty';

/** How log lines reach standard output: pino's JSON lines, or pino-pretty's readable lines. */
export type LogFormat = 'json' | 'pretty';

/** The environment variable that chooses the log format (the CLI's `--log-format` sets it for its workers too). */
export const LOG_FORMAT_ENV = 'INFERSCHEMA_LOG_FORMAT';

/**
 * The log format: `INFERSCHEMA_LOG_FORMAT` when set (`json` or `pretty`), else readable lines on a terminal and
 * JSON lines otherwise (a pipe, a file, a container's log collector).
 *
 * @throws TypeError naming the variable when it holds anything else.
 * @example
 * logFormatFromEnv({}, true); // 'pretty'
 */
export function logFormatFromEnv(env: NodeJS.ProcessEnv, isTerminal: boolean): LogFormat {
  const value = env[LOG_FORMAT_ENV]?.trim().toLowerCase();
  if (value === undefined || value === '') return isTerminal ? 'pretty' : 'json';
  if (value === 'json' || value === 'pretty') return value;
  throw new TypeError(`${LOG_FORMAT_ENV} must be json or pretty, got ${JSON.stringify(env[LOG_FORMAT_ENV])}`);
}

/**
 * pino-pretty over standard output: time, level and message on one line, with the request's method, path,
 * status, duration and id when the line has them (`INFO: request completed POST /score 200 in 3.1 ms (abc)`);
 * other fields below it, and an error with its stack.
 */
function prettyStdout(): Writable {
  return pinoPretty({
    destination: 1,
    sync: true,
    colorize: process.stdout.isTTY === true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,requestId,method,url,status,durationMs',
    messageFormat: '{msg}{if method} {method} {url}{end}{if status} {status}{end}{if durationMs} in {durationMs} ms{end}{if requestId} ({requestId}){end}',
    errorLikeObjectKeys: ['err', 'error'],
  });
}

let output: { write(text: string): unknown } | undefined;

/**
 * Writes log text (one or more JSON lines) to standard output in the process's log format. Every log line of
 * the server goes through here, so `--log-format` applies to all of them.
 */
export function writeLogText(text: string): void {
  output ??= logFormatFromEnv(process.env, process.stdout.isTTY === true) === 'pretty' ? prettyStdout() : process.stdout;
  output.write(text);
}
