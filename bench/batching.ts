/**
 * Adaptive batching, off against on, in the same run: requests per second, p50/p99 latency and the server's
 * CPU time per request, with 64 concurrent clients (wrk, keep-alive, one row per request) and with one.
 *
 * Three models served through ONNX Runtime by examples/onnx-mlp's and examples/onnx-regression's scripts: an MLP
 * with two hidden layers of 2048 units (its per-call cost dominates the HTTP cost; trained here by
 * examples/onnx-mlp/train.py when missing), the example's MLP (3 x 512), and the 10-coefficient linear model
 * (where the HTTP work dominates). Each model gets two
 * server processes started once, identical but for `--batch-max-size 0` on the "off" one; short rounds
 * alternate off / on so both see the same (shared, noisy) machine; the table gives the medians of the rounds and
 * the median of the paired on/off ratios.
 *
 * Needs `wrk` (scripts/install-debian.sh wrk) and a built CLI (npm run build).
 * Usage: node --import tsx bench/batching.ts [--seconds 2] [--rounds 8] [--connections 64] [--model mlp-2048x2|mlp-512x3|linear]
 *        [--max-latency-ms N]
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { flag, freePort, waitForOk } from './support/loopback.js';
import { median } from './support/stats.js';
import { cpuSeconds, runWrk } from './support/wrk.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SECONDS = flag('seconds', 2);
const ROUNDS = flag('rounds', 8);
const CONNECTIONS = flag('connections', 64);
const ONLY = process.argv.includes('--model') ? process.argv[process.argv.indexOf('--model') + 1] : undefined;
/** `--batch-max-latency-ms` for the "on" servers (default: what each script declares). */
const MAX_LATENCY_MS = process.argv.includes('--max-latency-ms') ? flag('max-latency-ms', 5) : undefined;
const MAX_BATCH_SIZE = process.argv.includes('--max-batch-size') ? flag('max-batch-size', 64) : undefined;

interface Model {
  readonly name: string;
  /** The entry script's example folder. */
  readonly example: string;
  /** The model directory. */
  readonly modelDir: string;
  /** A one-row request body. */
  readonly body: string;
}

const digit = readFileSync(join(ROOT, 'examples/onnx-mlp/requests/digit.json'), 'utf8');
const patient = (JSON.parse(readFileSync(join(ROOT, 'examples/onnx-regression/requests/patients.json'), 'utf8')) as { features: number[][] }).features[0];
const BENCH_MLP_DIR = join(ROOT, 'bench/models/mlp-2048x2');

const MODELS: readonly Model[] = [
  // Two hidden layers of 2048 units (17 MB of weights): one call costs more than the HTTP work around it.
  { name: 'mlp-2048x2', example: 'onnx-mlp', modelDir: BENCH_MLP_DIR, body: digit },
  // The example's three layers of 512 units (2.2 MB): one call costs about as much as the HTTP work.
  { name: 'mlp-512x3', example: 'onnx-mlp', modelDir: join(ROOT, 'examples/onnx-mlp/model'), body: digit },
  { name: 'linear', example: 'onnx-regression', modelDir: join(ROOT, 'examples/onnx-regression/model'), body: JSON.stringify({ features: [patient] }) },
];

/** Trains the bench's larger MLP with examples/onnx-mlp/train.py when it is not there yet (about 4 minutes). */
function ensureBenchModel(): void {
  if (existsSync(join(BENCH_MLP_DIR, 'digits-mlp.onnx'))) return;
  console.error('Training the bench MLP (2048 x 2) with scikit-learn ...');
  const result = spawnSync(
    '/usr/bin/python3',
    ['examples/onnx-mlp/train.py', '--hidden', '2048,2048', '--max-iter', '10', '--out', join(BENCH_MLP_DIR, 'digits-mlp.onnx'), '--no-requests'],
    { cwd: ROOT, stdio: 'inherit' },
  );
  if (result.status !== 0) throw new Error('examples/onnx-mlp/train.py failed (needs python3-sklearn, python3-onnx, python3-numpy)');
}

interface Server {
  readonly port: number;
  readonly process: ChildProcess;
}

interface Round {
  readonly rps: number;
  /** Mean rows per call of run during the round (1 when batching is off). */
  readonly batch: number;
  readonly p50: number;
  readonly p99: number;
  readonly cpuUs: number;
  readonly errors: number;
}

async function startServer(model: Model, batching: boolean): Promise<Server> {
  const port = await freePort();
  const script = join(ROOT, 'examples', model.example, 'score.ts');
  const args = [join(ROOT, 'packages/cli/dist/bin.js'), 'serve', script, '--model-dir', model.modelDir, '--port', String(port), '--log-level', 'warn'];
  if (!batching) args.push('--batch-max-size', '0');
  else {
    if (MAX_LATENCY_MS !== undefined) args.push('--batch-max-latency-ms', String(MAX_LATENCY_MS));
    if (MAX_BATCH_SIZE !== undefined) args.push('--batch-max-size', String(MAX_BATCH_SIZE));
  }
  const server = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  await waitForOk(port, { path: '/score', method: 'POST', body: model.body, attempts: 300 });
  return { port, process: server };
}

