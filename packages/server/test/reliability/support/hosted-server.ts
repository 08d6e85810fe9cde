import { fork, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CreateServerOptions } from '@inferschema/server';

const HERE = dirname(fileURLToPath(import.meta.url));

/** The repository's root folder. */
export const REPO = join(HERE, '..', '..', '..', '..', '..');

/** The folder of this suite's fixture scripts. */
export const RELIABILITY_FIXTURES = join(HERE, '..', 'fixtures');

/** What the server process reports about itself, measured after a full garbage collection. */
export interface ServerProbe {
  readonly memory: NodeJS.MemoryUsage;
  readonly prototypeKeys: string[];
  readonly prototypeOfObject: boolean;
  readonly gcAvailable: boolean;
  /** The longest event-loop delay since the previous probe, in ms. */
  readonly eventLoopDelayMaxMs: number;
}

/** A real scoring server running in a child process (so its memory and globals are its own). */
export interface HostedServer {
  readonly url: string;
  readonly child: ChildProcess;
  /** Garbage-collects in the server process, then reports its memory and `Object.prototype`'s keys. */
  probe(): Promise<ServerProbe>;
  /** Everything the process wrote (its JSON log lines at `warn` and above, and any crash). */
  output(): string;
  close(): Promise<void>;
}

type ServerSettings = Omit<CreateServerOptions, 'logStream' | 'metricsSource'>;

/**
 * Starts `createServer(script, options)` in a child process run with `--expose-gc`, and resolves once it
 * is ready (its `init` finished) with its URL.
 */
export function startHostedServer(script: string, options: ServerSettings = {}): Promise<HostedServer> {
  const child = fork(join(RELIABILITY_FIXTURES, 'server-host.mjs'), [script, JSON.stringify(options)], {
    execArgv: ['--expose-gc'],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let text = '';
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  let probes = 0;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the server process exited (${code}) before it was ready:\n${text}`)));
    child.on('message', (message: { type?: string; url?: string }) => {
      if (message.type !== 'ready') return;
      resolve({
        url: message.url!,
        child,
        output: () => text,
        probe() {
          const id = ++probes;
          return new Promise((done) => {
            const onMessage = (reply: ServerProbe & { type?: string; id?: number }) => {
              if (reply.type !== 'probe' || reply.id !== id) return;
              child.off('message', onMessage);
              done(reply);
            };
            child.on('message', onMessage);
            child.send({ type: 'probe', id });
          });
        },
        async close() {
          if (child.exitCode !== null || child.signalCode !== null) return;
          child.send({ type: 'close' });
          const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          await exited;
          clearTimeout(timer);
        },
      });
    });
  });
}
