// --fix and --fix-dry-run: overlap handling and passes, atomic writes, byte-exact results on fixtures, idempotence.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { applyPatch, parsePatch } from 'diff';
import type { FileResult, Finding, LintOutput, SourceFile, TextEdit } from '../../src/core/types';
import { applyFixes, ChangedOnDiskError, fixWorkspace, MAX_FIX_PASSES, writeFileAtomic } from '../../src/cli/fix';
import { tempDir } from '../helpers/temp';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const BIN = path.join(ROOT, 'bin', 'streamwise.js');
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'cli-fix');

function run(args: string[], cwd: string) {
  const { FORCE_COLOR: _force, ...env } = process.env;
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...env, NO_COLOR: '1', CI: 'true' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function finding(ruleId: string, fix: TextEdit[] | undefined, start = 0): Finding {
  return { ruleId, severity: 'warning', message: ruleId, range: { start, end: start, line: 1, column: start + 1, endLine: 1, endColumn: start + 1 }, ...(fix ? { fix } : {}) };
}

const edit = (start: number, end: number, text: string): TextEdit => ({ range: [start, end], text });

function tree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out.set(path.relative(dir, full).split(path.sep).join('/'), fs.readFileSync(full));
    }
  };
  walk(dir);
  return out;
}

function copyInput(): string {
  const dir = tempDir('sw-fix-');
  fs.cpSync(path.join(FIXTURE, 'input'), dir, { recursive: true });
  return dir;
}

describe('applyFixes', () => {
  it('applies fixes in range order and leaves overlapping or touching ones for the next pass', () => {
    const text = 'abcdefghij';
    const { text: out, applied } = applyFixes(text, [
      finding('late', [edit(6, 8, 'GH')]),
      finding('early', [edit(1, 3, 'BC')]),
      finding('overlaps-early', [edit(2, 4, 'xx')]),
      finding('touches-early', [edit(3, 3, '!')]),
      finding('no-fix', undefined),
    ]);
    assert.equal(out, 'aBCdefGHij');
    assert.deepEqual(applied.map((f) => f.ruleId), ['early', 'late']);
  });

  it('applies all edits of one finding as a unit and skips invalid edits', () => {
    const { text, applied } = applyFixes('one two three', [
      finding('pair', [edit(8, 13, 'THREE'), edit(0, 3, 'ONE')]),
      finding('inside-pair', [edit(4, 7, 'TWO')]),
      finding('out-of-range', [edit(10, 99, 'x')]),
      finding('self-overlap', [edit(0, 5, 'x'), edit(4, 6, 'y')]),
    ]);
    assert.equal(text, 'ONE two THREE');
    assert.deepEqual(applied.map((f) => f.ruleId), ['pair']);
  });

  it('writes inserted line breaks as CRLF in a CRLF file, and keeps a BOM', () => {
    const crlf = applyFixes('\uFEFFa\r\nb\r\n', [finding('nl', [edit(4, 4, 'x\ny\n')])]);
    assert.equal(crlf.text, '\uFEFFa\r\nx\r\ny\r\nb\r\n');
    const lf = applyFixes('a\nb\n', [finding('nl', [edit(2, 2, 'x\r\n')])]);
    assert.equal(lf.text, 'a\nx\r\nb\n', 'LF and mixed files get the fix text as it is');
  });
});

/** A fake engine: every `aa` is a fixable finding that collapses to `a`, so neighbouring fixes overlap and need passes. */
function fakeLint(files: SourceFile[], broken = (_: string) => false): LintOutput {
  const results: FileResult[] = files.map((f) => {
    const findings: Finding[] = [];
    for (let i = f.text.indexOf('aa'); i >= 0; i = f.text.indexOf('aa', i + 1)) findings.push(finding('fake/aa', [edit(i, i + 2, 'a')], i));
    const syntaxErrors = f.text.includes('{') || broken(f.text) ? [{ message: 'syntax', range: finding('x', undefined).range }] : [];
    return { path: f.path, findings, syntaxErrors, internalErrors: [] };
  });
  return { files: results, typed: false };
}

