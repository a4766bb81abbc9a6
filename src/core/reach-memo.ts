// The first reach of a run, kept across runs of a long-lived caller: an edit that changes no answer the reach asked keeps it.
import type { FileState, ReachState } from './reach';
import { hasEscapes, identifierWords, type FileUnits, type Unit } from './units';

/** The reach a run settled on after its seeds (before any caller seeded more), and what it was computed from. */
export interface ReachMemo {
  /** The seeds: the specifier pattern and the words typings declare globally. */
  key: string;
  paths: readonly string[];
  texts: ReadonlyMap<string, string>;
  state: ReachState;
}

/** Where a long-lived caller keeps its memo (LintCache). */
export interface ReachMemoHolder {
  reach?: ReachMemo;
}

/**
 * The memo's reach, for a workspace that differs from the one it was computed over only where no
 * answer the reach asked can differ; undefined when one may. The reach is a deterministic search
 * whose every step asks one of three questions of a statement or file text: does it mention one of
 * these words (always words the settled reach exported, or names reached statements of its own file
 * declare or assign), does the seed pattern match it, does a module specifier in it end in one of
 * these module names (always names the settled reach holds). A changed file whose changed statements
 * answer each of them as before, and declare, export and assign the same, leaves every step, and so
 * the result, as it was. Its statements are matched by position in the file, so a statement added or
 * removed means a new search.
 */
export function keptReach(memo: ReachMemo | undefined, key: string, paths: readonly string[], texts: ReadonlyMap<string, string>, seeds: RegExp, units: (path: string) => FileUnits): ReachState | undefined {
  if (!memo || memo.key !== key || memo.paths.length !== paths.length) return undefined;
  for (let i = 0; i < paths.length; i++) if (memo.paths[i] !== paths[i]) return undefined;
  const files = new Map(memo.state.files);
  const { words, modules } = memo.state;
  for (const path of paths) {
    const before = memo.texts.get(path)!;
    const after = texts.get(path)!;
    if (before === after) continue;
    const state = memo.state.files.get(path);
    if (!state) {
      // Never looked into: its whole text must still give no reason to. Escaped spellings are
      // searched cooked (units.ts), which takes a tree: such a text is searched again.
      if (hasEscapes(after) || asksDiffer(undefined, after, words, modules, seeds)) return undefined;
      continue;
    }
    const moved = remap(state, units(path), before, after, words, modules, seeds);
    if (!moved) return undefined;
    files.set(path, moved);
  }
  return { files, words, modules };
}

/** The file's state over its new statements, when each answers the reach's questions as its old counterpart did. */
function remap(state: FileState, now: FileUnits, textBefore: string, textAfter: string, words: ReadonlySet<string>, modules: ReadonlySet<string>, seeds: RegExp): FileState | undefined {
  const old = state.units;
  if (old.units.length !== now.units.length) return undefined;
  // A text after the last statement belongs to no statement but to the file's own tests.
  if (textBefore.slice(tail(old)) !== textAfter.slice(tail(now))) return undefined;
  // Names the spread inside the file compares statements with: those of reached statements.
  const names = new Set(words);
  for (const unit of state.reached) {
    for (const n of unit.declares) names.add(n);
    for (const n of old.assigns(unit)) names.add(n);
  }
  const byOld = new Map<Unit, Unit>();
  for (let i = 0; i < old.units.length; i++) {
    const a = old.units[i];
    const b = now.units[i];
    byOld.set(a, b);
    if (!sameList(a.declares, b.declares) || !sameList(a.exports, b.exports) || a.exportsModule !== b.exportsModule) return undefined;
    const before = old.matchText(a);
    const after = now.matchText(b);
    if (before === after) continue;
    if (!sameList(old.assigns(a), now.assigns(b))) return undefined;
    if (asksDiffer(old.words(a), after, names, modules, seeds, before, now.words(b))) return undefined;
  }
  const map = (set: ReadonlySet<Unit>) => new Set([...set].map((u) => byOld.get(u)!));
  return { units: now, entered: map(state.entered), reached: map(state.reached), dirty: false };
}

/**
 * Would the reach's questions get another answer from `after` than from `before`? Words: only those
 * in `relevant` can answer yes. Module names: the ones the settled reach holds. Without `before`
 * (a text never looked into), every answer was no.
 */
function asksDiffer(wordsBefore: ReadonlySet<string> | undefined, after: string, relevant: ReadonlySet<string>, modules: ReadonlySet<string>, seeds: RegExp, before?: string, wordsAfter: ReadonlySet<string> = identifierWords(after)): boolean {
  const had = wordsBefore ?? new Set<string>();
  for (const w of wordsAfter) if (relevant.has(w) && !had.has(w)) return true;
  for (const w of had) if (relevant.has(w) && !wordsAfter.has(w)) return true;
  if (seeds.test(after) !== (before !== undefined && seeds.test(before))) return true;
  if (modules.size === 0) return false;
  return !sameSet(moduleNamesIn(after, modules), before === undefined ? new Set() : moduleNamesIn(before, modules));
}

/**
 * Which of `modules` a module pattern (reach.ts, `wordPattern`) finds in the text: a name right after
 * a quote or slash, then an optional extension, then a quote. The name runs to the next quote, or
 * to the last dot before it when an extension follows.
 */
export function moduleNamesIn(text: string, modules: ReadonlySet<string>): Set<string> {
  const found = new Set<string>();
  for (let i = 1; i < text.length; i++) {
    const c = text.charCodeAt(i - 1);
    if (c !== 0x27 && c !== 0x22 && c !== 0x60 && c !== 0x2f) continue;
    const end = nextQuote(text, i);
    if (end < 0) break;
    const whole = text.slice(i, end);
    if (modules.has(whole)) found.add(whole);
    const dot = whole.lastIndexOf('.');
    if (dot >= 0 && /^[\w-]+$/.test(whole.slice(dot + 1))) {
      const base = whole.slice(0, dot);
      if (modules.has(base)) found.add(base);
    }
  }
  return found;
}

function nextQuote(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x27 || c === 0x22 || c === 0x60) return i;
  }
  return -1;
}

function tail(units: FileUnits): number {
  return units.units.length > 0 ? units.units[units.units.length - 1].end : 0;
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const sameSet = (a: ReadonlySet<string>, b: ReadonlySet<string>) => a.size === b.size && [...a].every((x) => b.has(x));
