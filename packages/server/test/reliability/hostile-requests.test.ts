import { connect } from 'node:net';
import { join } from 'node:path';
import { MESSAGES } from '../../src/http/messages.js';
import { REPO, startHostedServer, type HostedServer, type ServerProbe } from './support/hosted-server.js';
import { KeepAliveClient, type Answer } from './support/keep-alive-client.js';
import { CORPUS_SEED, malformedCorpus, type MalformedRequest } from './support/malformed-requests.js';

const REGRESSION = join(REPO, 'examples', 'regression');
const VALID_BODY = '{"data": [[10, 9, 8, 7, 6, 5, 4, 3, 2, 1]]}';
const MiB = 1024 * 1024;

/** The status and message each kind of malformed request gets (exact texts are the server's messages). */
function expectedAnswer(kind: string): { status: number; message: (text: string) => boolean } {
  const startsWith = (prefix: string) => (text: string) => text.startsWith(prefix);
  if (kind.startsWith('broken JSON') || kind.startsWith('non-JSON') || kind === 'huge number: 400 digits') {
    return { status: 400, message: (text) => text === MESSAGES.emptyBody || text.startsWith(MESSAGES.invalidJson('')) || text.startsWith('Invalid input') };
  }
  if (kind === 'invalid UTF-8') return { status: 400, message: startsWith(MESSAGES.invalidUtf8('')) };
  // The regression script takes one ndarray, so /score accepts JSON and .npy bodies.
  if (kind.startsWith('wrong content type')) {
    return { status: 415, message: (text) => text === MESSAGES.unsupportedMediaType(['application/json', 'application/x-npy']) };
  }
  if (kind === 'oversized headers') return { status: 431, message: (text) => text === 'Exceeded maximum allowed HTTP header size' };
  if (kind === 'request id over 100 characters') {
    return { status: 400, message: (text) => text === MESSAGES.requestIdTooLong || text === MESSAGES.clientRequestIdTooLong };
  }
  if (kind === 'method not allowed') return { status: 405, message: (text) => text === MESSAGES.methodNotAllowed };
  if (kind === 'unknown path') return { status: 404, message: (text) => text === MESSAGES.notFound };
  // Wrong types and shapes, deep nesting, prototype keys, duplicate keys, a bad query: validation errors.
  return { status: 400, message: (text) => text.startsWith('Invalid input') || text === MESSAGES.notAnObject };
}

function jsonMessage(answer: Answer): string | undefined {
  try {
    const body = JSON.parse(answer.text) as { message?: unknown };
    return typeof body.message === 'string' ? body.message : undefined;
  } catch {
    return undefined;
  }
}

/** A raw HTTP/1.1 exchange on a fresh socket: what the server wrote before closing (or within `ms`). */
function rawExchange(url: string, bytes: string | Buffer, ms = 5_000): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let text = '';
    const timer = setTimeout(() => socket.destroy(), ms);
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(text);
    });
    socket.on('error', () => undefined);
    socket.write(bytes);
  });
}

function errorLines(output: string): string[] {
  return output.split('\n').filter((line) => /"level":(50|60)/.test(line));
}

