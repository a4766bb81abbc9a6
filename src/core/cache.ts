// What a long-lived caller (the language server) keeps between lint runs over one workspace, and which kept analyses an edit leaves valid.
import type ts from 'typescript';
import type { CallFact, CreationFact, FileFacts } from './facts';
import type { ForeignEndpoint } from './foreign';
import type { TraitCache } from './prefilter';
import type { ReachMemo } from './reach-memo';
import type { SourceFile } from './types';
import type { FileUnits } from './units';
import type { Value } from './values';
import { WordIndex } from './word-index';

/** One analysed file's results, valid while neither it nor anything its analysis read has changed. */
export interface KeptAnalysis {
  text: string;
  facts: FileFacts;
  foreign: ForeignEndpoint[];
  /** Declarations its calls hand a client to: analysed again in the next run without asking. */
  recipients: Array<{ path: string; pos: number }>;
  /** Files whose call sites its traces read (untyped parameters), beyond what its imports reach. */
  scanned: ReadonlySet<string>;
  /** Positions of the statements its facts were read from (the reach may grow in a later run). */
  reached?: readonly number[];
  /** Every top-level statement, with what it gave: an edit of this file alone re-reads only what it may change. */
  statements?: readonly StatementRecord[];
}

/** What one top-level statement of an analysed file contributed. */
export interface StatementRecord {
  /** Its node: the incremental parser keeps it (moved) when an edit leaves the statement alone. */
  node: ts.Statement;
  /** Names it declares or assigns: a statement mentioning one of them may depend on it. */
  names: readonly string[];
  /** Set when its facts were read: they, the declarations its calls hand a client to, and the files whose call sites its traces read. */
  walked?: { calls: readonly CallFact[]; creations: readonly CreationFact[]; recipients: KeptAnalysis['recipients']; scanned: ReadonlySet<string> };
}

/**
 * Kept by text or by dependency, so nothing here can outlive a change it depends on. An analysis
 * depends on its file, the files its imports reach (transitively: every symbol and type the checker
 * resolves for it lies there, or in typings and globals), and the files whose call sites it read.
 */
export class LintCache {
  /** Pre-filter traits, by text. */
  readonly traits: TraitCache = new Map();
  /** Top-level statement summaries, by text. */
  readonly units = new Map<string, { text: string; units: FileUnits }>();
  /** Each file's words, by text (the pre-filter's word searches become lookups). */
  readonly words = new WordIndex();
  /** The first reach of the last run (see reach-memo.ts). */
  reach: ReachMemo | undefined;
  /** With typings: the previous structure program, handed back as its old program. */
  structure: ts.Program | undefined;
  /** Files the last program held. A program holding more files gives the same answers, so the next one starts from them. */
  included = new Set<string>();
  /** The workspace files each file's imports resolved to, as of its text when the program last resolved them. */
  readonly imports = new Map<string, string[]>();
  readonly analyses = new Map<string, KeptAnalysis>();
  /**
   * Values the rules resolved from the top, by expression node, as of the last run. Like facts, a
   * value follows names, so it holds while the file it lies in is kept whole or the statement it
   * lies in is kept (see linter.ts, `keptValues`).
   */
  values = new Map<ts.Node, Value>();
  /** The analysis of the one file an edit changed, when nothing else changed: its untouched statements may keep their facts. */
  readonly edited = new Map<string, KeptAnalysis>();
  private texts = new Map<string, string>();
  private shape: { typed: boolean; paths: readonly string[] } | undefined;

  /** The same mode and the same files in the same order as the last run (compared in place: this runs on every keystroke). */
  private sameShape(files: readonly SourceFile[], typed: boolean): boolean {
    const shape = this.shape;
    if (!shape || shape.typed !== typed || shape.paths.length !== files.length) return false;
    for (let i = 0; i < files.length; i++) if (shape.paths[i] !== files[i].path) return false;
    return true;
  }

  /**
   * The start of a run: forget the analyses that the changes since the last run may affect. A file
   * set or mode that changed, or a changed file with globals (`isGlobal`: a script or augmentation,
   * before or after the change), drops them all.
   */
  begin(files: readonly SourceFile[], typed: boolean, isGlobal: (path: string) => boolean): void {
    if (!this.sameShape(files, typed)) {
      this.shape = { typed, paths: files.map((f) => f.path) };
      this.texts = new Map();
      this.analyses.clear();
      this.included.clear();
      this.imports.clear();
    }
    this.edited.clear();
    const changed: string[] = [];
    for (const f of files) {
      if (this.texts.get(f.path) === f.text) continue;
      changed.push(f.path);
      this.texts.set(f.path, f.text);
    }
    if (changed.length === 0 || this.analyses.size === 0) return;
    if (changed.some(isGlobal)) {
      this.analyses.clear();
      return;
    }
    const importers = new Map<string, string[]>();
    for (const [file, targets] of this.imports) for (const t of targets) (importers.get(t) ?? importers.set(t, []).get(t)!).push(file);
    const affected = new Set(changed);
    for (const queue = [...changed]; queue.length > 0; ) {
      for (const importer of importers.get(queue.pop()!) ?? []) {
        if (affected.has(importer)) continue;
        affected.add(importer);
        queue.push(importer);
      }
    }
    const only = changed.length === 1 ? changed[0] : undefined;
    for (const [path, kept] of this.analyses) {
      if (!affected.has(path) && ![...kept.scanned].some((s) => affected.has(s))) continue;
      this.analyses.delete(path);
      // Everything it depends on elsewhere is unchanged: within the file, the statements decide.
      if (path === only && kept.statements) this.edited.set(path, kept);
    }
  }
}
