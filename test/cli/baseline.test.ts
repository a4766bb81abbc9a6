// End-to-end: --write-baseline / --baseline — deterministic file, edits that must not resurrect findings, stale entries, new findings, exit codes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { tempDir } from '../helpers/temp';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const BIN = path.join(ROOT, 'bin', 'streamwise.js');
// Make the exact-trim finding an error so exit codes show what is (not) reported.
const STRICT = ['--rule', 'redis/exact-stream-trim=error'];

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const HEADER = "import Redis from 'ioredis';\nconst redis = new Redis();\nredis.xread('STREAMS', 's', '0');\n";
const TRIM = "redis.xadd('s', 'MAXLEN', 100, '*', 'k', 'v');\n";
const TRIM_FIXED = "redis.xadd('s', 'MAXLEN', '~', 100, '*', 'k', 'v');\n";

function workspace(): string {
  const dir = tempDir('sw-baseline-');
  fs.writeFileSync(path.join(dir, 'package.json'), '{}');
  fs.mkdirSync(path.join(dir, 'src', 'jobs'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'src', 'jobs', 'a.ts'), `${HEADER}${TRIM}${TRIM}`);
  fs.writeFileSync(path.join(dir, 'src', 'b.ts'), `${HEADER}${TRIM}`);
  return dir;
}

const edit = (dir: string, file: string, change: (text: string) => string) => fs.writeFileSync(path.join(dir, file), change(fs.readFileSync(path.join(dir, file), 'utf8')));
const reported = (stdout: string) =>
  (JSON.parse(stdout) as { filePath: string; messages: { ruleId: string; line: number }[] }[]).flatMap((r) => r.messages.map((m) => `${path.basename(r.filePath)}:${m.line} ${m.ruleId}`));

interface BaselineFile {
  version: number;
  entries: { ruleId: string; file: string; fingerprint: string; message: string }[];
}

