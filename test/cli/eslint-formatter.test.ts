// The CLI's JSON output is ESLint's format: ESLint's own formatters read and render it.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { before, describe, it } from 'node:test';
import { ESLint } from 'eslint';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const WORKSPACE = path.join(ROOT, 'test', 'fixtures', 'cli-formats', 'workspace');

describe("ESLint's formatters on `streamwise lint --format json`", () => {
  let results: ESLint.LintResult[];
  let eslint: ESLint;

  before(async () => {
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, [path.join(ROOT, 'bin', 'streamwise.js'), 'lint', '.', '--format', 'json', '--no-type-info'], { cwd: WORKSPACE, encoding: 'utf8' }, (error, out, err) => {
        if (error && error.code !== 1) reject(new Error(`exit ${error.code}: ${err}`));
        else resolve(out);
      });
    });
    results = JSON.parse(stdout);
    eslint = new ESLint({ cwd: WORKSPACE });
  });

  it("renders with 'stylish': every file, rule id and the totals", async () => {
    const text = stripVTControlCharacters(await (await eslint.loadFormatter('stylish')).format(results));
    for (const r of results) assert.ok(text.includes(r.filePath), r.filePath);
    const ruleIds = new Set(results.flatMap((r) => r.messages.map((m) => m.ruleId)).filter((id): id is string => id !== null));
    assert.deepEqual([...ruleIds].sort(), ['arch/orphan-destination', 'kafka/unawaited-processing', 'kafka/weak-acks', 'redis/exact-stream-trim', 'redis/pubsub-critical-data', 'redis/unbounded-stream']);
    for (const id of ruleIds) assert.ok(text.includes(id), id);
    assert.match(text, /Parsing error: Expression expected/);
    // ESLint has no info level: info findings count as warnings (severity 1), as the format documents.
    assert.match(text, /✖ 8 problems \(2 errors, 6 warnings\)/);
    assert.match(text, /0 errors and 2 warnings potentially fixable with the `--fix` option/);
  });

  it("renders with 'json': the same results back", async () => {
    const text = await (await eslint.loadFormatter('json')).format(results);
    assert.deepEqual(JSON.parse(text), results);
  });

  it('ESLint.getErrorResults keeps exactly the error messages', () => {
    const errors = ESLint.getErrorResults(results);
    assert.deepEqual(
      errors.flatMap((r) => r.messages.map((m) => `${path.basename(r.filePath)}:${m.line} ${m.ruleId}`)),
      ['broken.ts:7 null', 'orders.ts:16 kafka/unawaited-processing'],
    );
  });
});
