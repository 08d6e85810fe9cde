// Decoding a 1,000,000-element float64 ndarray (1000 × 1000) from its JSON body, against `JSON.parse` of the
// same body alone. Run from the repository root after `npx tsc -b`:
//   node --expose-gc --import tsx bench/ndarray-decode.ts
import { setTimeout } from 'node:timers/promises';
import { GCProfiler, getHeapStatistics } from 'node:v8';
import ndarray from 'ndarray';
import { NdArrayParameterType } from '@inferschema/core';
import { median } from './support/stats.js';

const ROWS = 1000;
const COLUMNS = 1000;
const WARMUPS = 3;
const ITERATIONS = 15;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

function body(): string {
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 2000 - 1000;
  const rows: number[][] = [];
  for (let i = 0; i < ROWS; i++) rows.push(Array.from({ length: COLUMNS }, random));
  return JSON.stringify(rows);
}

/**
 * Milliseconds per call of each step, run in turns (one call of each step per round, so a busy machine slows
 * them alike), with no forced collection between calls: the garbage a call leaves is collected, and paid for,
 * during the calls that follow, as in a server. The median of each.
 */
function roundRobinMs(works: readonly (() => unknown)[]): number[] {
  for (let i = 0; i < WARMUPS; i++) for (const work of works) work();
  const times = works.map((): number[] => []);
  for (let i = 0; i < ITERATIONS; i++) {
    works.forEach((work, index) => {
      const started = performance.now();
      work();
      times[index]!.push(performance.now() - started);
    });
  }
  return times.map(median);
}

/**
 * The peak growth of memory (JS heap plus external memory such as array buffers) during one call, from a
 * collected start. The heap is read at the end of the call and, through `v8.GCProfiler`, just before every
 * collection during it, so garbage collected on the way still counts. The largest of three calls.
 */
async function peakGrowth(work: () => unknown): Promise<number> {
  const used = (heap: { usedHeapSize: number; externalMemory: number }) => heap.usedHeapSize + heap.externalMemory;
  let largest = 0;
  for (let i = 0; i < 3; i++) {
    gc!();
    await setTimeout(20); // array buffers are freed after the collection, on another thread
    gc!();
    const profiler = new GCProfiler();
    profiler.start();
    const start = getHeapStatistics();
    const before = start.used_heap_size + start.external_memory;
    const result = work();
    const end = getHeapStatistics();
    const collections = profiler.stop().statistics.map((gcRun) => used(gcRun.beforeGC.heapStatistics));
    largest = Math.max(largest, end.used_heap_size + end.external_memory - before, ...collections.map((peak) => peak - before));
    void result;
  }
  return largest;
}

const text = body();
const bytes = Buffer.byteLength(text);
const type = new NdArrayParameterType(ndarray(new Float64Array(ROWS * COLUMNS), [ROWS, COLUMNS]));

const parse = () => JSON.parse(text) as unknown;
const decode = () => type.decode(JSON.parse(text));
/** The least any decoder can do: parse, then copy into a Float64Array by hand, checking nothing. */
const copyByHand = () => {
  const rows = JSON.parse(text) as number[][];
  const out = new Float64Array(ROWS * COLUMNS);
  for (let i = 0, k = 0; i < rows.length; i++) {
    const row = rows[i]!;
    for (let j = 0; j < row.length; j++) out[k++] = row[j]!;
  }
  return out;
};

const check = decode();
if (check.size !== ROWS * COLUMNS || check.data.constructor !== Float64Array) throw new Error('decode returned the wrong array');

const parsed = JSON.parse(text) as unknown;
const decodeParsed = () => type.decode(parsed);

const steps: [string, () => unknown][] = [
  ['`JSON.parse` alone', parse],
  ['`JSON.parse` + hand-written copy into a `Float64Array` (no checks; the floor)', copyByHand],
  ['`JSON.parse` + `decode` (validate + convert)', decode],
  ['`decode` alone, of a body parsed once (its own cost; × is relative to `JSON.parse`)', decodeParsed],
];
const medians = roundRobinMs(steps.map(([, work]) => work));
const results: { label: string; ms: number; peak: number }[] = [];
for (const [index, [label, work]] of steps.entries()) results.push({ label, ms: medians[index]!, peak: bytes + (await peakGrowth(work)) });
const parseMs = results[0]!.ms;

const mb = (n: number) => (n / 1e6).toFixed(1);
console.log(`body: ${mb(bytes)} MB, ${ROWS} × ${COLUMNS} float64; median of ${ITERATIONS} runs after ${WARMUPS} warmups; Node ${process.version}\n`);
console.log('| step | median ms | × `JSON.parse` | peak memory MB (body + heap growth) | × body |');
console.log('| --- | --- | --- | --- | --- |');
for (const { label, ms, peak } of results) {
  console.log(`| ${label} | ${ms.toFixed(1)} | ${(ms / parseMs).toFixed(2)} | ${mb(peak)} | ${(peak / bytes).toFixed(2)} |`);
}
