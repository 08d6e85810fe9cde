// `inferschema init`: each input kind (and the legacy decorators) makes a project whose script scores its sample
// request as its test expects and matches its committed swagger.json; its Dockerfile and CI workflow are
// checked by structure (test/outside-in.test.ts builds, tests and serves one from the packed tarballs). Bad
// input is one error line, exit 2, and nothing written.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { CLI_TIMEOUT, runCli } from './support/run-cli.js';

// Projects are made under the workspace's node_modules, so their imports find the workspace's packages as an
// installed project finds its own, and vitest never collects their tests.
const SCRATCH_PARENT = fileURLToPath(new URL('../../../node_modules/.cache/', import.meta.url));
const { version: VERSION } = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

const FILES = [
  '.github/workflows/ci.yml',
  '.gitignore',
  'Dockerfile',
  'README.md',
  'model/model.json',
  'package.json',
  'requests/sample.json',
  'src/score.ts',
  'swagger.json',
  'test/sample-answer.json',
  'test/score.test.ts',
  'tsconfig.json',
];

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => relative(folder, join(entry.parentPath, entry.name))).sort();
}

/** The Dockerfile's instructions by stage (0 is the first), comments and blank lines left out. */
function dockerStages(text: string): Array<Array<{ keyword: string; argument: string }>> {
  const stages: Array<Array<{ keyword: string; argument: string }>> = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const [, keyword, argument] = /^(\w+)\s+(.*)$/.exec(line)!;
    if (keyword === 'FROM') stages.push([]);
    stages.at(-1)!.push({ keyword: keyword!, argument: argument! });
  }
  return stages;
}

