// Installable in a user's own project, proven from outside the repository. Every package is packed (`npm pack`);
// a scratch project in a temporary directory installs the tarballs and TypeScript from the registry as a user
// would. There, an entry script in each decorator mode, compiled by `tsc` with the tsconfig `tsc --init` writes
// (target esnext: TC39 decorators stay in the .js), goes through check, run, serve (and a request) and swagger,
// as .ts and as .js. And `npm create inferschema` makes a project whose own install, CI steps, test, `npm start`
// and container command work. One pack and one install serve the whole file; the new project installs and runs
// its CI steps while the scripts are tried.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { parse } from 'yaml';
import { freePort, isReadyLine } from '../packages/server/test/support/process.js';

const ROOT = join(import.meta.dirname, '..');
const WORKSPACES = ['core', 'openapi', 'server', 'cli', 'create-inferschema'];
const INSTALL = ['install', '--prefer-offline', '--no-audit', '--no-fund'];
const rootManifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
const TIMEOUT = 240_000;

interface Result {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * A user's shell: without what `npm test` adds (the repository's `node_modules/.bin` on PATH, its package and
 * prefix in npm's variables) and without the variables inferschema reads.
 */
function userEnv(): NodeJS.ProcessEnv {
  const kept = /^npm_config_(registry|cache|userconfig|globalconfig|https?_proxy|proxy|noproxy|strict_ssl|cafile)$/i;
  const dropped = /^(npm_|INIT_CWD$|CI$|AZUREML_|AML_|SERVICE_|INFERSCHEMA_)/i;
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => kept.test(name) || !dropped.test(name)));
  env.PATH = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((entry) => !entry.startsWith(ROOT))
    .join(delimiter);
  return env;
}

/** Servers still running, each its own process group (npm start, sh, node); the tests stop their own. */
const serving = new Set<ChildProcess>();

