/**
 * The Open Inference Protocol's `/v2/models/{m}/infer` with a 1,000,000-element FP32 tensor: JSON `data`
 * against the binary tensor data extension, end to end over loopback (one keep-alive client, rounds
 * alternating JSON / binary, median), and the server-side decode alone (the request read from its bytes
 * and the tensor checked and converted, in this process) in GB/s of tensor bytes. Then small requests
 * (a 4-element tensor) on `/v2/models/{m}/infer` beside the same model's `/score`, with wrk (req/s, and the
 * server's CPU time per request), rounds alternating.
 *
 * Needs a built CLI (npm run build) and, for the small-request part, `wrk` (scripts/install-debian.sh wrk).
 * Usage: node --import tsx bench/oip-infer.ts [--rounds 7] [--seconds 5] [--connections 32]
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OipSignature } from '@inferschema/core/protocols/oip';
import { loadScoringScript } from '@inferschema/core/runtime';
import { readInferRequest } from '../packages/server/src/oip/infer-request.js';
import { flag, freePort, waitForOk } from './support/loopback.js';
import { median } from './support/stats.js';
import { cpuSeconds, runWrk } from './support/wrk.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SCRIPT = join(ROOT, 'bench/fixtures/oip-sum.ts');
const ROUNDS = flag('rounds', 7);
const SECONDS = flag('seconds', 5);
const CONNECTIONS = flag('connections', 32);
const ELEMENTS = 1_000_000;

function tensor(): Float32Array {
  let seed = 42;
  return Float32Array.from({ length: ELEMENTS }, () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 2000 - 1000);
}

function jsonBody(values: Float32Array): Buffer {
  return Buffer.from(JSON.stringify({ inputs: [{ name: 'x', datatype: 'FP32', shape: [values.length], data: Array.from(values) }] }));
}

function binaryBody(values: Float32Array): { body: Buffer; headerLength: number } {
  const header = Buffer.from(JSON.stringify({ inputs: [{ name: 'x', datatype: 'FP32', shape: [values.length], parameters: { binary_data_size: values.byteLength } }] }));
  return { body: Buffer.concat([header, new Uint8Array(values.buffer, values.byteOffset, values.byteLength)]), headerLength: header.length };
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function post(port: number, path: string, body: Buffer, headers: Record<string, string>): Promise<{ status: number; ms: number; text: string }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', agent, headers: { ...headers, 'content-length': String(body.length) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function startServer(): Promise<{ port: number; process: ChildProcess }> {
  const port = await freePort();
  const args = [join(ROOT, 'packages/cli/dist/bin.js'), 'serve', SCRIPT, '--model-name', 'sum', '--port', String(port), '--log-level', 'warn', '--max-body-bytes', String(64 * 1024 * 1024)];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  await waitForOk(port, { path: '/v2/models/sum/ready' });
  return { port, process: child };
}

/** A 1 s warm-up, then one measured wrk round: req/s, the server's CPU µs per request, errors. */
async function wrkRound(port: number, path: string, body: string, pid: number): Promise<{ rps: number; cpuUs: number; errors: number }> {
  const options = { url: `http://127.0.0.1:${port}${path}`, body, connections: CONNECTIONS, threads: 2 };
  await runWrk({ ...options, seconds: 1 });
  const before = cpuSeconds(pid);
  const result = await runWrk({ ...options, seconds: SECONDS });
  const cpu = cpuSeconds(pid) - before;
  if (result.requests === 0) throw new Error('wrk measured nothing');
  return { rps: result.requestsPerSecond, cpuUs: (cpu / result.requests) * 1e6, errors: result.errors };
}

const values = tensor();
const json = jsonBody(values);
const binary = binaryBody(values);
const expected = values.reduce((sum, value) => sum + value, 0);

// ---- decode alone, in this process -----------------------------------------------------------------------
const signature = OipSignature.of(await loadScoringScript(SCRIPT));
function decodeMs(body: Buffer, header: string | undefined): number {
  const started = performance.now();
  const parsed = readInferRequest(body, header, false);
  signature.decodeInputs(parsed.inputs);
  return performance.now() - started;
}
// The same binary body at an odd offset in memory: the tensor cannot be viewed in place and is copied once.
const unalignedHolder = Buffer.alloc(binary.body.length + 1);
binary.body.copy(unalignedHolder, 1);
const unaligned = unalignedHolder.subarray(1);
const decode = { json: [] as number[], binary: [] as number[], copied: [] as number[] };
for (let i = 0; i < ROUNDS + 2; i++) {
  const j = decodeMs(json, undefined);
  const b = decodeMs(binary.body, String(binary.headerLength));
  const c = decodeMs(unaligned, String(binary.headerLength));
  if (i >= 2) decode.json.push(j), decode.binary.push(b), decode.copied.push(c);
}

