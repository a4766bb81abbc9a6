// Finds oxlint for the benchmark, installing it into the cache outside the repository on first use: its npm package
// lists native bindings for every platform, and a registry mirror that lacks some of them breaks `npm ci` of a lock file holding it.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const VERSION = '1.94.0';

function oxlintDir() {
  return path.join(process.env.STREAMWISE_CACHE || path.join(os.homedir(), '.cache', 'streamwise'), `oxlint-${VERSION}`);
}

/** The oxlint executable, installed with npm from the registry when missing. */
function ensureOxlint() {
  const dir = oxlintDir();
  const bin = path.join(dir, 'node_modules', '.bin', 'oxlint');
  if (fs.existsSync(bin)) return bin;
  fs.mkdirSync(dir, { recursive: true });
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--prefix', dir, `oxlint@${VERSION}`], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0 || !fs.existsSync(bin)) throw new Error(`installing oxlint@${VERSION} into ${dir} failed`);
  return bin;
}

module.exports = { ensureOxlint, oxlintDir, OXLINT_VERSION: VERSION };
