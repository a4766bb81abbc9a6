// Hostile input through the binary: every file gets a normal result or a clear per-file notice, the run finishes, memory stays bounded, and exit 2 means nothing could be linted.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { project, REDIS_SOURCE, resultsByFile, runCli, runCliAsync, runMain, unprivileged, type EslintResult } from '../helpers/cli';

const DEEP = 10_000;
const TOO_DEEP = 'File skipped: it is nested too deeply to analyse.';
const ids = (r: EslintResult | undefined) => (r?.messages ?? []).map((m) => m.ruleId ?? `notice: ${m.message}`);
/** Peak memory the max-rss.js preload printed. */
const maxRssMb = (stderr: string) => Number(/max-rss-kb=(\d+)/.exec(stderr)?.[1] ?? NaN) / 1024;

describe('hostile files in one run', () => {
  let dir = '';
  let results = new Map<string, EslintResult>();
  let code: number | null = null;
  let stderr = '';

  before(async () => {
    const oneLine = `import Redis from 'ioredis'; const redis = new Redis(); const blob = '${'x'.repeat(1024 * 1024)}'; redis.xadd('line', 'MAXLEN', 5, '*', 'blob', blob); redis.xrange('line', '-', '+');`;
    dir = project({
      'src/good.ts': REDIS_SOURCE,
      'src/truncated.ts': REDIS_SOURCE.slice(0, REDIS_SOURCE.indexOf("'*', 'k'")),
      'src/unbalanced.ts': `${REDIS_SOURCE}export function f() {{{ if (x) { redis.get('k');\n`,
      'src/deep-parens.ts': `export const x = ${'('.repeat(DEEP)}1${')'.repeat(DEEP)};\n`,
      'src/deep-blocks.ts': `export function f() ${'{'.repeat(DEEP)}${'}'.repeat(DEEP)}\n`,
      // It mentions a client, so the pre-filter keeps it in the program, where binding and walking it overflow.
      // The chain uses the client, so the analysis walks it (a statement no client reaches is not walked).
      'src/deep-chain.ts': `import Redis from 'ioredis';\nexport const redis = new Redis();\nexport const sum = redis.options.port${' + 1'.repeat(DEEP)};\n`,
      'src/one-line.js': oneLine,
      'src/blob.ts': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00, 0xff, 0xfe]),
      'src/invalid-utf8.ts': Buffer.concat([Buffer.from('// caf\xc3\x28 \xff\xfe\n', 'latin1'), Buffer.from(REDIS_SOURCE)]),
      'src/bom.ts': `\uFEFF${REDIS_SOURCE}`,
      'src/crlf.ts': REDIS_SOURCE.replace(/\n/g, '\r\n'),
      'src/cr-only.ts': REDIS_SOURCE.replace(/\n/g, '\r'),
      'src/empty.ts': '',
    });
    // 50 MB of real code: over the default 2 MiB cap, so it must be skipped unread.
    const line = Buffer.from(`${REDIS_SOURCE.split('\n')[2]}\n`);
    const huge = fs.openSync(path.join(dir, 'src', 'huge.ts'), 'w');
    for (let written = 0; written < 50 * 1024 * 1024; written += 1024 * 1024) fs.writeSync(huge, Buffer.concat(Array(Math.ceil((1024 * 1024) / line.length)).fill(line)));
    fs.closeSync(huge);
    // Symlink loops: a folder linking to its parent, two files linking to each other, a dangling link.
    fs.symlinkSync('..', path.join(dir, 'src', 'loop'));
    fs.symlinkSync('b-link.ts', path.join(dir, 'src', 'a-link.ts'));
    fs.symlinkSync('a-link.ts', path.join(dir, 'src', 'b-link.ts'));
    fs.symlinkSync('missing.ts', path.join(dir, 'src', 'dangling.ts'));
    const r = await runCliAsync(['lint', 'src', '--format', 'json'], { cwd: dir, preload: ['max-rss.js'] });
    ({ code, stderr } = r);
    results = resultsByFile(r.stdout, dir);
  });

  it('finishes with a result for every real file and no internal error', () => {
    assert.doesNotMatch(stderr, /internal error/i);
    const files = [...results.keys()].sort();
    assert.deepEqual(files, [
      'src/blob.ts', 'src/bom.ts', 'src/cr-only.ts', 'src/crlf.ts', 'src/deep-blocks.ts', 'src/deep-chain.ts', 'src/deep-parens.ts', 'src/empty.ts',
      'src/good.ts', 'src/huge.ts', 'src/invalid-utf8.ts', 'src/one-line.js', 'src/truncated.ts', 'src/unbalanced.ts',
    ]);
    for (const [file, r] of results) assert.ok(r.messages.every((m) => !/^Internal error/.test(m.message)), `${file}: ${r.messages.map((m) => m.message).join('; ')}`);
    assert.equal(code, 1, 'notices are errors, as ESLint reports fatal problems');
  });

  it('lints the recoverable files normally: truncated and unbalanced files still analysed after the parse error', () => {
    assert.deepEqual(ids(results.get('src/good.ts')), ['redis/exact-stream-trim']);
    const truncated = results.get('src/truncated.ts')!;
    assert.match(truncated.messages[0].message, /^Parsing error: /);
    const unbalanced = results.get('src/unbalanced.ts')!;
    assert.match(unbalanced.messages[0].message, /^Parsing error: '}' expected/);
    assert.ok(ids(unbalanced).includes('redis/exact-stream-trim'), 'the recovered tree is analysed');
    assert.deepEqual(ids(results.get('src/empty.ts')), []);
  });

  it('reports the same finding, on the same line, whatever the encoding details: BOM, CRLF, CR, invalid UTF-8', () => {
    const at = (file: string) => results.get(file)!.messages.map((m) => `${m.ruleId}@${m.line}`);
    assert.deepEqual(at('src/good.ts'), ['redis/exact-stream-trim@3']);
    assert.deepEqual(at('src/bom.ts'), ['redis/exact-stream-trim@3']);
    assert.deepEqual(at('src/crlf.ts'), ['redis/exact-stream-trim@3']);
    assert.deepEqual(at('src/cr-only.ts'), ['redis/exact-stream-trim@3']);
    assert.deepEqual(at('src/invalid-utf8.ts'), ['redis/exact-stream-trim@4']);
  });

  it('analyses a 1 MB single line', () => {
    const m = results.get('src/one-line.js')!.messages;
    assert.deepEqual(m.map((x) => `${x.ruleId}@${x.line}`), ['redis/exact-stream-trim@1']);
  });

  it(`skips ${DEEP}-deep nesting (too deep to parse, or to walk) with a notice, and the other files keep their cross-file results`, () => {
    for (const file of ['src/deep-parens.ts', 'src/deep-blocks.ts', 'src/deep-chain.ts']) {
      const r = results.get(file)!;
      assert.deepEqual(r.messages.map((m) => [m.ruleId, m.fatal, m.message]), [[null, true, TOO_DEEP]], file);
    }
    // The stream 'audit' is produced and consumed in good.ts: no orphan finding, so the cross-file rule ran cleanly.
    assert.ok(!ids(results.get('src/good.ts')).includes('arch/orphan-destination'));
  });

  it('skips binary and oversized files with a notice, without reading the 50 MB file into memory', () => {
    assert.deepEqual(results.get('src/blob.ts')!.messages.map((m) => m.message), ['File skipped: it looks binary (contains NUL bytes).']);
    assert.match(results.get('src/huge.ts')!.messages[0].message, /^File skipped: \d{8} bytes is larger than maxFileSize \(2 MiB\)\.$/);
    const rss = maxRssMb(stderr);
    assert.ok(rss > 0, `the preload reported no peak memory:\n${stderr}`);
    // Reading 50 MB as text alone would take 150 MB (bytes and UTF-16), parsing it several times that.
    assert.ok(rss < 400, `peak memory ${Math.round(rss)} MB`);
  });

  it('does not follow symlinks: loops and dangling links neither hang the run nor show up', () => {
    for (const f of results.keys()) assert.doesNotMatch(f, /link|loop|dangling/);
  });
});