describe('fixWorkspace', () => {
  it('repeats passes until no fix applies, re-linting the whole workspace after each', () => {
    const files = [{ path: '/w/a.ts', text: 'aaaa' }, { path: '/w/b.ts', text: 'xyz' }];
    let lints = 0;
    const passes: number[] = [];
    const run = fixWorkspace(files, fakeLint(files), (all) => (lints++, assert.equal(all.length, 2), fakeLint(all)), (p) => passes.push(p));
    // aaaa: the fix at 0 applies; 1 overlaps it and 2 touches it → aaa → aa → a.
    assert.equal(run.files.find((f) => f.path === '/w/a.ts')!.text, 'a');
    assert.equal(run.files.find((f) => f.path === '/w/b.ts')!.text, 'xyz');
    assert.deepEqual([...run.originals], [['/w/a.ts', 'aaaa']]);
    assert.deepEqual(passes, [1, 2, 3]);
    assert.equal(lints, 3);
    assert.equal(run.exhausted, false);
    assert.equal(run.output.files.every((r) => r.findings.length === 0), true, 'the output is of the final texts');
  });

  it(`stops after ${MAX_FIX_PASSES} passes when fixes keep coming`, () => {
    const endless = (all: SourceFile[]): LintOutput => ({
      files: all.map((f) => ({ path: f.path, findings: [finding('grow', [edit(f.text.length, f.text.length, 'x')])], syntaxErrors: [], internalErrors: [] })),
      typed: false,
    });
    const files = [{ path: '/w/a.ts', text: '' }];
    const run = fixWorkspace(files, endless(files), endless);
    assert.equal(run.passes, MAX_FIX_PASSES);
    assert.equal(run.files[0].text, 'x'.repeat(MAX_FIX_PASSES));
    assert.equal(run.exhausted, true);
  });

  it('never fixes a file with syntax errors', () => {
    const files = [{ path: '/w/a.ts', text: 'aa {' }];
    const run = fixWorkspace(files, fakeLint(files), (f) => fakeLint(f));
    assert.equal(run.files[0].text, 'aa {');
    assert.deepEqual(run.skippedForSyntax, ['/w/a.ts']);
    assert.equal(run.originals.size, 0);
  });

  it('puts a file back when its fixes introduce a syntax error', () => {
    const files = [{ path: '/w/a.ts', text: 'aa' }, { path: '/w/c.ts', text: 'aa c' }];
    const broken = (t: string) => t === 'a';
    const run = fixWorkspace(files, fakeLint(files, broken), (f) => fakeLint(f, broken));
    assert.equal(run.files.find((f) => f.path === '/w/a.ts')!.text, 'aa');
    assert.equal(run.files.find((f) => f.path === '/w/c.ts')!.text, 'a c');
    assert.deepEqual(run.reverted, ['/w/a.ts']);
    assert.deepEqual([...run.originals.keys()], ['/w/c.ts']);
    assert.equal(run.output.files.find((r) => r.path === '/w/a.ts')!.syntaxErrors.length, 0, 'the report is of the restored text');
  });

  it('checks the syntax itself of a fixed file the run left unchecked (no finding left in it)', () => {
    // A fix that leaves `export const x = (` behind: the engine reports the file as having no finding and unchecked syntax.
    const files = [{ path: '/w/config.ts', text: 'export const x = (1);\n' }];
    const first: LintOutput = { files: [{ path: '/w/config.ts', findings: [finding('fake/paren', [edit(19, 20, '')], 19)], syntaxErrors: [], internalErrors: [] }], typed: false };
    const unchecked = (all: SourceFile[]): LintOutput => ({ files: all.map((f) => ({ path: f.path, findings: [], syntaxErrors: [], internalErrors: [], syntaxUnchecked: true as const })), typed: false });
    const run = fixWorkspace(files, first, unchecked);
    assert.deepEqual(run.reverted, ['/w/config.ts']);
    assert.equal(run.files[0].text, 'export const x = (1);\n');
  });

  it('keeps the passes that parsed when a later pass breaks the file', () => {
    const files = [{ path: '/w/a.ts', text: 'aaaa' }];
    const broken = (t: string) => t === 'aa';
    const run = fixWorkspace(files, fakeLint(files, broken), (f) => fakeLint(f, broken));
    // Pass 1: aaaa → aaa (fine). Pass 2: aaa → aa (breaks) → undone.
    assert.equal(run.files[0].text, 'aaa');
    assert.deepEqual([...run.originals], [['/w/a.ts', 'aaaa']]);
    assert.deepEqual(run.reverted, ['/w/a.ts']);
  });
});

