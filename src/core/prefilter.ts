// The pre-filter: which workspace files the type-checked program holds, and which of those are analysed for client calls.
import type ts from 'typescript';
import { FOREIGN_WORDS, foreignEndpointsWithoutChecker, type ForeignEndpoint } from './foreign';
import { Reach, wordPattern, type ReachSource } from './reach';
import { keptReach, type ReachMemoHolder } from './reach-memo';
import { exposingTypings } from './typings';
import type { SourceFile } from './types';
import { augments, fileMatchText, hasEscapes, isModule, unitsOf, type FileUnits } from './units';
import type { WordIndex } from './word-index';

/** A client package named as a module specifier: the only way client code starts (`import`, `require`, `import()` types, JSDoc). */
export const CLIENT_SPECIFIER = /(['"`])(?:ioredis|redis|@redis\/[^'"`/]+|kafkajs|@confluentinc\/kafka-javascript|node-rdkafka)(?:\/[^'"`]*)?\1/;

/** What the pre-filter needs to know of one file, kept per text so a long-lived caller parses a file once. */
export interface FileTraits {
  text: string;
  /** False for a script, whose declarations are globals. */
  module: boolean;
  /** Augments another module or the global scope. */
  augments: boolean;
  /** Foreign endpoints read without a checker; undefined when they need one. */
  foreign: ForeignEndpoint[] | undefined;
  /** The text words are searched in (escaped identifiers and strings cooked); undefined when it is the text. */
  matchText?: string;
}

/** A line that starts with `import`/`export` as a declaration does (not `import(` or `import.meta`). */
const MODULE_LINE = /^(?:export(?![\w$\u0080-\uffff])|import(?![\w$\u0080-\uffff])(?!\s*[(.]))/m;
/**
 * What a tree is needed for: an augmentation, a namespace (whose body may export at column 0), a
 * directive; or a word another library's endpoint may use (`mayHaveForeignEndpoints`, whose
 * endpoints are read from a tree). One pattern, so the text is scanned once for both.
 */
const NEEDS_TREE = new RegExp(`(?:^|[^\\w$\\u0080-\\uffff])(?:module\\s*['"\`]|global\\s*\\{|namespace(?![\\w$\\u0080-\\uffff])|module\\s+[A-Za-z_$]|(?:${FOREIGN_WORDS})(?![\\w$\\u0080-\\uffff]))|streamwise-`);
/** Extensions whose module format TypeScript may decide from the extension or package.json rather than the text. */
const TEXT_DECIDES_FORMAT = /\.(?:ts|tsx|js|jsx)$/i;

/**
 * A file's traits when its text proves them, without parsing: a module (a line starts with an
 * import or export declaration), no augmentation, namespace or directive, no other library's
 * endpoint, no escapes. Such a file holds nothing the program needs unless the reach finds a
 * client in it. Undefined when only a tree can tell. A script whose template literal or comment has
 * a line starting with `export` is taken for a module: left out of the program, its globals are
 * unknown to the checker, which makes answers unknown, never findings.
 */
export function traitsFromText(path: string, text: string): Omit<FileTraits, 'text'> | undefined {
  if (!TEXT_DECIDES_FORMAT.test(path) || path.toLowerCase().endsWith('.d.ts')) return undefined;
  if (!MODULE_LINE.test(text) || NEEDS_TREE.test(text) || hasEscapes(text)) return undefined;
  return { module: true, augments: false, foreign: [] };
}

/** A file's traits, from its tree. */
function traitsFrom(sf: ts.SourceFile, typed: boolean): Omit<FileTraits, 'text'> {
  return { module: isModule(sf), augments: augments(sf), foreign: foreignEndpointsWithoutChecker(sf, typed), ...(hasEscapes(sf.text) ? { matchText: fileMatchText(sf) } : {}) };
}

/** Per-file traits across runs (the language server keeps one). */
export type TraitCache = Map<string, FileTraits>;

export interface PlanInput {
  files: readonly SourceFile[];
  typed: boolean;
  /** A tree for a workspace file, parsed as the program would. */
  tree(path: string): ts.SourceFile;
  /** A tree only read for traits and syntax errors (cheaper to parse); defaults to `tree`. */
  outsideTree?(path: string): ts.SourceFile;
  cache?: TraitCache;
  /** Called once for each file the pre-filter parses, while its tree is at hand. */
  onTree?(path: string, sf: ts.SourceFile): void;
  /** The pre-filter is done with this file's tree (it stays out of the program). */
  release?(path: string): void;
  /** Top-level statement summaries kept across runs, by text. */
  units?: Map<string, { text: string; units: FileUnits }>;
  /** Words of files kept across runs, by text (see ReachSource.index). */
  index?: WordIndex;
  /** The first reach of the last run, kept when no answer it asked can differ now (see reach-memo.ts). */
  memo?: ReachMemoHolder;
}

/**
 * Files are analysed when a statement of theirs may reach a client (see ARCHITECTURE.md, "The
 * pre-filter"). The program also holds what the analysis needs besides them: scripts and
 * augmentations (globals no import shows), files whose foreign endpoints need a checker, and
 * whatever the analysis later asks for (`include`).
 */
export class AnalysisPlan {
  readonly analysed = new Set<string>();
  /** Files in the type-checked program: the analysed ones and what the analysis needs besides them. */
  readonly included = new Set<string>();
  private readonly texts: ReadonlyMap<string, string>;
  private readonly paths: string[];
  private readonly traits: TraitCache;
  private reach!: Reach;
  private readonly referenced = new Map<string, ReadonlySet<string>>();
  private readonly escaped = new Map<string, boolean>();
  private readonly fromText = new Map<string, { text: string; traits: Omit<FileTraits, 'text'> | undefined }>();
  private indexed = false;
  private traitsComplete = false;

  constructor(private readonly input: PlanInput) {
    this.texts = new Map(input.files.map((f) => [f.path, f.text]));
    this.paths = input.files.map((f) => f.path);
    this.traits = input.cache ?? new Map();
  }

  /** Seeds and the first reach; with typings, `structure` is the program over every file, whose typings may expose client types too. */
  start(structure?: ts.Program): void {
    let seeds = CLIENT_SPECIFIER;
    let globals: string[] = [];
    if (structure) {
      const exposing = exposingTypings(structure);
      const extra = exposing.specifiers.filter((s) => !CLIENT_SPECIFIER.test(`'${s}'`));
      if (extra.length > 0) {
        const names = extra.map((s) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')).join('|');
        seeds = new RegExp(`${CLIENT_SPECIFIER.source}|(['"\`])(?:${names})(?:\\/[^'"\`]*)?\\2`);
      }
      globals = exposing.globals;
    }
    const memo = this.input.memo;
    const key = `${seeds.source}\n${globals.join('\n')}`;
    const kept = memo && keptReach(memo.reach, key, this.paths, this.texts, seeds, (p) => this.unitsOf(p));
    if (kept) this.reach = Reach.restore(this.reachSource(), kept);
    else {
      this.reach = new Reach(this.reachSource());
      if (globals.length > 0) this.reach.seedWords(globals);
      this.reach.seed(seeds);
    }
    if (memo) memo.reach = { key, paths: this.paths, texts: this.texts, state: kept ?? this.reach.copyState() };
    this.refresh();
  }

  /**
   * Learn every other file's traits, and take into the program the scripts, augmentations and
   * files whose foreign endpoints need a checker. True when that added files. Trees of files that
   * stay out are let go.
   */
  completeTraits(): boolean {
    if (this.traitsComplete) return false;
    this.traitsComplete = true;
    const before = this.included.size;
    for (const p of this.paths) {
      if (this.included.has(p)) continue;
      const t = this.traitsOf(p);
      if (!t.module || t.augments || t.foreign === undefined) this.included.add(p);
      else this.input.release?.(p);
    }
    return this.included.size > before;
  }

  /** Foreign endpoints of a file outside the analysed set read without a checker, when that suffices. */
  foreignWithoutChecker(path: string): ForeignEndpoint[] | undefined {
    return this.traitsOf(path).foreign;
  }

  /** The analysis needs these files in the program (imports it resolved, files a scan reads). True when any was missing. */
  include(paths: Iterable<string>): boolean {
    let grew = false;
    for (const p of paths) {
      if (!this.texts.has(p) || this.included.has(p)) continue;
      this.included.add(p);
      grew = true;
    }
    return grew;
  }

  /** Is the top-level statement holding `pos` reached (may its code handle a client)? */
  isReached(path: string, pos: number): boolean {
    return this.reach.reachedAt(path, pos);
  }

  /** A client reaches the declaration at `pos` from elsewhere (a caller passes one): analyse what follows from it. */
  reachAt(path: string, pos: number): boolean {
    if (!this.texts.has(path) || this.reach.reachedAt(path, pos)) return false;
    this.reach.seedAt(path, pos);
    const files = this.refresh();
    // A statement newly reached in a file already analysed (a recipient in the caller's own file) needs a pass too.
    return this.reach.reachedAt(path, pos) || files;
  }

  /** Files whose text may mention one of `words` (and matches `filter`); adds those missing from the program. */
  includeMentioning(words: Iterable<string>, filter?: RegExp): boolean {
    const pattern = wordPattern(words);
    if (!pattern) return false;
    const found = this.paths.filter((p) => !this.included.has(p) && pattern.test(this.matchText(p)) && (!filter || filter.test(this.matchText(p))));
    return this.include(found);
  }

  /**
   * Files that may refer to the declaration at `pos` under any name (imported, re-exported, renamed)
   * and match `filter`; adds those missing from the program.
   */
  includeReferencing(path: string, pos: number, filter?: RegExp): boolean {
    return this.include([...this.referencing(path, pos)].filter((p) => !filter || filter.test(this.matchText(p))));
  }

  /** Files that may refer to the declaration at `pos`: those reached from its statement, and those mentioning what they export. */
  referencing(path: string, pos: number): ReadonlySet<string> {
    const key = `${path}:${pos}`;
    const known = this.referenced.get(key);
    if (known) return known;
    const reach = new Reach(this.reachSource());
    reach.seedAt(path, pos);
    const { words, modules } = reach.exportedWords();
    const pattern = wordPattern(words, modules);
    const found = new Set(reach.reachedFiles());
    if (pattern) for (const p of this.paths) if (pattern.test(this.matchText(p))) found.add(p);
    this.referenced.set(key, found);
    return found;
  }

  private refresh(): boolean {
    let grew = false;
    for (const p of this.reach.reachedFiles()) {
      if (this.analysed.has(p)) continue;
      this.analysed.add(p);
      this.included.add(p);
      grew = true;
    }
    return grew;
  }

  private reachSource(): ReachSource {
    const index = this.input.index;
    // Brought up to date when a search first needs it: a run whose reach needs no search (kept, see ReachMemo) skips it.
    const current = () => {
      if (index && !this.indexed) {
        index.update(this.paths, (p) => this.texts.get(p)!, (p) => this.matchText(p));
        this.indexed = true;
      }
      return index;
    };
    const test = index ? (pattern: RegExp, path: string) => current()!.test(pattern, path, this.texts.get(path)!, () => this.matchText(path)) : undefined;
    return {
      paths: this.paths,
      matchText: (p) => this.matchText(p),
      units: (p) => this.unitsOf(p),
      get index() {
        return current();
      },
      test,
    };
  }

  /** The file's top-level statements as the reach sees them. */
  unitsFor(path: string): FileUnits {
    return this.unitsOf(path);
  }

  private unitsOf(path: string): FileUnits {
    const text = this.texts.get(path)!;
    const known = this.input.units?.get(path);
    if (known && known.text === text) return known.units;
    const units = unitsOf(this.input.tree(path));
    this.input.units?.set(path, { text, units });
    return units;
  }

  /** The text words are searched in. */
  matchText(path: string): string {
    const text = this.texts.get(path)!;
    let escaped = this.escaped.get(path);
    if (escaped === undefined) this.escaped.set(path, (escaped = hasEscapes(text)));
    return escaped ? this.traitsOf(path).matchText ?? text : text;
  }

  /**
   * Are the file's syntax errors left unchecked? For a file the reach does not hold whose text shows
   * it holds no messaging code: unparsed when left out, and the same when the program holds it for
   * the analysis of others (a config module). Decided by the text alone, so what is reported never
   * depends on what an earlier run of a long-lived caller included or parsed.
   */
  syntaxUnchecked(path: string): boolean {
    return !this.analysed.has(path) && this.provenByText(path);
  }

  /** Does the file's text alone show that it is a module with no augmentation, namespace, directive or other library's endpoint? */
  provenByText(path: string): boolean {
    const text = this.texts.get(path);
    return text !== undefined && this.textTraits(path, text) !== undefined;
  }

  /** `traitsFromText`, asked once per file and text: both the traits and the syntax check ask it of every file. */
  private textTraits(path: string, text: string): Omit<FileTraits, 'text'> | undefined {
    const known = this.fromText.get(path);
    if (known && known.text === text) return known.traits;
    const traits = traitsFromText(path, text);
    this.fromText.set(path, { text, traits });
    return traits;
  }

  private traitsOf(path: string): FileTraits {
    const text = this.texts.get(path)!;
    const known = this.traits.get(path);
    if (known && known.text === text) return known;
    const fromText = this.included.has(path) ? undefined : this.textTraits(path, text);
    if (fromText) {
      const traits: FileTraits = { text, ...fromText };
      this.traits.set(path, traits);
      return traits;
    }
    const sf = !this.included.has(path) && this.input.outsideTree ? this.input.outsideTree(path) : this.input.tree(path);
    this.input.onTree?.(path, sf);
    const traits: FileTraits = { text, ...traitsFrom(sf, this.input.typed) };
    this.traits.set(path, traits);
    return traits;
  }
}
