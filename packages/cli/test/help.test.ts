import { CLI_TIMEOUT, fixture, runCli, runCliOnTerminal } from './support/run-cli.js';

describe('help, usage errors and progress', { timeout: CLI_TIMEOUT }, () => {
  it.each([[['--help']], [['swagger', '--help']], [['run', '--help']], [['check', '--help']], [['init', '--help']], [['help', 'run']]])(
    '%j prints usage with examples and exits 0',
    async (args) => {
      const result = await runCli(args);
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('');
      expect(result.stdout).toMatch(/^Usage: inferschema/);
      expect(result.stdout).toMatch(/\nExamples:\n {2}\$ inferschema /);
    },
  );

  it('serve has --help too', async () => {
    const result = await runCli(['serve', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: inferschema serve/);
  });

  it('prints the version', async () => {
    const result = await runCli(['--version']);
    expect(result).toEqual({ code: 0, stdout: '0.1.0\n', stderr: '' });
  });

  it('an unknown command is a usage error with a suggestion', async () => {
    const result = await runCli(['chek', 'score.ts']);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: "error: unknown command 'chek'\n(Did you mean check?)\n(add --help for usage and examples)\n",
    });
  });

  it('no command prints the usage on stderr and exits 2', async () => {
    const result = await runCli([]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^Usage: inferschema \[options\] \[command\]/);
  });

  const runArgs = ['run', fixture('scale/score.ts'), '--model-dir', fixture('scale/model'), '--input', '{"data": [1]}'];

  it('shows progress while loading on a terminal', async () => {
    const { code, output } = await runCliOnTerminal(runArgs);
    expect(code).toBe(0);
    const lines = output.split('\n');
    expect(lines[0]).toBe(`… Loading ${fixture('scale/score.ts')}`);
    expect(lines[1]).toMatch(new RegExp(`^✓ Loading ${fixture('scale/score.ts')}: \\d+\\.\\d+ s$`));
    expect(lines[2]).toBe(`… Loading the model from ${fixture('scale/model')} (init)`);
    expect(lines[3]).toBe('scale: factor 10');
    expect(lines[4]).toMatch(/^✓ Loading the model from .* \(init\): \d+\.\d+ s$/);
    expect(lines.slice(5)).toEqual(['[10]', '']);
  });

  it('stays quiet on a terminal in CI, and whenever stderr is not a terminal', async () => {
    expect(await runCliOnTerminal(runArgs, { CI: 'true' })).toEqual({ code: 0, output: 'scale: factor 10\n[10]\n' });
    expect(await runCli(runArgs)).toEqual({ code: 0, stdout: '[10]\n', stderr: 'scale: factor 10\n' });
  });
});
