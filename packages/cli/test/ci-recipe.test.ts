import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BIN, CLI_TIMEOUT } from './support/run-cli.js';

// docs/cli.md shows ci-recipe/check-swagger.sh; this runs it in a scratch git repository.
const RECIPE = fileURLToPath(new URL('ci-recipe/check-swagger.sh', import.meta.url));

describe('the CI recipe of docs/cli.md', { timeout: CLI_TIMEOUT }, () => {
  let repo: string;
  let env: NodeJS.ProcessEnv;
  // Awaited, not spawnSync: vitest's worker must keep its event loop turning (test/support/event-loop-turns.ts).
  const sh = (command: string, extra: Record<string, string> = {}) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn('sh', ['-c', command], { cwd: repo, env: { ...env, ...extra } });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
      child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });

  beforeAll(async () => {
    repo = mkdtempSync(join(tmpdir(), 'inferschema-ci-recipe-'));
    const bin = join(repo, '.bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'inferschema'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
    chmodSync(join(bin, 'inferschema'), 0o755);
    env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, CI: 'true' };
    delete env.SERVICE_NAME;
    copyFileSync(RECIPE, join(repo, 'check-swagger.sh'));
    writeFileSync(join(repo, 'score.ts'), 'export function init(): void {}\nexport function run(body: string): string {\n  return body;\n}\n');
    writeFileSync(join(repo, '.gitignore'), '.bin/\n');
    const setup = await sh('git init -q && git config user.email ci@example.com && git config user.name CI && git add -A && git commit -qm script');
    expect(setup.status).toBe(0);
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it('fails while the documents are not committed, passes once they are, and fails when they go stale', async () => {
    const wrote =
      `Wrote ${join(repo, 'swagger.json')}: Swagger 2.0, 7 operations (GET /, POST /score, GET /swagger.json, GET /v2, GET /v2/models/score, GET /v2/models/score/ready, POST /v2/models/score/infer)\n` +
      `Wrote ${join(repo, 'openapi/swagger3.1.json')}: OpenAPI 3.1.0, 7 operations (GET /, POST /score, GET /swagger.json, GET /v2, GET /v2/models/score, GET /v2/models/score/ready, POST /v2/models/score/infer)\n`;
    const first = await sh('sh check-swagger.sh');
    expect(first.status).toBe(1);
    expect(first.stderr).toBe(`${wrote}The service documents are out of date: run npm run check-swagger and commit them.\n`);
    expect((await sh('git add -A && git commit -qm documents')).status).toBe(0);

    const unchanged = await sh('sh check-swagger.sh');
    expect([unchanged.status, unchanged.stdout, unchanged.stderr]).toEqual([0, '', wrote]);

    const stale = await sh('sh check-swagger.sh', { SERVICE_NAME: 'renamed' });
    expect(stale.status).toBe(1);
    expect(stale.stdout).toContain('-    "title": "ML service",');
    expect(stale.stdout).toContain('+    "title": "renamed",');
  });
});
