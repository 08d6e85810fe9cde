/**
 * Requests per second, p50/p99 latency and server CPU time per request of a small `POST /score` (one row of 10
 * float64 features, validated and converted into an ndarray, through examples/regression's Ridge `run`) on the
 * inferschema server, against a bare `node:http` server that parses the same JSON and answers the same
 * prediction, in the same run. Also: `inferschema serve --workers 2` against the single process (and a bare
 * two-worker cluster for reference), and a large body (about 15 MB of JSON) on both servers.
 *
 * The load comes from wrk (Debian's, installed by scripts/install-debian.sh when missing; one thread, keep-alive
 * connections): a Node load generator tops out below what a bare node:http server answers here, which squeezes
 * the ratio toward 1. Every server is its own process, started once and warmed up; rounds alternate between the
 * servers (the order rotates each round), so a noisy neighbour hits all of them. CPU per request is the server
 * process tree's user + system time (from /proc) over the round, divided by the requests wrk completed.
 *
 * Usage: node --import tsx bench/server-throughput.ts [--seconds 5] [--connections 32] [--rounds 5] [--large-rounds 3]
 *        [--no-workers] [--no-floor] [--log-level info]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import cluster from 'node:cluster';
import { readFileSync } from 'node:fs';
import { createServer, request, type ServerResponse } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { flag, freePort, waitForOk } from './support/loopback.js';
import { cpuSecondsByProcess, ensureWrk, runWrk, type WrkResult } from './support/wrk.js';
import { median } from './support/stats.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLE = join(ROOT, 'examples', 'regression');
const SMALL_BODY = JSON.stringify({ data: [[10, 9, 8, 7, 6, 5, 4, 3, 2, 1]] });
/** 80,000 rows of 10 features with 17 significant digits: about 15 MB of JSON (under the 16 MiB body limit). */
function largeBody(): string {
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 100 - 50;
  return JSON.stringify({ data: Array.from({ length: 80_000 }, () => Array.from({ length: 10 }, random)) });
}

const LOG_LEVEL = process.argv.includes('--log-level') ? process.argv[process.argv.indexOf('--log-level') + 1]! : 'info';

/**
 * The bare server: read the body, JSON.parse, predict, JSON.stringify; `workers` > 1 forks a cluster. With
 * `features`, it also does what every inferschema answer carries, written as cheaply as Node allows: a request
 * id (prefix + counter), the Azure headers (`x-request-id`, `x-ms-request-id`, `x-ms-run-function-failed`,
 * `x-ms-run-fn-exec-ms`) in one `writeHead`, and one JSON log line per request, batched per event-loop turn; its
 * answers are ended together at the end of the turn, as inferschema's are (`TurnWrites`, see docs/decisions.md).
 * It is the floor under inferschema's cost: the features' price without validation, conversion or metrics.
 */
function runBareServer(port: number, workers: number, features: boolean): void {
  if (workers > 1 && cluster.isPrimary) {
    cluster.schedulingPolicy = cluster.SCHED_NONE;
    let listening = 0;
    for (let index = 0; index < workers; index += 1) cluster.fork().on('listening', () => ++listening === workers && process.send?.('listening'));
    process.on('SIGTERM', () => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.kill();
      process.exit(0);
    });
    return;
  }
  const { coef, intercept } = JSON.parse(readFileSync(join(EXAMPLE, 'model', 'weights.json'), 'utf8')) as { coef: number[]; intercept: number };
  const prefix = `${process.pid.toString(16)}-`;
  let counter = 0;
  let pending = '';
  let answers: (ServerResponse | string)[] = [];
  const flush = () => {
    const ending = answers;
    answers = [];
    for (let index = 0; index < ending.length; index += 2) (ending[index] as ServerResponse).end(ending[index + 1] as string);
    process.stdout.write(pending);
    pending = '';
  };
  createServer((req, res) => {
    const received = performance.now();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const { data } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { data: number[][] };
      const predictions = data.map((row) => row.reduce((sum, value, column) => sum + value * coef[column]!, intercept));
      const text = JSON.stringify(predictions);
      if (!features) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        return void res.end(text);
      }
      const id = prefix + (counter += 1);
      const ms = (performance.now() - received).toFixed(3);
      res.writeHead(200, ['x-request-id', id, 'x-ms-request-id', id, 'x-ms-run-function-failed', 'False', 'x-ms-run-fn-exec-ms', ms, 'content-type', 'application/json', 'content-length', String(Buffer.byteLength(text))]);
      answers.push(res, text);
      if (pending === '') setImmediate(flush);
      pending += `{"level":30,"time":${Date.now()},"pid":${process.pid},"requestId":"${id}","method":"POST","url":${JSON.stringify(req.url)},"status":200,"durationMs":${ms},"msg":"request completed"}\n`;
    });
  }).listen(port, '127.0.0.1', () => process.send?.('listening'));
}

