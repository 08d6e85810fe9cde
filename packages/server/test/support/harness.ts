import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createServer, type CreateServerOptions, type ScoringServer } from '@inferschema/server';

/** The folder of the test fixtures. */
export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** The path of a fixture script or folder. */
export const fixture = (name: string): string => join(FIXTURES, name);

/** A server started on a free loopback port, with its log lines collected. */
export interface TestServer {
  readonly server: ScoringServer;
  readonly url: string;
  /** Every JSON log line written so far. */
  logs(): Array<Record<string, unknown>>;
  close(): Promise<void>;
}

/**
 * Loads a fixture script with the real loader, starts the real server on 127.0.0.1 and a free port, and
 * waits until `init` has finished.
 */
export async function startTestServer(script: string, options: CreateServerOptions = {}, { start = true } = {}): Promise<TestServer> {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  const server = await createServer(fixture(script), { modelDir: fixture('model'), port: 0, logLevel: 'debug', ...options, logStream: stream });
  const url = start ? await server.start() : await server.listen();
  return {
    server,
    url,
    logs: () => text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>),
    close: () => server.close(),
  };
}

/** What {@link send} resolves to. */
export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** Raw header list, to see repeated headers and exact values. */
  readonly rawHeaders: string[];
  readonly body: Buffer;
  readonly text: string;
  /** The body parsed as JSON (undefined when it is not JSON). */
  readonly json: any;
}

/** Options of {@link send}. */
export interface SendOptions {
  readonly method?: string;
  readonly headers?: Record<string, string | string[]>;
  readonly body?: string | Uint8Array;
}

/**
 * Sends one request with node:http, exactly as given (any method, any header, no content type added), on a
 * fresh connection, and collects the response.
 */
export function send(url: string, options: SendOptions = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const headers = { ...options.headers };
    if (options.body !== undefined && !Object.keys(headers).some((name) => /^(content-length|transfer-encoding)$/i.test(name))) {
      headers['content-length'] = String(Buffer.byteLength(options.body));
    }
    const request = httpRequest(url, { method: options.method ?? 'GET', headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const body = Buffer.concat(chunks);
        const text = body.toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: response.statusCode ?? 0, headers: response.headers, rawHeaders: response.rawHeaders, body, text, json });
      });
    });
    request.on('error', reject);
    if (options.body !== undefined) request.write(options.body);
    request.end();
  });
}

/** POSTs a JSON text (as given, not re-serialized) with `content-type: application/json`. */
export function postJson(url: string, text: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return send(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: text });
}

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
