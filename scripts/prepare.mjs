// Runs before `npm start` and `npm test`: installs the locked dependencies on a fresh clone,
// then type-checks and builds every package (tsc -b is incremental, so this is quick when nothing changed).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (command, args) => execFileSync(command, args, { cwd: root, stdio: 'inherit' });

if (!existsSync(join(root, 'node_modules', '.package-lock.json'))) {
  run('npm', ['ci', '--no-audit', '--no-fund']);
}
// `--builders 1`: TypeScript 7 builds projects concurrently by default and, on a clean build, starts a project
// before the declarations of the projects it references exist.
run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', '--builders', '1']);
