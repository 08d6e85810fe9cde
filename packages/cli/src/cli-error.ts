/** Exit codes of the `inferschema` command. */
export const EXIT = Object.freeze({
  /** Done. */
  ok: 0,
  /** The script, its input or its result failed (the reason is printed). */
  failed: 1,
  /** The command line is wrong: an unknown flag, a missing argument or file, a bad option value. */
  usage: 2,
  /** `serve`: the script failed to load or its `init` failed (the server's boot-failure code). */
  bootFailure: 3,
  /** `serve`: the port is taken by another process (or needs privileges): nothing was started. */
  portInUse: 4,
});

/**
 * An error the command reports as one line (`error: <message>`), then exits with `exitCode`; `details` are
 * printed below it, indented.
 *
 * @example
 * throw new CliError(`--input-file ${path} does not exist`, EXIT.usage);
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  readonly exitCode: number;
  readonly details: readonly string[];

  constructor(message: string, exitCode: number = EXIT.failed, details: readonly string[] = []) {
    super(message);
    this.exitCode = exitCode;
    this.details = details;
  }
}
