// Which statements of a workspace may reach a set of seeds by name: a fixpoint over top-level statements, words and exports.
import type { FileUnits, Unit } from './units';
import type { WordIndex } from './word-index';

/**
 * A word list as one regular expression: identifier words whole, module names only where a module
 * specifier ends (`'../infra/redis'`, `"./redis.js"`, `'./redis/index'`).
 */
export function wordPattern(words: Iterable<string>, modules: Iterable<string> = []): RegExp | undefined {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  const w = [...words].map(escape);
  const m = [...modules].map(escape);
  const parts: string[] = [];
  if (w.length > 0) parts.push(`(?<![\\w$\\u0080-\\uffff])(?:${w.join('|')})(?![\\w$\\u0080-\\uffff])`);
  if (m.length > 0) parts.push(`(?<=['"\`/])(?:${m.join('|')})(?:\\.[\\w-]+)?(?=['"\`])`);
  return parts.length > 0 ? new RegExp(parts.join('|')) : undefined;
}

/**
 * The names importers may give a file's default export (`export default`, `export =`,
 * `module.exports =`): its base name, and every folder above it, since a folder resolves to its index
 * file or (with typings on disk) to any file its package.json names.
 */
export function moduleNames(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  const base = parts.pop()?.replace(/\.(?:[cm]?[jt]sx?)$/i, '');
  return [...(base ? [base] : []), ...parts];
}

export interface FileState {
  units: FileUnits;
  /** Statements reached from outside the file (a seed, a word, a caller passing a client). */
  entered: Set<Unit>;
  /** `entered` and everything in the file that follows from them. */
  reached: Set<Unit>;
  dirty: boolean;
}

/** What a settled reach knows: each file's entered and reached statements, and the words and module names they export. */
export interface ReachState {
  files: ReadonlyMap<string, FileState>;
  words: ReadonlySet<string>;
  modules: ReadonlySet<string>;
}

function copyOf(state: ReachState): { files: Map<string, FileState>; words: Set<string>; modules: Set<string> } {
  const files = new Map<string, FileState>();
  for (const [path, f] of state.files) files.set(path, { units: f.units, entered: new Set(f.entered), reached: new Set(f.reached), dirty: false });
  return { files, words: new Set(state.words), modules: new Set(state.modules) };
}

export interface ReachSource {
  paths: readonly string[];
  /** The text to search for words (escaped spellings cooked). */
  matchText(path: string): string;
  units(path: string): FileUnits;
  /**
   * Optionally, an index of every identifier-like word of each file's match text (kept by a
   * long-lived caller): a lookup instead of a search. Its words are a superset of what the word
   * pattern finds, so it only ever lets more files be looked at.
   */
  index?: WordIndex;
  /** `pattern.test(matchText(path))`, possibly remembered. */
  test?(pattern: RegExp, path: string): boolean;
}

/**
 * Reach from seeds through a workspace: a statement is reached when it mentions a seed, a name another
 * reached statement of its file declares or assigns, or a name a reached statement of another file
 * exports (or that file's module path, for a default export). Names are compared as words, never
 * resolved: two things that share a name are both reached, which only costs time.
 */
export class Reach {
  private readonly files = new Map<string, FileState>();
  private readonly words = new Set<string>();
  private readonly modules = new Set<string>();
  private pendingWords: string[] = [];
  private pendingModules: string[] = [];
  /** All module names so far as one pattern, rebuilt only when they grew. */
  private known: { size: number; pattern: RegExp | undefined } = { size: 0, pattern: undefined };

  constructor(private readonly source: ReachSource) {}

  /** A settled reach's state, copied (the reach goes on growing as callers seed it; the copy does not). */
  copyState(): ReachState {
    return copyOf({ files: this.files, words: this.words, modules: this.modules });
  }

  /** A reach that starts from `state` (a settled one, see `copyState`): what it would be had it seeded its way there. */
  static restore(source: ReachSource, state: ReachState): Reach {
    const reach = new Reach(source);
    const copy = copyOf(state);
    for (const [path, file] of copy.files) reach.files.set(path, file);
    for (const w of copy.words) reach.words.add(w);
    for (const m of copy.modules) reach.modules.add(m);
    return reach;
  }

  /** Paths of files with at least one reached statement. */
  reachedFiles(): string[] {
    return [...this.files.values()].filter((f) => f.reached.size > 0).map((f) => f.units.path);
  }

  /** Every word the reached statements export (what other files may name them by). */
  exportedWords(): { words: ReadonlySet<string>; modules: ReadonlySet<string> } {
    return { words: this.words, modules: this.modules };
  }

