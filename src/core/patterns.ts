// Name patterns written in a workspace (topic regexes, Redis globs, partly known names), matched so that no pattern can stall a run.

/**
 * A regular expression's run time cannot be interrupted, and a workspace chooses both the pattern
 * and the names it is matched against: `/^(a+)+$/` against thirty `a`s and a `!` never ends. A
 * pattern is compiled only when backtracking stays polynomial and small: no backreferences or
 * lookarounds, no quantified group holding a quantifier or an alternative, at most three
 * unbounded quantifiers. Anything else is not understood, so callers treat it as unknown.
 */
export function safeRegExp(source: string, flags: string): RegExp | undefined {
  if (!hasTameBacktracking(source)) return undefined;
  try {
    return new RegExp(source, flags.replace(/[gy]/g, ''));
  } catch {
    return undefined;
  }
}

/** Longest name a pattern is tested against; Kafka allows 249 characters. Longer names are not tested (unknown). */
export const MAX_TESTED_NAME = 256;

const MAX_UNBOUNDED = 3;

function hasTameBacktracking(source: string): boolean {
  const groups: { quantified: boolean; alternatives: boolean }[] = [{ quantified: false, alternatives: false }];
  let unbounded = 0;
  /** Length of the quantifier starting at `i` (0 when none), and whether it is unbounded. */
  const quantifierAt = (i: number): { length: number; unbounded: boolean } => {
    const ch = source[i];
    if (ch === '*' || ch === '+') return { length: 1, unbounded: true };
    if (ch === '?') return { length: 1, unbounded: false };
    if (ch === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
      if (m) return { length: m[0].length, unbounded: m[2] !== undefined && m[3] === '' };
    }
    return { length: 0, unbounded: false };
  };
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    let atomEnd = i;
    if (ch === '\\') {
      const next = source[i + 1];
      if (next === undefined || /[1-9k]/.test(next)) return false;
      atomEnd = i + 1;
    } else if (ch === '[') {
      let j = i + 1;
      if (source[j] === '^') j++;
      if (source[j] === ']') j++;
      for (; j < source.length && source[j] !== ']'; j++) if (source[j] === '\\') j++;
      atomEnd = j;
    } else if (ch === '(') {
      // Non-capturing and named groups are groups; lookarounds are not understood.
      const opening = /^\((?:\?:|\?<[A-Za-z_$][\w$]*>)?/.exec(source.slice(i))![0];
      if (opening.length === 1 && source[i + 1] === '?') return false;
      groups.push({ quantified: false, alternatives: false });
      i += opening.length - 1;
      continue;
    } else if (ch === '|') {
      groups[groups.length - 1].alternatives = true;
      continue;
    } else if (ch === ')') {
      const group = groups.pop();
      if (!group || groups.length === 0) return false;
      const q = quantifierAt(i + 1);
      if (q.length > 0 && (group.quantified || group.alternatives)) return false;
      if (q.unbounded && ++unbounded > MAX_UNBOUNDED) return false;
      if (group.quantified || q.length > 0) groups[groups.length - 1].quantified = true;
      i += q.length;
      if (source[i + 1] === '?') i++;
      continue;
    } else if (ch === '*' || ch === '+' || ch === '?' || ch === '{') {
      // A quantifier with nothing before it (the compiler rejects it) or a second one (`a**`): not understood.
      if (ch !== '{' || quantifierAt(i).length > 0) return false;
    }
    const q = quantifierAt(atomEnd + 1);
    if (q.length > 0) {
      groups[groups.length - 1].quantified = true;
      if (q.unbounded && ++unbounded > MAX_UNBOUNDED) return false;
    }
    i = atomEnd + q.length;
    if (q.length > 0 && source[i + 1] === '?') i++;
  }
  return groups.length === 1;
}

/** A glob: literal text, and wildcards (`*` any run of characters, `?` any one). */
export type GlobPart = string | { wildcard: '*' | '?' };

const ANY = { wildcard: '*' } as const;
const ONE = { wildcard: '?' } as const;

/**
 * Glob matching in O(name × pattern) steps whatever the pattern (a regular expression built from
 * `a*a*a*…b` backtracks exponentially): on a mismatch, only the last `*` takes one more character.
 */
export function globMatches(parts: readonly GlobPart[], name: string): boolean {
  const tokens: Array<string | '*' | '?'> = [];
  // Literal text one character a token, so a literal `*` stays apart from the wildcard.
  for (const part of parts) {
    if (typeof part === 'string') tokens.push(...[...part].map((ch) => `=${ch}`));
    else tokens.push(part.wildcard);
  }
  const chars = [...name];
  let t = 0;
  let n = 0;
  let star = -1;
  let resume = 0;
  while (n < chars.length) {
    const token = tokens[t];
    if (token !== undefined && token !== '*' && (token === '?' || token.slice(1) === chars[n])) {
      t++;
      n++;
    } else if (token === '*') {
      star = t++;
      resume = n;
    } else if (star >= 0) {
      t = star + 1;
      n = ++resume;
    } else return false;
  }
  while (tokens[t] === '*') t++;
  return t === tokens.length;
}

/**
 * A glob written as text: `*` and, for a Redis PSUBSCRIBE pattern, `?` are wildcards; where only
 * `*` is one (`externalDestinations` entries), `?` is text.
 */
export function globParts(pattern: string, questionMark = true): GlobPart[] {
  return pattern
    .split(questionMark ? /([*?])/ : /(\*)/)
    .filter((part) => part !== '')
    .map((part) => (part === '*' ? ANY : part === '?' && questionMark ? ONE : part));
}

/** A name known in parts (`null` for an unknown part, which may be any text). */
export function templateParts(parts: readonly (string | null)[]): GlobPart[] {
  return parts.map((part) => (part === null ? ANY : part));
}
