// `npm run bench` end to end on a tiny workspace: every measurement ran, did real work and fed the ratios (never timed).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';
import { SERVER_EXEC_ARGV } from '../../src/server/node-options';
import { tempDir } from '../helpers/temp';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const MAIN = ['parse', 'tsc6', 'tsc7', 'eslint', 'oxlint', 'sw-typed', 'sw-untyped'];
const TARGETS = [
  'untyped-vs-parse',
  'typed-vs-tsc6',
  'typed-vs-tsc7',
  'eslint-vs-typed',
  'eslint-vs-untyped',
  'typed-vs-oxlint',
  'untyped-vs-oxlint',
  'memory-typed-vs-tsc6',
  'memory-untyped-vs-parse',
  'scaling-typed',
  'scaling-untyped',
  'editor-p95',
];

interface Summary {
  median: number;
  min: number;
  max: number;
}
interface Measurement {
  label: string;
  wallMs: Summary;
  rssKb: Summary | null;
  cpuMs: Summary | null;
  facts: { findings?: number; problems?: number };
}
interface Results {
  machine: { cpu: string; cores: number; node: string; versions: Record<string, string | null> };
  workspace: { files: number; lines: number; messagingFiles: number; bigFile: { lines: number } };
  measurements: Record<string, Measurement>;
  editor: { edits: number; execArgv: string[]; mismatches: number; debounceMs: number; latencyMs: Summary & { p95: number }; beyondDebounceMs: { p95: number }; peakRssKb: number | null; rssAfterEditsKb: number | null; rssAtRestKb: number | null; restMs: number; typescript: { edits: number; latencyMs: Summary & { p95: number } } };
  scaling: { files: number; filesPerSecond: Record<string, number | null> }[];
  targets: { id: string; value: number | null; pass: boolean | null }[];
}

function runBench(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'bench', 'run.js'), ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

it('runs every measurement on a tiny workspace and reports ratios and targets', { timeout: 240_000 }, async () => {
  const dir = tempDir('streamwise-bench-test-');
  try {
    const json = path.join(dir, 'results.json');
    const markdown = path.join(dir, 'bench.md');
    fs.writeFileSync(markdown, '# Kept\n\n<!-- bench:start -->\nold\n<!-- bench:end -->\n\nAlso kept.\n');
    const run = await runBench(['--files', '60', '--reps', '1', '--sizes', '30,60', '--lsp-edits', '5', '--big-lines', '400', '--json', json, '--markdown', markdown]);
    assert.equal(run.code, 0, run.stderr);
    const results = JSON.parse(fs.readFileSync(json, 'utf8')) as Results;

    assert.equal(results.workspace.files, 60);
    assert.ok(results.workspace.messagingFiles > 0 && results.workspace.bigFile.lines >= 400);
    assert.ok(results.machine.cpu && results.machine.cores > 0 && results.machine.node.startsWith('v'));
    for (const id of MAIN) {
      const m = results.measurements[id];
      assert.ok(m, `measurement ${id} is missing`);
      assert.ok(m.wallMs.median > 0, `${id} has no positive median`);
      if (fs.existsSync('/usr/bin/time')) {
        assert.ok(m.rssKb && m.rssKb.median > 0, `${id} has no peak memory`);
        assert.ok(m.cpuMs && m.cpuMs.median >= 0, `${id} has no CPU time`);
      }
    }
    assert.ok(results.measurements['sw-typed'].facts.findings! > 0);
    assert.ok(results.measurements['sw-untyped'].facts.findings! > 0);
    assert.ok(results.measurements.eslint.facts.problems! > 0);

    assert.equal(results.editor.edits, 5);
    assert.deepEqual(results.editor.execArgv, [...SERVER_EXEC_ARGV], 'the server runs as the extension starts it');
    assert.equal(results.editor.mismatches, 0, 'every publication answers the edit before it');
    assert.ok(results.editor.restMs > 0 && results.editor.rssAtRestKb! > 0 && results.editor.rssAfterEditsKb! > 0, 'resident memory is read after the edits and after a rest');
    assert.ok(results.editor.debounceMs > 0 && results.editor.latencyMs.p95 > 0);
    assert.equal(results.editor.typescript.edits, 5, 'TypeScript re-checks the file after the same edits');
    assert.ok(results.editor.typescript.latencyMs.p95 > 0);

    assert.deepEqual(results.scaling.map((row) => row.files), [30, 60]);
    for (const row of results.scaling) for (const id of ['parse', 'sw-typed', 'sw-untyped']) assert.ok(row.filesPerSecond[id]! > 0);

    assert.deepEqual(results.targets.map((t) => t.id), TARGETS);
    for (const t of results.targets) {
      assert.ok(typeof t.value === 'number' && Number.isFinite(t.value) && t.value >= 0, `${t.id} was not computed`);
      assert.equal(typeof t.pass, 'boolean');
    }

    const written = fs.readFileSync(markdown, 'utf8');
    assert.ok(written.startsWith('# Kept\n\n<!-- bench:start -->\n') && written.endsWith('<!-- bench:end -->\n\nAlso kept.\n'));
    assert.ok(!written.includes('\nold\n') && written.includes('### Targets'));
    assert.match(written, /\| TypeScript: rebuild the program, check the edited file \|/);
    assert.match(run.stdout, /\| Streamwise CLI, with typings \|/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
