#!/usr/bin/env node
// Scores the linter on labelled projects: each project dir holds expected.json ([{ file, line, ruleId }]).
// Usage: evaluate.js [--tolerance N] DIR... ; prints precision/recall per mode and per rule, and every miss.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const args = process.argv.slice(2);
const tolAt = args.indexOf('--tolerance');
const tolerance = tolAt >= 0 ? Number(args.splice(tolAt, 2)[1]) : 0;
const BIN = path.join(__dirname, '..', 'bin', 'streamwise.js');

function findings(dir, typed) {
  const r = spawnSync(process.execPath, [BIN, 'lint', dir, '--format', 'json', ...(typed ? [] : ['--no-type-info'])], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status === 2) throw new Error(`lint failed on ${dir}: ${r.stderr}`);
  return JSON.parse(r.stdout).flatMap((res) => res.messages.filter((m) => m.ruleId && !m.fatal).map((m) => ({ file: path.relative(dir, res.filePath), line: m.line, ruleId: m.ruleId, message: m.message })));
}

function score(expected, actual) {
  const unmatched = [...actual];
  const tp = [];
  const fn = [];
  for (const e of expected) {
    const i = unmatched.findIndex((a) => a.file === e.file && a.ruleId === e.ruleId && Math.abs(a.line - e.line) <= tolerance);
    if (i >= 0) tp.push(unmatched.splice(i, 1)[0]);
    else fn.push(e);
  }
  return { tp, fp: unmatched, fn };
}

for (const typed of [true, false]) {
  const totals = { tp: 0, fp: 0, fn: 0 };
  const perRule = {};
  const misses = [];
  for (const dir of args) {
    const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8'));
    const { tp, fp, fn } = score(expected, findings(dir, typed));
    for (const [kind, list] of Object.entries({ tp, fp, fn })) {
      totals[kind] += list.length;
      for (const x of list) {
        (perRule[x.ruleId] ??= { tp: 0, fp: 0, fn: 0 })[kind]++;
        if (kind !== 'tp') misses.push(`${kind.toUpperCase()} ${path.basename(dir)}/${x.file}:${x.line} ${x.ruleId}${x.why ? ` — ${x.why}` : ''}${x.message ? ` — ${x.message.slice(0, 110)}` : ''}`);
      }
    }
  }
  const p = totals.tp / Math.max(1, totals.tp + totals.fp);
  const r = totals.tp / Math.max(1, totals.tp + totals.fn);
  console.log(`\n== ${typed ? 'typed' : 'untyped'}: precision ${(p * 100).toFixed(1)}%  recall ${(r * 100).toFixed(1)}%  (tp ${totals.tp}, fp ${totals.fp}, fn ${totals.fn})`);
  for (const [rule, c] of Object.entries(perRule).sort()) console.log(`  ${rule.padEnd(40)} tp ${c.tp}  fp ${c.fp}  fn ${c.fn}`);
  for (const m of misses.sort()) console.log(`  ${m}`);
}
