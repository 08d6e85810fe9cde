import { configDefaults, defineConfig } from 'vitest/config';

// Tests import the packages through their built `dist` (tsc -b runs first, see scripts/prepare.mjs), so the
// code under test is exactly what an entry script loaded at run time imports: one copy of each module.
//
// Three groups, one `vitest run` (docs/testing.md):
// - `in-process`: tests that start no long-lived child process, only one-shot commands (core, openapi, the
//   server and examples served in this process, and the command run through its `main`, see
//   packages/cli/test/support/run-cli.ts). One worker
//   thread that is not reset between files: each file reuses the modules the previous ones loaded
//   (apache-arrow, ajv, tsx, the server...) instead of importing them again.
// - `process`: tests that start `inferschema serve`, the command or npm in child processes, each file in a fresh
//   fork. Most of their time is spent waiting on those children, so three forks run at once.
// - `sequential`: files that measure latency or memory under a load they create themselves; they run after the
//   others, one at a time, so the rest of the suite does not stretch the bounds they check.
const ALL = ['packages/*/test/**/*.test.ts', 'examples/**/*.test.ts', 'test/**/*.test.ts'];
const IN_PROCESS = [
  'packages/core/test/**/*.test.ts',
  'packages/openapi/test/**/*.test.ts',
  'packages/server/test/{batching,config,entry-points,headers-cors-auth,output-validation,routes,score-binary,score-schema,score-text-raw,turn-writes,running-requests}.test.ts',
  'packages/server/test/{docs,oip,support}/*.test.ts',
  'packages/server/test/grpc/{grpc-inference,grpc-lifecycle,proto-matches-spec}.test.ts',
  'packages/server/test/reliability/{error-contract,fast-path-checks,pipelining,protocol-hygiene,restart-backoff,security}.test.ts',
  'examples/{cors,dataframe-arrow,image,multi-model,onnx-dataframe,onnx-mlp,onnx-regression,power-bi,regression,support}/*.test.ts',
  'packages/cli/test/{check,examples,help,init,run,run-binary,serve-preflight,swagger,swagger-check}.test.ts',
  'test/doc-snippets.test.ts',
];
const SEQUENTIAL = [
  // Health checks within 100 ms while the test floods the server, a worker crashes or workers restart.
  'packages/server/test/reliability/memory-bounds.test.ts',
  'packages/server/test/reliability/crash-containment.test.ts',
];

export default defineConfig({
  test: {
    globals: true,
    // Turns the event loop after each test, so that vitest's worker reads its 60 s acknowledgements in time.
    setupFiles: ['test/support/event-loop-turns.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    poolOptions: {
      threads: { isolate: false, maxThreads: 1, minThreads: 1 },
      forks: { maxForks: 3, minForks: 1 },
    },
    projects: [
      { extends: true, test: { name: 'in-process', include: IN_PROCESS, pool: 'threads' } },
      { extends: true, test: { name: 'process', include: ALL, exclude: [...configDefaults.exclude, ...IN_PROCESS, ...SEQUENTIAL], pool: 'forks' } },
      {
        extends: true,
        test: { name: 'sequential', include: SEQUENTIAL, pool: 'forks', poolOptions: { forks: { singleFork: true } }, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
