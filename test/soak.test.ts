// Real public code never crashes the engine: the client packages' own sources, typed and untyped.
import assert from 'node:assert/strict';
import path from 'node:path';
import { it } from 'node:test';

const ROOT = path.resolve(__dirname, '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { soak } = require(path.join(ROOT, 'scripts', 'soak.js')) as { soak: (root: string, only?: string[]) => { files: number; crashes: number; internal: number } };

it('lints the client packages under node_modules without a crash or internal error', () => {
  const result = soak(path.join(ROOT, 'node_modules'), ['kafkajs', 'ioredis', '@redis', '@confluentinc', 'node-rdkafka', 'redis']);
  assert.ok(result.files > 500, `only ${result.files} files found`);
  assert.equal(result.crashes, 0);
  assert.equal(result.internal, 0);
});
