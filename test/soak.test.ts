// Real public code never crashes or hangs the engine: the client packages' own sources, typed and untyped, read and linted as the CLI does.
import assert from 'node:assert/strict';
import path from 'node:path';
import { it } from 'node:test';

const ROOT = path.resolve(__dirname, '..', '..');

interface SoakSummary {
  files: number;
  crashes: number;
  hangs: number;
  internal: number;
  skipped: Record<string, number>;
  slowestFile: { file: string; mode: string; ms: number };
  totalMs: number;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { soak } = require(path.join(ROOT, 'scripts', 'soak.js')) as { soak: (root: string, only?: string[], options?: { maxFileTime?: number }) => SoakSummary };

it('lints the client packages under node_modules without a crash, a hang or an internal error, and reports the total and the slowest file', (t) => {
  // A generous cap: a file over it counts as a hang (it would be one for a user), whatever the machine's load.
  // simple-get is there for its `JSON.stringify`: lib's merged `interface JSON` / `declare var JSON: JSON` once sent
  // client tracing round a cycle of declarations for good.
  const result = soak(path.join(ROOT, 'node_modules'), ['kafkajs', 'ioredis', '@redis', '@confluentinc', 'node-rdkafka', 'redis', 'simple-get'], { maxFileTime: 60_000 });
  const { file, mode, ms } = result.slowestFile;
  t.diagnostic(`${result.files} files in ${(result.totalMs / 1000).toFixed(1)} s; slowest: ${file} (${mode}, ${ms} ms); skipped: ${JSON.stringify(result.skipped)}`);
  assert.ok(result.files > 500, `only ${result.files} files found`);
  assert.equal(result.crashes, 0);
  assert.equal(result.hangs, 0);
  assert.equal(result.internal, 0);
  assert.ok(result.totalMs > 0);
  assert.match(result.slowestFile.file, /\.(c|m)?(j|t)sx?$/);
  assert.ok(result.slowestFile.ms > 0 && ['typed', 'untyped'].includes(result.slowestFile.mode));
  assert.deepEqual(Object.keys(result.skipped).sort(), ['binary', 'tooDeep', 'tooLarge', 'unreadable']);
});