describe('inferschema init', { timeout: CLI_TIMEOUT }, () => {
  let scratch: string;
  beforeAll(async () => {
    await mkdir(SCRATCH_PARENT, { recursive: true });
    scratch = await mkdtemp(join(SCRATCH_PARENT, 'inferschema-init-'));
  });
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  describe.each([
    ['standard', 'tc39'],
    ['ndarray', 'tc39'],
    ['dataframe', 'tc39'],
    ['standard', 'legacy'],
  ])('--input %s --decorators %s', (input, decorators) => {
    it('makes a project whose script scores its sample request and matches its swagger.json', async () => {
      const project = join(scratch, `${input}-${decorators}`);
      const init = await runCli(['init', project, '--input', input, '--decorators', decorators]);
      expect([init.code, init.stderr]).toEqual([0, '']);
      expect(init.stdout).toContain(`Created ${project}: ${FILES.length} files (${decorators} decorators, ${input} input)`);
      expect(await filesUnder(project)).toEqual(FILES);

      const manifest = JSON.parse(await readFile(join(project, 'package.json'), 'utf8'));
      expect(manifest).toMatchObject({ name: `${input}-${decorators}`, type: 'module' });
      expect(Object.keys(manifest.scripts)).toEqual(expect.arrayContaining(['start', 'test', 'swagger', 'check']));
      expect(manifest.dependencies).toEqual({
        '@inferschema/core': VERSION,
        inferschema: VERSION,
        ...(input === 'dataframe' ? { 'apache-arrow': expect.any(String) } : {}),
      });
      const tsconfig = JSON.parse(await readFile(join(project, 'tsconfig.json'), 'utf8'));
      expect(tsconfig.compilerOptions.experimentalDecorators).toBe(decorators === 'legacy' ? true : undefined);

      const path = (file: string) => join(project, file);
      const run = await runCli(['run', path('src/score.ts'), '--model-dir', path('model'), '--input-file', path('requests/sample.json')]);
      const check = await runCli(['swagger', path('src/score.ts'), '--check', path('swagger.json')]);
      expect([run.code, run.stderr]).toEqual([0, '']);
      expect(JSON.parse(run.stdout)).toEqual(JSON.parse(await readFile(join(project, 'test/sample-answer.json'), 'utf8')));
      expect([check.code, check.stderr]).toEqual([0, `${join(project, 'swagger.json')} is up to date\n`]);
    });
  });

  it('makes the project docs/getting-started.md walks through: check, run and a bad request print what the doc shows', async () => {
    const project = join(scratch, 'standard-tc39');
    const example = (file: string) => readFile(fileURLToPath(new URL(`../../../examples/getting-started/${file}`, import.meta.url)), 'utf8');
    const script = join(project, 'src/score.ts');
    const check = await runCli(['check', script]);
    expect(check.stdout.replace(`Entry script: ${script}`, 'Entry script: examples/getting-started/score.ts')).toBe(await example('output/check.txt'));
    const run = await runCli(['run', script, '--model-dir', join(project, 'model'), '--input-file', join(project, 'requests/sample.json')]);
    expect(run.stdout).toBe(await example('responses/house.json'));
    expect(await readFile(join(project, 'requests/sample.json'), 'utf8')).toBe(await example('requests/house.json'));
    const bad = await runCli(['run', script, '--model-dir', join(project, 'model'), '--input', await example('requests/bad-house.json')]);
    expect([bad.code, bad.stderr]).toEqual([1, await example('output/run-bad-house.txt')]);
  });

  it('writes a CI workflow that tests and checks swagger.json, and a multi-stage, unprivileged Dockerfile with a health check', async () => {
    const project = join(scratch, 'standard-tc39');
    const workflow = parse(await readFile(join(project, '.github/workflows/ci.yml'), 'utf8'));
    const steps = (workflow.jobs.test.steps as Array<{ run?: string }>).flatMap((step) => (step.run ? [step.run] : []));
    expect(steps).toEqual(['npm ci', 'npm run build', 'npm test', 'npm run check', 'npx inferschema swagger src/score.ts --check swagger.json']);

    const stages = dockerStages(await readFile(join(project, 'Dockerfile'), 'utf8'));
    expect(stages.length).toBeGreaterThan(1);
    const final = stages.at(-1)!;
    const last = (keyword: string) => final.filter((instruction) => instruction.keyword === keyword).at(-1)?.argument;
    expect(last('USER')).toBe('node');
    expect(last('HEALTHCHECK')).toContain("fetch('http://127.0.0.1:5001/v2/health/ready')");
    expect(JSON.parse(last('ENTRYPOINT')!)).toEqual(['node', 'node_modules/inferschema/bin/inferschema.js', 'serve', 'dist/score.js', '--host', '0.0.0.0', '--port', '5001', '--model-dir', 'model']);
    expect(final.filter((instruction) => instruction.keyword === 'COPY').map((instruction) => instruction.argument)).toEqual([
      '--from=dependencies /app/node_modules ./node_modules',
      '--from=build /app/dist ./dist',
      'package.json tsconfig.json ./',
      'model ./model',
    ]);
  });

  describe('bad input: one error line, exit 2, nothing written', () => {
    it('refuses a directory that holds files, and leaves it as it was', async () => {
      const project = join(scratch, 'taken');
      await mkdir(project);
      await writeFile(join(project, 'notes.txt'), 'mine\n');
      const result = await runCli(['init', project]);
      expect([result.code, result.stdout, result.stderr]).toEqual([
        2,
        '',
        `error: ${project} is not empty (notes.txt): choose a new directory, or add --force to write over its files\n`,
      ]);
      expect(await filesUnder(project)).toEqual(['notes.txt']);
      expect(await readFile(join(project, 'notes.txt'), 'utf8')).toBe('mine\n');
    });

    it('writes into it with --force, keeping the files of other names', async () => {
      const project = join(scratch, 'forced');
      await mkdir(project);
      await writeFile(join(project, 'notes.txt'), 'mine\n');
      const result = await runCli(['init', project, '--force']);
      expect(result.code).toBe(0);
      expect(await filesUnder(project)).toEqual([...FILES, 'notes.txt'].sort());
    });

    it('refuses a path that is a file', async () => {
      const file = join(scratch, 'a-file');
      await writeFile(file, 'x');
      const result = await runCli(['init', file]);
      expect([result.code, result.stderr]).toEqual([2, `error: ${file} is a file, not a directory\n`]);
      expect(await readFile(file, 'utf8')).toBe('x');
    });

    it.each([
      ['--decorators', 'stage3', "error: option '--decorators <mode>' argument 'stage3' is invalid. Allowed choices are tc39, legacy."],
      ['--input', 'tensor', "error: option '--input <kind>' argument 'tensor' is invalid. Allowed choices are standard, ndarray, dataframe."],
    ])('refuses %s %s', async (option, value, message) => {
      const project = join(scratch, `bad${option}`);
      const result = await runCli(['init', project, option, value]);
      expect([result.code, result.stdout, result.stderr]).toEqual([2, '', `${message}\n(add --help for usage and examples)\n`]);
      await expect(readdir(project)).rejects.toMatchObject({ code: 'ENOENT' });
    });
  });
});
