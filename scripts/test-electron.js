#!/usr/bin/env node
// `npm run test:electron`: runs the in-host suite in a downloaded VS Code with @vscode/test-electron (needs internet to download VS Code).
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { runTests } = require('@vscode/test-electron');

const root = path.join(__dirname, '..');

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'streamwise-electron-'));
  const stage = path.join(tmp, 'stage');
  // The same bundles and manifest as the VSIX, loaded as a development extension.
  const packaged = spawnSync(process.execPath, [path.join(__dirname, 'package-vsix.js'), '--stage', stage, '--out', path.join(tmp, 'streamwise.vsix')], { stdio: 'inherit' });
  if (packaged.status !== 0) throw new Error('packaging failed');
  const workspace = path.join(tmp, 'examples');
  fs.cpSync(path.join(root, 'examples'), workspace, { recursive: true });
  try {
    await runTests({
      extensionDevelopmentPath: stage,
      extensionTestsPath: path.join(stage, 'dist', 'src', 'extension', 'test-suite', 'index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', path.join(tmp, 'user-data')],
      extensionTestsEnv: { STREAMWISE_IN_HOST_RESULTS: path.join(tmp, 'results.json') },
    });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`test:electron failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
