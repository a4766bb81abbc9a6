// Stable fingerprints of findings: rule + the flagged code (not its line), so edits elsewhere keep them.
import { createHash } from 'node:crypto';
import type { Finding } from './types';

/** Whitespace-insensitive text of the flagged code. */
function normalisedCode(text: string, finding: Finding): string {
  return text.slice(finding.range.start, finding.range.end).replace(/\s+/g, ' ').trim();
}

/**
 * One fingerprint per finding, in order. Identical code flagged twice by the same rule in a
 * file is told apart by its occurrence number, counted in source order.
 */
export function fingerprints(findings: readonly Finding[], text: string): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const base = createHash('sha256').update(`${f.ruleId}\u0000${normalisedCode(text, f)}`).digest('hex').slice(0, 32);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return `${base}:${n}`;
  });
}