type Kind = 'bare' | 'bare + ids, headers, log line' | 'inferschema' | 'bare ×2 workers' | 'inferschema --workers 2';

interface RunningServer {
  readonly kind: Kind;
  readonly port: number;
  readonly process: ChildProcess;
}

interface Round extends WrkResult {
  readonly cpuPerRequestUs: number;
  /** Each process's share of the round's CPU time, largest first (the primary and its workers). */
  readonly cpuShares: number[];
}

async function startServer(kind: Kind): Promise<RunningServer> {
  const port = await freePort();
  const workers = kind.includes('2') ? 2 : 1;
  const args = kind.startsWith('bare')
    ? ['--import', 'tsx', fileURLToPath(import.meta.url), '--role', 'bare', '--port', String(port), '--workers', String(workers), ...(kind.includes('log') ? ['--features'] : [])]
    : [join(ROOT, 'packages', 'cli', 'dist', 'bin.js'), 'serve', join(EXAMPLE, 'score.ts'), '--model-dir', join(EXAMPLE, 'model'), '--port', String(port), '--log-level', LOG_LEVEL, ...(workers > 1 ? ['--workers', String(workers)] : [])];
  // The server's log lines go to /dev/null: writing them is part of its work, reading them is not.
  const server = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  await waitForOk(port, { path: '/score', method: 'POST', body: SMALL_BODY, attempts: 300 });
  return { kind, port, process: server };
}

async function stopServer(server: RunningServer): Promise<void> {
  if (server.process.exitCode !== null) return;
  server.process.kill('SIGTERM');
  await new Promise((resolve) => server.process.on('exit', resolve));
}

function answer(port: number, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/score', method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => (res.statusCode === 200 ? resolve(text) : reject(new Error(`status ${res.statusCode}: ${text.slice(0, 200)}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function measure(server: RunningServer, body: string, connections: number, seconds: number): Promise<Round> {
  const before = cpuSecondsByProcess(server.process.pid!);
  const result = await runWrk({ url: `http://127.0.0.1:${server.port}/score`, body, connections, seconds, timeoutSeconds: 30 });
  const after = cpuSecondsByProcess(server.process.pid!);
  const each = [...after].map(([pid, seconds]) => seconds - (before.get(pid) ?? 0));
  const used = each.reduce((sum, seconds) => sum + seconds, 0);
  const cpuShares = each.map((seconds) => seconds / Math.max(used, 1e-9)).sort((a, b) => b - a);
  return { ...result, cpuPerRequestUs: (used / Math.max(1, result.requests)) * 1e6, cpuShares };
}

/** Rounds of every server in turn (the order rotates), after a warm-up of each. */
async function alternate(servers: readonly RunningServer[], body: string, connections: number, seconds: number, rounds: number): Promise<Map<Kind, Round[]>> {
  const results = new Map<Kind, Round[]>(servers.map((server) => [server.kind, []]));
  for (const server of servers) await measure(server, body, connections, Math.min(seconds, 3));
  for (let round = 0; round < rounds; round += 1) {
    for (let index = 0; index < servers.length; index += 1) {
      const server = servers[(index + round) % servers.length]!;
      results.get(server.kind)!.push(await measure(server, body, connections, seconds));
    }
  }
  return results;
}

function summary(rounds: readonly Round[]) {
  return {
    rps: median(rounds.map((round) => round.requestsPerSecond)),
    best: Math.max(...rounds.map((round) => round.requestsPerSecond)),
    p50: median(rounds.map((round) => round.p50)),
    p99: median(rounds.map((round) => round.p99)),
    cpu: median(rounds.map((round) => round.cpuPerRequestUs)),
    requests: rounds.reduce((sum, round) => sum + round.requests, 0),
    errors: rounds.reduce((sum, round) => sum + round.errors, 0),
  };
}

function table(results: Map<Kind, Round[]>): void {
  console.log('| server | requests/s (median) | requests/s (best) | p50 (median) | p99 (median) | server CPU per request (median) | requests | errors |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const [kind, rounds] of results) {
    const s = summary(rounds);
    console.log(`| ${kind} | ${s.rps.toFixed(0)} | ${s.best.toFixed(0)} | ${s.p50.toFixed(2)} ms | ${s.p99.toFixed(2)} ms | ${s.cpu.toFixed(0)} µs | ${s.requests} | ${s.errors} |`);
  }
}

/** Each round's ratio against the base server's round of the same index (measured next to it), and the median. */
function pairedRatio(results: Map<Kind, Round[]>, kind: Kind, base: Kind, value: (round: Round) => number): { median: number; each: number[] } {
  const rounds = results.get(kind)!;
  const bases = results.get(base)!;
  const each = rounds.map((round, index) => value(round) / value(bases[index]!));
  return { median: median(each), each };
}

const fmt = (ratio: { median: number; each: number[] }) => `${ratio.median.toFixed(2)}× (rounds: ${ratio.each.map((value) => value.toFixed(2)).join(', ')})`;

