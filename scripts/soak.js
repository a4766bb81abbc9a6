#!/usr/bin/env node
// Lints every source file under node_modules, one package at a time, in both modes; reports crashes and the slowest package.
const fs = require('node:fs');
const path = require('node:path');
const { lint } = require('../dist/src/core/linter');
const { defaultConfig } = require('../dist/src/core/config');
const { allRules } = require('../dist/src/rules');
const { createFsModuleHost } = require('../dist/src/cli/module-host');

const EXT = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const MAX_BYTES = 2 * 1024 * 1024;

function packagesUnder(dir) {
  const out = [];
  for (const name of fs.readdirSync(dir)) {
    if (name.startsWith('.')) continue;
    const full = path.join(dir, name);
    if (name.startsWith('@')) out.push(...packagesUnder(full));
    else if (fs.statSync(full).isDirectory()) out.push(full);
  }
  return out;
}

function filesOf(dir, acc = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) filesOf(full, acc);
    else if (entry.isFile() && EXT.test(entry.name) && fs.statSync(full).size <= MAX_BYTES) acc.push(full);
  }
  return acc;
}

function soak(root, only) {
  const config = defaultConfig(allRules);
  const host = createFsModuleHost();
  let files = 0;
  let crashes = 0;
  let internal = 0;
  let findings = 0;
  let slowest = { pkg: '', ms: 0 };
  for (const pkg of packagesUnder(root)) {
    if (only && !only.some((o) => pkg.includes(o))) continue;
    const sources = filesOf(pkg).map((p) => ({ path: p.split(path.sep).join('/'), text: fs.readFileSync(p, 'utf8') }));
    if (sources.length === 0) continue;
    for (const typed of [false, true]) {
      const start = process.hrtime.bigint();
      try {
        const out = lint({ files: sources, moduleHost: typed ? host : undefined, config }, allRules);
        for (const f of out.files) {
          internal += f.internalErrors.length;
          findings += f.findings.length;
          for (const e of f.internalErrors) console.error(`internal error ${f.path}: ${e.ruleId}: ${e.message}`);
        }
      } catch (error) {
        crashes++;
        console.error(`crash in ${pkg} (${typed ? 'typed' : 'untyped'}): ${error.stack}`);
      }
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (ms > slowest.ms) slowest = { pkg: path.relative(root, pkg), ms: Math.round(ms) };
    }
    files += sources.length;
  }
  return { files, crashes, internal, findings, slowest };
}

module.exports = { soak };
if (require.main === module) {
  const only = process.argv.slice(2);
  const result = soak(path.join(__dirname, '..', 'node_modules'), only.length ? only : undefined);
  console.log(JSON.stringify(result));
  process.exit(result.crashes + result.internal > 0 ? 1 : 0);
}
