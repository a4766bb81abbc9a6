// Describes the machine and tool versions a run was recorded on.
const { OXLINT_VERSION } = require('./oxlint');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const REPO = path.resolve(__dirname, '..', '..');
const PACKAGES = { streamwise: '.', typescript: 'node_modules/typescript', 'typescript (native, 7)': 'node_modules/typescript7', eslint: 'node_modules/eslint', '@typescript-eslint/parser': 'node_modules/@typescript-eslint/parser' };

function cpuModel() {
  try {
    return /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  } catch {
    return os.cpus()[0]?.model ?? 'unknown';
  }
}

function describeMachine() {
  const versions = {};
  for (const [name, dir] of Object.entries(PACKAGES)) {
    try {
      versions[name] = JSON.parse(fs.readFileSync(path.join(REPO, dir, 'package.json'), 'utf8')).version;
    } catch {
      versions[name] = null;
    }
  }
  versions.oxlint = OXLINT_VERSION;
  return {
    cpu: cpuModel(),
    cores: os.availableParallelism?.() ?? os.cpus().length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
    versions,
    date: new Date().toISOString(),
  };
}

module.exports = { describeMachine };
