// --stdin --stdin-filename: standard input linted as a file of its project, with and without fixes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { tempDir } from '../helpers/temp';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const BIN = path.join(ROOT, 'bin', 'streamwise.js');

function run(args: string[], cwd: string, input: string) {
  const { FORCE_COLOR: _force, ...env } = process.env;
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, input, encoding: 'utf8', env: { ...env, NO_COLOR: '1', CI: 'true' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const PRODUCER = "import Redis from 'ioredis';\nconst redis = new Redis();\nexport const add = () => redis.xadd('jobs', 'MAXLEN', 100, '*', 'k', 'v');\n";
const consumerOf = (stream: string) => `import Redis from 'ioredis';\nconst redis = new Redis();\nexport const read = () => redis.xrange('${stream}', '-', '+');\n`;

/** A project with a producer of stream `jobs` on disk. */
function project(): string {
  const dir = tempDir('sw-stdin-');
  fs.writeFileSync(path.join(dir, 'package.json'), '{}');
  fs.mkdirSync(path.join(dir, 'src'));
  fs.writeFileSync(path.join(dir, 'src', 'producer.ts'), PRODUCER);
  return dir;
}

type Result = { filePath: string; output?: string; messages: { ruleId: string; line: number }[] };

describe('streamwise lint --stdin', () => {
  it('lints the text as NAME, seeing the rest of the project for cross-file rules', () => {
    const dir = project();
    const ok = run(['lint', '--stdin', '--stdin-filename', 'src/consumer.ts', '--format', 'json'], dir, consumerOf('jobs'));
    assert.equal(ok.code, 0);
    const [result] = JSON.parse(ok.stdout) as Result[];
    assert.equal(result.filePath, path.join(dir, 'src', 'consumer.ts'), 'NAME need not exist on disk');
    assert.deepEqual(result.messages, [], 'the producer on disk feeds the stream read from stdin');

    const orphan = JSON.parse(run(['lint', '--stdin', '--stdin-filename', 'src/consumer.ts', '--format', 'json'], dir, consumerOf('jobz')).stdout) as Result[];
    assert.deepEqual(orphan.map((r) => r.messages.map((m) => m.ruleId)), [['arch/orphan-destination']]);
  });

  it("replaces NAME's content on disk with the text from stdin, and only NAME is reported", () => {
    const dir = project();
    fs.writeFileSync(path.join(dir, 'src', 'consumer.ts'), consumerOf('jobs'));
    // On disk producer.ts trims exactly; the stdin version trims with ~ and feeds another stream.
    const text = PRODUCER.replace("'MAXLEN', 100", "'MAXLEN', '~', 100").replace("'jobs'", "'other'");
    const results = JSON.parse(run(['lint', '--stdin', '--stdin-filename', path.join(dir, 'src', 'producer.ts'), '--format', 'json'], dir, text).stdout) as Result[];
    assert.deepEqual(results.map((r) => r.filePath), [path.join(dir, 'src', 'producer.ts')]);
    assert.deepEqual(results[0].messages.map((m) => m.ruleId), ['arch/orphan-destination'], 'no exact-trim finding: the disk text was not linted');
    assert.equal(fs.readFileSync(path.join(dir, 'src', 'producer.ts'), 'utf8'), PRODUCER);
  });

  it('with --fix prints the fixed source, byte for byte, to stdout and the report to stderr, writing nothing', () => {
    const dir = project();
    const input = "import Redis from 'ioredis';\r\nconst redis = new Redis();\r\nexport const add = () => redis.xadd('jobs', 'MAXLEN', 5, '*', 'k', 'v');";
    const r = run(['lint', '--stdin', '--stdin-filename', 'src/producer.ts', '--fix'], dir, input);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, input.replace("'MAXLEN', 5", "'MAXLEN', '~', 5"), 'CRLF kept, no newline added');
    assert.match(r.stderr, /arch\/orphan-destination/);
    assert.equal(fs.readFileSync(path.join(dir, 'src', 'producer.ts'), 'utf8'), PRODUCER);
  });

  it('with --fix and nothing to fix prints the source unchanged', () => {
    const dir = project();
    const r = run(['lint', '--stdin', '--stdin-filename', 'src/consumer.ts', '--fix'], dir, consumerOf('jobs'));
    assert.equal(r.stdout, consumerOf('jobs'));
    assert.equal(r.stderr, '');
  });

  it('with --fix-dry-run --format json gives the fixed source in `output`, as ESLint does', () => {
    const dir = project();
    const r = run(['lint', '--stdin', '--stdin-filename', 'src/producer.ts', '--fix-dry-run', '--format', 'json'], dir, PRODUCER);
    const [result] = JSON.parse(r.stdout) as Result[];
    assert.equal(result.output, PRODUCER.replace("'MAXLEN', 100", "'MAXLEN', '~', 100"));
    assert.deepEqual(result.messages.map((m) => m.ruleId), ['arch/orphan-destination'], 'what remains after the fix');
    assert.equal(fs.readFileSync(path.join(dir, 'src', 'producer.ts'), 'utf8'), PRODUCER);
  });

  it('with --fix-dry-run in stylish prints a diff against NAME', () => {
    const r = run(['lint', '--stdin', '--stdin-filename', 'src/producer.ts', '--fix-dry-run'], project(), PRODUCER);
    assert.match(r.stdout, /^--- a\/src\/producer\.ts\n\+\+\+ b\/src\/producer\.ts\n@@ -1,3 \+1,3 @@/);
    assert.match(r.stdout, /^\+export const add = \(\) => redis\.xadd\('jobs', 'MAXLEN', '~', 100/m);
  });

  it('rejects a missing --stdin-filename, paths next to --stdin, and --stdin-filename alone', () => {
    const dir = project();
    const noName = run(['lint', '--stdin'], dir, '');
    assert.equal(noName.code, 2);
    assert.match(noName.stderr, /--stdin needs --stdin-filename/);
    assert.equal(run(['lint', '--stdin', '--stdin-filename', 'a.ts', 'src'], dir, '').code, 2);
    assert.equal(run(['lint', '--stdin-filename', 'a.ts'], dir, '').code, 2);
  });

  it('finds the project above a folder that does not exist yet, and refuses when there is none', () => {
    const dir = project();
    const r = run(['lint', '--stdin', '--stdin-filename', 'src/new/deeper/consumer.ts', '--format', 'json'], dir, consumerOf('jobs'));
    assert.deepEqual((JSON.parse(r.stdout) as Result[]).map((x) => [x.filePath, x.messages.length]), [[path.join(dir, 'src', 'new', 'deeper', 'consumer.ts'), 0]]);
    const none = run(['lint', '--stdin', '--stdin-filename', '/nonexistent-streamwise/dir/a.ts'], dir, 'x');
    assert.equal(none.code, 2);
    assert.match(none.stderr, /its folder does not exist/);
  });
});
