/**
 * Binary request bodies (`.npy`, Arrow IPC) against JSON, for a 1,000,000-float64 array (1,000 x 1,000) and a
 * 100,000 x 10 float64 table:
 * - decode alone, in this process (bytes -> the value `run` receives, validation included), in GB/s of body;
 * - the memory a decode adds beyond the body it reads (heap + array buffers, after a GC), as a multiple of the
 *   body: the peak of a decode is body + that;
 * - `/score` end to end over loopback (one keep-alive client, rounds alternating JSON / binary, median).
 *
 * Needs a built CLI (npm run build). Usage: node --expose-gc --import tsx bench/binary-bodies.ts [--rounds 7]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseJson } from '@inferschema/core';
import { arrowCodec, npyCodec, writeNpy } from '@inferschema/core/codecs';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import ndarray from 'ndarray';
import { arrayInput } from './fixtures/binary-array.js';
import { COLUMNS, tableInput } from './fixtures/binary-table.js';
import { flag, freePort, waitForOk } from './support/loopback.js';
import { median } from './support/stats.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const ROUNDS = flag('rounds', 7);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

let seed = 7;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;

// The array: 1,000 x 1,000 float64 (the input of fixtures/binary-array.ts: rows of 1,000).
const arrayValues = Float64Array.from({ length: 1_000_000 }, () => random() * 2000 - 1000);
const npyBody = Buffer.from(writeNpy(ndarray(arrayValues, [1000, 1000])));
const rowsOf = (values: Float64Array, width: number) => Array.from({ length: values.length / width }, (_, r) => Array.from(values.subarray(r * width, (r + 1) * width)));
const arrayJson = Buffer.from(JSON.stringify({ x: rowsOf(arrayValues, 1000) }));

// The table: 100,000 rows x 10 float64 columns (the input of fixtures/binary-table.ts).
const columns = COLUMNS.map(() => Float64Array.from({ length: 100_000 }, () => random() * 100));
const arrowBody = Buffer.from(tableToIPC(tableFromArrays(Object.fromEntries(COLUMNS.map((name, c) => [name, columns[c]!]))), 'stream'));
const records = Array.from({ length: 100_000 }, (_, r) => Object.fromEntries(COLUMNS.map((name, c) => [name, columns[c]![r]!])));
const tableJson = Buffer.from(JSON.stringify({ rows: records }));

interface Case {
  readonly name: string;
  readonly binary: { body: Buffer; decode(): unknown; contentType: string };
  readonly json: { body: Buffer; decode(): unknown };
  readonly script: string;
}

const cases: Case[] = [
  {
    name: '1,000,000 float64 (.npy)',
    binary: { body: npyBody, decode: () => npyCodec.decode(npyBody, arrayInput), contentType: 'application/x-npy' },
    json: { body: arrayJson, decode: () => arrayInput.decode((parseJson(arrayJson.toString('utf8')) as { x: unknown }).x) },
    script: 'bench/fixtures/binary-array.ts',
  },
  {
    name: '100,000 x 10 table (Arrow IPC)',
    binary: { body: arrowBody, decode: () => arrowCodec.decode(arrowBody, tableInput), contentType: 'application/vnd.apache.arrow.stream' },
    json: { body: tableJson, decode: () => tableInput.decode((parseJson(tableJson.toString('utf8')) as { rows: unknown }).rows) },
    script: 'bench/fixtures/binary-table.ts',
  },
];

function timeDecode(decode: () => unknown): number {
  const started = performance.now();
  decode();
  return performance.now() - started;
}

/** Bytes a decode adds (heap + array buffers), measured after a GC while its result is still held. */
function addedBytes(decode: () => unknown): number {
  gc();
  const before = process.memoryUsage();
  const held = decode();
  gc();
  const after = process.memoryUsage();
  void held;
  return after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers);
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });
function post(port: number, body: Buffer, contentType: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/score', method: 'POST', agent, headers: { 'content-type': contentType, 'content-length': String(body.length) } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`status ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function serve(script: string): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort();
  const args = [join(ROOT, 'packages/cli/dist/bin.js'), 'serve', join(ROOT, script), '--port', String(port), '--log-level', 'warn', '--max-body-bytes', String(256 * 1024 * 1024)];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  await waitForOk(port, { path: '/' });
  return { port, child };
}

console.log(`load average at start: ${loadavg().map((load) => load.toFixed(1)).join(' ')}`);
console.log('');
console.log('| body | size (binary / JSON) | decode binary | decode JSON | decode speed-up | memory a binary decode adds | /score binary | /score JSON | /score speed-up |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const entry of cases) {
  const binaryTimes: number[] = [];
  const jsonTimes: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    binaryTimes.push(timeDecode(entry.binary.decode));
    jsonTimes.push(timeDecode(entry.json.decode));
  }
  const added = median(Array.from({ length: 3 }, () => addedBytes(entry.binary.decode)));
  const server = await serve(entry.script);
  const binaryScores: number[] = [];
  const jsonScores: number[] = [];
  try {
    for (let warm = 0; warm < 3; warm++) {
      await post(server.port, entry.binary.body, entry.binary.contentType);
      await post(server.port, entry.json.body, 'application/json');
    }
    for (let round = 0; round < ROUNDS; round++) {
      binaryScores.push(await post(server.port, entry.binary.body, entry.binary.contentType));
      jsonScores.push(await post(server.port, entry.json.body, 'application/json'));
    }
  } finally {
    server.child.kill('SIGTERM');
  }
  const binaryMs = median(binaryTimes);
  const jsonMs = median(jsonTimes);
  const gbps = entry.binary.body.length / (binaryMs / 1000) / 1e9;
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
  console.log(
    `| ${entry.name} | ${mb(entry.binary.body.length)} / ${mb(entry.json.body.length)} | ${binaryMs.toFixed(2)} ms (${gbps.toFixed(1)} GB/s) | ${jsonMs.toFixed(1)} ms | ${(jsonMs / binaryMs).toFixed(0)}x | ` +
      `${(Math.max(added, 0) / entry.binary.body.length).toFixed(3)}x the body | ${median(binaryScores).toFixed(1)} ms | ${median(jsonScores).toFixed(1)} ms | ${(median(jsonScores) / median(binaryScores)).toFixed(1)}x |`,
  );
}
console.log(`\nload average at end: ${loadavg().map((load) => load.toFixed(1)).join(' ')}; ${ROUNDS} rounds, medians`);
agent.destroy();
