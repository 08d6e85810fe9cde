#!/usr/bin/env node
// The installed `inferschema` command. It exists before the build (so npm links it on a fresh install) and
// runs the compiled program.
import "../dist/bin.js";