describe('files that reading alone would break', () => {
  it('a 3 GiB sparse file gets the too-large notice from its size, unread, and the other files are linted', () => {
    const dir = project({ 'src/good.ts': REDIS_SOURCE });
    const sparse = path.join(dir, 'src', 'sparse.ts');
    const size = 3 * 1024 ** 3;
    // No disk used; reading it would take 3 GiB, more than a Buffer read by readFileSync may hold.
    fs.writeFileSync(sparse, REDIS_SOURCE);
    fs.truncateSync(sparse, size);
    const r = runCli(['lint', 'src', '--format', 'json'], { cwd: dir, preload: ['max-rss.js'], timeoutMs: 120_000 });
    const results = resultsByFile(r.stdout, dir);
    assert.deepEqual(results.get('src/sparse.ts')!.messages.map((m) => m.message), [`File skipped: ${size} bytes is larger than maxFileSize (2 MiB).`]);
    assert.deepEqual(ids(results.get('src/good.ts')), ['redis/exact-stream-trim']);
    const rss = maxRssMb(r.stderr);
    assert.ok(rss > 0 && rss < 400, `peak memory ${Math.round(rss)} MB`);
    assert.equal(r.code, 1);
  });

  it('a FIFO named like a source file gets the not-a-regular-file notice instead of blocking the run; a folder scan leaves it out', (t) => {
    const dir = project({ 'src/good.ts': REDIS_SOURCE });
    try {
      execFileSync('mkfifo', [path.join(dir, 'src', 'pipe.ts')]);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      return t.skip('mkfifo is not available');
    }
    // No process ever writes to the FIFO: opening or reading it as a file would wait forever, and the guard would end the run.
    const named = runCli(['lint', 'src/pipe.ts', 'src/good.ts', '--format', 'json'], { cwd: dir, timeoutMs: 60_000 });
    const results = resultsByFile(named.stdout, dir);
    assert.deepEqual(results.get('src/pipe.ts')!.messages.map((m) => m.message), ['File skipped: it is not a regular file.']);
    assert.deepEqual(ids(results.get('src/good.ts')), ['redis/exact-stream-trim']);
    assert.equal(named.code, 1);
    const scanned = runCli(['lint', 'src', '--format', 'json'], { cwd: dir, timeoutMs: 60_000 });
    assert.deepEqual([...resultsByFile(scanned.stdout, dir).keys()], ['src/good.ts'], 'discovery lists regular files only');
  });
});

