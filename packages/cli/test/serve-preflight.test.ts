import { createServer, type Server } from 'node:net';
import { CLI_TIMEOUT, fixture, runCli, spawnCli } from './support/run-cli.js';

const SCALE = fixture('scale/score.ts');
const MODEL = fixture('scale/model');

/** A listener holding a free loopback port, as another server would. */
async function holdPort(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port };
}

// Each case fails before the script is loaded or anything listens, so no server is left running.
describe('inferschema serve: startup errors before anything listens', { timeout: CLI_TIMEOUT }, () => {
  it('a busy port is its own error and exit code 4, with no init failure and no directory listing', async () => {
    const { server, port } = await holdPort();
    try {
      const result = await spawnCli(['serve', SCALE, '--model-dir', MODEL, '--port', String(port)]);
      expect(result).toEqual({ code: 4, stdout: '', stderr: `error: port ${port} is already in use (another server?): use --port\n` });
    } finally {
      server.close();
    }
  });

  it('the azmlinfsrv spellings reach the same checks', async () => {
    const { server, port } = await holdPort();
    try {
      const result = await runCli(['serve', '--entry_script', SCALE, '--model_dir', MODEL, '--port', String(port), '--worker_count', '2']);
      expect(result).toEqual({ code: 4, stdout: '', stderr: `error: port ${port} is already in use (another server?): use --port\n` });
    } finally {
      server.close();
    }
  });

  it.each([
    [['--model-dir', fixture('no-model')], {}, `error: --model-dir ${fixture('no-model')} does not exist\n`],
    [['--model_dir', fixture('no-model')], {}, `error: --model_dir ${fixture('no-model')} does not exist\n`],
    [[], { AZUREML_MODEL_DIR: fixture('no-model') }, `error: AZUREML_MODEL_DIR ${fixture('no-model')} does not exist\n`],
    [['--model-dir', SCALE], {}, `error: --model-dir ${SCALE} is not a directory\n`],
  ])('a model directory that does not exist fails as in run, with exit code 2: %j %j', async (args, env, message) => {
    const result = await runCli(['serve', SCALE, '--port', '0', ...args], { env });
    expect(result).toEqual({ code: 2, stdout: '', stderr: message });
  });

  it.each([
    [['--port', '70000'], {}, '--port must be an integer from 0 to 65535, got "70000"'],
    [[], { SCORING_TIMEOUT_MS: 'soon' }, 'SCORING_TIMEOUT_MS must be an integer from 1 to 9007199254740991, got "soon"'],
    [['--grpc-port', 'x'], {}, '--grpc-port must be an integer from 0 to 65535, got "x"'],
    [[], { INFERSCHEMA_GRPC_PORT: '65536' }, 'INFERSCHEMA_GRPC_PORT must be an integer from 0 to 65535, got "65536"'],
  ])('a flag or variable that is not a valid integer is named, with exit code 2: %j %j', async (args, env, message) => {
    // `--port 0` first (a later `--port` wins): a regression must not bind port 5001 inside this test process.
    const result = await runCli(['serve', SCALE, '--model-dir', MODEL, '--port', '0', ...args], { env });
    expect([result.code, result.stdout]).toEqual([2, '']);
    expect(result.stderr).toContain(message);
  });

  it('an unreadable key file is named, with exit code 2', async () => {
    const result = await runCli(['serve', SCALE, '--model-dir', MODEL, '--port', '0', '--api-key-file', '/nonexistent/key']);
    expect([result.code, result.stdout]).toEqual([2, '']);
    expect(result.stderr).toContain('--api-key-file: cannot read /nonexistent/key: ENOENT');
  });

  it('an unknown --log-format is a usage error', async () => {
    const result = await runCli(['serve', SCALE, '--port', '0', '--log-format', 'xml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: option '--log-format <format>' argument 'xml' is invalid\. Allowed choices are json, pretty\./);
  });
  it('--batch-max-concurrent 0 is a usage error naming the flag', async () => {
    const result = await runCli(['serve', SCALE, '--port', '0', '--batch-max-concurrent', '0']);
    expect([result.code, result.stdout]).toEqual([2, '']);
    expect(result.stderr).toMatch(/^error: option '--batch-max-concurrent <batches>' argument '0' is invalid\. --batch-max-concurrent must be an integer from 1/);
  });

  it('an unknown option suggests the closest known one', async () => {
    const result = await runCli(['serve', SCALE, '--model_dri', MODEL]);
    expect(result).toEqual({ code: 2, stdout: '', stderr: "error: unknown option '--model_dri'\n(Did you mean --model_dir?)\n(add --help for usage and examples)\n" });
  });

  it('the script given twice is a usage error', async () => {
    const result = await runCli(['serve', SCALE, '--entry_script', SCALE]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`error: give the entry script once: ${SCALE} or --entry_script ${SCALE}\n(add --help for usage and examples)\n`);
  });

  it('--help lists the azmlinfsrv spellings and the exit codes', async () => {
    const result = await runCli(['serve', '--help']);
    for (const flag of ['--entry_script <path>', '--model_dir <dir>', '--worker_count <n>', '--access_control_allow_origins <origins>']) {
      expect(result.stdout).toContain(flag);
    }
    expect(result.stdout).toContain('4 the port is already in use');
  });
});
