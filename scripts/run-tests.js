#!/usr/bin/env node
// Runs every compiled test file with node's test runner (Node 20 has no glob support of its own).
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

// Usage: run-tests.js [--dist DIR] [substring ...]
const argv = process.argv.slice(2);
const distAt = argv.indexOf('--dist');
const dist = distAt >= 0 ? path.resolve(argv.splice(distAt, 2)[1]) : path.join(__dirname, '..', 'dist');
const root = path.join(dist, 'test');
const filter = argv;
// The real-VS-Code end-to-end test installs code-server, Node and Chromium into a cache on its first run
// (minutes); STREAMWISE_SKIP_E2E=1 leaves it out of a quick local run unless the filter names it.
const includeE2e = process.env.STREAMWISE_SKIP_E2E !== '1' || filter.some((f) => f.includes('e2e'));
const files = [];
(function walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (entry.name.endsWith('.test.js') && (filter.length === 0 || filter.some((f) => full.includes(f))) && (includeE2e || !full.includes(`${path.sep}e2e${path.sep}`))) files.push(full);
  }
})(root);
files.sort();
if (files.length === 0) {
  // node --test with no files would fall back to searching the working directory.
  console.error(`No compiled test files match: ${filter.join(' ') || '(all)'} — run npm run build first.`);
  process.exit(1);
}
// A hang must fail the run, not stall it. Node 20 applies --test-timeout to each test file as a whole, so the
// bound sits well above the slowest file (the Chromium webview test allows itself 15 minutes); the code-server
// end-to-end test, which allows itself 30 minutes (first run installs its tools), runs apart with its own bound.
const MINUTE = 60_000;
const isE2e = (f) => f.includes(`${path.sep}e2e${path.sep}`);
const groups = [
  { files: files.filter((f) => !isE2e(f)), timeout: 20 * MINUTE },
  { files: files.filter(isE2e), timeout: 45 * MINUTE },
].filter((g) => g.files.length > 0);
let status = 0;
// Each group prints its own summary; a TAP copy of each lets the run end with one line over all of them.
const tapDir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'streamwise-tests-'));
const totals = { pass: 0, fail: 0 };
groups.forEach((group, i) => {
  const tap = path.join(tapDir, `group-${i}.tap`);
  const reporters = ['--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`];
  const result = spawnSync(process.execPath, ['--test', ...reporters, `--test-timeout=${group.timeout}`, ...group.files], { stdio: 'inherit' });
  if (result.status !== 0) status = result.status ?? 1;
  const summary = fs.existsSync(tap) ? fs.readFileSync(tap, 'utf8') : '';
  const count = (name) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(summary)?.[1] ?? 0);
  totals.pass += count('pass');
  // A group that died before its summary counts as failed.
  totals.fail += summary.includes('\n# fail ') ? count('fail') + count('cancelled') : Math.max(1, count('fail'));
});
fs.rmSync(tapDir, { recursive: true, force: true });
if (groups.length > 1) console.log(`${totals.pass} passed, ${totals.fail} failed`);
process.exit(status);
