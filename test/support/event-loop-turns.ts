// A vitest setup file (vitest.config.ts): the event loop turns after every test.
//
// vitest 3.2's worker waits a fixed 60 s (birpc's default, no option sets it) for the main process to
// acknowledge each report of test states ("onTaskUpdate"), and past that the run fails with an unhandled
// "[vitest-worker]: Timeout calling onTaskUpdate" though every test passed. The acknowledgement arrives in
// time, but the worker reads it only in a poll phase of its event loop, and the runner goes from one test to the
// next without one: a file of synchronous tests (fast-check properties, a child process run with execFileSync)
// holds the loop for their total, and once the loop turns, Node runs the expired timer before it reads the
// message. Three synchronous tests of 25 s each failed a run this way; on a loaded machine a few seconds of CPU
// are a minute of wall time. Two setImmediate turns pass through a poll phase (the second check phase comes
// after the next poll), so no more than one test's time goes by between reads.
afterEach(async () => {
  await new Promise(setImmediate);
  await new Promise(setImmediate);
});
