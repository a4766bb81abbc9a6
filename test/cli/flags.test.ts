// The remaining lint flags end to end: --version, --output-file, --rule, --max-warnings, --quiet, --config.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { tempDir } from '../helpers/temp';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const BIN = path.join(ROOT, 'bin', 'streamwise.js');
// One warning (unbounded stream), one info (orphan stream), one error (subscriber reuse).
const SOURCE = [
  "import Redis from 'ioredis';",
  'const redis = new Redis();',
  "export const add = () => redis.xadd('audit', '*', 'k', 'v');",
  "export const listen = () => redis.subscribe('presence');",
  "export const read = () => redis.get('k');",
  "export const ping = () => redis.publish('presence', 'here');",
  '',
].join('\n');

function project(): string {
  const dir = tempDir('sw-flags-');
  fs.writeFileSync(path.join(dir, 'package.json'), '{}');
  fs.writeFileSync(path.join(dir, 'a.ts'), SOURCE);
  return dir;
}

function run(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const ruleIds = (stdout: string) => (JSON.parse(stdout) as { messages: { ruleId: string; severity: number }[] }[]).flatMap((f) => f.messages.map((m) => `${m.ruleId}:${m.severity}`)).sort();

describe('lint flags', () => {
  it('--version prints the package version', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.deepEqual([run(['--version']).stdout.trim(), run(['--version']).code], [pkg.version, 0]);
  });

  it('reports every severity; an error makes exit code 1', () => {
    const r = run(['lint', project(), '--format', 'json', '--no-type-info']);
    assert.deepEqual(ruleIds(r.stdout), ['arch/orphan-destination:1', 'redis/subscriber-connection-reuse:2', 'redis/unbounded-stream:1']);
    assert.equal(r.code, 1);
  });

  it('--output-file writes the report and keeps stdout empty', () => {
    const dir = project();
    const out = path.join(dir, 'report.json');
    const r = run(['lint', dir, '--format', 'json', '--output-file', out, '--no-type-info']);
    assert.equal(r.stdout, '');
    assert.equal(ruleIds(fs.readFileSync(out, 'utf8')).length, 3);
  });

  it('--rule changes a severity or turns a rule off; a bad --rule is exit 2', () => {
    const dir = project();
    const r = run(['lint', dir, '--format', 'json', '--no-type-info', '--rule', 'redis/subscriber-connection-reuse=off', '--rule', 'redis/unbounded-stream=error']);
    assert.deepEqual(ruleIds(r.stdout), ['arch/orphan-destination:1', 'redis/unbounded-stream:2']);
    assert.equal(r.code, 1);
    assert.equal(run(['lint', dir, '--rule', 'redis/nope=off']).code, 2);
    assert.equal(run(['lint', dir, '--rule', 'redis/unbounded-stream=loud']).code, 2);
  });

  it('--max-warnings counts warnings (info included) once errors are gone', () => {
    const dir = project();
    const base = ['lint', dir, '--no-type-info', '--rule', 'redis/subscriber-connection-reuse=off'];
    assert.equal(run([...base, '--max-warnings', '2']).code, 0);
    assert.equal(run([...base, '--max-warnings', '1']).code, 1);
    assert.equal(run([...base, '--max-warnings', 'many']).code, 2);
  });

  it('--quiet reports errors only', () => {
    const r = run(['lint', project(), '--format', 'json', '--no-type-info', '--quiet']);
    assert.deepEqual(ruleIds(r.stdout), ['redis/subscriber-connection-reuse:2']);
  });

  it('--config uses the given file instead of the nearest one', () => {
    const dir = project();
    fs.writeFileSync(path.join(dir, 'streamwise.config.json'), JSON.stringify({ rules: { 'redis/unbounded-stream': 'off' } }));
    const other = path.join(dir, 'strict.json');
    fs.writeFileSync(other, JSON.stringify({ rules: { 'arch/orphan-destination': 'off' } }));
    assert.deepEqual(ruleIds(run(['lint', dir, '--format', 'json', '--no-type-info']).stdout), ['arch/orphan-destination:1', 'redis/subscriber-connection-reuse:2']);
    assert.deepEqual(ruleIds(run(['lint', dir, '--format', 'json', '--no-type-info', '--config', other]).stdout), ['redis/subscriber-connection-reuse:2', 'redis/unbounded-stream:1']);
    assert.equal(run(['lint', dir, '--config', path.join(dir, 'missing.json')]).code, 2);
  });
});
