import { spawn } from 'node:child_process';
import { Console } from 'node:console';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';

/** The built command, run as a user runs it. */
export const BIN = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));

/** Each test runs the command a few times; each run loads Node, tsx and the script (seconds on a busy machine). */
export const CLI_TIMEOUT = 180_000;

/** The absolute path of a file under `test/fixtures`. */
export function fixture(relative: string): string {
  return fileURLToPath(new URL(`../fixtures/${relative}`, import.meta.url));
}

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliRunOptions {
  /** Added to the environment (CI and the Azure ML variables are removed first, so tests see a clean one). */
  readonly env?: Record<string, string>;
  readonly stdin?: string | Uint8Array;
}

export interface CliSpawnOptions extends CliRunOptions {
  readonly cwd?: string;
}

const CLEARED = ['CI', 'AZUREML_MODEL_DIR', 'AML_APP_ROOT', 'SERVICE_NAME', 'SERVICE_VERSION', 'SERVICE_PATH_PREFIX'];

function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of CLEARED) delete env[name];
  return { ...env, ...extra };
}

/** Makes `process.env` hold exactly `env` (in place: the object Node and the packages read stays the same). */
function replaceEnv(env: NodeJS.ProcessEnv): void {
  for (const name of Object.keys(process.env)) if (!(name in env)) delete process.env[name];
  Object.assign(process.env, env);
}

const CONSOLE_METHODS = ['log', 'info', 'debug', 'dir', 'table', 'error', 'warn', 'trace'] as const;

/** A stream that keeps what is written to it. */
function sink(): { stream: Writable; text(): string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/** Commands run one at a time: each owns the process's environment and console while it runs. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs the command line in this process: `main` of the built `inferschema` package, the function `bin.js`
 * calls, with the same environment the command's own process would have (`process.env` is replaced for the
 * call and restored after it), and the console printing to the command's stdout and stderr, as it does in its
 * own process. The current directory cannot change in a worker thread: a test that needs one uses
 * {@link spawnCli}, as do tests of what only a process has (a terminal, signals, the exit itself).
 */
export function runCli(args: readonly string[], options: CliRunOptions = {}): Promise<CliResult> {
  const call = queue.then(() => runInProcess(args, options));
  queue = call.catch(() => undefined);
  return call;
}

async function runInProcess(args: readonly string[], options: CliRunOptions): Promise<CliResult> {
  const stdout = sink();
  const stderr = sink();
  const stdin = Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]);
  const savedEnv = { ...process.env };
  const savedConsole = CONSOLE_METHODS.map((method) => [method, console[method]] as const);
  const commandConsole = new Console({ stdout: stdout.stream, stderr: stderr.stream });
  replaceEnv(cleanEnv(options.env));
  for (const method of CONSOLE_METHODS) console[method] = commandConsole[method].bind(commandConsole) as never;
  try {
    // Imported here: files that only spawn the command do not load it.
    const { main } = await import('inferschema');
    const { exitCode, exit } = await main(args, { stdout: stdout.stream, stderr: stderr.stream, stdin, env: process.env });
    if (!exit) throw new Error(`inferschema ${args.join(' ')} keeps running (a server): run it with spawnCli`);
    return { code: exitCode, stdout: stdout.text(), stderr: stderr.text() };
  } finally {
    for (const [method, original] of savedConsole) console[method] = original as never;
    replaceEnv(savedEnv);
  }
}

/** Runs `node dist/bin.js ...args`, the built command in its own process, and collects its exit code and output. */
export function spawnCli(args: readonly string[], options: CliSpawnOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: cleanEnv(options.env), cwd: options.cwd });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') }),
    );
    child.stdin.end(options.stdin ?? '');
  });
}

/**
 * Runs the command with stderr on a pseudo-terminal (util-linux `script`), where progress is shown. Both
 * streams arrive together as `output`.
 */
export function runCliOnTerminal(args: readonly string[], env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  const quoted = [process.execPath, BIN, ...args].map((arg) => `'${arg.replace(/'/g, `'\\''`)}'`).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qefc', quoted, '/dev/null'], { env: cleanEnv(env) });
    const output: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output: Buffer.concat(output).toString('utf8').replace(/\r\n/g, '\n') }));
    child.stdin.end();
  });
}