async function stopServer(server: Server): Promise<void> {
  server.process.kill('SIGTERM');
  await new Promise((resolve) => server.process.once('exit', resolve));
}

/** The batch metrics' rows and calls so far. */
async function batchTotals(server: Server): Promise<{ rows: number; calls: number }> {
  const text = await (await fetch(`http://127.0.0.1:${server.port}/metrics`)).text();
  // Summed over the batch metrics' series (one per model).
  const read = (name: string) => [...text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'gm'))].reduce((sum, match) => sum + Number(match[1]), 0);
  return { rows: read('inferschema_batch_rows_sum'), calls: read('inferschema_batch_rows_count') };
}

/** One wrk round against a server: `seconds` of `connections` keep-alive clients, each sending the next request on the answer. */
async function measure(server: Server, body: string, connections: number, seconds = SECONDS): Promise<Round> {
  const batchesBefore = await batchTotals(server);
  const before = cpuSeconds(server.process.pid!);
  const result = await runWrk({ url: `http://127.0.0.1:${server.port}/score`, body, connections, seconds, threads: Math.min(2, connections) });
  const cpu = cpuSeconds(server.process.pid!) - before;
  const batchesAfter = await batchTotals(server);
  const calls = batchesAfter.calls - batchesBefore.calls;
  const batch = calls > 0 ? (batchesAfter.rows - batchesBefore.rows) / calls : 1;
  if (result.requests === 0) throw new Error('wrk measured nothing');
  return { rps: result.requestsPerSecond, batch, p50: result.p50, p99: result.p99, cpuUs: (cpu / result.requests) * 1e6, errors: result.errors };
}

function summary(rounds: readonly Round[]): Round {
  return {
    rps: median(rounds.map((round) => round.rps)),
    batch: median(rounds.map((round) => round.batch)),
    p50: median(rounds.map((round) => round.p50)),
    p99: median(rounds.map((round) => round.p99)),
    cpuUs: median(rounds.map((round) => round.cpuUs)),
    errors: rounds.reduce((sum, round) => sum + round.errors, 0),
  };
}

if (!ONLY || ONLY === 'mlp-2048x2') ensureBenchModel();
const rows: string[] = [];
for (const model of MODELS.filter((candidate) => !ONLY || candidate.name === ONLY)) {
  const off = await startServer(model, false);
  const on = await startServer(model, true);
  try {
    // Warm both (JIT, ONNX Runtime's first calls) before the measured rounds.
    await measure(off, model.body, CONNECTIONS, 2);
    await measure(on, model.body, CONNECTIONS, 2);
    const results = { off: [] as Round[], on: [] as Round[], offOne: [] as Round[], onOne: [] as Round[] };
    for (let round = 0; round < ROUNDS; round += 1) {
      results.off.push(await measure(off, model.body, CONNECTIONS));
      results.on.push(await measure(on, model.body, CONNECTIONS));
      results.offOne.push(await measure(off, model.body, 1));
      results.onOne.push(await measure(on, model.body, 1));
    }
    const [a, b, c, d] = [summary(results.off), summary(results.on), summary(results.offOne), summary(results.onOne)];
    // Each round of "on" ran right after its round of "off": the median of the paired ratios is the figure
    // least moved by the other work on the machine.
    const paired = (on: readonly Round[], off: readonly Round[], pick: (round: Round) => number) => median(on.map((round, index) => pick(round) / pick(off[index]!)));
    const line = (label: string, connections: number, r: Round, ratio: string) =>
      `| ${model.name} | ${label} | ${connections} | ${Math.round(r.rps).toLocaleString('en-US')} | ${ratio} | ${r.batch.toFixed(1)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${Math.round(r.cpuUs)} | ${r.errors} |`;
    rows.push(line('off', CONNECTIONS, a, '1.00x'), line('on', CONNECTIONS, b, `${paired(results.on, results.off, (round) => round.rps).toFixed(2)}x`));
    rows.push(line('off', 1, c, '1.00x'), line('on', 1, d, `${paired(results.onOne, results.offOne, (round) => round.rps).toFixed(2)}x`));
    rows.push(
      `| ${model.name} | on / off at 1 client: p99 (paired) | | | | | | ${paired(results.onOne, results.offOne, (round) => round.p99).toFixed(2)}x | | |`,
      `| ${model.name} | on at ${CONNECTIONS} clients / off at 1 client: p99 | | | | | | ${(b.p99 / c.p99).toFixed(2)}x | | |`,
    );
    for (const [label, list] of Object.entries(results)) {
      console.error(`${model.name} ${label}: ${list.map((round) => `${Math.round(round.rps)} req/s (${round.batch.toFixed(1)} rows/run) p99 ${round.p99.toFixed(2)} ms`).join(', ')}`);
    }
  } finally {
    await stopServer(off);
    await stopServer(on);
  }
}

console.log(`${ROUNDS} alternating rounds of ${SECONDS} s (medians; "vs off" is the median of the paired per-round ratios), wrk, one row per request; load average at the end ${loadavg()[0]!.toFixed(1)}\n`);
console.log('| model | batching | clients | req/s | vs off | rows per run | p50 ms | p99 ms | server CPU µs/req | errors |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const row of rows) console.log(row);
