const STDOUT_METHODS = ['log', 'info', 'debug', 'dir', 'table'] as const;

/**
 * Runs `work` with `console.log`, `info`, `debug`, `dir` and `table` printing to `stderr`, so that what an entry
 * script logs does not mix with the result a command prints on stdout.
 */
export async function withConsoleOnStderr<T>(stderr: NodeJS.WritableStream, work: () => Promise<T>): Promise<T> {
  const saved = STDOUT_METHODS.map((method) => [method, console[method]] as const);
  const toStderr = new console.Console({ stdout: stderr, stderr });
  for (const method of STDOUT_METHODS) console[method] = toStderr[method].bind(toStderr) as never;
  try {
    return await work();
  } finally {
    for (const [method, original] of saved) console[method] = original as never;
  }
}
