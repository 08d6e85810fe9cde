// DataFrame decode: a 100,000-row × 10-column records body, parsed with JSON.parse and decoded into an
// apache-arrow Table, timed against JSON.parse alone in the same run.
// Usage (from the repository root): node --expose-gc --import tsx bench/dataframe-decode.ts
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataFrameParameterType } from '@inferschema/core/dataframe';
import { Bool, Dictionary, Int32, Int64, makeVector, Table, TimestampMillisecond, Utf8, vectorFromArray } from 'apache-arrow';
import { median } from './support/stats.js';

const ROWS = 100_000;
const WARMUPS = 3;
const ITERATIONS = 10;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

const sample = new Table({
  id: makeVector(Int32Array.of(1, 2)),
  count: vectorFromArray([3n, 4n], new Int64()),
  score: makeVector(Float64Array.of(0.5, 1.5)),
  ratio: makeVector(Float32Array.of(0.25, 0.75)),
  age: makeVector(Int16Array.of(30, 40)),
  name: vectorFromArray(['Sarah', 'John'], new Utf8()),
  city: vectorFromArray(['Oslo', 'Lima'], new Dictionary(new Utf8(), new Int32())),
  active: vectorFromArray([true, false], new Bool()),
  signup: vectorFromArray([new Date(0), new Date(1)], new TimestampMillisecond()),
  note: vectorFromArray(['a', null], new Utf8()),
});
const type = new DataFrameParameterType(sample);

// `--peak <file>`: a fresh process that holds only the body, then parses and decodes it once and reports
// how far its resident set's high-water mark rose (kB): the true peak of parse + decode.
const peakFile = process.argv[process.argv.indexOf('--peak') + 1];
if (process.argv.includes('--peak') && peakFile) {
  const text = readFileSync(peakFile, 'utf8');
  gc!();
  const baseline = process.resourceUsage().maxRSS;
  const decoded = type.decode(JSON.parse(text));
  console.log(JSON.stringify({ rise: process.resourceUsage().maxRSS - baseline, rows: decoded.numRows }));
  process.exit(0);
}

const CITIES = ['Oslo', 'Lima', 'Pune', 'Kyiv', 'Quito', 'Accra', 'Hanoi', 'Perth'];
const rows = Array.from({ length: ROWS }, (_, i) => ({
  id: i,
  count: i * 7919,
  score: i / 7,
  ratio: (i % 1000) / 1000,
  age: 18 + (i % 60),
  name: `user-${i.toString(36)}`,
  city: CITIES[i % CITIES.length],
  active: i % 3 === 0,
  signup: new Date(1_600_000_000_000 + i * 60_000).toISOString(),
  note: i % 10 === 0 ? null : `note ${i % 97}`,
}));
const body = JSON.stringify(rows);
rows.length = 0;

function timeOf(run: () => unknown): number {
  gc!();
  const start = performance.now();
  run();
  return performance.now() - start;
}

/** Heap plus array buffers in use; after a full GC, that is what is live. */
function used(): number {
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

for (let i = 0; i < WARMUPS; i++) type.decode(JSON.parse(body));

const parseTimes: number[] = [];
const decodeTimes: number[] = [];
const convertTimes: number[] = [];
for (let i = 0; i < ITERATIONS; i++) {
  parseTimes.push(timeOf(() => JSON.parse(body)));
  const parsed = JSON.parse(body);
  decodeTimes.push(timeOf(() => type.decode(parsed)));
  convertTimes.push(timeOf(() => type.convert(parsed, '')));
}

// Memory in this process: what parse + decode allocated and the collector had not yet reclaimed when it
// finished, and what the decoded Table keeps alive.
gc();
const before = used();
let table: Table | undefined = type.decode(JSON.parse(body));
const peak = used() - before;
gc();
const retained = used() - before;
if (table.numRows !== ROWS) throw new Error('wrong row count');
table = undefined;

const folder = mkdtempSync(join(tmpdir(), 'dataframe-bench-'));
writeFileSync(join(folder, 'body.json'), body);
const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--peak', join(folder, 'body.json')], { encoding: 'utf8' });
rmSync(folder, { recursive: true });
const rssRise = (JSON.parse(child.stdout.trim().split('\n').pop()!) as { rise: number }).rise * 1024;

const parseMs = median(parseTimes);
const decodeMs = median(decodeTimes);
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const bodyBytes = Buffer.byteLength(body);
console.log(`${ROWS.toLocaleString('en')} rows × 10 columns, records body ${mb(bodyBytes)} MB, median of ${ITERATIONS} runs after ${WARMUPS} warmups, Node ${process.version}\n`);
console.log('| measure | value |');
console.log('| --- | --- |');
console.log(`| JSON.parse | ${parseMs.toFixed(1)} ms |`);
console.log(`| decode (validate + build Table) | ${decodeMs.toFixed(1)} ms |`);
console.log(`| of which building the Table (\`convert\`, no validation) | ${median(convertTimes).toFixed(1)} ms |`);
console.log(`| parse + decode | ${(parseMs + decodeMs).toFixed(1)} ms |`);
console.log(`| decode ÷ JSON.parse | ${(decodeMs / parseMs).toFixed(2)}× |`);
console.log(`| (parse + decode) ÷ JSON.parse | ${((parseMs + decodeMs) / parseMs).toFixed(2)}× |`);
console.log(`| body size | ${mb(bodyBytes)} MB |`);
console.log(`| peak resident memory rise during parse + decode (fresh process) | ${mb(rssRise)} MB (${(rssRise / bodyBytes).toFixed(2)}× body) |`);
console.log(`| heap + buffers allocated by parse + decode, not yet collected | ${mb(peak)} MB (${(peak / bodyBytes).toFixed(2)}× body) |`);
console.log(`| decoded Table, live | ${mb(retained)} MB (${(retained / bodyBytes).toFixed(2)}× body) |`);
