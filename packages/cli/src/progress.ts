import type { CliIo } from './cli-io.js';

/** Reports long work (loading a script, calling `init`) on a terminal; silent in CI and in pipes. */
export interface Progress {
  /** Runs `work`, with a line before it and one with the elapsed time after it. */
  task<T>(label: string, work: () => Promise<T>): Promise<T>;
}

/** True when `CI` is set to anything but `''`, `0` or `false` (what GitHub Actions, GitLab and others set). */
export function isCi(env: CliIo['env']): boolean {
  const value = env.CI?.trim().toLowerCase();
  return value !== undefined && value !== '' && value !== '0' && value !== 'false';
}

function seconds(milliseconds: number): string {
  return `${(milliseconds / 1000).toFixed(milliseconds < 10_000 ? 2 : 1)} s`;
}

/**
 * Progress on stderr when it is a terminal and the command does not run in CI; otherwise it prints nothing.
 * Plain lines, no cursor tricks: the script's own logs may be printed in between.
 *
 * @example
 * await createProgress(io).task('Loading the model from ./model (init)', () => script.init('./model'));
 * // … Loading the model from ./model (init)
 * // ✓ Loading the model from ./model (init): 1.25 s
 */
export function createProgress(io: Pick<CliIo, 'stderr' | 'env'>): Progress {
  const enabled = io.stderr.isTTY === true && !isCi(io.env);
  return {
    async task(label, work) {
      if (!enabled) return work();
      const started = performance.now();
      io.stderr.write(`… ${label}\n`);
      try {
        const result = await work();
        io.stderr.write(`✓ ${label}: ${seconds(performance.now() - started)}\n`);
        return result;
      } catch (error) {
        io.stderr.write(`✗ ${label}: failed after ${seconds(performance.now() - started)}\n`);
        throw error;
      }
    },
  };
}
