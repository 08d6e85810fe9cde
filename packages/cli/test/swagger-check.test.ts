import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI_TIMEOUT, fixture, runCli } from './support/run-cli.js';

const SCALE = fixture('scale/score.ts');

type Document = {
  definitions: Record<string, { properties?: Record<string, unknown>; required?: string[]; items?: unknown }>;
  paths: Record<string, unknown>;
};

describe('inferschema swagger --check', { timeout: CLI_TIMEOUT }, () => {
  let dir: string;
  let current: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'inferschema-check-'));
    current = (await runCli(['swagger', SCALE])).stdout;
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  /** Writes a committed document made from the current one, checks it, and checks the file was left as it was. */
  async function checkAgainst(name: string, text: string, ...flags: string[]) {
    const file = join(dir, name);
    await writeFile(file, text);
    const before = await stat(file);
    const result = await runCli(['swagger', SCALE, '--check', file, ...flags]);
    expect(await readFile(file, 'utf8')).toBe(text);
    expect((await stat(file)).mtimeMs).toBe(before.mtimeMs);
    return { ...result, file };
  }

  function edited(change: (document: Document) => void): string {
    const document = JSON.parse(current) as Document;
    change(document);
    return `${JSON.stringify(document, null, 2)}\n`;
  }

  it('exits 0 when the committed document is what the script generates, and writes nothing on stdout', async () => {
    const { code, stdout, stderr, file } = await checkAgainst('fresh.json', current);
    expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: '', stderr: `${file} is up to date\n` });
  });

  it('lists an added operation as not breaking, and exits 1', async () => {
    const { code, stderr, file } = await checkAgainst('added.json', edited((document) => delete document.paths['/swagger.json']));
    expect(code).toBe(1);
    expect(stderr).toBe(`error: ${file} is stale (not a breaking change); regenerate it with --out\n  added:   GET /swagger.json\n`);
  });

  it.each([
    ['an input removed', (d: Document) => void (d.definitions.ServiceInput!.properties!.rooms = { type: 'integer' }), 'input "rooms" was removed'],
    ['an input retyped', (d: Document) => void (d.definitions.ServiceInput!.properties!.data = { type: 'string' }), 'input "data" changed type'],
    ['a required input added', (d: Document) => void (d.definitions.ServiceInput!.required = []), 'input "data" is now required'],
    ['the response retyped', (d: Document) => void (d.definitions.ServiceOutput!.items = { type: 'integer' }), 'the response type changed'],
    ['an operation removed', (d: Document) => void (d.paths['/extra'] = { get: { responses: {} } }), 'GET /extra was removed'],
  ])('calls %s a breaking change', async (_case, change, reason) => {
    const { code, stderr, file } = await checkAgainst('breaking.json', edited(change));
    expect(code).toBe(1);
    expect(stderr.split('\n')[0]).toBe(`error: ${file} is stale (a breaking change: ${reason}); regenerate it with --out`);
    expect(stderr).toMatch(/\n {2}(changed: schema Service(Input|Output)|removed: GET \/extra)\n/);
  });

  it.each([
    ['a missing file', undefined, (file: string) => `error: --check ${file} does not exist\n`],
    ['a file that is not JSON', 'swagger: 2.0\n', (file: string) => `error: --check ${file} is not JSON\n`],
    [
      'a document of another OpenAPI version',
      '{ "openapi": "3.1.0", "paths": {} }\n',
      (file: string) => `error: --check ${file} is a 3.1.0 document; the script generates 2.0 (use --version)\n`,
    ],
  ])('refuses %s in one line with exit 2, writing nothing', async (_case, text, message) => {
    const file = join(dir, `bad-${String(text?.length)}.json`);
    if (text !== undefined) await writeFile(file, text);
    const result = await runCli(['swagger', SCALE, '--check', file]);
    expect(result).toEqual({ code: 2, stdout: '', stderr: message(file) });
    if (text === undefined) await expect(stat(file)).rejects.toThrow();
    else expect(await readFile(file, 'utf8')).toBe(text);
  });
});