async function main(): Promise<void> {
  if (process.argv.includes('--role')) return runBareServer(flag('port', 0), flag('workers', 1), process.argv.includes('--features'));
  ensureWrk();
  const seconds = flag('seconds', 5);
  const connections = flag('connections', 32);
  const rounds = flag('rounds', 5);
  const largeRounds = flag('large-rounds', 3);
  const withWorkers = !process.argv.includes('--no-workers');
  const floor: Kind[] = process.argv.includes('--no-floor') ? [] : ['bare + ids, headers, log line'];
  const kinds: Kind[] = withWorkers ? ['bare', ...floor, 'inferschema', 'bare ×2 workers', 'inferschema --workers 2'] : ['bare', ...floor, 'inferschema'];
  const servers: RunningServer[] = [];
  let failed = false;
  try {
    for (const kind of kinds) servers.push(await startServer(kind));
    const answers = await Promise.all(servers.map((server) => answer(server.port, SMALL_BODY)));
    if (new Set(answers).size !== 1) throw new Error(`the servers answered differently: ${answers.join(' / ')}`);
    console.log(`Node ${process.version}, ${cpus().length} cores, load average before ${loadavg().map((value) => value.toFixed(1)).join(' ')}`);
    console.log(`wrk -t1 -c${connections}, ${rounds} rounds of ${seconds} s per server, alternating (after a warm-up); inferschema log level ${LOG_LEVEL}`);
    console.log(`small body ${SMALL_BODY} → ${answers[0]}\n`);
    const small = await alternate(servers, SMALL_BODY, connections, seconds, rounds);
    table(small);
    const throughput = pairedRatio(small, 'inferschema', 'bare', (round) => round.requestsPerSecond);
    const cpu = pairedRatio(small, 'inferschema', 'bare', (round) => round.cpuPerRequestUs);
    const p99 = pairedRatio(small, 'inferschema', 'bare', (round) => round.p99);
    console.log(`\ninferschema ÷ bare, per pair of rounds: throughput ${fmt(throughput)}; CPU per request ${fmt(cpu)}; p99 ${fmt(p99)}`);
    console.log('targets: throughput ≥ 0.8×, CPU per request ≤ 1.25×, p99 ≤ 1.3×');
    if (floor.length > 0) {
      const floorCpu = pairedRatio(small, floor[0]!, 'bare', (round) => round.cpuPerRequestUs);
      const floorRps = pairedRatio(small, floor[0]!, 'bare', (round) => round.requestsPerSecond);
      console.log(`bare + ids, headers, log line ÷ bare: throughput ${fmt(floorRps)}; CPU per request ${fmt(floorCpu)}`);
    }
    if (withWorkers) {
      const scaling = pairedRatio(small, 'inferschema --workers 2', 'inferschema', (round) => round.requestsPerSecond);
      const bareScaling = pairedRatio(small, 'bare ×2 workers', 'bare', (round) => round.requestsPerSecond);
      console.log(`--workers 2 ÷ one process: inferschema ${fmt(scaling)}; bare ${fmt(bareScaling)} (target ≥ 1.5×)`);
      // How evenly the kernel spread wrk's connections over the workers (SCHED_NONE: they accept from one socket).
      for (const kind of ['bare ×2 workers', 'inferschema --workers 2'] as const) {
        const shares = small.get(kind)!.map((round) => round.cpuShares.slice(0, 2).map((share) => `${Math.round(share * 100)}%`).join('/'));
        console.log(`${kind}: CPU of the two busiest processes per round ${shares.join(', ')}`);
      }
    }
    const errors = [...small.values()].flat().reduce((sum, round) => sum + round.errors, 0);
    if (errors > 0) failed = true;

    if (largeRounds > 0) {
      const body = largeBody();
      const pair = servers.filter((server) => server.kind === 'bare' || server.kind === 'inferschema');
      const largeAnswers = await Promise.all(pair.map((server) => answer(server.port, body)));
      if (largeAnswers[0] !== largeAnswers[1]) throw new Error('the servers answered the large body differently');
      console.log(`\nlarge body: ${(Buffer.byteLength(body) / 1e6).toFixed(1)} MB of JSON (80,000 rows × 10), wrk -t1 -c2, ${largeRounds} rounds of ${seconds} s\n`);
      const large = await alternate(pair, body, 2, seconds, largeRounds);
      table(large);
      const ratio = pairedRatio(large, 'inferschema', 'bare', (round) => round.requestsPerSecond);
      console.log(`\nlarge body, inferschema ÷ bare throughput: ${fmt(ratio)} (target ≥ 1 / 1.05 = 0.95×)`);
      if ([...large.values()].flat().some((round) => round.errors > 0)) failed = true;
    }
    console.log(`\nload average after ${loadavg().map((value) => value.toFixed(1)).join(' ')}`);
  } finally {
    await Promise.all(servers.map(stopServer));
  }
  if (failed) process.exitCode = 1;
}

await main();
