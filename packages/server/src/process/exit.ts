let deliberate = false;

/** Exits the process on the server's own decision; any other `process.exit()` is reported as the script's. */
export function exitProcess(code: number): never {
  deliberate = true;
  process.exit(code);
}

/** True once {@link exitProcess} was called. */
export function exitIsDeliberate(): boolean {
  return deliberate;
}
