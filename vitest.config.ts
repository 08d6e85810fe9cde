import { defineConfig } from 'vitest/config';

// Tests import the packages through their built `dist` (tsc -b runs first, see scripts/prepare.mjs), so the
// code under test is exactly what an entry script loaded at run time imports: one copy of each module.
export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'examples/**/*.test.ts', 'test/**/*.test.ts'],
    globals: true,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