// ---- end to end over loopback -------------------------------------------------------------------------------
const server = await startServer();
const endToEnd = { json: [] as number[], binary: [] as number[] };
type Small = Awaited<ReturnType<typeof wrkRound>>;
const small = { oip: [] as Small[], score: [] as Small[] };
try {
  for (let i = 0; i < ROUNDS + 1; i++) {
    const j = await post(server.port, '/v2/models/sum/infer', json, { 'content-type': 'application/json' });
    const b = await post(server.port, '/v2/models/sum/infer', binary.body, { 'content-type': 'application/octet-stream', 'inference-header-content-length': String(binary.headerLength) });
    for (const answer of [j, b]) {
      const sum = (JSON.parse(answer.text) as { outputs: { data: number[] }[] }).outputs[0]!.data[0]!;
      if (answer.status !== 200 || Math.abs(sum - expected) > 1e-6 * Math.abs(expected) + 1e-3) throw new Error(`bad answer: ${answer.status} ${answer.text.slice(0, 200)}`);
    }
    if (i > 0) endToEnd.json.push(j.ms), endToEnd.binary.push(b.ms);
  }
  const hasWrk = spawnSync('wrk', ['--version'], { encoding: 'utf8' }).error === undefined;
  if (hasWrk) {
    const oipBody = JSON.stringify({ inputs: [{ name: 'x', datatype: 'FP32', shape: [4], data: [1, 2, 3, 4] }] });
    const scoreBody = JSON.stringify({ x: [1, 2, 3, 4] });
    for (let i = 0; i < Math.min(ROUNDS, 3); i++) {
      small.oip.push(await wrkRound(server.port, '/v2/models/sum/infer', oipBody, server.process.pid!));
      small.score.push(await wrkRound(server.port, '/score', scoreBody, server.process.pid!));
    }
  } else console.error('wrk is not installed: the small-request part is skipped (scripts/install-debian.sh wrk)');
} finally {
  server.process.kill('SIGTERM');
  await new Promise((resolve) => server.process.once('exit', resolve));
  agent.destroy();
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
const gbps = (ms: number) => (values.byteLength / 1e9 / (ms / 1000)).toFixed(1);
console.log(`1,000,000-element FP32 tensor; ${ROUNDS} rounds, median; load average ${loadavg()[0]!.toFixed(1)}\n`);
console.log(`| body | size MB | end to end ms | vs JSON | server decode ms | decode GB/s |`);
console.log(`| --- | --- | --- | --- | --- | --- |`);
const e2e = { json: median(endToEnd.json), binary: median(endToEnd.binary) };
console.log(`| JSON data | ${mb(json.length)} | ${e2e.json.toFixed(1)} | 1.0x | ${median(decode.json).toFixed(1)} | ${gbps(median(decode.json))} |`);
console.log(`| binary extension | ${mb(binary.body.length)} | ${e2e.binary.toFixed(1)} | ${(e2e.json / e2e.binary).toFixed(1)}x faster | ${median(decode.binary).toFixed(3)} | ${gbps(median(decode.binary))} |`);
console.log(`| binary, unaligned (one copy) | ${mb(binary.body.length)} | | | ${median(decode.copied).toFixed(3)} | ${gbps(median(decode.copied))} |`);
if (small.oip.length > 0) {
  const row = (label: string, rounds: Small[]) =>
    `| ${label} | ${Math.round(median(rounds.map((r) => r.rps))).toLocaleString('en-US')} | ${Math.round(median(rounds.map((r) => r.cpuUs)))} | ${rounds.reduce((s, r) => s + r.errors, 0)} |`;
  console.log(`\nSmall requests (4-element FP32 tensor), wrk ${CONNECTIONS} connections, ${SECONDS} s rounds alternating, median\n`);
  console.log('| route | req/s | server CPU µs/req | errors |');
  console.log('| --- | --- | --- | --- |');
  console.log(row('POST /v2/models/sum/infer', small.oip));
  console.log(row('POST /score', small.score));
}
