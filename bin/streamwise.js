#!/usr/bin/env node
// Thin wrapper: all behaviour lives in dist/src/cli.
process.exitCode = require('../dist/src/cli/main').runProcess(process.argv.slice(2));
