import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';

/** One request, exactly as sent: any method, path, headers and body bytes (no content type added). */
export interface RequestSpec {
  readonly method: string;
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
}

/** The answer to a {@link RequestSpec}. */
export interface Answer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
}

/**
 * Sends requests over a pool of keep-alive connections (`connections` sockets, reused), as a busy client
 * does.
 */
export class KeepAliveClient {
  readonly #agent: Agent;
  readonly #base: URL;

  constructor(url: string, connections: number) {
    this.#base = new URL(url);
    this.#agent = new Agent({ keepAlive: true, maxSockets: connections });
  }

  send(spec: RequestSpec): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = { ...spec.headers };
      if (spec.body !== undefined) headers['content-length'] = String(Buffer.byteLength(spec.body));
      const request = httpRequest(
        { host: this.#base.hostname, port: this.#base.port, method: spec.method, path: spec.path, headers, agent: this.#agent },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') }));
        },
      );
      request.on('error', reject);
      request.end(spec.body);
    });
  }

  /** Sends every request, at most `parallel` at a time, and returns the answers in order. */
  async sendAll(specs: readonly RequestSpec[], parallel: number): Promise<Answer[]> {
    const answers = new Array<Answer>(specs.length);
    let next = 0;
    const worker = async () => {
      while (next < specs.length) {
        const index = next++;
        answers[index] = await this.send(specs[index]!);
      }
    };
    await Promise.all(Array.from({ length: parallel }, worker));
    return answers;
  }

  close(): void {
    this.#agent.destroy();
  }
}
