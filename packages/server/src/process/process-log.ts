import { hostname } from 'node:os';
import { writeLogText } from './log-output.js';

const LEVELS = { debug: 20, info: 30, warn: 40, error: 50, fatal: 60 } as const;

/** A log level of {@link processLog}. */
export type ProcessLogLevel = keyof typeof LEVELS;

function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  return { type: error.name, message: error.message, stack: error.stack };
}

/**
 * Writes one log line in the server's format (pino's JSON, or readable lines on a terminal: `level`, `time`, `pid`, `hostname`, `msg`) for the
 * moments no server logger exists: the cluster primary, and failures before the server is built. An `err`
 * field is written with its stack.
 *
 * @example
 * processLog('fatal', 'Loading the entry script failed', { err: error });
 */
export function processLog(level: ProcessLogLevel, msg: string, fields: Record<string, unknown> = {}): void {
  const { err, ...rest } = fields;
  const line = { level: LEVELS[level], time: Date.now(), pid: process.pid, hostname: hostname(), ...rest, ...(err === undefined ? {} : { err: serializeError(err) }), msg };
  writeLogText(`${JSON.stringify(line)}\n`);
}
