#!/usr/bin/env node
// Lints every source file under node_modules, one package at a time, in both modes, as the CLI does; reports crashes, hangs, the total and the slowest file.
const fs = require('node:fs');
const path = require('node:path');
const { defaultConfig } = require('../dist/src/core/config');
const { allRules } = require('../dist/src/rules');
const { createFsModuleHost } = require('../dist/src/cli/module-host');
const { readSources } = require('../dist/src/cli/workspace');
const { runEngine } = require('../dist/src/cli/run-engine');
const { defaultLimits } = require('../dist/src/cli/limits');

// .d.ts files are included: they are .ts files.
const EXT = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;

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
    else if (entry.isFile() && EXT.test(entry.name)) acc.push(full.split(path.sep).join('/'));
  }
  return acc;
}

/** A notice is a file the CLI would report as skipped; by kind, so a summary tells them apart. */
function noticeKind(message) {
  if (/larger than maxFileSize/.test(message)) return 'tooLarge';
  if (/looks binary/.test(message)) return 'binary';
  if (/nested too deeply/.test(message)) return 'tooDeep';
  if (/maxFileTime/.test(message)) return 'hang';
  return 'unreadable';
}

/**
 * Lints each package under `root` (or those whose path contains one of `only`) untyped and typed.
 * A crash is a run that throws; a hang is a file over the per-file time cap; an internal error is a
 * rule or the extractor throwing on a file. Files skipped by size, as binary or as too deeply nested
 * are counted, not failures: the CLI reports them with a notice.
 */
function soak(root, only, options = {}) {
  const config = defaultConfig(allRules);
  const host = createFsModuleHost();
  const limits = () => ({ ...defaultLimits(), ...(options.maxFileTime ? { maxFileTime: options.maxFileTime } : {}) });
  const summary = { files: 0, crashes: 0, hangs: 0, internal: 0, findings: 0, skipped: { tooLarge: 0, binary: 0, tooDeep: 0, unreadable: 0 }, slowestFile: { file: '', mode: '', ms: 0 }, slowestPackage: { pkg: '', ms: 0 }, totalMs: 0 };
  const started = process.hrtime.bigint();
  for (const pkg of packagesUnder(root)) {
    if (only && !only.some((o) => pkg.includes(o))) continue;
    const paths = filesOf(pkg);
    if (paths.length === 0) continue;
    const readNotices = new Map();
    const sources = readSources(paths, readNotices, { limits });
    for (const message of readNotices.values()) summary.skipped[noticeKind(message)]++;
    summary.files += paths.length;
    for (const typed of [false, true]) {
      const mode = typed ? 'typed' : 'untyped';
      const notices = new Map();
      const start = process.hrtime.bigint();
      const onFileTime = (file, ms) => {
        if (ms > summary.slowestFile.ms) summary.slowestFile = { file: path.relative(root, file), mode, ms: Math.round(ms) };
      };
      try {
        const out = runEngine({ files: sources, moduleHost: typed ? host : undefined, config }, allRules, notices, { limits, lint: { onFileTime } });
        for (const f of out.files) {
          summary.internal += f.internalErrors.length;
          summary.findings += f.findings.length;
          for (const e of f.internalErrors) console.error(`internal error ${f.path} (${mode}): ${e.ruleId}: ${e.message}`);
        }
        for (const [file, message] of notices) {
          const kind = noticeKind(message);
          if (kind === 'hang') {
            summary.hangs++;
            console.error(`hang ${file} (${mode}): ${message}`);
          } else if (!typed) summary.skipped[kind]++;
        }
      } catch (error) {
        summary.crashes++;
        console.error(`crash in ${pkg} (${mode}): ${error.stack}`);
      }
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (ms > summary.slowestPackage.ms) summary.slowestPackage = { pkg: path.relative(root, pkg), ms: Math.round(ms) };
    }
  }
  summary.totalMs = Math.round(Number(process.hrtime.bigint() - started) / 1e6);
  return summary;
}

module.exports = { soak };
if (require.main === module) {
  const only = process.argv.slice(2);
  const result = soak(path.join(__dirname, '..', 'node_modules'), only.length ? only : undefined);
  console.log(
    `Linted ${result.files} files in ${(result.totalMs / 1000).toFixed(1)} s (each package untyped and typed): ` +
      `${result.crashes} crashes, ${result.hangs} hangs, ${result.internal} internal errors, ${result.findings} findings.\n` +
      `Skipped with a notice: ${result.skipped.tooLarge} too large, ${result.skipped.binary} binary, ${result.skipped.tooDeep} nested too deeply, ${result.skipped.unreadable} unreadable.\n` +
      `Slowest file: ${result.slowestFile.file} (${result.slowestFile.mode}, ${result.slowestFile.ms} ms); slowest package: ${result.slowestPackage.pkg} (${result.slowestPackage.ms} ms).`,
  );
  console.log(JSON.stringify(result));
  process.exit(result.crashes + result.hangs + result.internal > 0 ? 1 : 0);
}
