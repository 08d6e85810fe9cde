// Runs every benchmark in this folder, one process each, one after another (so they do not compete for the
// two cores), and prints their markdown tables. Usage: `npm run bench [-- name-filter]`.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const folder = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2] ?? '';
const scripts = readdirSync(folder).filter((name) => name.endsWith('.ts') && name !== 'run.ts' && name.includes(filter));

let failed = 0;
for (const script of scripts.sort()) {
  console.log(`\n### ${script}\n`);
  const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(folder, script)], { stdio: 'inherit' });
  if (result.status !== 0) failed += 1;
}
process.exit(failed ? 1 : 0);
