#!/usr/bin/env node
// `npm create inferschema [dir] [options]` runs `inferschema init [dir] [options]`: the same code and templates,
// from the `inferschema` package.
import { main } from 'inferschema';

const { exitCode } = await main(['init', ...process.argv.slice(2)]);
process.exit(exitCode);