describe('writeFileAtomic', () => {
  it('replaces the content through a rename, keeping mode and BOM, following symlinks, leaving no temp file', () => {
    const dir = tempDir('sw-atomic-');
    const file = path.join(dir, 'a.ts');
    fs.writeFileSync(file, '\uFEFFold\n');
    fs.chmodSync(file, 0o751);
    const link = path.join(dir, 'link.ts');
    fs.symlinkSync(file, link);
    const inode = fs.statSync(file).ino;
    writeFileAtomic(link, 'new\n');
    // A new inode: the file was replaced by a rename, so no reader ever saw it half written.
    assert.notEqual(fs.statSync(file).ino, inode, 'the file was rewritten in place');
    assert.deepEqual(fs.readFileSync(file), Buffer.from('\uFEFFnew\n'));
    assert.equal(fs.statSync(file).mode & 0o777, 0o751);
    assert.equal(fs.lstatSync(link).isSymbolicLink(), true);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['a.ts', 'link.ts']);
  });

  it('refuses, changing nothing, when the file no longer holds the text the fixes were made for', () => {
    const dir = tempDir('sw-atomic-');
    const file = path.join(dir, 'a.ts');
    fs.writeFileSync(file, 'saved by someone else\n');
    assert.throws(() => writeFileAtomic(file, 'fixed\n', 'what was linted\n'), ChangedOnDiskError);
    assert.equal(fs.readFileSync(file, 'utf8'), 'saved by someone else\n');
    assert.deepEqual(fs.readdirSync(dir), ['a.ts']);
    writeFileAtomic(file, 'fixed\n', 'saved by someone else\n');
    assert.equal(fs.readFileSync(file, 'utf8'), 'fixed\n');
  });
});

