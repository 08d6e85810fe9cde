import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseJson, type OpenApiVersion } from '@inferschema/core';
import { powerBiShapeProblems } from '../../openapi/test/support/power-bi.js';
import { expectGoldenText } from '../../openapi/test/support/golden.js';
import { expectValidDocument } from '../../openapi/test/support/validate-document.js';
import { CLI_TIMEOUT as SLOW, runCli, type CliResult } from './support/run-cli.js';

const EXAMPLES = fileURLToPath(new URL('../../../examples/', import.meta.url));
const VERSIONS = [['2', '2.0'], ['3', '3.0'], ['3.1', '3.1']] as const;

/** Every entry script of the examples: `examples/<name>/score*.ts`. */
const scripts = readdirSync(EXAMPLES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((entry) =>
    readdirSync(join(EXAMPLES, entry.name))
      .filter((file) => /^score.*\.ts$/.test(file))
      .map((file) => ({ name: `${entry.name}/${file}`, path: join(EXAMPLES, entry.name, file), golden: `${entry.name}${basename(file, '.ts').replace(/^score/, '')}` })),
  );

/** Compares with `test/golden/<name>` byte for byte (`UPDATE_GOLDEN=1` rewrites it). */
const expectGolden = (name: string, text: string) => expectGoldenText(fileURLToPath(new URL(`golden/${name}`, import.meta.url)), text);

/** `check` of each script, run once and shared by the tests below. */
const checks = new Map<string, Promise<CliResult>>();
function checkOf(path: string): Promise<CliResult> {
  if (!checks.has(path)) checks.set(path, runCli(['check', path]));
  return checks.get(path)!;
}

const documents = scripts.flatMap((script) => VERSIONS.map(([flag, version]) => ({ ...script, flag, version })));

describe.concurrent('the examples through the built command', () => {
  it.each(scripts)('check $name passes', async ({ path }) => {
    const result = await checkOf(path);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.endsWith('OK\n')).toBe(true);
  }, SLOW);

  it.each(documents)('swagger $name --version $flag: valid and pinned by a golden file, or refused as check says', async ({ path, golden, flag, version }) => {
    const [check, result] = await Promise.all([checkOf(path), runCli(['swagger', path, '--version', flag])]);
    if (check.stdout.includes(`\n  ${version}  no: `)) {
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(new RegExp(`^error: Cannot generate the .* ${version.replace('.', '\\.')} document: .*Versions that work: .*\\.\\n$`));
      return;
    }
    expect(check.stdout).toContain(`\n  ${version}  yes\n`);
    expect([result.code, result.stderr]).toEqual([0, '']);
    await expectValidDocument(parseJson(result.stdout, { exactIntegers: true }) as object, version as OpenApiVersion);
    expectGolden(`${golden}.${version}.json`, result.stdout);
  }, SLOW);
});

describe.concurrent('run on the examples (the local test)', () => {
  it('regression: scores requests/sample.json', async () => {
    const dir = join(EXAMPLES, 'regression');
    const result = await runCli(['run', join(dir, 'score.ts'), '--model-dir', join(dir, 'model'), '--input-file', join(dir, 'requests/sample.json')]);
    expect([result.code, result.stderr]).toEqual([0, '']);
    const predictions = parseJson(result.stdout) as number[];
    expect(predictions.length).toBeGreaterThan(0);
    expect(predictions.every((value) => typeof value === 'number')).toBe(true);
  }, SLOW);

  it('image: a @rawHttp run gets the PNG bytes as they are', async () => {
    const dir = join(EXAMPLES, 'image');
    const result = await runCli([
      'run', join(dir, 'score.ts'), '--model-dir', join(dir, 'model'),
      '--input-file', join(dir, 'requests/swatch.png'), '--content-type', 'image/png',
    ]);
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(parseJson(result.stdout)).toMatchObject({ width: 4, height: 2, hex: '#148c8c', nearestColour: { name: 'teal' } });
  }, SLOW);

  it('image: a response with an error status prints its body and exits 1', async () => {
    const dir = join(EXAMPLES, 'image');
    const result = await runCli([
      'run', join(dir, 'score.ts'), '--model-dir', join(dir, 'model'),
      '--input', 'GIF89a, not a PNG at all', '--content-type', 'application/octet-stream',
    ]);
    expect(result).toEqual({
      code: 1,
      stdout: '{"message":"The body is not a PNG image: it does not start with the PNG signature"}\n',
      stderr: 'error: run answered with status 400\n',
    });
  }, SLOW);
});

describe.concurrent('the Power BI example', () => {
  it.each(VERSIONS)('its --version %s document has the shape Power BI reads', async (flag) => {
    const result = await runCli(['swagger', join(EXAMPLES, 'power-bi/score.ts'), '--version', flag]);
    expect(result.code).toBe(0);
    expect(powerBiShapeProblems(parseJson(result.stdout, { exactIntegers: true }) as object)).toEqual([]);
  }, SLOW);
});
