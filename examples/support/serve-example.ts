import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type CreateServerOptions, type ScoringServer } from '@inferschema/server';

/** The folder of the examples (this file's parent's parent). */
export const EXAMPLES_DIR = dirname(dirname(fileURLToPath(import.meta.url)));

/** A scoring server serving one example on a free loopback port. */
export interface ServedExample {
  /** The base URL, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  readonly server: ScoringServer;
  close(): Promise<void>;
}

/**
 * Starts the real scoring server for `examples/<name>/<script>` with `examples/<name>/model` as the model
 * directory, on port 0 (a free port), logging nothing. Resolves once `init` has finished.
 *
 * @example
 * const served = await serveExample('image');
 * await fetch(`${served.url}/score`, { method: 'POST', body: png, headers: { 'content-type': 'image/png' } });
 * await served.close();
 */
export async function serveExample(name: string, script = 'score.ts', options: CreateServerOptions = {}): Promise<ServedExample> {
  const dir = join(EXAMPLES_DIR, name);
  const server = await createServer(join(dir, script), { modelDir: join(dir, 'model'), port: 0, host: '127.0.0.1', logLevel: 'silent', ...options });
  const url = await server.start();
  return { url, server, close: () => server.close() };
}

/** The bytes of `examples/<name>/requests/<file>`. */
export function requestBytes(name: string, file: string): Buffer {
  return readFileSync(join(EXAMPLES_DIR, name, 'requests', file));
}

/** The text of `examples/<name>/requests/<file>` (a JSON request body, as posted). */
export function requestText(name: string, file: string): string {
  return requestBytes(name, file).toString('utf8');
}

/** POSTs a JSON body (text, as stored in `requests/`) to `/score`. */
export function postJson(url: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${url}/score`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}
