import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { BIN, CLI_TIMEOUT, fixture, runCliOnTerminal } from './support/run-cli.js';

const SCALE = fixture('scale/score.ts');
const MODEL = fixture('scale/model');

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** Serves SCALE with `flags`, sends one request once ready, stops the server, and resolves to its stdout. */
async function serveOnce(flags: readonly string[]): Promise<string> {
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, 'serve', SCALE, '--model-dir', MODEL, '--port', String(port), ...flags], {
    env: { ...process.env, INFERSCHEMA_LOG_FORMAT: '' },
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  try {
    for (let attempt = 0; attempt < 600 && !/ready for traffic/.test(stdout); attempt++) await new Promise((resolve) => setTimeout(resolve, 100));
    const response = await fetch(`http://127.0.0.1:${port}/score`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'pretty-request' },
      body: '{"data": [1]}',
    });
    expect(response.status).toBe(200);
  } finally {
    child.kill('SIGTERM');
  }
  expect(await exited).toBe(0);
  return stdout;
}

describe('inferschema serve: logs', { timeout: CLI_TIMEOUT }, () => {
  it('--log-format pretty: readable lines with level, message, request id, status and duration (pino-pretty)', async () => {
    const stdout = await serveOnce(['--log-format', 'pretty']);
    expect(stdout).not.toMatch(/^\{/m);
    expect(stdout).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: init\(\) finished: ready for traffic in \d+ ms$/m);
    expect(stdout).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: request completed POST \/score 200 in [\d.]+ ms \(pretty-request\)$/m);
  });

  it('JSON lines when stdout is not a terminal, or with --log-format json', async () => {
    for (const flags of [[], ['--log-format', 'json']]) {
      const stdout = await serveOnce(flags);
      // The script's own console.log lines are there too (`scale: factor 10`); every log line is JSON.
      const lines = stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines.length).toBeGreaterThan(3);
      expect(lines.find((line) => line.requestId === 'pretty-request')).toMatchObject({ level: 30, status: 200, msg: 'request completed' });
    }
  });

  it('pretty on a terminal by default: an error is printed with its stack', async () => {
    const terminal = await runCliOnTerminal(['serve', fixture('syntax-error/score.ts'), '--port', '0'], { INFERSCHEMA_LOG_FORMAT: '' });
    expect(terminal.code).toBe(3);
    const output = terminal.output.replace(/\x1b\[[0-9;]*m/g, ''); // colours on a terminal
    expect(output).not.toMatch(/^\{/m);
    expect(output).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] FATAL: The entry script could not be loaded; the server stops without serving$/m);
    expect(output).toMatch(/^\s+at /m);
  });
});
