import { spawn } from 'node:child_process';
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
  readonly cwd?: string;
}

const CLEARED = ['CI', 'AZUREML_MODEL_DIR', 'AML_APP_ROOT', 'SERVICE_NAME', 'SERVICE_VERSION', 'SERVICE_PATH_PREFIX'];

function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of CLEARED) delete env[name];
  return { ...env, ...extra };
}

/** Runs `node dist/bin.js ...args` and collects its exit code and output. */
export function runCli(args: readonly string[], options: CliRunOptions = {}): Promise<CliResult> {
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
