// End-to-end: the streamwise binary on the bundled examples and on small fixtures — ESLint JSON, exit codes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { tempDir } from '../helpers/temp';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const BIN = path.join(ROOT, 'bin', 'streamwise.js');

function run(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function expectedExampleFindings(): string[] {
  const readme = fs.readFileSync(path.join(ROOT, 'examples', 'README.md'), 'utf8');
  return [...readme.matchAll(/^\| (src\/[^|]+?:\d+) \| ([a-z]+\/[a-z-]+) \|$/gm)].map((m) => `${m[1]} ${m[2]}`).sort();
}

describe('streamwise lint --format json', () => {
  for (const mode of ['typed', 'untyped'] as const) {
    it(`reports exactly the documented findings of examples/ (${mode})`, () => {
      const r = run(['lint', 'examples', '--format', 'json', ...(mode === 'untyped' ? ['--no-type-info'] : [])]);
      assert.equal(r.stderr, '');
      const results = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; line: number }[] }[];
      const got = results.flatMap((res) => res.messages.map((m) => `${path.relative(path.join(ROOT, 'examples'), res.filePath)}:${m.line} ${m.ruleId}`)).sort();
      assert.deepEqual(got, expectedExampleFindings());
      assert.equal(r.code, 1, 'errors in examples make exit code 1');
    });
  }

  it('emits ESLint-shaped results with 1-based positions', () => {
    const dir = tempDir('sw-cli-');
    fs.writeFileSync(path.join(dir, 'package.json'), '{}');
    fs.writeFileSync(path.join(dir, 'a.ts'), "import Redis from 'ioredis';\nconst redis = new Redis();\nredis.xadd('s', 'MAXLEN', 100, '*', 'k', 'v');\n");
    const r = run(['lint', dir, '--format', 'json']);
    const [result] = JSON.parse(r.stdout);
    assert.equal(result.filePath, path.join(dir, 'a.ts'));
    assert.deepEqual(Object.keys(result).sort(), ['errorCount', 'fatalErrorCount', 'filePath', 'fixableErrorCount', 'fixableWarningCount', 'messages', 'suppressedMessages', 'usedDeprecatedRules', 'warningCount']);
    const m = result.messages.find((x: { ruleId: string }) => x.ruleId === 'redis/exact-stream-trim');
    assert.deepEqual([m.severity, m.severityName, m.line, m.column, m.endLine, m.endColumn], [1, 'info', 3, 1, 3, 46]);
    assert.deepEqual(m.fix, { range: [80, 80], text: ", '~'" });
    assert.equal(r.code, 0);
  });

  it('exits 2 on bad usage and on a missing path', () => {
    assert.equal(run(['lint', '--format', 'nope']).code, 2);
    assert.equal(run(['lint', '--bogus']).code, 2);
    assert.equal(run(['lint', 'no/such/dir']).code, 2);
    assert.equal(run(['frobnicate']).code, 2);
  });

  it('lists the rules', () => {
    const r = run(['rules']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /redis\/unbounded-stream\s+warning\s+suggestion/);
  });
});
