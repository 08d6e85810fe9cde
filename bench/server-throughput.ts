/**
 * Requests per second and p50/p99 latency of a small `POST /score` (one row of 10 float64 features, validated
 * and converted into an ndarray, through examples/regression's Ridge `run`) on the inferschema server, against a
 * bare `node:http` server that parses the same JSON and answers the same prediction, measured in the same run.
 *
 * Every party is its own process: the server under test, and a load generator (keep-alive `node:http` agents,
 * a fixed number of connections, each sending the next request as soon as the previous answer arrived). Rounds
 * alternate bare / inferschema against both servers, started once, so both see the same machine; each round is
 * bounded in time. Also reported: each server's CPU time (user + system) per request, from /proc.
 *
 * Usage: node --import tsx bench/server-throughput.ts [--seconds 3] [--connections 32] [--rounds 5] [--log-level info]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { flag, freePort, waitForOk } from './support/loopback.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLE = join(ROOT, 'examples', 'regression');
const BODY = JSON.stringify({ data: [[10, 9, 8, 7, 6, 5, 4, 3, 2, 1]] });

/** The inferschema server's log level (`--log-level`; default `info`, which logs every request). */
const LOG_LEVEL = process.argv.includes('--log-level') ? process.argv[process.argv.indexOf('--log-level') + 1]! : 'info';


/** The bare server: read the body, JSON.parse, check the shape by hand, predict, JSON.stringify. */
function runBareServer(port: number): void {
  const { coef, intercept } = JSON.parse(readFileSync(join(EXAMPLE, 'model', 'weights.json'), 'utf8')) as { coef: number[]; intercept: number };
  createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const { data } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { data: number[][] };
      const predictions = data.map((row) => row.reduce((sum, value, column) => sum + value * coef[column]!, intercept));
      const text = JSON.stringify(predictions);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    });
  }).listen(port, '127.0.0.1', () => process.send?.('listening'));
}

interface LoadResult {
  readonly requests: number;
  readonly errors: number;
  readonly seconds: number;
  readonly p50: number;
  readonly p99: number;
  readonly firstBody: string;
  /** Every request sent, warm-up included. */
  readonly sent: number;
  /** CPU time (user + system) the server process spent per request, in microseconds. */
  cpuPerRequestUs?: number;
}

/** The load generator: `connections` loops over keep-alive sockets for `seconds`, after a 1 s warm-up. */
async function runLoad(port: number, connections: number, seconds: number): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
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
      req.on('error', reject);
      req.end(BODY);
    });
  const firstBody = (await once()).body;
  const latencies: number[] = [];
  let errors = 0;
  let sent = 1;
  let measuring = false;
  const warmUpEnd = Date.now() + 1000;
  const end = warmUpEnd + seconds * 1000;
  let started = 0;
  const loop = async () => {
    while (Date.now() < end) {
      if (!measuring && Date.now() >= warmUpEnd) {
        measuring = true;
        started = performance.now();
      }
      const sentAt = performance.now();
      sent += 1;
      try {
        const { status, body } = await once();
        if (status !== 200 || body !== firstBody) errors += 1;
      } catch {
        errors += 1;
      }
      if (measuring) latencies.push(performance.now() - sentAt);
    }
  };
  await Promise.all(Array.from({ length: connections }, loop));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN;
  return { requests: latencies.length, errors, seconds: elapsed, p50: at(0.5), p99: at(0.99), firstBody, sent };
}



