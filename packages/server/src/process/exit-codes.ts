import { constants } from 'node:os';

/** The exit code of a process whose script failed to load or whose `init` failed. */
export const BOOT_FAILURE_EXIT_CODE = 3;

/**
 * The exit code after an error escaped the script (`uncaughtException`, `unhandledRejection`) and the server
 * stopped gracefully, and after a script called `process.exit(0)`: 70, `EX_SOFTWARE` in sysexits.h.
 */
export const CRASH_EXIT_CODE = 70;

/**
 * The exit code of a forced exit on a second SIGINT/SIGTERM: 128 + the signal's number, as a shell reports a
 * process killed by that signal (130 for SIGINT, 143 for SIGTERM).
 *
 * @example
 * forcedExitCode('SIGINT'); // 130
 */
export function forcedExitCode(signal: NodeJS.Signals): number {
  return 128 + (constants.signals[signal] ?? 0);
}
