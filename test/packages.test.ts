// Each published package packs into a tarball that stands on its own: its README and LICENSE, the built
// files of every export, the metadata a registry shows, and its siblings at the same version.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(import.meta.dirname, '..');
const PACKAGES = ['core', 'openapi', 'server', 'cli', 'create-inferschema'];

interface Manifest {
  name: string;
  version: string;
  license?: string;
  keywords?: string[];
  engines?: { node?: string };
  repository?: { url?: string; directory?: string };
  exports: Record<string, string | { types?: string; default?: string }>;
  bin?: Record<string, string>;
  dependencies?: Record<string, string>;
}

function manifest(folder: string): Manifest {
  return JSON.parse(readFileSync(join(ROOT, 'packages', folder, 'package.json'), 'utf8')) as Manifest;
}

/** The paths `npm pack` would put in the tarball (npm runs beside this process's event loop, not blocking it). */
async function packedFiles(folder: string): Promise<string[]> {
  const { stdout: output } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: join(ROOT, 'packages', folder), encoding: 'utf8' });
  return (JSON.parse(output) as [{ files: { path: string }[] }])[0].files.map(({ path }) => path);
}

const VERSION = manifest('core').version;
const NAMES = new Set(PACKAGES.map((folder) => manifest(folder).name));

describe.each(PACKAGES)('packages/%s', (folder) => {
  const pkg = manifest(folder);

  it('packs its README, the LICENSE, and the built file and types of every export, and no tests', async () => {
    const files = await packedFiles(folder);
    expect(files).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'package.json']));
    for (const [subpath, target] of Object.entries(pkg.exports)) {
      const targets = typeof target === 'string' ? [target] : [target.types, target.default];
      for (const file of targets) expect(files, `${pkg.name} export ${subpath}`).toContain(file!.replace(/^\.\//, ''));
      if (typeof target !== 'string') expect(target.types, `${subpath} has types`).toMatch(/\.d\.ts$/);
    }
    for (const bin of Object.values(pkg.bin ?? {})) expect(files).toContain(bin.replace(/^\.\//, ''));
    expect(files.filter((file) => /(^|\/)test\/|\.test\.|tsbuildinfo/.test(file))).toEqual([]);
    expect(readFileSync(join(ROOT, 'packages', folder, 'LICENSE'), 'utf8')).toBe(readFileSync(join(ROOT, 'LICENSE'), 'utf8'));
  }, 60_000);

  it('has the metadata a registry shows, and its siblings at its own version', () => {
    expect(pkg.version).toBe(VERSION);
    expect(pkg.license).toBe('MIT');
    expect(pkg.engines?.node).toBe('>=20.19');
    expect(pkg.keywords?.length).toBeGreaterThan(3);
    expect(pkg.repository).toMatchObject({ url: expect.stringMatching(/^git\+https:\/\//), directory: `packages/${folder}` });
    const siblings = Object.entries(pkg.dependencies ?? {}).filter(([name]) => NAMES.has(name));
    for (const [name, range] of siblings) expect(range, name).toBe(VERSION);
  }, 120_000); // npm pack: seconds of CPU, many more on a loaded machine
});

it('inferschema packs the templates of `inferschema init`, and create-inferschema runs that command instead of copying them', async () => {
  const templates = readdirSync(join(ROOT, 'packages/cli/templates'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => `${entry.parentPath}/${entry.name}`.slice(join(ROOT, 'packages/cli').length + 1));
  expect(templates.length).toBeGreaterThan(10);
  expect(await packedFiles('cli')).toEqual(expect.arrayContaining(templates));
  expect((await packedFiles('create-inferschema')).sort()).toEqual(['LICENSE', 'README.md', 'bin/create-inferschema.js', 'package.json']);
  expect(manifest('create-inferschema').dependencies).toMatchObject({ inferschema: VERSION });
}, 120_000);

it('one changesets group versions the packages together', () => {
  const config = JSON.parse(readFileSync(join(ROOT, '.changeset', 'config.json'), 'utf8')) as { fixed: string[][] };
  expect(config.fixed).toEqual([[...NAMES]]);
});
