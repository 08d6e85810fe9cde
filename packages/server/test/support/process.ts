import { spawn, type ChildProcess } from 'node:child_process';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getCurrentTest } from 'vitest/suite';

/** The real `inferschema` command, as `npm start` runs it. */
export const CLI = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'cli', 'dist', 'bin.js');

/** A port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return (await freePorts(1))[0]!;
}

/**
 * `count` different free ports: all are held open until each is known, since a port closed before the next is
 * asked for can come back (two ports asked for one after the other once came back equal: EADDRINUSE).
 */
export async function freePorts(count: 2): Promise<[number, number]>;
export async function freePorts(count: number): Promise<number[]>;
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () =>
      new Promise<NetServer>((resolve, reject) => {
        const server = createNetServer();
        server.on('error', reject);
        server.listen(0, '127.0.0.1', () => resolve(server));
      }),
    ),
  );
  const ports = servers.map((server) => (server.address() as AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

/** Kept before the running test's own timeout, so that a wait giving up reports what it saw, not vitest. */
const REPORT_MARGIN_MS = 3_000;
/** A wait outside a test (a `beforeAll` or `afterAll`), well under vitest.config.ts's hook timeout. */
const OUTSIDE_A_TEST_MS = 60_000;

/**
 * How long a wait may last by default: until shortly before the running test's own timeout (the test decides
 * how long is reasonable, and a process start on a loaded machine can take tens of seconds), or
 * {@link OUTSIDE_A_TEST_MS} in a hook.
 *
 * @example
 * await served.waitForLog(isReadyLine, timeLeftInTest() / 2); // half the test's time left for what follows
 */
export function timeLeftInTest(): number {
  const test = getCurrentTest();
  const startedAt = test?.result?.startTime;
  if (!test?.timeout || startedAt === undefined) return OUTSIDE_A_TEST_MS;
  return Math.max(1_000, startedAt + test.timeout - Date.now() - REPORT_MARGIN_MS);
}

/** A running `inferschema serve` process with its output collected. */
export interface ServeProcess {
  readonly child: ChildProcess;
  /** Standard output and error so far. */
  output(): string;
  /** The JSON log lines so far. */
  logs(): Array<Record<string, unknown>>;
  /** Resolves once a log line matches, or rejects (with the output so far) after `timeoutMs`, by default {@link timeLeftInTest}. */
  waitForLog(match: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Resolves with the exit code (or the signal's name). */
  readonly exited: Promise<number | string>;
}

/** Starts `node packages/cli/dist/bin.js serve <args>`. */
export function startServe(args: readonly string[], env: NodeJS.ProcessEnv = {}): ServeProcess {
  const child = spawn(process.execPath, [CLI, 'serve', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  // 'close' comes after the last output has been read ('exit' may come before it).
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const logs = () =>
    text
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return {
    child,
    output: () => text,
    logs,
    exited,
    async waitForLog(match, timeoutMs = timeLeftInTest()) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = logs().find(match);
        if (found) return found;
        if (child.exitCode !== null || child.signalCode !== null) {
          await closed;
          const last = logs().find(match);
          if (last) return last;
          throw new Error(`the process exited (${child.exitCode ?? child.signalCode}) without the log line; output:\n${text}`);
        }
        if (Date.now() > deadline) throw new Error(`no matching log line within ${Math.round(timeoutMs)} ms; output:\n${text}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

/** The log line a served process writes once `init` has finished. */
export const isReadyLine = (line: Record<string, unknown>): boolean => line.msg === 'init() finished: ready for traffic';

/**
 * Returns `startServe` with `defaults` in its environment, and kills (SIGKILL) every process it started that is
 * still running after each test of the suite that calls it.
 */
export function servesKilledAfterEach(defaults: NodeJS.ProcessEnv = {}): (args: readonly string[], env?: NodeJS.ProcessEnv) => ServeProcess {
  const running: ServeProcess[] = [];
  afterEach(() => {
    for (const started of running.splice(0)) if (started.child.exitCode === null) started.child.kill('SIGKILL');
  });
  return (args, env = {}) => {
    const started = startServe(args, { ...defaults, ...env });
    running.push(started);
    return started;
  };
}
