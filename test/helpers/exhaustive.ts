// Compares a pre-filtered run with the exhaustive reference run, which parses and analyses every file.
import assert from 'node:assert/strict';
import type { LintOutput } from '../../src/core/types';

/**
 * The two runs must agree on everything but what the pre-filter never looks at: a file it left
 * unparsed (its text shows nothing can be found in it) reports no syntax errors.
 */
export function assertSameAsExhaustive(filtered: LintOutput, exhaustive: LintOutput, message = 'the pre-filtered run differs from the exhaustive one'): void {
  const unparsed = new Set(filtered.files.filter((f) => f.unparsed).map((f) => f.path));
  const expected = { ...exhaustive, files: exhaustive.files.map((f) => (unparsed.has(f.path) ? { ...f, syntaxErrors: [], unparsed: true as const } : f)) };
  assert.deepEqual(filtered, expected, message);
}
