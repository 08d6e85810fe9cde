#!/usr/bin/env node
import { write } from './cli-io.js';
import { main } from './program.js';

const { exitCode, exit } = await main(process.argv.slice(2));
process.exitCode = exitCode;
if (exit) {
  // An entry script may leave timers or sockets open; a finished command ends the process once its output is out.
  await Promise.all([write(process.stdout, ''), write(process.stderr, '')]);
  process.exit(exitCode);
}
