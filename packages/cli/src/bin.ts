#!/usr/bin/env node
import { write } from './cli-io.js';
import { main } from './program.js';

// A reader that stops early (`inferschema --help | head`) closes the pipe: that ends the command quietly, as it
// does for any Unix tool, instead of crashing on EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

const { exitCode, exit } = await main(process.argv.slice(2));
process.exitCode = exitCode;
if (exit) {
  // An entry script may leave timers or sockets open; a finished command ends the process once its output is out.
  await Promise.all([write(process.stdout, ''), write(process.stderr, '')]);
  process.exit(exitCode);
}