describe('the real server (regression example, in a child process) under hostile HTTP input', () => {
  let hosted: HostedServer;
  let client: KeepAliveClient;
  let baseline: ServerProbe;

  beforeAll(async () => {
    hosted = await startHostedServer(join(REGRESSION, 'score.ts'), { modelDir: join(REGRESSION, 'model') });
    client = new KeepAliveClient(hosted.url, 8);
    // Warm up every path once (JIT, lazily compiled error validators, pools), then take the baseline.
    const warmup = [...malformedCorpus(600), ...Array.from({ length: 200 }, (): MalformedRequest => ({ kind: 'valid', method: 'POST', path: '/score', headers: { 'content-type': 'application/json' }, body: VALID_BODY }))];
    await client.sendAll(warmup, 8);
    baseline = await hosted.probe();
    expect(baseline.gcAvailable).toBe(true);
  });

  afterAll(async () => {
    client?.close();
    await hosted?.close();
  });

  it(`10,000 generated malformed requests (seed ${CORPUS_SEED}) over 8 keep-alive connections: each gets its 4xx with a JSON { message }`, async () => {
    const corpus = malformedCorpus(10_000);
    const answers = await client.sendAll(corpus, 8);
    const byKind = new Map<string, number>();
    const wrong: string[] = [];
    answers.forEach((answer, index) => {
      const request = corpus[index]!;
      byKind.set(request.kind, (byKind.get(request.kind) ?? 0) + 1);
      const expected = expectedAnswer(request.kind);
      const message = jsonMessage(answer);
      const json = /^application\/json/.test(String(answer.headers['content-type']));
      if (answer.status !== expected.status || !json || message === undefined || !expected.message(message)) {
        wrong.push(`${request.kind} ${request.method} ${request.path} → ${answer.status} ${answer.text.slice(0, 200)}`);
      }
    });
    expect(wrong.slice(0, 20)).toEqual([]);
    // Every kind of malformed input was sent many times.
    for (const kind of ['broken JSON: truncated', 'deep nesting', 'invalid UTF-8', '__proto__ / constructor keys', 'duplicate keys', 'oversized headers', 'huge number: 400 digits']) {
      expect(byKind.get(kind) ?? 0).toBeGreaterThan(100);
    }
    expect(hosted.child.exitCode).toBeNull();
  }, 180_000);

  it('100,000 levels of nesting: 400 with the validation message, no stack overflow', async () => {
    for (const opener of ['[', '{"a":']) {
      const closer = opener === '[' ? ']' : '}';
      const answer = await client.send({ method: 'POST', path: '/score', headers: { 'content-type': 'application/json' }, body: `{"data": ${opener.repeat(100_000)}1${closer.repeat(100_000)}}` });
      expect(answer.status).toBe(400);
      expect(jsonMessage(answer)).toMatch(/^Invalid input at \/data/);
    }
    const unbalanced = await client.send({ method: 'POST', path: '/score', headers: { 'content-type': 'application/json' }, body: '['.repeat(100_000) });
    expect(unbalanced.status).toBe(400);
    expect(jsonMessage(unbalanced)).toMatch(/^POST body could not be decoded as JSON: /);
  });

  it('a 10 MB string is a 400 (under the 16 MiB limit)', async () => {
    const tenMegabytes = 'x'.repeat(10 * 1000 * 1000);
    const inData = await client.send({ method: 'POST', path: '/score', headers: { 'content-type': 'application/json' }, body: `{"data": [["${tenMegabytes}"]]}` });
    expect(inData.status).toBe(400);
    expect(jsonMessage(inData)).toBe('Invalid input at /data/0: must have exactly 10 items (and 1 more problem)');
    const asKey = await client.send({ method: 'POST', path: '/score', headers: { 'content-type': 'application/json' }, body: `{"${tenMegabytes}": 1}` });
    expect(asKey.status).toBe(400);
    expect(jsonMessage(asKey)).toBe('Invalid input at /data: is required');
  });

  // The server answers 413 as soon as it knows, and closes the connection: a client still uploading would
  // see its write fail, so these clients stop sending and read the answer. A declared length is refused before
  // any of the body is read.
  it('a 20 MB body is a 413 with the limit in the message: declared by Content-Length, or counted in chunks', async () => {
    const head = 'POST /score HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n';
    const declared = await rawExchange(hosted.url, `${head}Content-Length: ${20 * MiB}\r\n\r\n`);
    const chunk = 16 * MiB + 1;
    const chunked = await rawExchange(hosted.url, Buffer.concat([Buffer.from(`${head}Transfer-Encoding: chunked\r\n\r\n${chunk.toString(16)}\r\n`), Buffer.alloc(chunk, 0x20)]));
    for (const response of [declared, chunked]) {
      expect(response).toMatch(/^HTTP\/1\.1 413 Payload Too Large\r\n/);
      expect(JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4))).toEqual({ message: MESSAGES.bodyTooLarge(16 * MiB) });
    }
  });

  it('broken HTTP framing (bad request line, bad chunk sizes, conflicting lengths) gets a 400 with a JSON body', async () => {
    const exchanges = [
      'GARBAGE\r\n\r\n',
      'POST /score HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nzz\r\n{}\r\n0\r\n\r\n',
      'POST /score HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}',
      'POST /score HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}',
      'GET /score HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n',
    ];
    for (const bytes of exchanges) {
      const response = await rawExchange(hosted.url, bytes);
      expect(response).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
      expect(response).toContain('Content-Type: application/json');
      expect(JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4))).toEqual({ error: 'Bad Request', message: 'Client Error', statusCode: 400 });
    }
  });

  it('duplicate keys: the last one wins (as in Python json), so validation and run see the same value', async () => {
    const send = (body: string) => client.send({ method: 'POST', path: '/score', headers: { 'content-type': 'application/json' }, body });
    const validLast = await send(`{"data": "not an array", "data": [[10, 9, 8, 7, 6, 5, 4, 3, 2, 1]]}`);
    const plain = await send(VALID_BODY);
    expect(validLast.status).toBe(200);
    expect(validLast.text).toBe(plain.text);
    const invalidLast = await send(`{"data": [[10, 9, 8, 7, 6, 5, 4, 3, 2, 1]], "data": "not an array"}`);
    expect(invalidLast.status).toBe(400);
    expect(jsonMessage(invalidLast)).toBe('Invalid input at /data: must be an array: expected 2 dimensions, found 0');
  });

  it('top-level __proto__ and constructor keys are extra keys (ignored, as documented) and pollute nothing', async () => {
    const plain = await client.send({ method: 'POST', path: '/score', headers: { 'content-type': 'application/json' }, body: VALID_BODY });
    for (const extra of ['"__proto__": {"polluted": true}', '"constructor": {"prototype": {"polluted": true}}', '"prototype": {"polluted": true}']) {
      const answer = await client.send({ method: 'POST', path: '/score', headers: { 'content-type': 'application/json' }, body: `{${extra}, ${VALID_BODY.slice(1)}` });
      expect(answer.status).toBe(200);
      expect(answer.text).toBe(plain.text);
    }
    const query = await client.send({ method: 'GET', path: '/score?__proto__[polluted]=1&constructor[prototype][polluted]=1' });
    expect(query.status).toBe(400);
    expect(jsonMessage(query)).toBe('Invalid input at /data: is required');
    const probe = await hosted.probe();
    expect(probe.prototypeKeys).toEqual(baseline.prototypeKeys);
    expect(probe.prototypeKeys).not.toContain('polluted');
  });

  it('afterwards: the process is up, serves a valid request, logged no error, Object.prototype is untouched, and memory is back near its baseline', async () => {
    const answer = await client.send({ method: 'POST', path: '/score', headers: { 'content-type': 'application/json' }, body: VALID_BODY });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toHaveLength(1);
    expect(hosted.child.exitCode).toBeNull();
    expect(errorLines(hosted.output())).toEqual([]);
    const after = await hosted.probe();
    expect(after.prototypeKeys).toEqual(baseline.prototypeKeys);
    expect(after.prototypeOfObject).toBe(true);
    // After a full collection the heap and the Buffer memory are within 16 MiB of the warmed-up baseline
    // (the test sent ~10,000 requests and 50 MB of large bodies since).
    expect(after.memory.heapUsed - baseline.memory.heapUsed).toBeLessThan(16 * MiB);
    expect(after.memory.arrayBuffers - baseline.memory.arrayBuffers).toBeLessThan(16 * MiB);
    console.info(
      `memory after GC: heapUsed ${(baseline.memory.heapUsed / MiB).toFixed(1)} → ${(after.memory.heapUsed / MiB).toFixed(1)} MiB, ` +
        `arrayBuffers ${(baseline.memory.arrayBuffers / MiB).toFixed(1)} → ${(after.memory.arrayBuffers / MiB).toFixed(1)} MiB, ` +
        `rss ${(baseline.memory.rss / MiB).toFixed(1)} → ${(after.memory.rss / MiB).toFixed(1)} MiB`,
    );
  });
});
