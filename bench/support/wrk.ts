// Drives a server with wrk (a C load generator that saturates a bare node:http server on this machine, which a
// Node load generator cannot) and reads its report; and reads a server's CPU time from /proc.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Installs Debian's wrk when it is missing (scripts/install-debian.sh), and checks that it runs. */
export function ensureWrk(): void {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
  } catch (error) {
    // `wrk --version` exits 1 after printing its version: only a missing binary is a problem.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return;
    execFileSync('sh', [join(ROOT, 'scripts', 'install-debian.sh'), 'wrk'], { stdio: 'inherit' });
  }
}

/** What one wrk run measured. */
export interface WrkResult {
  readonly requests: number;
  readonly seconds: number;
  readonly requestsPerSecond: number;
  /** Latency percentiles in milliseconds. */
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  /** Non-2xx/3xx answers plus socket errors (connect, read, write, timeout). */
  readonly errors: number;
  readonly socketErrors: number;
  /** Answers that were not 200 with the expected body (only when `expectBody` was given). */
  readonly mismatches: number;
}

function milliseconds(text: string): number {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(text.trim());
  if (!match) return Number.NaN;
  const value = Number(match[1]);
  return match[2] === 'us' ? value / 1000 : match[2] === 'ms' ? value : match[2] === 's' ? value * 1000 : value * 60_000;
}

/** Parses wrk's `--latency` report. */
export function parseWrk(output: string): WrkResult {
  const total = /(\d+) requests in ([\d.]+)(ms|s|m)/.exec(output);
  if (!total) throw new Error(`wrk printed no totals:\n${output}`);
  const seconds = milliseconds(`${total[2]}${total[3]}`) / 1000;
  const percentile = (p: string) => milliseconds(new RegExp(`^\\s+${p}%\\s+(\\S+)`, 'm').exec(output)?.[1] ?? 'NaN');
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const socketErrors = socket ? socket.slice(1).reduce((sum, value) => sum + Number(value), 0) : 0;
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? 0);
  const latency = /Latency\s+\S+\s+\S+\s+(\S+)/.exec(output);
  return {
    requests: Number(total[1]),
    seconds,
    requestsPerSecond: Number(total[1]) / seconds,
    p50: percentile('50'),
    p99: percentile('99'),
    max: latency ? milliseconds(latency[1]!) : Number.NaN,
    errors: non2xx + socketErrors,
    socketErrors,
    mismatches: Number(/^mismatches: (\d+)$/m.exec(output)?.[1] ?? 0),
  };
}

/** Options of {@link runWrk}. */
export interface WrkOptions {
  readonly url: string;
  /** The request body (wrk's Lua reads it from a file: any size, any bytes). */
  readonly body: string | Uint8Array;
  /** Default: application/json. */
  readonly contentType?: string;
  readonly connections: number;
  readonly seconds: number;
  readonly threads?: number;
  readonly timeoutSeconds?: number;
  /** When given, every answer is checked (status 200 and this body) in wrk's Lua, which costs wrk some speed. */
  readonly expectBody?: string;
}

const CHECK_ANSWERS = `
mismatches = 0
function response(status, headers, body)
  if status ~= 200 or body ~= expected then mismatches = mismatches + 1 end
end
local threads = {}
function setup(thread) table.insert(threads, thread) end
function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("mismatches") end
  io.write("mismatches: " .. total .. "\\n")
end
`;

/** Sends `POST url` with a body (JSON by default) on keep-alive connections for `seconds`, and parses the report. */
export async function runWrk(options: WrkOptions): Promise<WrkResult> {
  const folder = mkdtempSync(join(tmpdir(), 'inferschema-wrk-'));
  const script = join(folder, 'post.lua');
  const bodyFile = join(folder, 'body');
  writeFileSync(bodyFile, options.body);
  const check = options.expectBody === undefined ? '' : `expected = ${JSON.stringify(options.expectBody)}\n${CHECK_ANSWERS}`;
  const post = [
    'wrk.method = "POST"',
    `wrk.headers["Content-Type"] = ${JSON.stringify(options.contentType ?? 'application/json')}`,
    `local file = io.open(${JSON.stringify(bodyFile)}, "rb")`,
    'wrk.body = file:read("*a")',
    'file:close()',
  ];
  writeFileSync(script, `${post.join('\n')}\n${check}`);
  const args = ['-t', String(options.threads ?? 1), '-c', String(options.connections), '-d', `${options.seconds}s`, '--latency', '--timeout', `${options.timeoutSeconds ?? 10}s`, '-s', script, options.url];
  try {
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'inherit'] });
      let text = '';
      child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`wrk exited ${code}:\n${text}`))));
    });
    return parseWrk(output);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function statFields(pid: number): string[] {
  return readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
}

/** The process and its descendants (cluster workers), from /proc. */
function processTree(root: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      parents.set(Number(entry), Number(statFields(Number(entry))[1]));
    } catch {
      // The process ended meanwhile.
    }
  }
  const tree = [root];
  for (let index = 0; index < tree.length; index += 1) {
    for (const [pid, parent] of parents) if (parent === tree[index]) tree.push(pid);
  }
  return tree;
}

/** User + system CPU seconds used so far by a process and its descendants (clock ticks of 1/100 s). */
export function cpuSeconds(pid: number): number {
  let seconds = 0;
  for (const used of cpuSecondsByProcess(pid).values()) seconds += used;
  return seconds;
}

/** User + system CPU seconds used so far by each of a process and its descendants (cluster workers), by pid. */
export function cpuSecondsByProcess(pid: number): Map<number, number> {
  const used = new Map<number, number>();
  for (const member of processTree(pid)) {
    try {
      const fields = statFields(member);
      used.set(member, (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {
      // The process ended meanwhile.
    }
  }
  return used;
}