describe('streamwise lint --fix', () => {
  const expected = tree(path.join(FIXTURE, 'expected'));

  it('fixes the fixture byte for byte (CRLF and BOM files included), replacing each fixed file by a rename, keeps file modes, and a second --fix changes nothing', () => {
    const dir = copyInput();
    fs.chmodSync(path.join(dir, 'src', 'order-events.ts'), 0o750);
    const fixed = ['src/order-events.ts', 'src/payments-bom.ts', 'src/audit-crlf.js'];
    const inodes = fixed.map((f) => fs.statSync(path.join(dir, f)).ino);
    const first = run(['lint', '--fix'], dir);
    assert.equal(first.code, 1, 'the parse error in broken.ts remains an error');
    assert.match(first.stderr, /src\/broken\.ts: not fixed, the file has syntax errors\./);
    assert.deepEqual(tree(dir), expected);
    assert.equal(fs.statSync(path.join(dir, 'src', 'order-events.ts')).mode & 0o777, 0o750);
    assert.equal(fs.readFileSync(path.join(dir, 'src', 'audit-crlf.js'), 'latin1').includes('\r\n'), true);
    fixed.forEach((f, i) => assert.notEqual(fs.statSync(path.join(dir, f)).ino, inodes[i], `${f} was rewritten in place, not replaced by a rename`));
    // Only what remains is reported.
    assert.doesNotMatch(first.stdout, /exact-stream-trim[\s\S]*order-events|weak-acks|tiny-linger/);
    assert.match(first.stdout, /broken\.ts[\s\S]*redis\/exact-stream-trim/);

    const mtimes = [...expected.keys()].map((f) => fs.statSync(path.join(dir, f)).mtimeMs);
    const second = run(['lint', '--fix', '--format', 'json'], dir);
    assert.equal(second.code, 1);
    assert.deepEqual(tree(dir), expected);
    assert.deepEqual([...expected.keys()].map((f) => fs.statSync(path.join(dir, f)).mtimeMs), mtimes, 'no file was rewritten');
    assert.equal(JSON.parse(second.stdout).some((r: { output?: string }) => r.output !== undefined), false);
    assert.equal(fs.readdirSync(path.join(dir, 'src')).some((f) => f.endsWith('.tmp')), false);
  });

  it('--fix-dry-run writes nothing and prints a unified diff that turns the input into the expected files', () => {
    const dir = copyInput();
    const before = tree(dir);
    const r = run(['lint', '--fix-dry-run'], dir);
    assert.equal(r.code, 1);
    assert.deepEqual(tree(dir), before);
    const diffText = r.stdout.slice(0, r.stdout.indexOf('\nsrc/broken.ts'));
    const patches = parsePatch(diffText);
    assert.deepEqual(patches.map((p) => p.newFileName).sort(), ['b/src/audit-crlf.js', 'b/src/order-events.ts', 'b/src/payments-bom.ts', 'b/src/rdkafka-producer.ts']);
    for (const patch of patches) {
      const rel = patch.oldFileName!.replace(/^a\//, '');
      const patched = applyPatch(before.get(rel)!.toString('utf8'), patch);
      assert.equal(patched, expected.get(rel)!.toString('utf8'), rel);
    }
    assert.match(r.stdout, /redis\/exact-stream-trim/, 'the report of what remains follows the diff');
  });

  it('--fix-dry-run --format json puts the fixed source in `output`, as ESLint does', () => {
    const dir = copyInput();
    const before = tree(dir);
    const r = run(['lint', '--fix-dry-run', '--format', 'json'], dir);
    assert.deepEqual(tree(dir), before);
    const results = JSON.parse(r.stdout) as { filePath: string; output?: string; messages: { ruleId: string | null }[] }[];
    for (const res of results) {
      const rel = path.relative(dir, res.filePath).split(path.sep).join('/');
      const fixed = expected.get(rel)!.toString('utf8');
      if (fixed === before.get(rel)!.toString('utf8')) assert.equal(res.output, undefined, rel);
      else assert.equal(res.output, fixed, rel);
    }
    const orderEvents = results.find((x) => x.filePath.endsWith('order-events.ts'))!;
    assert.deepEqual(orderEvents.messages, [], 'messages are the ones left after fixing');
  });

  it('leaves a file that is not valid UTF-8 byte for byte alone, saying why, and fixes the others', () => {
    const dir = copyInput();
    const file = path.join(dir, 'src', 'latin1.ts');
    const bytes = Buffer.concat([Buffer.from('// Gr\xfc\xdfe aus M\xfcnchen\n', 'latin1'), fs.readFileSync(path.join(dir, 'src', 'order-events.ts'))]);
    fs.writeFileSync(file, bytes);
    const r = run(['lint', '--fix'], dir);
    assert.deepEqual(fs.readFileSync(file), bytes);
    assert.match(r.stderr, /src\/latin1\.ts: not fixed, the file is not valid UTF-8/);
    assert.deepEqual(fs.readFileSync(path.join(dir, 'src', 'order-events.ts')), expected.get('src/order-events.ts'));
  });

  it('rejects --fix together with --fix-dry-run', () => {
    const r = run(['lint', '--fix', '--fix-dry-run'], copyInput());
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot be used together/);
  });
});