describe('per-file caps are configurable', () => {
  // Enough client calls that analysing the file takes far longer than 1 ms on any machine.
  const busy = `import Redis from 'ioredis';\nconst redis = new Redis();\n${Array.from({ length: 500 }, (_, i) => `export const f${i} = () => redis.xadd('s${i % 50}', 'MAXLEN', ${i}, '*', 'k', String(${i}));`).join('\n')}\n`;

  it('--max-file-time: a file whose analysis runs over the cap gets a notice instead of findings; without the cap it is analysed', () => {
    const dir = project({ 'src/busy.ts': busy });
    const capped = runMain(['lint', dir, '--format', 'json', '--max-file-time', '1']);
    assert.equal(capped.code, 2, `the only file was not linted: exit 2\n${capped.stderr}`);
    assert.deepEqual(resultsByFile(capped.stdout, dir).get('src/busy.ts')!.messages.map((m) => m.message), ['File skipped: its analysis took longer than 1 ms (maxFileTime).']);
    const full = runMain(['lint', dir, '--format', 'json']);
    assert.ok(resultsByFile(full.stdout, dir).get('src/busy.ts')!.messages.length >= 500, 'with the default cap every finding is there');
  });

  it('maxFileTime and maxFileSize in the nearest streamwise.config.json, and the flags over them', () => {
    const config = JSON.stringify({ maxFileTime: 1, maxFileSize: 1000 });
    const dir = project({ 'src/heavy/busy.ts': busy, 'src/heavy/streamwise.config.json': config, 'src/small.ts': REDIS_SOURCE });
    const r = resultsByFile(runMain(['lint', dir, '--format', 'json']).stdout, dir);
    assert.match(r.get('src/heavy/busy.ts')!.messages[0].message, /^File skipped: \d+ bytes is larger than maxFileSize \(1000 bytes\)\.$/);
    assert.deepEqual(ids(r.get('src/small.ts')), ['redis/exact-stream-trim'], 'the caps of the nested config apply below it only');
    const flags = resultsByFile(runMain(['lint', dir, '--format', 'json', '--max-file-size', '10000000']).stdout, dir);
    assert.deepEqual(flags.get('src/heavy/busy.ts')!.messages.map((m) => m.message), ['File skipped: its analysis took longer than 1 ms (maxFileTime).']);
  });

  it('the time cap also stops a file whose client tracing would never end on its own', () => {
    const dir = project({ 'src/endless.ts': REDIS_SOURCE, 'src/plain.ts': 'export const one = 1;\n' });
    // The fault makes tracing loop forever; only the per-file deadline can end this run.
    const r = runCli(['lint', '.', '--format', 'json', '--max-file-time', '300'], { cwd: dir, preload: ['faults.js'], env: { STREAMWISE_FAULT_ENDLESS_TRACE: '1' }, timeoutMs: 120_000 });
    const results = resultsByFile(r.stdout, dir);
    assert.deepEqual(results.get('src/endless.ts')!.messages.map((m) => m.message), ['File skipped: its analysis took longer than 300 ms (maxFileTime).']);
    assert.deepEqual(results.get('src/plain.ts')!.messages, []);
    assert.equal(r.code, 1);
  });

  it('rejects bad cap values with exit 2', () => {
    const dir = project({ 'a.ts': REDIS_SOURCE });
    for (const args of [['--max-file-size', '0'], ['--max-file-size', '2MB'], ['--max-file-time=-5'], ['--max-file-time', '1e3'], ['--max-file-size', '99999999999999']]) {
      const r = runMain(['lint', dir, ...args]);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, new RegExp(`${args[0].replace(/=.*/, '')} expects a whole number`));
    }
  });
});