/** User + system CPU seconds of a process so far (Linux `/proc/<pid>/stat`, in clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function child(args: readonly string[]): ChildProcess {
  return spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
}

interface RunningServer {
  readonly kind: Kind;
  readonly port: number;
  readonly process: ChildProcess;
}

type Kind = 'bare' | 'inferschema';

async function startServer(kind: Kind): Promise<RunningServer> {
  const port = await freePort();
  const server =
    kind === 'bare'
      ? child(['--import', 'tsx', fileURLToPath(import.meta.url), '--role', 'bare', '--port', String(port)])
      : child([join(ROOT, 'packages', 'cli', 'dist', 'bin.js'), 'serve', join(EXAMPLE, 'score.ts'), '--model-dir', join(EXAMPLE, 'model'), '--port', String(port), '--log-level', LOG_LEVEL]);
  await waitForOk(port, { path: '/score', method: 'POST', body: BODY, attempts: 200 });
  return { kind, port, process: server };
}

async function stopServer(server: RunningServer): Promise<void> {
  server.process.kill('SIGTERM');
  await new Promise((resolve) => server.process.on('exit', resolve));
}

/** One round of load against a running server, with the server's CPU time per request. */
async function measure(server: RunningServer, connections: number, seconds: number): Promise<LoadResult> {
  const cpuBefore = cpuSeconds(server.process.pid!);
  const load = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--role', 'load', '--port', String(server.port), '--connections', String(connections), '--seconds', String(seconds)],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  load.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  await new Promise((resolve) => load.on('exit', resolve));
  const result = JSON.parse(out) as LoadResult;
  result.cpuPerRequestUs = ((cpuSeconds(server.process.pid!) - cpuBefore) / result.sent) * 1e6;
  return result;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function main(): Promise<void> {
  const role = process.argv[process.argv.indexOf('--role') + 1];
  if (process.argv.includes('--role') && role === 'bare') return runBareServer(flag('port', 0));
  if (process.argv.includes('--role') && role === 'load') {
    process.stdout.write(JSON.stringify(await runLoad(flag('port', 0), flag('connections', 32), flag('seconds', 6))));
    return;
  }
  const seconds = flag('seconds', 3);
  const connections = flag('connections', 32);
  const rounds = flag('rounds', 5);
  const servers = { bare: await startServer('bare'), inferschema: await startServer('inferschema') };
  const results: Record<Kind, LoadResult[]> = { bare: [], inferschema: [] };
  try {
    // Warm both up first (JIT, caches), unmeasured: a production server has served requests before.
    for (const kind of ['bare', 'inferschema'] as const) await measure(servers[kind], connections, 4);
    for (let round = 0; round < rounds; round += 1) {
      const order: Kind[] = round % 2 ? ['inferschema', 'bare'] : ['bare', 'inferschema'];
      for (const kind of order) results[kind].push(await measure(servers[kind], connections, seconds));
    }
  } finally {
    await Promise.all([stopServer(servers.bare), stopServer(servers.inferschema)]);
  }
  const rps = (result: LoadResult) => result.requests / result.seconds;
  const best = (kind: Kind) => results[kind].reduce((a, b) => (rps(b) > rps(a) ? b : a));
  const medianRps = (kind: Kind) => median(results[kind].map(rps));
  const medianCpu = (kind: Kind) => median(results[kind].map((result) => result.cpuPerRequestUs!));
  if (best('bare').firstBody !== best('inferschema').firstBody) {
    throw new Error(`the servers answered differently: ${best('bare').firstBody} vs ${best('inferschema').firstBody}`);
  }
  const row = (name: string, kind: Kind) => {
    const top = best(kind);
    const errors = results[kind].reduce((sum, result) => sum + result.errors, 0);
    const requests = results[kind].reduce((sum, result) => sum + result.requests, 0);
    return `| ${name} | ${rps(top).toFixed(0)} | ${medianRps(kind).toFixed(0)} | ${top.p50.toFixed(2)} ms | ${top.p99.toFixed(2)} ms | ${requests} | ${errors} | ${medianCpu(kind).toFixed(0)} µs |`;
  };
  console.log(`Node ${process.version}, ${cpus().length} cores, load average ${loadavg().map((value) => value.toFixed(1)).join(' ')}`);
  console.log(`inferschema log level ${LOG_LEVEL}; ${connections} keep-alive connections; each server warmed up for 5 s, then ${rounds} rounds of ${seconds} s (after 1 s warm-up) per server, alternating; body ${BODY}`);
  console.log(`answer: ${best('inferschema').firstBody}\n`);
  console.log('| server | requests/s (best round) | requests/s (median) | p50 (best round) | p99 (best round) | requests | errors | server CPU per request (median) |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  console.log(row('bare node:http', 'bare'));
  console.log(row('inferschema', 'inferschema'));
  const bestRatio = rps(best('inferschema')) / rps(best('bare'));
  const medianRatio = medianRps('inferschema') / medianRps('bare');
  console.log(`\ninferschema ÷ bare throughput: ${bestRatio.toFixed(2)}× best round, ${medianRatio.toFixed(2)}× median (target ≥ 0.7×, zero errors)`);
  for (const kind of ['bare', 'inferschema'] as const) {
    console.log(`rounds, ${kind}: ${results[kind].map((result) => `${rps(result).toFixed(0)} req/s, ${result.cpuPerRequestUs!.toFixed(0)} µs CPU, ${result.errors} errors`).join('; ')}`);
  }
  const errors = [...results.bare, ...results.inferschema].reduce((sum, result) => sum + result.errors, 0);
  if (errors > 0 || bestRatio < 0.7) process.exitCode = 1;
}

await main();
