import { configDefaults, defineConfig } from 'vitest/config';

// Tests import the packages through their built `dist` (tsc -b runs first, see scripts/prepare.mjs), so the
// code under test is exactly what an entry script loaded at run time imports: one copy of each module.
//
// Three groups, one `vitest run` (docs/testing.md):
// - `unit`: core and openapi, in-process only. Worker threads that are not reset between files: each file
//   reuses the modules the previous one loaded (apache-arrow, ajv, tsx...) instead of importing them again.
// - `process`: tests that start servers and run the command in child processes, each file in a fresh fork.
//   Most of their time is spent waiting on those children, so more forks than cores run at once.
// - `sequential`: files that measure latency, memory or timing while loading the machine themselves; they run
//   after the others, one at a time, so the rest of the suite does not load the machine under their bounds.
const ALL = ['packages/*/test/**/*.test.ts', 'examples/**/*.test.ts', 'test/**/*.test.ts'];
const UNIT = ['packages/core/test/**/*.test.ts', 'packages/openapi/test/**/*.test.ts'];
const SEQUENTIAL = ['packages/server/test/reliability/memory-bounds.test.ts'];

export default defineConfig({
  test: {
    globals: true,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    poolOptions: {
      threads: { isolate: false, maxThreads: 1, minThreads: 1 },
      forks: { maxForks: 3, minForks: 1 },
    },
    projects: [
      { extends: true, test: { name: 'unit', include: UNIT, pool: 'threads' } },
      { extends: true, test: { name: 'process', include: ALL, exclude: [...configDefaults.exclude, ...UNIT, ...SEQUENTIAL], pool: 'forks' } },
      {
        extends: true,
        test: { name: 'sequential', include: SEQUENTIAL, pool: 'forks', poolOptions: { forks: { singleFork: true } }, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
