// docs/getting-started.md, step by step, with the command as a user runs it (`npx inferschema`, the link npm
// makes in node_modules/.bin): check, run, serve (and the requests posted to it), swagger. What the doc shows as output is the files in output/ and responses/.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'node_modules/.bin/inferschema');
const EXAMPLE = 'examples/getting-started';
const file = (path: string) => readFile(join(ROOT, EXAMPLE, path), 'utf8');
const CLEARED = ['CI', 'AZUREML_MODEL_DIR', 'AML_APP_ROOT', 'SERVICE_NAME', 'SERVICE_VERSION', 'SERVICE_PATH_PREFIX', 'INFERSCHEMA_LOG_LEVEL'];

function environment(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of CLEARED) delete env[name];
  return env;
}

/** `npx inferschema ...args` from the repository root, as the doc's commands run. */
function inferschema(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, args, { cwd: ROOT, env: environment() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts `inferschema serve` on a free port and resolves to its base URL once init has finished. */
function serve(args: readonly string[]): Promise<{ url: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, ['serve', ...args], { cwd: ROOT, env: environment() });
    let url: string | undefined;
    let pending = '';
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        const { msg } = JSON.parse(line) as { msg: string };
        url ??= /^Server listening at (http:\/\/\S+)$/.exec(msg)?.[1];
        if (msg.startsWith('init() finished') && url) resolve({ url, child });
      }
    });
    child.on('error', reject);
    child.on('close', (code) => reject(new Error(`inferschema serve exited with ${code}`)));
  });
}

describe('docs/getting-started.md', () => {
  it('inferschema check prints what output/check.txt shows', async () => {
    const result = await inferschema(['check', `${EXAMPLE}/score.ts`]);
    expect(result.code).toBe(0);
    expect(result.stdout.replace(`Entry script: ${ROOT}`, 'Entry script: ')).toBe(await file('output/check.txt'));
  });

  it('inferschema run answers responses/house.json, and output/run-bad-house.txt for a bad request', async () => {
    const modelDir = ['--model-dir', `${EXAMPLE}/model`];
    const good = await inferschema(['run', `${EXAMPLE}/score.ts`, ...modelDir, '--input-file', `${EXAMPLE}/requests/house.json`]);
    expect([good.code, good.stdout]).toEqual([0, await file('responses/house.json')]);
    const bad = await inferschema(['run', `${EXAMPLE}/score.ts`, ...modelDir, '--input-file', `${EXAMPLE}/requests/bad-house.json`]);
    expect([bad.code, bad.stdout, bad.stderr]).toEqual([1, '', await file('output/run-bad-house.txt')]);
  });

  it('inferschema serve answers the requests with the responses shown', async () => {
    const { url, child } = await serve([`${EXAMPLE}/score.ts`, '--model-dir', `${EXAMPLE}/model`, '--port', '0']);
    try {
      for (const [name, status] of [['house.json', 200], ['bad-house.json', 400]] as const) {
        const response = await fetch(`${url}/score`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: await file(`requests/${name}`) });
        expect([response.status, `${await response.text()}\n`]).toEqual([status, await file(`responses/${name}`)]);
      }
    } finally {
      child.removeAllListeners('close');
      const exited = new Promise((resolve) => child.once('close', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0); // a graceful shutdown
    }
  });

  it('inferschema swagger --out writes the Swagger 2.0 document the server serves', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'inferschema-getting-started-'));
    try {
      const out = join(folder, 'swagger.json');
      const result = await inferschema(['swagger', `${EXAMPLE}/score.ts`, '--out', out]);
      expect(result.code).toBe(0);
      expect(result.stderr).toBe(`Wrote ${out}: Swagger 2.0, 7 operations (GET /, POST /score, GET /swagger.json, GET /v2, GET /v2/models/score, GET /v2/models/score/ready, POST /v2/models/score/infer)\n`);
      const document = JSON.parse(await readFile(out, 'utf8')) as { swagger: string; paths: Record<string, unknown>; definitions: Record<string, unknown> };
      expect(document.swagger).toBe('2.0');
      expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/', '/score', '/swagger.json']));
      expect(document.definitions.ServiceInput).toMatchObject({
        properties: { area: { type: 'number', format: 'double' }, rooms: { type: 'integer', format: 'int64' } },
        example: { area: 72.5, rooms: 3 },
      });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
