// End-to-end: suppression comments through the binary — suppressedMessages in JSON, unknown ids, --report-unused-disables and exit codes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { tempDir } from '../helpers/temp';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const BIN = path.join(ROOT, 'bin', 'streamwise.js');

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function workspace(files: Record<string, string>): string {
  const dir = tempDir('sw-suppress-');
  fs.writeFileSync(path.join(dir, 'package.json'), '{}');
  for (const [p, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    fs.writeFileSync(path.join(dir, p), text);
  }
  return dir;
}

const HEADER = "import Redis from 'ioredis';\nconst redis = new Redis();\nredis.xread('STREAMS', 's', '0');\n";
/** An exact MAXLEN trim (redis/exact-stream-trim, info) silenced with a reason, and a directive for a rule that reports nothing here. */
const SUPPRESSED = `${HEADER}// streamwise-disable-next-line redis/exact-stream-trim -- benchmark stream, size is fixed
redis.xadd('s', 'MAXLEN', 100, '*', 'k', 'v');
redis.xadd('s', 'MAXLEN', '~', 100, '*', 'k', 'v'); // streamwise-disable-line redis/unbounded-stream
`;

interface Message {
  ruleId: string | null;
  severity: number;
  message: string;
  line: number;
  suppressions?: { kind: string; justification: string }[];
}

const parse = (stdout: string) => JSON.parse(stdout) as { messages: Message[]; suppressedMessages: Message[]; warningCount: number; errorCount: number }[];

describe('suppression comments (CLI)', () => {
  it('lists suppressed findings under suppressedMessages with the reason; unused directives stay silent by default', () => {
    const dir = workspace({ 'src/a.ts': SUPPRESSED });
    const r = run(['lint', '.', '--format', 'json'], dir);
    assert.equal(r.code, 0);
    const [result] = parse(r.stdout);
    assert.deepEqual(result.messages, []);
    assert.deepEqual(
      result.suppressedMessages.map((m) => [m.ruleId, m.line, m.suppressions]),
      [['redis/exact-stream-trim', 5, [{ kind: 'directive', justification: 'benchmark stream, size is fixed' }]]],
    );
  });

  it('--report-unused-disables reports unused ids as warnings with ruleId null (exit 0, or 1 past --max-warnings)', () => {
    const dir = workspace({ 'src/a.ts': SUPPRESSED });
    const r = run(['lint', '.', '--format', 'json', '--report-unused-disables'], dir);
    assert.equal(r.code, 0, 'warnings alone do not fail the run');
    const [result] = parse(r.stdout);
    assert.deepEqual(result.messages.map((m) => [m.ruleId, m.severity, m.line, m.message]), [
      [null, 1, 6, "Unused streamwise-disable directive (no problems were reported from 'redis/unbounded-stream')."],
    ]);
    assert.equal(result.warningCount, 1);
    assert.equal(run(['lint', '.', '--report-unused-disables', '--max-warnings', '0'], dir).code, 1);
    assert.equal(run(['lint', '.', '--report-unused-disables', '--max-warnings', '1'], dir).code, 0);
    const quiet = run(['lint', '.', '--format', 'json', '--report-unused-disables', '--quiet', '--max-warnings', '0'], dir);
    assert.equal(quiet.code, 0, '--quiet drops warnings, unused directives included');
    assert.deepEqual(parse(quiet.stdout)[0].messages, []);
  });

  it('stylish shows the unused directive at its comment', () => {
    const dir = workspace({ 'src/a.ts': SUPPRESSED });
    const r = run(['lint', '.', '--report-unused-disables'], dir);
    assert.match(r.stdout, /6:53 +warning +Unused streamwise-disable directive \(no problems were reported from 'redis\/unbounded-stream'\)\./);
    assert.match(r.stdout, /1 problem \(0 errors, 1 warning, 0 info\)/);
  });

  it('an all-rules directive that suppressed nothing has its own message', () => {
    const dir = workspace({ 'a.ts': `${HEADER}// streamwise-disable-next-line -- nothing here\nredis.xadd('s', 'MAXLEN', '~', 100, '*', 'k', 'v');\n` });
    const [result] = parse(run(['lint', '.', '--format', 'json', '--report-unused-disables'], dir).stdout);
    assert.deepEqual(result.messages.map((m) => m.message), ['Unused streamwise-disable directive (no problems were reported).']);
  });

  it('an unknown rule id is an error (as ESLint reports it: ruleId is the unknown id), with or without the flag', () => {
    const dir = workspace({ 'a.ts': `${HEADER}redis.xadd('s', 'MAXLEN', 100, '*', 'k', 'v'); // streamwise-disable-line redis/exact-stream-trimm\n` });
    const r = run(['lint', '.', '--format', 'json'], dir);
    assert.equal(r.code, 1);
    const [result] = parse(r.stdout);
    assert.deepEqual(result.messages.map((m) => [m.ruleId, m.severity, m.line]), [
      ['redis/exact-stream-trim', 1, 4],
      ['redis/exact-stream-trimm', 2, 4],
    ]);
    assert.equal(result.messages[1].message, "Definition for rule 'redis/exact-stream-trimm' was not found.");
  });

  it('a directive written inside a string does not suppress', () => {
    const dir = workspace({ 'a.ts': `${HEADER}redis.xadd('s', 'MAXLEN', 100, '*', 'k', '// streamwise-disable-line');\n` });
    const [result] = parse(run(['lint', '.', '--format', 'json'], dir).stdout);
    assert.deepEqual(result.messages.map((m) => m.ruleId), ['redis/exact-stream-trim']);
    assert.deepEqual(result.suppressedMessages, []);
  });
});