describe('baseline', () => {
  it('--write-baseline records every finding, sorted, with root-relative forward-slash paths, and exits 0', () => {
    const dir = workspace();
    assert.equal(run(['lint', '.', ...STRICT], dir).code, 1);
    const w = run(['lint', '.', ...STRICT, '--write-baseline'], dir);
    assert.equal(w.code, 0);
    assert.equal(w.stderr.trim(), 'streamwise: wrote 3 baseline entries to streamwise-baseline.json.');
    const text = fs.readFileSync(path.join(dir, 'streamwise-baseline.json'), 'utf8');
    const baseline = JSON.parse(text) as BaselineFile;
    assert.equal(baseline.version, 1);
    assert.deepEqual(baseline.entries.map((e) => [e.file, e.ruleId, Object.keys(e)]), [
      ['src/b.ts', 'redis/exact-stream-trim', ['ruleId', 'file', 'fingerprint', 'message']],
      ['src/jobs/a.ts', 'redis/exact-stream-trim', ['ruleId', 'file', 'fingerprint', 'message']],
      ['src/jobs/a.ts', 'redis/exact-stream-trim', ['ruleId', 'file', 'fingerprint', 'message']],
    ]);
    assert.match(baseline.entries[0].message, /exact MAXLEN/);
    assert.notEqual(baseline.entries[1].fingerprint, baseline.entries[2].fingerprint, 'identical code twice: told apart by occurrence');
    // Deterministic: writing again from the same code gives the same bytes.
    run(['lint', '.', ...STRICT, '--write-baseline'], dir);
    assert.equal(fs.readFileSync(path.join(dir, 'streamwise-baseline.json'), 'utf8'), text);

    const after = run(['lint', '.', ...STRICT, '--format', 'json'], dir);
    assert.equal(after.code, 0, 'the baseline file at the project root is used automatically');
    assert.deepEqual(reported(after.stdout), []);
    assert.equal(after.stderr, '');
    const [b] = JSON.parse(after.stdout) as { suppressedMessages: { ruleId: string; suppressions: unknown }[] }[];
    assert.deepEqual(b.suppressedMessages.map((m) => [m.ruleId, m.suppressions]), [['redis/exact-stream-trim', [{ kind: 'file', justification: '' }]]]);
  });

  it('inserting lines above and changing unrelated code resurrects nothing', () => {
    const dir = workspace();
    run(['lint', '.', ...STRICT, '--write-baseline'], dir);
    edit(dir, 'src/jobs/a.ts', (t) => `// Jobs.\n\nimport { setTimeout } from 'node:timers/promises';\n${t.replace("const redis = new Redis();", "const redis = new Redis({ host: 'cache' });\nexport const ready = setTimeout(10);")}\n\nexport {};\n`);
    edit(dir, 'src/b.ts', (t) => t.replace(TRIM, `\n\n  ${TRIM.replace(/, /g, ',  ')}`));
    const r = run(['lint', '.', ...STRICT, '--format', 'json'], dir);
    assert.deepEqual(reported(r.stdout), []);
    assert.equal(r.code, 0);
    assert.equal(r.stderr, '', 'no stale entries either');
  });

  it('fixing a baselined finding makes its entry stale: reported on stderr, without failing the run', () => {
    const dir = workspace();
    run(['lint', '.', ...STRICT, '--write-baseline'], dir);
    edit(dir, 'src/b.ts', (t) => t.replace(TRIM, TRIM_FIXED));
    const r = run(['lint', '.', ...STRICT], dir);
    assert.equal(r.code, 0);
    assert.equal(r.stdout.trim(), '');
    assert.match(r.stderr, /^streamwise: 1 baseline entry in streamwise-baseline\.json no longer matches a reported finding \(fixed or changed code\); run with --write-baseline to drop it\.\n {2}src\/b\.ts {2}redis\/exact-stream-trim {2}XADD trims with exact MAXLEN/);
    // --write-baseline prunes it.
    run(['lint', '.', ...STRICT, '--write-baseline'], dir);
    const baseline = JSON.parse(fs.readFileSync(path.join(dir, 'streamwise-baseline.json'), 'utf8')) as BaselineFile;
    assert.deepEqual(baseline.entries.map((e) => e.file), ['src/jobs/a.ts', 'src/jobs/a.ts']);
    assert.equal(run(['lint', '.', ...STRICT], dir).stderr, '');
  });

  it('a deleted file makes its entries stale', () => {
    const dir = workspace();
    run(['lint', '.', ...STRICT, '--write-baseline'], dir);
    fs.rmSync(path.join(dir, 'src', 'b.ts'));
    const r = run(['lint', '.', ...STRICT], dir);
    assert.equal(r.code, 0);
    assert.match(r.stderr, /1 baseline entry .* no longer matches/);
    assert.match(r.stderr, /src\/b\.ts/);
  });

  it('a new finding is reported, also a third copy of code baselined twice', () => {
    const dir = workspace();
    run(['lint', '.', ...STRICT, '--write-baseline'], dir);
    edit(dir, 'src/jobs/a.ts', (t) => `${t}${TRIM}`);
    edit(dir, 'src/b.ts', (t) => `${t}redis.xadd('t', 'MAXLEN', 5, '*', 'k', 'v');\nredis.xread('STREAMS', 't', '0');\n`);
    const r = run(['lint', '.', ...STRICT, '--format', 'json'], dir);
    assert.equal(r.code, 1);
    assert.deepEqual(reported(r.stdout).sort(), ['a.ts:6 redis/exact-stream-trim', 'b.ts:5 redis/exact-stream-trim']);
    assert.equal(r.stderr, '');
  });

  it('--baseline FILE writes and reads another path; a missing or invalid file is exit 2', () => {
    const dir = workspace();
    const w = run(['lint', '.', ...STRICT, '--write-baseline', '--baseline', 'ci/known.json'], dir);
    assert.equal(w.code, 0);
    assert.ok(fs.existsSync(path.join(dir, 'ci', 'known.json')));
    assert.ok(!fs.existsSync(path.join(dir, 'streamwise-baseline.json')));
    assert.equal(run(['lint', '.', ...STRICT, '--baseline', 'ci/known.json'], dir).code, 0);
    assert.equal(run(['lint', '.', ...STRICT], dir).code, 1, 'without the flag only the default path is looked at');

    const missing = run(['lint', '.', '--baseline', 'nope.json'], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.json: baseline file not found/);

    fs.writeFileSync(path.join(dir, 'ci', 'bad.json'), JSON.stringify({ version: 1, entries: [{ ruleId: 'redis/exact-stream-trim', file: 'src/b.ts' }] }));
    const bad = run(['lint', '.', '--baseline', 'ci/bad.json'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /bad\.json: invalid baseline: \$\.entries\[0\]\.fingerprint: expected a string/);
    fs.writeFileSync(path.join(dir, 'streamwise-baseline.json'), '{ nope');
    const broken = run(['lint', '.'], dir);
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /streamwise-baseline\.json: cannot read the baseline/);
  });

  it('a partial run keeps the entries of files it did not lint', () => {
    const dir = workspace();
    run(['lint', '.', ...STRICT, '--write-baseline'], dir);
    edit(dir, 'src/b.ts', (t) => t.replace(TRIM, TRIM_FIXED));
    // Linting only src/jobs: b.ts's now-stale entry is neither reported nor dropped.
    assert.equal(run(['lint', 'src/jobs', ...STRICT], dir).stderr, '');
    run(['lint', 'src/jobs', ...STRICT, '--write-baseline'], dir);
    const baseline = JSON.parse(fs.readFileSync(path.join(dir, 'streamwise-baseline.json'), 'utf8')) as BaselineFile;
    assert.deepEqual(baseline.entries.map((e) => e.file), ['src/b.ts', 'src/jobs/a.ts', 'src/jobs/a.ts']);
  });

  it('entries of a rule turned off are not called stale', () => {
    const dir = workspace();
    run(['lint', '.', ...STRICT, '--write-baseline'], dir);
    const r = run(['lint', '.', '--rule', 'redis/exact-stream-trim=off'], dir);
    assert.equal(r.code, 0);
    assert.equal(r.stderr, '');
  });
});