describe('exit code 2 only when nothing could be linted', () => {
  it('a binary-only or oversized-only target is exit 2 with its notice; one lintable file among them is not', () => {
    const dir = project({ 'src/blob.ts': Buffer.from([0, 1, 2]), 'src/big.ts': 'x'.repeat(5000), 'src/ok.ts': 'export const ok = 1;\n' });
    const blob = runMain(['lint', path.join(dir, 'src', 'blob.ts'), '--format', 'json']);
    assert.equal(blob.code, 2);
    assert.match(blob.stdout, /looks binary/);
    assert.equal(runMain(['lint', path.join(dir, 'src', 'big.ts'), '--max-file-size', '1000']).code, 2);
    assert.equal(runMain(['lint', path.join(dir, 'src'), '--max-file-size', '1000']).code, 1, 'ok.ts was linted; the notices are errors');
  });
});

describe('files that change or disappear during a run', () => {
  it('a file removed between discovery and reading gets a notice; the rest is linted', () => {
    const dir = project({ 'src/gone.ts': REDIS_SOURCE, 'src/stays.ts': REDIS_SOURCE });
    const r = runCli(['lint', '.', '--format', 'json'], { cwd: dir, preload: ['fs-races.js'], env: { STREAMWISE_REMOVE_ON_OPEN: path.join(dir, 'src', 'gone.ts') } });
    assert.equal(fs.existsSync(path.join(dir, 'src', 'gone.ts')), false, 'the race happened');
    const results = resultsByFile(r.stdout, dir);
    assert.deepEqual(results.get('src/gone.ts')!.messages.map((m) => m.message), ['File skipped: it was removed before it could be read.']);
    assert.deepEqual(ids(results.get('src/stays.ts')), ['redis/exact-stream-trim']);
  });

  it('--fix never overwrites a file saved by someone else after it was read, and still fixes the others', () => {
    const dir = project({ 'src/edited.ts': REDIS_SOURCE, 'src/other.ts': REDIS_SOURCE });
    const edited = path.join(dir, 'src', 'edited.ts');
    const r = runCli(['lint', '.', '--fix'], { cwd: dir, preload: ['fs-races.js'], env: { STREAMWISE_EDIT_AFTER_READ: edited } });
    assert.equal(fs.readFileSync(edited, 'utf8'), `${REDIS_SOURCE}// saved by someone else during the run\n`, 'the concurrent save survives');
    assert.match(r.stderr, /src\/edited\.ts: not fixed, it changed on disk during the run\./);
    assert.match(fs.readFileSync(path.join(dir, 'src', 'other.ts'), 'utf8'), /'MAXLEN', '~', 100/);
    assert.equal(r.code, 0);
  });
});

describe('unreadable folders and files', () => {
  // Root reads mode-000 folders anyway: the CLI then runs as nobody, so the permission check is real.
  const user = unprivileged();

  it('skips a folder and a file it may not read, each with a notice, and lints the rest', { skip: 'skip' in user ? user.skip : false }, () => {
    const dir = project({ 'src/ok.ts': REDIS_SOURCE, 'src/locked/hidden.ts': REDIS_SOURCE, 'src/secret.ts': REDIS_SOURCE });
    for (const d of [dir, path.join(dir, 'src')]) fs.chmodSync(d, 0o755);
    fs.chmodSync(path.join(dir, 'src', 'locked'), 0o000);
    fs.chmodSync(path.join(dir, 'src', 'secret.ts'), 0o000);
    const r = runCli(['lint', '.', '--format', 'json'], { cwd: dir, wrapper: 'wrapper' in user ? user.wrapper : [] });
    const results = resultsByFile(r.stdout, dir);
    assert.deepEqual([...results.keys()].sort(), ['src/locked', 'src/ok.ts', 'src/secret.ts'], r.stderr);
    assert.match(results.get('src/locked')!.messages[0].message, /^Folder could not be read: EACCES: permission denied/);
    assert.match(results.get('src/secret.ts')!.messages[0].message, /^File could not be read: EACCES: permission denied/);
    assert.deepEqual(ids(results.get('src/ok.ts')), ['redis/exact-stream-trim']);
    assert.equal(r.code, 1);
  });
});
