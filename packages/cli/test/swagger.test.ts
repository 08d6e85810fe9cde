import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseJson, type OpenApiVersion } from '@inferschema/core';
import { expectValidDocument } from '../../openapi/test/support/validate-document.js';
import { CLI_TIMEOUT, fixture, runCli } from './support/run-cli.js';

const SCALE = fixture('scale/score.ts');

describe('inferschema swagger', { timeout: CLI_TIMEOUT }, () => {
  it.each([
    [[], '2.0', '"swagger": "2.0"'],
    [['--version', '2.0'], '2.0', '"swagger": "2.0"'],
    [['--version', '3'], '3.0', '"openapi": "3.0.3"'],
    [['--version', '3.1'], '3.1', '"openapi": "3.1.0"'],
  ] as const)('%j writes a valid %s document on stdout', async (flags, version, marker) => {
    const result = await runCli(['swagger', SCALE, ...flags]);
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(result.stdout.split('\n')[1]).toBe(`  ${marker},`);
    await expectValidDocument(parseJson(result.stdout) as object, version as OpenApiVersion);
  });

  it('gives byte-identical output for the same script, and --out writes the same bytes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'inferschema-swagger-'));
    try {
      const out = join(dir, 'nested', 'swagger.json');
      const [first, second, toFile] = await Promise.all([
        runCli(['swagger', SCALE, '--version', '3.1']),
        runCli(['swagger', SCALE, '--version', '3.1']),
        runCli(['swagger', SCALE, '--version', '3.1', '--out', out]),
      ]);
      expect(second.stdout).toBe(first.stdout);
      expect(toFile).toEqual({ code: 0, stdout: '', stderr: `Wrote ${out}: OpenAPI 3.1.0, 7 operations (GET /, POST /score, GET /swagger.json, GET /v2, GET /v2/models/score, GET /v2/models/score/ready, POST /v2/models/score/infer)\n` });
      expect(await readFile(out, 'utf8')).toBe(first.stdout);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('writes examples beyond 2^53 exactly', async () => {
    const result = await runCli(['swagger', fixture('exact/score.ts'), '--version', '3.1']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('"example": {\n          "id": 9007199254740993\n        }');
    await expectValidDocument(parseJson(result.stdout, { exactIntegers: true }) as object, '3.1');
  });

  it('takes the title, version and path prefix from SERVICE_NAME, SERVICE_VERSION and SERVICE_PATH_PREFIX', async () => {
    const env = { SERVICE_NAME: 'scaler', SERVICE_VERSION: '2.3', SERVICE_PATH_PREFIX: 'api/' };
    const result = await runCli(['swagger', SCALE, '--version', '3'], { env });
    const document = parseJson(result.stdout) as { info: unknown; paths: object };
    expect(document.info).toEqual({ title: 'scaler', description: 'API specification for the machine learning service scaler', version: '2.3' });
    expect(Object.keys(document.paths)).toEqual([
      '/api/',
      '/api/score',
      '/api/swagger.json',
      '/api/v2',
      '/api/v2/models/score',
      '/api/v2/models/score/ready',
      '/api/v2/models/score/infer',
    ]);
  });

  it('refuses a version the samples cannot be written in, in one line, and exits 1', async () => {
    const result = await runCli(['swagger', fixture('union/score.ts'), '--version', '2']);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'error: Cannot generate the Swagger 2.0 document: /definitions/ServiceInput/properties/row/items is a union of ' +
        'schemas (anyOf), which Swagger 2.0 cannot express. Versions that work: OpenAPI 3.0, OpenAPI 3.1.\n',
    });
    const supported = await runCli(['swagger', fixture('union/score.ts'), '--version', '3']);
    expect(supported.code).toBe(0);
    await expectValidDocument(parseJson(supported.stdout) as object, '3.0');
  });

  it('uses a user-supplied document next to the script, unless --no-user-document', async () => {
    const script = fixture('user-docs/score.ts');
    const user = await runCli(['swagger', script, '--version', '3.0']);
    expect(user.code).toBe(0);
    expect(parseJson(user.stdout)).toEqual(parseJson(await readFile(fixture('user-docs/swagger3.json'), 'utf8')));
    expect(user.stderr).toBe(
      `Using the user-supplied ${fixture('user-docs/swagger3.json')} (--no-user-document generates it instead)\n`,
    );
    const generated = await runCli(['swagger', script, '--version', '3.0', '--no-user-document']);
    expect([generated.code, generated.stderr]).toEqual([0, '']);
    expect((parseJson(generated.stdout) as { info: { title: string } }).info.title).toBe('ML service');
    const otherVersion = await runCli(['swagger', script, '--version', '3.1']);
    expect((parseJson(otherVersion.stdout) as { openapi: string }).openapi).toBe('3.1.0');
  });

  it('regenerates the user-supplied file itself when --out names it (the CI recipe), instead of reading it back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'inferschema-swagger-'));
    try {
      await writeFile(join(dir, 'score.ts'), 'export function init(): void {}\nexport function run(body: string): string {\n  return body;\n}\n');
      const stale = '{"swagger": "2.0", "info": {"title": "stale", "version": "0"}, "paths": {}}\n';
      await writeFile(join(dir, 'swagger.json'), stale);
      const served = await runCli(['swagger', join(dir, 'score.ts')]);
      expect(parseJson(served.stdout)).toEqual(parseJson(stale));
      const regenerated = await runCli(['swagger', join(dir, 'score.ts'), '--out', join(dir, 'swagger.json')]);
      expect(regenerated).toEqual({
        code: 0,
        stdout: '',
        stderr: `Wrote ${join(dir, 'swagger.json')}: Swagger 2.0, 7 operations (GET /, POST /score, GET /swagger.json, GET /v2, GET /v2/models/score, GET /v2/models/score/ready, POST /v2/models/score/infer)\n`,
      });
      const document = parseJson(await readFile(join(dir, 'swagger.json'), 'utf8')) as { info: { title: string } };
      expect(document.info.title).toBe('ML service');
      await expectValidDocument(document, '2.0');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('looks for user-supplied documents in AML_APP_ROOT when it is set, and names one that is not JSON', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'inferschema-app-root-'));
    try {
      await writeFile(join(dir, 'swagger3.1.json'), '{"openapi": "3.1.0", "info": {"title": "from the app root"}}');
      const fromRoot = await runCli(['swagger', SCALE, '--version', '3.1'], { env: { AML_APP_ROOT: dir } });
      expect(fromRoot.code).toBe(0);
      expect(parseJson(fromRoot.stdout)).toEqual({ openapi: '3.1.0', info: { title: 'from the app root' } });
      await writeFile(join(dir, 'swagger3.1.json'), '{"openapi": ');
      const broken = await runCli(['swagger', SCALE, '--version', '3.1'], { env: { AML_APP_ROOT: dir } });
      expect(broken).toEqual({
        code: 1,
        stdout: '',
        stderr: `error: ${join(dir, 'swagger3.1.json')} is not valid JSON: Unexpected end of JSON input\n`,
      });
      const check = await runCli(['check', SCALE], { env: { AML_APP_ROOT: dir } });
      expect(check.code).toBe(1);
      expect(check.stderr).toBe(
        `error: the script has a problem\n  ${join(dir, 'swagger3.1.json')} is not valid JSON: Unexpected end of JSON input\n`,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reports a script that cannot be loaded in one line and exits 1', async () => {
    const result = await runCli(['swagger', fixture('no-run/score.ts')]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')).toEqual([expect.stringMatching(/^error: Entry script .*no-run\/score\.ts: .*run/), '']);
  });

  it('reports a syntax error in one line, with its place', async () => {
    const script = fixture('syntax-error/score.ts');
    const result = await runCli(['swagger', script]);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: Entry script ${script}: failed while loading: Transform failed with 1 error: ${script}:5:15: ERROR: Unexpected ";"\n`,
    });
  });

  it.each([
    [['swagger', SCALE, '--version', '4'], "error: option '--version <version>' argument '4' is invalid. Allowed choices are 2, 2.0, 3, 3.0, 3.1.\n"],
    [['swagger', SCALE, '--output', 'x.json'], "error: unknown option '--output'\n(Did you mean --out?)\n"],
    [['swagger'], "error: missing required argument 'script'\n"],
    [['swagger', fixture('nope.ts')], `error: Entry script ${fixture('nope.ts')} does not exist\n`],
  ])('%j is a usage error (exit 2)', async (args, message) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.replace('(add --help for usage and examples)\n', '')).toBe(message);
  });
});