/** Runs a command in its own process group (so a server it starts can be stopped with it). */
function start(command: string, args: readonly string[], cwd: string): ChildProcess {
  return spawn(command, args, { cwd, env: userEnv(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
}

function exec(command: string, args: readonly string[], cwd: string): Promise<Result> {
  const child = start(command, args, cwd);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The result of a command that must succeed; its output is the failure message when it did not. */
function succeeded(result: Result): Result {
  expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
  return result;
}

interface Served {
  readonly url: string;
  /** Sends SIGTERM to the command's process group and resolves once it has ended. */
  stop(): Promise<void>;
}

/** Sends a signal to a process group that may have ended already. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** Starts a command that serves on `port`, and resolves once its log says it is ready for traffic. */
async function serve(command: string, args: readonly string[], cwd: string, port: number): Promise<Served> {
  const child = start(command, args, cwd);
  serving.add(child);
  let output = '';
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  void exited.then(() => serving.delete(child));
  await new Promise<void>((resolve, reject) => {
    const fail = (reason: string) => {
      clearTimeout(timer);
      reject(new Error(`${reason}:\n${output}`));
    };
    const timer = setTimeout(() => fail('not ready within 60 s'), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const complete = output.split('\n').slice(0, -1);
      if (complete.some((line) => line.startsWith('{') && isReadyLine(JSON.parse(line) as Record<string, unknown>))) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    void exited.then(() => fail('exited before it was ready'));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => {
      signalGroup(child, 'SIGTERM');
      return exited;
    },
  };
}

async function postJson(url: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

const ENTRY_SCRIPT = `import { inputSchema, outputSchema, StandardParameterType } from '@inferschema/core';

export default class Doubler {
  #factor = 0;

  init() {
    this.#factor = 2;
  }

  @inputSchema('x', new StandardParameterType(1.5))
  @outputSchema(new StandardParameterType({ doubled: 3 }))
  run(x: number) {
    return { doubled: x * this.#factor };
  }
}
`;

let work: string;
let scratch: string;
let app: string;
/** Each package's name → its tarball. */
let tarballs: Record<string, string>;
/** What became of the new project while the scripts were tried. */
interface Scaffolded {
  /** `npm create inferschema`'s result. */
  readonly created: Result;
  /** The `run` steps of its CI workflow, and the result of each after the install. */
  readonly steps: readonly string[];
  readonly results: readonly Result[];
}

/** `npm create inferschema` and the new project's install and CI steps, under way while the scripts are tried. */
let scaffolded: Promise<Scaffolded>;

/**
 * `npm create inferschema ../app`, its dependencies pointed at the tarballs (no registry has them), its
 * `npm install`, and the steps of its CI workflow after the install, which are independent of each other.
 */
async function scaffold(): Promise<Scaffolded> {
  const created = succeeded(await exec('npm', ['create', 'inferschema', '../app', '--', '--input', 'dataframe', '--decorators', 'legacy'], scratch));
  const manifest = JSON.parse(await readFile(join(app, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  for (const [name, file] of Object.entries(tarballs)) if (name !== 'create-inferschema') manifest.dependencies[name] = `file:${file}`;
  await writeFile(join(app, 'package.json'), JSON.stringify(manifest, null, 2));
  succeeded(await exec('npm', INSTALL, app));
  const workflow = parse(await readFile(join(app, '.github/workflows/ci.yml'), 'utf8'));
  const steps = (workflow.jobs.test.steps as Array<{ run?: string }>).flatMap((step) => (step.run ? [step.run] : []));
  // The first step, `npm ci`, is the install above (which also writes the lockfile `npm ci` needs).
  const results = await Promise.all(steps.slice(1).map((step) => exec('sh', ['-c', step], app)));
  return { created, steps, results };
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'inferschema-outside-'));
  scratch = join(work, 'scratch');
  app = join(work, 'app');
  await mkdir(join(work, 'tarballs'));
  const workspaces = WORKSPACES.flatMap((folder) => ['-w', `packages/${folder}`]);
  const packed = succeeded(await exec('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', join(work, 'tarballs'), ...workspaces], ROOT));
  const files = JSON.parse(packed.stdout) as Array<{ name: string; filename: string }>;
  tarballs = Object.fromEntries(files.map(({ name, filename }) => [name, join(work, 'tarballs', filename)]));

  await mkdir(scratch);
  await writeFile(join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
  succeeded(await exec('npm', [...INSTALL, ...Object.values(tarballs), `typescript@${rootManifest.devDependencies.typescript}`], scratch));

  scaffolded = scaffold();
  scaffolded.catch(() => {}); // its tests report the failure

  const tsc = join(scratch, 'node_modules/.bin/tsc');
  await Promise.all(
    ['tc39', 'legacy'].map(async (mode) => {
      const folder = join(scratch, mode);
      await mkdir(folder);
      await writeFile(join(folder, 'score.ts'), ENTRY_SCRIPT);
      succeeded(await exec(tsc, ['--init'], folder));
      if (mode === 'legacy') {
        const tsconfig = await readFile(join(folder, 'tsconfig.json'), 'utf8');
        await writeFile(join(folder, 'tsconfig.json'), tsconfig.replace('"compilerOptions": {', '"compilerOptions": {\n    "experimentalDecorators": true,'));
      }
      succeeded(await exec(tsc, ['-p', folder], scratch));
    }),
  );
}, TIMEOUT);

afterAll(async () => {
  for (const child of serving) signalGroup(child, 'SIGKILL'); // left by a failed test
  await scaffolded?.catch(() => {});
  if (work) await rm(work, { recursive: true, force: true });
});

describe('a project outside the repository with the packed tarballs and typescript installed', { timeout: TIMEOUT }, () => {
  const inferschema = (args: readonly string[]) => exec(join(scratch, 'node_modules/.bin/inferschema'), args, scratch);
  const documents = new Map<string, string>();

  it('compiles with the tsconfig tsc --init writes: TC39 decorators stay in the .js, experimentalDecorators leave none', async () => {
    const tc39 = await readFile(join(scratch, 'tc39/score.js'), 'utf8');
    const legacy = await readFile(join(scratch, 'legacy/score.js'), 'utf8');
    expect(tc39).toContain("@inputSchema('x', new StandardParameterType(1.5))");
    expect(legacy).toContain('__decorate(');
    expect(legacy).not.toContain('@inputSchema');
  });

  it.concurrent.each(['tc39/score.ts', 'tc39/score.js', 'legacy/score.ts', 'legacy/score.js'])('%s: check, run, serve (and a request) and swagger', async (script) => {
    const port = await freePort();
    const [check, run, swagger, served] = await Promise.all([
      inferschema(['check', script]),
      inferschema(['run', script, '--input', '{"x": 1.5}']),
      inferschema(['swagger', script]),
      serve(join(scratch, 'node_modules/.bin/inferschema'), ['serve', script, '--port', String(port)], scratch, port),
    ]);
    try {
      expect(succeeded(check).stdout).toMatch(/\nParameters:\n {2}x {2}StandardParameterType {2}double {2}required\nOutput: \{doubled: double\}\n[^]*\nOK\n$/);
      expect(succeeded(run).stdout).toBe('{"doubled":3}\n');
      documents.set(script, succeeded(swagger).stdout);
      expect(JSON.parse(swagger.stdout)).toMatchObject({ swagger: '2.0', paths: { '/score': { post: expect.anything() } } });
      expect(await postJson(`${served.url}/score`, { x: 1.5 })).toEqual({ status: 200, body: { doubled: 3 } });
      expect((await postJson(`${served.url}/score`, { x: 'many' })).status).toBe(400);
    } finally {
      await served.stop();
    }
  });

  it('writes the same document from the .ts and the .js of either mode', () => {
    expect(documents.size).toBe(4);
    expect(new Set(documents.values()).size).toBe(1);
  });
});

describe('npm create inferschema, from the tarballs', { timeout: TIMEOUT }, () => {
  it('makes a project that installs and passes its own CI workflow: build, test, check, swagger --check', async () => {
    const { created, steps, results } = await scaffolded;
    expect(created.stdout).toContain('Created ../app: 12 files (legacy decorators, dataframe input)');
    expect(steps).toEqual(['npm ci', 'npm run build', 'npm test', 'npm run check', 'npx inferschema swagger src/score.ts --check swagger.json']);
    for (const result of results) succeeded(result);
    expect(stripVTControlCharacters(results[1]!.stdout)).toMatch(/Tests {2}2 passed \(2\)/);
    expect(await readdir(join(app, 'dist'))).toContain('score.js');
  });

  it('serves it with npm start and with the Dockerfile command, which its health check finds ready', async () => {
    await scaffolded;
    const dockerfile = (await readFile(join(app, 'Dockerfile'), 'utf8')).split('\n');
    const instruction = (keyword: string) => JSON.parse(dockerfile.find((line) => line.startsWith(`${keyword} `))!.replace(/^\w+ (--\S+ )*(CMD )?/, '')) as string[];
    const [startPort, imagePort] = await Promise.all([freePort(), freePort()]);
    // The image's command and health check, on a free port of the loopback interface instead of 5001 on every one.
    const local = (args: string[]) => args.map((arg) => arg.replaceAll('5001', String(imagePort)).replace('0.0.0.0', '127.0.0.1'));
    const [entrypoint, ...entrypointArgs] = local(instruction('ENTRYPOINT'));
    const [healthcheck, ...healthcheckArgs] = local(instruction('HEALTHCHECK'));

    const servers = await Promise.all([
      serve('npm', ['start', '--', '--port', String(startPort)], app, startPort),
      serve(entrypoint!, entrypointArgs, app, imagePort),
    ]);
    try {
      const request = JSON.parse(await readFile(join(app, 'requests/sample.json'), 'utf8'));
      const answer = JSON.parse(await readFile(join(app, 'test/sample-answer.json'), 'utf8'));
      for (const server of servers) expect(await postJson(`${server.url}/score`, request)).toEqual({ status: 200, body: answer });
      succeeded(await exec(healthcheck!, healthcheckArgs, app));
    } finally {
      await Promise.all(servers.map((server) => server.stop()));
    }
    expect((await exec(healthcheck!, healthcheckArgs, app)).code).toBe(1);
  });

  it('refuses a directory that holds files: exit 2, one line, nothing written', async () => {
    const taken = join(work, 'taken');
    await mkdir(taken);
    await writeFile(join(taken, 'notes.txt'), 'mine\n');
    const result = await exec(join(scratch, 'node_modules/.bin/create-inferschema'), [taken], scratch);
    expect([result.code, result.stdout, result.stderr]).toEqual([2, '', `error: ${taken} is not empty (notes.txt): choose a new directory, or add --force to write over its files\n`]);
    expect(await readdir(taken)).toEqual(['notes.txt']);
  });
});
