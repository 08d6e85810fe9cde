import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CLI_TIMEOUT } from './support/run-cli.js';

/** The `inferschema` link npm makes in the workspace's `node_modules/.bin` (from the package's `bin`). */
const INSTALLED = fileURLToPath(new URL('../../../node_modules/.bin/inferschema', import.meta.url));

describe('the installed inferschema command', () => {
  it('runs through the link npm makes, before and after a build alike', () => {
    const result = spawnSync(INSTALLED, ['--help'], { encoding: 'utf8' });
    expect([result.status, result.stderr]).toEqual([0, '']);
    expect(result.stdout.startsWith('Usage: inferschema [options] [command]\n')).toBe(true);
  }, CLI_TIMEOUT);

  it('ends quietly with exit 0 when its reader closes the pipe early (`inferschema --help | head -1`)', async () => {
    const child = spawn(INSTALLED, ['--help']);
    const stderr: Buffer[] = [];
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(Buffer.concat(stderr).toString()).toBe('');
  }, CLI_TIMEOUT);
});
