// What the server benchmarks share: command-line flags, a free loopback port, and waiting for a server.
import { request } from 'node:http';
import { createServer as createNetServer } from 'node:net';

/** The number after `--name` on the command line, or `fallback`. */
export function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index < 0 ? fallback : Number(process.argv[index + 1]);
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createNetServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Asks `path` on the port every 100 ms until it answers 200 (at most `attempts` times). */
export async function waitForOk(
  port: number,
  { path, method = 'GET', body, attempts = 300 }: { path: string; method?: string; body?: string; attempts?: number },
): Promise<void> {
  const headers = body === undefined ? {} : { 'content-type': 'application/json' };
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const ok = await new Promise<boolean>((resolve) => {
      const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      });
      req.on('error', () => resolve(false));
      req.end(body);
    });
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${method} ${path} on port ${port} never answered 200`);
}
