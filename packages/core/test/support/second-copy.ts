import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PACKAGE = fileURLToPath(new URL('../..', import.meta.url));
const REPO_MODULES = fileURLToPath(new URL('../../../../node_modules', import.meta.url));

/** The entry points of a copy of `@inferschema/core` an entry script writes with: root, runtime and dataframe. */
export type CoreCopy = typeof import('@inferschema/core') &
  typeof import('@inferschema/core/runtime') &
  typeof import('@inferschema/core/dataframe');

/**
 * A second, separate copy of the built `@inferschema/core` (its `dist` copied to a scratch directory that
 * resolves dependencies from the repository), as an entry script with its own installed copy would load it:
 * its classes are not this test's classes. `dispose` removes the directory.
 */
export async function importSecondCopy(): Promise<{ core: CoreCopy; dispose: () => void }> {
  const root = mkdtempSync(join(tmpdir(), 'inferschema-core-copy-'));
  for (const folder of ['dist', 'src']) cpSync(join(PACKAGE, folder), join(root, folder), { recursive: true });
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'core-copy', type: 'module' }));
  symlinkSync(REPO_MODULES, join(root, 'node_modules'), 'dir');
  const entry = async (file: string) => (await import(pathToFileURL(join(root, 'dist', file)).href)) as object;
  const core = { ...(await entry('index.js')), ...(await entry('runtime.js')), ...(await entry('dataframe.js')) } as CoreCopy;
  return { core, dispose: () => rmSync(root, { recursive: true, force: true }) };
}
