#!/usr/bin/env node
// `npm start`: lint the bundled examples. Findings are the point of the demo, so exit 1 (findings) is success here.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const result = spawnSync(process.execPath, [path.join(__dirname, '..', 'bin', 'streamwise.js'), 'lint', 'examples'], { stdio: 'inherit', cwd: path.join(__dirname, '..') });
if (result.status === 1) console.log('Findings above are intended: examples/README.md lists each one and why.');
process.exit(result.status === 0 || result.status === 1 ? 0 : result.status ?? 2);
