let deliberate = false;

/** Exits the process on the server's own decision; any other `process.exit()` is reported as the script's. */
export function exitProcess(code: number): never {
  expectExit();
  process.exit(code);
}

/** Marks the coming `process.exit()` as not the script's (one Node makes, e.g. in a worker whose primary is gone). */
export function expectExit(): void {
  deliberate = true;
}

/** True once {@link exitProcess} was called. */
export function exitIsDeliberate(): boolean {
  return deliberate;
}