  /** Enter the statements of `path` that match `pattern` (all files when `paths` is omitted). */
  seed(pattern: RegExp, paths: readonly string[] = this.source.paths): void {
    for (const path of paths) {
      if (!(this.source.test ? this.source.test(pattern, path) : pattern.test(this.source.matchText(path)))) continue;
      const state = this.state(path);
      for (const unit of state.units.units) if (!state.entered.has(unit) && pattern.test(state.units.matchText(unit))) this.enter(state, unit);
    }
    this.settle();
  }

  /** Enter the statement at `pos` in `path` (a declaration that other code hands a client to). */
  seedAt(path: string, pos: number): void {
    const state = this.state(path);
    const unit = state.units.units.find((u) => u.start <= pos && pos < u.end);
    if (unit && !state.entered.has(unit)) this.enter(state, unit);
    this.settle();
  }

  /** Enter words as if a reached statement exported them (globals declared by typings, for instance). */
  seedWords(words: Iterable<string>): void {
    for (const w of words) this.addWord(w);
    this.settle();
  }

  private enter(state: FileState, unit: Unit): void {
    state.entered.add(unit);
    state.dirty = true;
  }

  private state(path: string): FileState {
    let state = this.files.get(path);
    if (!state) {
      state = { units: this.source.units(path), entered: new Set(), reached: new Set(), dirty: false };
      this.files.set(path, state);
      // A file met late must see the words found so far.
      const modules = this.modules.size > 0 ? this.knownModules() : undefined;
      for (const unit of state.units.units) if (this.mentions(state, unit, this.words, modules)) this.enter(state, unit);
    }
    return state;
  }

  private knownModules(): RegExp | undefined {
    if (this.modules.size !== this.known.size) this.known = { size: this.modules.size, pattern: wordPattern([], this.modules) };
    return this.known.pattern;
  }

  /** Does the statement mention one of `words`, or a module path ending in one of the names `modules` matches? */
  private mentions(state: FileState, unit: Unit, words: ReadonlySet<string>, modules: RegExp | undefined): boolean {
    const own = state.units.words(unit);
    // Walk the smaller set.
    if (own.size < words.size) {
      for (const w of own) if (words.has(w)) return true;
    } else for (const w of words) if (own.has(w)) return true;
    return modules !== undefined && modules.test(state.units.matchText(unit));
  }

  private addWord(w: string): void {
    if (this.words.has(w)) return;
    this.words.add(w);
    this.pendingWords.push(w);
  }

  private addModule(m: string): void {
    if (this.modules.has(m)) return;
    this.modules.add(m);
    this.pendingModules.push(m);
  }

  /** Spread inside dirty files, publish their exports, and find the statements that mention them, until nothing changes. */
  private settle(): void {
    for (;;) {
      for (const state of this.files.values()) if (state.dirty) this.spread(state);
      if (this.pendingWords.length === 0 && this.pendingModules.length === 0) return;
      const pattern = wordPattern(this.pendingWords, this.pendingModules)!;
      const words = new Set(this.pendingWords);
      const modules = this.pendingModules.length > 0 ? wordPattern([], this.pendingModules) : undefined;
      this.pendingWords = [];
      this.pendingModules = [];
      const index = this.source.index;
      // With an index, only files holding a new word (or, for module names, any file) are searched.
      let candidates: Iterable<string> = this.source.paths;
      if (index && !modules) {
        const found = new Set<string>();
        for (const w of words) for (const p of index.filesWith(w)) found.add(p);
        candidates = found;
      }
      for (const path of candidates) {
        const known = this.files.get(path);
        if (!known && !(index && !modules) && !pattern.test(this.source.matchText(path))) continue;
        const state = known ?? this.state(path);
        for (const unit of state.units.units) if (!state.entered.has(unit) && this.mentions(state, unit, words, modules)) this.enter(state, unit);
      }
    }
  }

  private spread(state: FileState): void {
    state.dirty = false;
    const reached = new Set(state.entered);
    for (;;) {
      const names = new Set<string>();
      for (const unit of reached) {
        for (const n of unit.declares) names.add(n);
        for (const n of state.units.assigns(unit)) names.add(n);
      }
      let grew = false;
      for (const unit of state.units.units) {
        if (reached.has(unit) || !this.mentions(state, unit, names, undefined)) continue;
        reached.add(unit);
        grew = true;
      }
      if (!grew) break;
    }
    state.reached = reached;
    for (const unit of reached) {
      for (const e of unit.exports) this.addWord(e);
      if (unit.exportsModule) for (const m of moduleNames(state.units.path)) this.addModule(m);
    }
  }

  /** Is the statement containing `pos` reached? */
  reachedAt(path: string, pos: number): boolean {
    const state = this.files.get(path);
    if (!state) return false;
    for (const u of state.reached) if (u.start <= pos && pos < u.end) return true;
    return false;
  }
}
