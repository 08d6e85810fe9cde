#!/usr/bin/env node
// `npm create inferschema [dir] [options]` runs `inferschema init [dir] [options]`: the same code and templates,
// from the `inferschema` package. apache-arrow is a dependency so that `--input dataframe` can build its
// swagger.json here, before the new project has installed anything.
import { main } from 'inferschema';

const { exitCode } = await main(['init', ...process.argv.slice(2)]);
process.exit(exitCode);
