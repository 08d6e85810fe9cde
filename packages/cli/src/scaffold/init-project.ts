import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { CliError, EXIT } from '../cli-error.js';
import { VERSION } from '../version.js';
import { projectFiles } from './project-files.js';
import type { DecoratorMode, InputKind } from './project-options.js';

/** The choices of `inferschema init`. */
export interface InitOptions {
  readonly decorators: DecoratorMode;
  readonly input: InputKind;
  /** Write into a folder that already holds files (those of the same name are replaced). */
  readonly force?: boolean;
}

/** An npm package name made from a folder's name. */
function packageNameOf(folder: string): string {
  const name = basename(folder).toLowerCase().replace(/[^a-z0-9._~-]+/g, '-').replace(/^[._-]+|-+$/g, '');
  return name || 'inferschema-model';
}

/** What the folder holds (a `.git` alone counts as empty); a missing folder holds nothing. */
async function entriesOf(folder: string, given: string): Promise<string[]> {
  try {
    return (await readdir(folder)).filter((entry) => entry !== '.git');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return [];
    if (code === 'ENOTDIR') throw new CliError(`${given} is a file, not a directory`, EXIT.usage);
    throw error;
  }
}

/**
 * Writes a new inferschema project into `dir`: its entry script, model, test, committed `swagger.json`, CI
 * workflow, Dockerfile and README. The service document ships with the template (a test keeps it equal to what
 * the document builder makes of the template script), so `inferschema swagger --check swagger.json` passes at
 * once and nothing is loaded here. A folder that holds files is refused
 * unless `force`; nothing is written when anything fails. Resolves to the files written (relative paths).
 *
 * @throws CliError (exit 2) for a folder that is not empty, or a path that is a file.
 * @example
 * await initProject('house-price', { decorators: 'tc39', input: 'standard' });
 */
export async function initProject(dir: string, options: InitOptions): Promise<string[]> {
  const folder = resolve(dir);
  const entries = await entriesOf(folder, dir);
  if (entries.length > 0 && !options.force) {
    const shown = entries.slice(0, 3).join(', ') + (entries.length > 3 ? ', …' : '');
    throw new CliError(`${dir} is not empty (${shown}): choose a new directory, or add --force to write over its files`, EXIT.usage);
  }
  const files = await projectFiles({ name: packageNameOf(folder), decorators: options.decorators, input: options.input, version: VERSION });
  for (const [path, text] of files) {
    await mkdir(dirname(join(folder, path)), { recursive: true });
    await writeFile(join(folder, path), text);
  }
  return [...files.keys()];
}
