/**
 * Load and soak: the regression example served by the real `inferschema serve` process, driven for a fixed
 * time by a load generator in another process over a fixed number of keep-alive connections (each sends its
 * next `POST /score` as soon as the previous answer arrived). Reports requests/s, errors (any status but 200,
 * any answer that differs from the first, any request error), dropped connections (sockets that closed during
 * the run, and sockets opened beyond the connection count), p50/p99/max latency, and the server's resident
 * memory after a warm-up and after the run.
 *
 * Pass: zero errors, zero dropped connections, resident memory after the run at most 10% above before (it may
 * shrink: V8 returns memory once the warm-up's garbage is collected).
 *
 * Usage: node --import tsx bench/load-soak.ts [--seconds 60] [--connections 100] [--warmup 10]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import type { Socket } from 'node:net';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { flag, freePort, waitForOk } from './support/loopback.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLE = join(ROOT, 'examples', 'regression');
const BODY = readFileSync(join(EXAMPLE, 'requests', 'sample.json'), 'utf8').trim();
const MiB = 1024 * 1024;


/** What one load run measured. */
interface LoadRun {
  readonly requests: number;
  readonly errors: number;
  readonly errorSamples: string[];
  readonly seconds: number;
  readonly socketsOpened: number;
  readonly socketsClosedDuringRun: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly firstBody: string;
}

/** The load generator: `connections` loops, each on its own keep-alive socket, for `seconds`. */
async function runLoad(port: number, connections: number, seconds: number): Promise<LoadRun> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const sockets = new Set<Socket>();
  let closedDuringRun = 0;
  let running = true;
  const once = () =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: '/score', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(BODY) } },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          res.on('error', reject);
        },
      );
      req.on('socket', (socket: Socket) => {
        if (sockets.has(socket)) return;
        sockets.add(socket);
        socket.on('close', () => {
          if (running) closedDuringRun += 1;
        });
      });
      req.on('error', reject);
      req.end(BODY);
    });
  const firstBody = (await once()).body;
  const latencies = new Float64Array(Math.max(1, seconds) * 200_000);
  let count = 0;
  let errors = 0;
  const errorSamples: string[] = [];
  const fail = (what: string) => {
    errors += 1;
    if (errorSamples.length < 5) errorSamples.push(what);
  };
  const started = performance.now();
  const end = started + seconds * 1000;
  const loop = async () => {
    while (performance.now() < end) {
      const sentAt = performance.now();
      try {
        const { status, body } = await once();
        if (status !== 200 || body !== firstBody) fail(`${status} ${body.slice(0, 120)}`);
      } catch (error) {
        fail(String(error));
      }
      if (count < latencies.length) latencies[count] = performance.now() - sentAt;
      count += 1;
    }
  };
  await Promise.all(Array.from({ length: connections }, loop));
  const elapsed = (performance.now() - started) / 1000;
  running = false;
  agent.destroy();
  const sorted = latencies.subarray(0, Math.min(count, latencies.length)).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return {
    requests: count,
    errors,
    errorSamples,
    seconds: elapsed,
    socketsOpened: sockets.size,
    socketsClosedDuringRun: closedDuringRun,
    p50: at(0.5),
    p99: at(0.99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    firstBody,
  };
}



/** Resident memory of a process (Linux `/proc/<pid>/status`), in bytes. */
function residentBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? Number.NaN) * 1024;
}

function loadProcess(port: number, connections: number, seconds: number): Promise<LoadRun> {
  const load = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--role', 'load', '--port', String(port), '--connections', String(connections), '--seconds', String(seconds)],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  load.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  return new Promise((resolve, reject) => load.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as LoadRun) : reject(new Error(`the load generator exited ${code}`)))));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  if (process.argv.includes('--role')) {
    process.stdout.write(JSON.stringify(await runLoad(flag('port', 0), flag('connections', 100), flag('seconds', 60))));
    return;
  }
  const seconds = flag('seconds', 60);
  const connections = flag('connections', 100);
  const warmup = flag('warmup', 10);
  const port = await freePort();
  const server: ChildProcess = spawn(
    process.execPath,
    [join(ROOT, 'packages', 'cli', 'dist', 'bin.js'), 'serve', join(EXAMPLE, 'score.ts'), '--model-dir', join(EXAMPLE, 'model'), '--port', String(port), '--log-level', 'warn'],
    { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  let serverExit: number | string | null = null;
  server.on('exit', (code, signal) => (serverExit = code ?? signal));
  try {
    await waitForOk(port, { path: '/v2/health/ready' });
    const warm = await loadProcess(port, connections, warmup);
    await sleep(2_000);
    const rssBefore = residentBytes(server.pid!);
    const run = await loadProcess(port, connections, seconds);
    await sleep(2_000);
    const rssAfter = residentBytes(server.pid!);
    const growth = (rssAfter - rssBefore) / rssBefore;
    const dropped = run.socketsClosedDuringRun + Math.max(0, run.socketsOpened - connections);
    console.log(`Node ${process.version}, ${cpus().length} cores; ${connections} keep-alive connections for ${seconds} s after a ${warmup} s warm-up; body ${BODY}`);
    console.log(`answer: ${run.firstBody}\n`);
    console.log('| requests | requests/s | errors | dropped connections | p50 | p99 | max | RSS before → after |');
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
    console.log(
      `| ${run.requests} | ${(run.requests / run.seconds).toFixed(0)} | ${run.errors} | ${dropped} | ${run.p50.toFixed(2)} ms | ${run.p99.toFixed(2)} ms | ` +
        `${run.max.toFixed(1)} ms | ${(rssBefore / MiB).toFixed(1)} → ${(rssAfter / MiB).toFixed(1)} MiB (${(growth * 100).toFixed(1)}%) |`,
    );
    console.log(`\nwarm-up: ${warm.requests} requests, ${warm.errors} errors; sockets opened ${run.socketsOpened}, closed during the run ${run.socketsClosedDuringRun}`);
    for (const sample of run.errorSamples) console.log(`error: ${sample}`);
    const passed = run.errors === 0 && warm.errors === 0 && dropped === 0 && growth <= 0.1 && serverExit === null;
    console.log(passed ? 'PASS: zero errors, zero dropped connections, RSS grew less than 10%' : 'FAIL');
    process.exitCode = passed ? 0 : 1;
  } finally {
    server.kill('SIGTERM');
    if (serverExit === null) await new Promise((resolve) => server.on('exit', resolve));
  }
}

await main();
