// Compares a pre-filtered run with the exhaustive reference run, which parses and analyses every file.
import assert from 'node:assert/strict';
import type { LintOutput } from '../../src/core/types';

/**
 * The two runs must agree on everything but what the pre-filter never looks at: a file whose text
 * shows nothing can be found in it, and that no client reaches, reports no syntax errors.
 */
export function assertSameAsExhaustive(filtered: LintOutput, exhaustive: LintOutput, message = 'the pre-filtered run differs from the exhaustive one'): void {
  const unchecked = new Set(filtered.files.filter((f) => f.syntaxUnchecked).map((f) => f.path));
  const expected = { ...exhaustive, files: exhaustive.files.map((f) => (unchecked.has(f.path) ? { ...f, syntaxErrors: [], syntaxUnchecked: true as const } : f)) };
  assert.deepEqual(filtered, expected, message);
}
