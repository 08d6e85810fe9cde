import { Command, CommanderError } from 'commander';
import { CliError, EXIT } from './cli-error.js';
import { processIo, write, type CliIo } from './cli-io.js';
import { registerCheckCommand } from './commands/check.js';
import { registerRunCommand } from './commands/run.js';
import { registerServeCommand } from './commands/serve.js';
import { registerSwaggerCommand } from './commands/swagger.js';
import { registerInitCommand } from './commands/init.js';
import { VERSION } from './version.js';

/** Commands that are done when their action resolves; the process then exits even if a script left timers. */
const ONE_SHOT_COMMANDS = new Set(['swagger', 'run', 'check', 'init']);

/**
 * The `inferschema` program: `serve`, `swagger`, `run`, `check` and `init`, each with `--help` and examples. Errors are not
 * printed here; {@link main} does that.
 *
 * @example
 * await createProgram().parseAsync(['check', 'score.ts'], { from: 'user' });
 */
export function createProgram(io: CliIo = processIo()): Command {
  const program = new Command('inferschema')
    .description('Serve machine-learning models over HTTP, with schemas inferred from samples.')
    .version(VERSION, '-V, --version', 'print the version of inferschema')
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showHelpAfterError('(add --help for usage and examples)')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ inferschema check score.ts',
        '  $ inferschema serve score.ts --model-dir ./model --port 5001',
        `  $ inferschema run score.ts --model-dir ./model --input '{"data": [[1, 2, 3]]}'`,
        '  $ inferschema swagger score.ts --version 3.1 --out openapi.json',
        '  $ inferschema init house-price                  # a new project: script, model, test, CI, Dockerfile',
        '',
        'Exit codes: 0 done, 1 the script, its input or its result failed, 2 the command line is wrong;',
        'serve: 3 the script failed to load or init failed, 4 the port is already in use.',
      ].join('\n'),
    );
  registerServeCommand(program);
  registerSwaggerCommand(program, io);
  registerRunCommand(program, io);
  registerCheckCommand(program, io);
  registerInitCommand(program, io);
  return program;
}

/** How a command line ended. */
export interface CliOutcome {
  readonly exitCode: number;
  /** False while a long-running command (the server) still has work to do: do not end the process. */
  readonly exit: boolean;
}

function report(io: CliIo, error: unknown): Promise<void> {
  if (error instanceof CliError) {
    const [reason, ...more] = error.message.split('\n');
    const details = [...more, ...error.details].map((line) => `  ${line.trim()}`);
    return write(io.stderr, [`error: ${reason}`, ...details].join('\n') + '\n');
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return write(io.stderr, `error: ${detail}\n`);
}

/**
 * Runs the `inferschema` command line and reports how it ended: a usage error (already printed by commander)
 * is exit code 2, a failure is printed as `error: <reason>` (with details below it) and is exit code 1.
 *
 * @example
 * const { exitCode } = await main(['swagger', 'score.ts', '--version', '3.1']);
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<CliOutcome> {
  const program = createProgram(io);
  let oneShot = true;
  program.hook('preAction', (_program, command) => {
    oneShot = ONE_SHOT_COMMANDS.has(command.name());
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return { exitCode: EXIT.ok, exit: oneShot };
  } catch (error) {
    if (error instanceof CommanderError) return { exitCode: error.exitCode === 0 ? EXIT.ok : EXIT.usage, exit: true };
    await report(io, error);
    return { exitCode: error instanceof CliError ? error.exitCode : EXIT.failed, exit: true };
  }
}
