/**
 * Load and soak: the regression example served by the real `inferschema serve` process, driven for a fixed
 * time by wrk (one thread) over a fixed number of keep-alive connections (each sends its next `POST /score` as
 * soon as the previous answer arrived). Reports requests/s, errors (any status but 200, any answer that differs
 * from the first: checked for every answer in wrk's Lua), dropped connections (wrk's socket errors: connect,
 * read, write, timeout), p50/p99/max latency, and the server's resident memory after a warm-up and after the run.
 *
 * Pass: zero errors, zero dropped connections, resident memory after the run at most 10% above before (it may
 * shrink: V8 returns memory once the warm-up's garbage is collected).
 *
 * Usage: node --import tsx bench/load-soak.ts [--seconds 60] [--connections 100] [--warmup 10]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { flag, freePort, waitForOk } from './support/loopback.js';
import { ensureWrk, runWrk } from './support/wrk.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLE = join(ROOT, 'examples', 'regression');
const BODY = readFileSync(join(EXAMPLE, 'requests', 'sample.json'), 'utf8').trim();
const MiB = 1024 * 1024;


/** Resident memory of a process (Linux `/proc/<pid>/status`), in bytes. */
function residentBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? Number.NaN) * 1024;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function firstAnswer(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/score', method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => (res.statusCode === 200 ? resolve(text) : reject(new Error(`status ${res.statusCode}: ${text}`))));
    });
    req.on('error', reject);
    req.end(BODY);
  });
}

async function main(): Promise<void> {
  ensureWrk();
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
    const expected = await firstAnswer(port);
    const url = `http://127.0.0.1:${port}/score`;
    const warm = await runWrk({ url, body: BODY, connections, seconds: warmup, expectBody: expected, timeoutSeconds: 30 });
    await sleep(2_000);
    const rssBefore = residentBytes(server.pid!);
    const run = await runWrk({ url, body: BODY, connections, seconds, expectBody: expected, timeoutSeconds: 30 });
    await sleep(2_000);
    const rssAfter = residentBytes(server.pid!);
    const growth = (rssAfter - rssBefore) / rssBefore;
    const errors = run.errors - run.socketErrors + run.mismatches;
    console.log(`Node ${process.version}, ${cpus().length} cores, load average ${loadavg().map((value) => value.toFixed(1)).join(' ')}; wrk -t1 -c${connections} for ${seconds} s after a ${warmup} s warm-up; body ${BODY}`);
    console.log(`answer: ${expected}\n`);
    console.log('| requests | requests/s | errors | dropped connections | p50 | p99 | max | RSS before → after |');
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
    console.log(
      `| ${run.requests} | ${run.requestsPerSecond.toFixed(0)} | ${errors} | ${run.socketErrors} | ${run.p50.toFixed(2)} ms | ${run.p99.toFixed(2)} ms | ` +
        `${run.max.toFixed(1)} ms | ${(rssBefore / MiB).toFixed(1)} → ${(rssAfter / MiB).toFixed(1)} MiB (${(growth * 100).toFixed(1)}%) |`,
    );
    console.log(`\nwarm-up: ${warm.requests} requests, ${warm.errors + warm.mismatches} errors`);
    const passed = errors === 0 && warm.errors + warm.mismatches === 0 && run.socketErrors === 0 && growth <= 0.1 && serverExit === null;
    console.log(passed ? 'PASS: zero errors, zero dropped connections, RSS grew less than 10%' : 'FAIL');
    process.exitCode = passed ? 0 : 1;
  } finally {
    server.kill('SIGTERM');
    if (serverExit === null) await new Promise((resolve) => server.on('exit', resolve));
  }
}

await main();
