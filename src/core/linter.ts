// Runs rules over a workspace: pre-filters files, builds the program, extracts facts once, queries rules, isolates rule failures, applies suppression comments.
import ts from 'typescript';
import type { KeptAnalysis, LintCache, StatementRecord } from './cache';
import { AnalysisTimeout, ClientRecognizer } from './clients';
import { FactExtractor, type FileFacts } from './facts';
import { foreignEndpoints, type ForeignEndpoint } from './foreign';
import { AnalysisPlan } from './prefilter';
import { buildProgram, buildStructure, parseOutsideFile, parseWorkspaceFile, syntacticDiagnostics, type BuiltProgram } from './program';
import { wordPattern } from './reach';
import { importStub } from './import-stub';
import { structureStillHolds, rememberHost } from './structure-reuse';
import { applySuppressions } from './suppressions';
import type { Rule, RuleContext, Signal } from './rule';
import { changedSpan, compareText, rangeOf } from './text';
import type { FileResult, Finding, LintInput, LintOutput, SourceFile } from './types';
import { augments, isModule, type FileUnits } from './units';
import type { Value } from './values';
import { wholeProgramScope, WorkspaceIndex, type WorkspaceScope } from './workspace';

/** The id internal errors of fact extraction (not of one rule) are reported under. */
export const ANALYSIS_ERROR_ID = 'streamwise/analysis';
/** The id a file is reported under when its analysis ran over its time limit (its findings are dropped). */
export const TIME_LIMIT_ID = 'streamwise/time-limit';

/** Reuse between runs over the same workspace (the language server), or the exhaustive reference run. */
export interface LintOptions {
  /** The program of the previous run; unchanged files and module resolutions are reused. */
  oldProgram?: ts.Program;
  /** Receives this run's program, to pass back as `oldProgram` next time. */
  onProgram?: (program: ts.Program) => void;
  /** What a long-lived caller keeps between runs over the same workspace (the language server); see cache.ts. */
  cache?: LintCache;
  /** Analyse every file in one program, without the pre-filter: the reference it must match. */
  exhaustive?: boolean;
  /**
   * Per-file budget in ms for fact extraction plus rules, checked between those steps and inside
   * client recognition (where one call can fan out through chains of declarations); a file over it
   * gets only a TIME_LIMIT_ID internal error.
   */
  fileTimeLimitMs?: (path: string) => number | undefined;
  /** Receives each linted file's analysis time in ms (fact extraction plus rules). */
  onFileTime?: (path: string, ms: number) => void;
}

/** `onIndex` lets a caller read the workspace index (the messaging map) without a second program build. */
export function lint(input: LintInput, rules: readonly Rule<unknown>[], onIndex?: (index: WorkspaceIndex) => void, options: LintOptions = {}): LintOutput {
  const typed = input.moduleHost !== undefined;
  const targets = input.targets ?? input.files.map((f) => f.path);
  const targetSet = new Set(targets);
  const ruleIds = new Set(rules.map((r) => r.meta.id));
  const trees = new Trees(input.files, options.oldProgram);
  const outside = new Map<string, FileResult>();
  const plan = options.exhaustive
    ? undefined
    : new AnalysisPlan({
        files: input.files,
        typed,
        tree: (p) => trees.get(p),
        outsideTree: (p) => trees.outside(p),
        cache: options.cache?.traits,
        // A target the program may leave out gets its syntax errors and directives now, while its tree is at hand.
        onTree: (p, sf) => {
          if (targetSet.has(p) && !outside.has(p)) outside.set(p, outsideResult(p, sf, ruleIds));
        },
        release: (p) => trees.release(p),
        units: options.cache?.units,
        index: options.cache?.words,
        memo: options.cache,
      });
  options.cache?.begin(input.files, typed, (p) => {
    // A change to a file with globals (a script, an augmentation), before or after it, may reach any analysis.
    const global = (sf: ts.SourceFile) => !isModule(sf) || augments(sf);
    const before = options.oldProgram?.getSourceFile(p) ?? options.cache?.structure?.getSourceFile(p);
    const old = options.cache?.traits.get(p);
    const wasGlobal = before ? global(before) : old ? !old.module || old.augments : true;
    return wasGlobal || global(trees.get(p));
  });
  // With typings, a program over part of the workspace must load what the whole workspace loads:
  // the structure program lists those typings (and tells which of them expose client types).
  const workspace = new Set(input.files.map((f) => f.path));
  let roots: string[] = [];
  if (plan && input.moduleHost) {
    const kept = options.cache?.structure;
    // While no edit changed what a file loads, the last structure still answers (see structure-reuse.ts for its outdated trees).
    const reusable = kept && structureStillHolds(kept, input.files, input.moduleHost, (p) => (options.oldProgram?.getSourceFile(p) ? trees.get(p) : trees.outside(p)));
    // What a file whose text shows nothing to analyse loads is read from a scan of its text, not a parse
    // (import-stub.ts). Any other file may well be analysed: a one-shot run parses it once, as the
    // program would, for both. A long-lived caller keeps the structure, and the tree of an edited file
    // is reparsed incrementally, which moves the nodes of the tree it starts from: the structure must
    // not hold that one (structure-reuse.ts reads where its statements are).
    const outside = (p: string) => (plan.provenByText(p) ? (!trees.peek(p) && importStub(p, trees.text(p))) || trees.outside(p) : options.cache ? trees.outside(p) : trees.get(p));
    const structure = reusable ? kept : buildStructure(input.files, input.moduleHost, kept, outside, (p) => trees.peek(p));
    if (!reusable) rememberHost(structure, input.moduleHost);
    if (options.cache) options.cache.structure = structure;
    trees.structure = structure;
    roots = structure.getSourceFiles().map((sf) => sf.fileName).filter((f) => !workspace.has(f));
    plan.start(structure);
  } else plan?.start();
  // The last run's program is where this one starts: more files than needed change no answer.
  if (plan && options.cache) plan.include(options.cache.included);
  const onImports = options.cache ? importsInto(options.cache) : undefined;
  const build = (previous: ts.Program | undefined) => buildProgram(input.files, input.moduleHost, previous, { workspace: input.files, include: plan?.included, parsed: (p) => trees.peek(p), roots, onImports });
  let built = build(options.oldProgram);
  const inProgram = (path: string) => !plan || plan.included.has(path);
  const analysed = (path: string) => !plan || plan.analysed.has(path);

  for (;;) {
    const pass = runPass(built, input, rules, plan, inProgram, analysed, targetSet, options.cache, options);
    if (plan && pass.grew) {
      // The analysis needed files the program left out, or found more files clients reach: run again.
      built = build(built.program);
      continue;
    }
    onIndex?.(pass.index);
    options.onProgram?.(built.program);
    const results: FileResult[] = [];
    for (const path of targets) {
      const result = pass.results.get(path);
      // A file with findings is one a user acts on (and `--fix` edits): its syntax always counts.
      const quiet = result && result.findings.length === 0 && (result.suppressed?.length ?? 0) === 0;
      if (result) results.push(quiet && plan?.syntaxUnchecked(path) ? { ...result, syntaxErrors: [], syntaxUnchecked: true } : result);
      // Decided by the text, not by how this run learnt the file's traits (an earlier run may have parsed it).
      else if (trees.has(path)) results.push(plan?.syntaxUnchecked(path) ? uncheckedResult(path) : outside.get(path) ?? outsideResult(path, trees.outside(path), ruleIds));
    }
    return { files: results, typed };
  }
}

/**
 * Made outside `lint`: the program keeps this callback, and a closure made inside `lint` would keep
 * `lint`'s whole scope (V8 shares one context among a function's closures), the previous program
 * included, so a long session would keep every program it built.
 */
function importsInto(cache: LintCache): (file: string, resolved: string[]) => void {
  return (file, resolved) => cache.imports.set(file, resolved);
}

interface Pass {
  grew: boolean;
  index: WorkspaceIndex;
  results: Map<string, FileResult>;
}

function runPass(built: BuiltProgram, input: LintInput, rules: readonly Rule<unknown>[], plan: AnalysisPlan | undefined, inProgram: (p: string) => boolean, analysed: (p: string) => boolean, targets: ReadonlySet<string>, cache: LintCache | undefined, timing: Pick<LintOptions, 'fileTimeLimitMs' | 'onFileTime'> = {}): Pass {
  const { program, checker, typed } = built;
  const programFiles = input.files.filter((f) => inProgram(f.path)).map((f) => program.getSourceFile(f.path)).filter((sf): sf is ts.SourceFile => sf !== undefined);
  const scope = plan ? planScope(plan, programFiles, input.files) : { ...wholeProgramScope(programFiles), grew: false };
  const extractor = new FactExtractor(checker, typed, programFiles, scope);
  const facts = new Map<string, FileFacts>();
  const analysisErrors = new Map<string, string>();
  const extractionMs = new Map<string, number>();
  const overTime = new Set<string>();
  const deadline = (path: string, started: number) => started + (timing.fileTimeLimitMs?.(path) ?? Infinity);
  /** Analyses kept from an earlier run (still valid, see LintCache.begin), and what this pass finds of the others. */
  const kept = new Map<string, KeptAnalysis>();
  const found = new Map<string, { scanned: Set<string>; recipients: KeptAnalysis['recipients']; foreign?: ForeignEndpoint[]; reached?: number[]; statements?: StatementRecord[]; untouched?: ReadonlySet<ts.Node> }>();
  /** Statement facts read in this pass (the others were kept from before an edit). */
  const fresh = new Set<NonNullable<StatementRecord['walked']>>();
  for (const sf of programFiles) {
    const path = sf.fileName;
    if (!analysed(path)) {
      facts.set(path, { file: path, sourceFile: sf, calls: [], creations: [], analysed: false });
      continue;
    }
    // Which statements the reach says may handle a client: only those are walked for facts.
    const reached = plan ? sf.statements.filter((s) => plan.isReached(path, s.pos)).map((s) => s.pos) : undefined;
    const earlier = plan ? cache?.analyses.get(path) : undefined;
    // Facts read from more statements than the reach holds now are the same facts: what the reach leaves out holds no client.
    if (earlier && earlier.text === sf.text && earlier.facts.sourceFile === sf && covers(earlier.reached, reached)) {
      kept.set(path, earlier);
      facts.set(path, earlier.facts);
      continue;
    }
    const started = performance.now();
    // Recognition can take long on one file (chains of declarations): its deadline stops it there.
    extractor.clients.deadline = deadline(path, started);
    try {
      const walked = reached && new Set(reached);
      if (plan && cache && walked) {
        // A long-lived caller: facts are read statement by statement, so an edit re-reads only what it may change.
        const { result, scanned, statements, untouched } = extractByStatement(extractor, sf, plan.unitsFor(path), walked, cache.edited.get(path), fresh);
        facts.set(path, result);
        found.set(path, { scanned, recipients: statements.flatMap((r) => r.walked?.recipients ?? []), reached, statements, untouched });
      } else {
        const { result, scanned } = extractor.clients.scannedDuring(() => extractor.extract(sf, walked && ((s) => walked.has(s.pos))));
        facts.set(path, result);
        found.set(path, { scanned: new Set(scanned), recipients: [], reached });
      }
    } catch (error) {
      // One file the extractor cannot handle must not cost the others their results.
      if (error instanceof AnalysisTimeout) overTime.add(path);
      else analysisErrors.set(path, error instanceof Error ? error.message : String(error));
      facts.set(path, { file: path, sourceFile: sf, calls: [], creations: [], analysed: true });
    }
    extractionMs.set(path, performance.now() - started);
  }
  extractor.clients.deadline = Infinity;
  const empty = { grew: true, index: new WorkspaceIndex(new Map()), results: new Map() };
  if (plan) {
    let grew = false;
    // A kept analysis found its recipients before: they are analysed again without tracing.
    for (const k of kept.values()) for (const r of k.recipients) grew = plan.reachAt(r.path, r.pos) || grew;
    // So did the statements an edit left alone.
    for (const entry of found.values()) for (const r of entry.statements ?? []) if (r.walked && !fresh.has(r.walked)) for (const at of r.walked.recipients) grew = plan.reachAt(at.path, at.pos) || grew;
    const probed = programFiles.filter((sf) => analysed(sf.fileName) && !kept.has(sf.fileName));
    const records = new Map<ts.Statement, StatementRecord>();
    for (const entry of found.values()) for (const r of entry.statements ?? []) records.set(r.node, r);
    // A statement whose facts were kept keeps its recipients too: only the others are probed.
    const needsProbe = (statement: ts.Statement) => {
      const walked = records.get(statement)?.walked;
      return walked === undefined || fresh.has(walked);
    };
    grew = findRecipients(built, plan, probed, needsProbe, cache !== undefined, (path, statement, recipient, scanned) => {
      const entry = found.get(path);
      if (!entry) return;
      if (recipient) entry.recipients.push(recipient);
      for (const s of scanned) entry.scanned.add(s);
      const walked = records.get(statement)?.walked;
      if (walked && fresh.has(walked)) {
        if (recipient) walked.recipients.push(recipient);
        for (const s of scanned) (walked.scanned as Set<string>).add(s);
      }
    }) || grew;
    if (grew || plan.include(built.misses) || scope.grew) return empty;
    // Only now, with the analysis of this program done, are the other files' traits needed.
    if (plan.completeTraits()) return empty;
  }

  const foreign: ForeignEndpoint[] = [];
  for (const f of input.files) {
    const file = facts.get(f.path);
    if (file?.analysed) {
      const mine = kept.get(f.path)?.foreign ?? foreignEndpoints(file.sourceFile, extractor.values, new Set(file.calls.map((c) => c.node)));
      const entry = found.get(f.path);
      if (entry) entry.foreign = mine;
      foreign.push(...mine);
    } else {
      const known = plan?.foreignWithoutChecker(f.path);
      if (known) foreign.push(...known);
      else if (file) foreign.push(...foreignEndpoints(file.sourceFile, extractor.values, new Set()));
    }
  }
  if (plan && (plan.include(built.misses) || scope.grew)) return empty;

  const index = new WorkspaceIndex(facts, foreign, scope);
  // The rules' values of what this run kept are the last run's.
  if (plan && cache) extractor.values.memo = { kept: keptValues(cache.values, kept, (p) => found.get(p)?.untouched), found: new Map() };
  const results = new Map<string, FileResult>();
  for (const [path, fileFacts] of facts) {
    if (!targets.has(path)) continue;
    const started = performance.now() - (extractionMs.get(path) ?? 0);
    const limit = timing.fileTimeLimitMs?.(path);
    if (overTime.has(path)) {
      results.set(path, timedOut(path, limit!));
      continue;
    }
    const overBudget = limit === undefined ? () => false : () => performance.now() - started > limit;
    extractor.clients.deadline = deadline(path, started);
    const result = lintFile(fileFacts, index, extractor, built, input, rules, overBudget) ?? timedOut(path, limit!);
    extractor.clients.deadline = Infinity;
    timing.onFileTime?.(path, performance.now() - started);
    const analysisError = analysisErrors.get(path);
    if (analysisError) {
      result.internalErrors.unshift({ ruleId: ANALYSIS_ERROR_ID, message: analysisError });
      // No rule saw this file's facts, so no directive could have been used.
      result.unusedDisables = [];
    }
    results.set(path, result);
  }
  const grew = plan !== undefined && (plan.include(built.misses) || scope.grew);
  if (!grew && cache && plan) {
    // This pass is the run's last: what it found holds for the next run too, as far as LintCache.begin lets it.
    for (const [path, entry] of found) {
      const file = facts.get(path)!;
      cache.analyses.set(path, { text: file.sourceFile.text, facts: file, foreign: entry.foreign ?? [], recipients: entry.recipients, scanned: entry.scanned, reached: entry.reached, statements: entry.statements });
    }
    cache.included = new Set(plan.included);
    const memo = extractor.values.memo;
    if (memo) cache.values = new Map([...memo.kept, ...memo.found]);
  }
  return { grew, index, results };
}

/**
 * A file's facts read statement by statement, each statement's kept with what it gave. After an
 * edit of this file alone (`earlier`), a statement the edit left alone keeps its facts unless it may
 * depend on one the edit touched (see `untouched`).
 */
function extractByStatement(extractor: FactExtractor, sf: ts.SourceFile, units: FileUnits, walked: ReadonlySet<number>, earlier: KeptAnalysis | undefined, fresh: Set<NonNullable<StatementRecord['walked']>>): { result: FileFacts; scanned: Set<string>; statements: StatementRecord[]; untouched: ReadonlySet<ts.Node> } {
  const keep = earlier?.statements ? untouched(earlier.statements, sf, units) : new Map<ts.Statement, StatementRecord>();
  const result: FileFacts = { file: sf.fileName, sourceFile: sf, calls: [], creations: [], analysed: true };
  // Literal classifications of the statements kept hold as their facts do.
  for (const [literal, type] of earlier?.facts.literalTypes ?? []) {
    if (keep.has(topStatement(literal) as ts.Statement)) (result.literalTypes ??= new Map()).set(literal, type);
  }
  const scanned = new Set<string>();
  const statements: StatementRecord[] = [];
  sf.statements.forEach((statement, i) => {
    const record: StatementRecord = { node: statement, names: namesOf(units, i) };
    if (walked.has(statement.pos)) {
      let facts = keep.get(statement)?.walked;
      if (!facts) {
        const read = extractor.clients.scannedDuring(() => extractor.extractFrom(sf, [statement]));
        facts = { calls: read.result.calls, creations: read.result.creations, recipients: [], scanned: new Set(read.scanned) };
        fresh.add(facts);
      }
      record.walked = facts;
      result.calls.push(...facts.calls);
      result.creations.push(...facts.creations);
      for (const f of facts.scanned) scanned.add(f);
    }
    statements.push(record);
  });
  return { result, scanned, statements, untouched: new Set(keep.keys()) };
}

/**
 * The values earlier runs resolved that still hold: those in a file whose analysis is kept whole
 * (same tree, nothing it depends on changed), and those in a statement an edit left untouched.
 * Values follow names exactly as facts do, so they are kept by the same rule.
 */
function keptValues(values: ReadonlyMap<ts.Node, Value>, kept: ReadonlyMap<string, KeptAnalysis>, untouched: (path: string) => ReadonlySet<ts.Node> | undefined): Map<ts.Node, Value> {
  const out = new Map<ts.Node, Value>();
  for (const [node, value] of values) {
    const top = topStatement(node);
    const sf = top.parent;
    if (!sf || !ts.isSourceFile(sf)) continue;
    if (kept.get(sf.fileName)?.facts.sourceFile === sf || untouched(sf.fileName)?.has(top)) out.set(node, value);
  }
  return out;
}

/** The top-level statement holding a node (of a bound tree). */
function topStatement(node: ts.Node): ts.Node {
  let n = node;
  while (n.parent && !ts.isSourceFile(n.parent)) n = n.parent;
  return n;
}

/** What other statements may know a statement by: the names it declares or assigns. */
function namesOf(units: FileUnits, index: number): string[] {
  const unit = units.units[index];
  return [...unit.declares, ...units.assigns(unit)];
}

/**
 * Statements of the edited file whose earlier facts still hold: the incremental parser kept their
 * node (their text is unchanged) and they mention no name of a statement the edit touched — or of
 * one that must be read again itself, transitively — since facts follow names (a declaration, an
 * assignment) and the checker resolves within a file by name. A statement whose traces read call
 * sites anywhere is always read again: call sites name it, not the other way round.
 */
function untouched(before: readonly StatementRecord[], sf: ts.SourceFile, units: FileUnits): Map<ts.Statement, StatementRecord> {
  const earlier = new Map(before.map((r) => [r.node, r]));
  const now = new Set<ts.Statement>(sf.statements);
  const touched = new Set<string>();
  for (const r of before) if (!now.has(r.node)) for (const n of r.names) touched.add(n);
  const candidates = new Map<number, StatementRecord>();
  sf.statements.forEach((statement, i) => {
    const record = earlier.get(statement);
    if (record && (record.walked?.scanned.size ?? 0) === 0) candidates.set(i, record);
    else for (const n of namesOf(units, i)) touched.add(n);
  });
  for (let grew = true; grew; ) {
    grew = false;
    for (const [i, record] of candidates) {
      const words = units.words(units.units[i]);
      if (!record.names.some((n) => touched.has(n)) && ![...touched].some((n) => words.has(n))) continue;
      candidates.delete(i);
      for (const n of record.names) touched.add(n);
      grew = true;
    }
  }
  return new Map([...candidates.values()].map((r) => [r.node, r]));
}

/**
 * Calls in analysed files that hand a client to a function, method or class elsewhere: the
 * recipient's untyped parameter then holds a client, so its file is analysed too. A recognizer of
 * its own keeps these traces out of the run's caches. What its traces miss stays asked for: the
 * checker keeps what it resolved, so a later question through the same import would not ask again.
 * Only the reached statements `wanted` admits are probed (an edit's kept statements keep their
 * recipients). `onFile` hears, per statement, each recipient and the files whose call sites the
 * traces read; a caller that keeps neither (`keeps` false) is spared the traces for a callee the
 * reach already holds, which would change nothing for it (usually every one: handlers and helpers
 * live beside the client code that calls them).
 */
function findRecipients(built: BuiltProgram, plan: AnalysisPlan, files: ts.SourceFile[], wanted: (statement: ts.Statement) => boolean, keeps: boolean, onFile: (path: string, statement: ts.Statement, recipient: { path: string; pos: number } | undefined, scanned: ReadonlySet<string>) => void): boolean {
  const seen = new Map<string, ts.SourceFile[]>();
  const mentioning = (words: Iterable<string>) => {
    const list = [...words];
    const key = list.join('\n');
    let found = seen.get(key);
    if (!found) {
      const pattern = wordPattern(list);
      seen.set(key, (found = pattern ? files.filter((sf) => pattern.test(plan.matchText(sf.fileName))) : []));
    }
    return found;
  };
  const quiet: WorkspaceScope = { texts: new Map(), filesMentioning: mentioning, filesReferencing: () => files };
  const probe = new ClientRecognizer(built.checker, built.typed, files, quiet);
  let grew = false;
  for (const sf of files) {
    let statement: ts.Statement;
    const visit = (n: ts.Node): void => {
      if ((ts.isCallExpression(n) || ts.isNewExpression(n)) && n.arguments && n.arguments.length > 0 && ClientRecognizer.mayHandClient(n)) {
        // The callee first: most calls here invoke a client or a library, whose arguments need no trace.
        const { result: recipient, scanned } = probe.scannedDuring(() => {
          const callee = probe.calleeDeclaration(n);
          if (!callee || (!keeps && plan.isReached(callee.getSourceFile().fileName, callee.pos))) return undefined;
          return probe.handsClient(n) ? callee : undefined;
        });
        const at = recipient ? { path: recipient.getSourceFile().fileName, pos: recipient.pos } : undefined;
        onFile(sf.fileName, statement, at, scanned);
        if (at) grew = plan.reachAt(at.path, at.pos) || grew;
      }
      n.forEachChild(visit);
    };
    // A statement the pre-filter did not reach mentions nothing a client could come from: its arguments are none.
    for (statement of sf.statements) if (plan.isReached(sf.fileName, statement.pos) && wanted(statement)) visit(statement);
  }
  return grew;
}

/** The scope rules and recognition see: program files by name, with the pre-filter told about the rest. */
function planScope(plan: AnalysisPlan, programFiles: ts.SourceFile[], files: readonly SourceFile[]): WorkspaceScope & { grew: boolean } {
  const texts = new Map(files.map((f) => [f.path, f.text]));
  /** Answers by question: the program does not change during a pass, and asking again adds nothing. */
  const asked = new Map<string, ts.SourceFile[]>();
  const scope = {
    texts,
    grew: false,
    filesMentioning(words: Iterable<string>, filter?: RegExp): ts.SourceFile[] {
      const list = [...words];
      const key = `${list.join('\n')}\n${filter?.source ?? ''}`;
      const known = asked.get(key);
      if (known) return known;
      const pattern = wordPattern(list);
      if (!pattern) return [];
      if (plan.includeMentioning(list, filter)) scope.grew = true;
      const found = programFiles.filter((sf) => pattern.test(plan.matchText(sf.fileName)) && (!filter || filter.test(plan.matchText(sf.fileName))));
      asked.set(key, found);
      return found;
    },
    filesReferencing(declaration: ts.Node, filter?: RegExp): ts.SourceFile[] {
      const path = declaration.getSourceFile().fileName;
      if (!texts.has(path)) return [];
      if (plan.includeReferencing(path, declaration.pos, filter)) scope.grew = true;
      const found = plan.referencing(path, declaration.pos);
      return programFiles.filter((sf) => found.has(sf.fileName) && (!filter || filter.test(plan.matchText(sf.fileName))));
    },
  };
  return scope;
}

/** Trees of workspace files: the previous run's where the text is unchanged, else parsed as the program would. */
class Trees {
  private readonly texts: Map<string, string>;
  private readonly parsed = new Map<string, ts.SourceFile>();
  /** With types, the structure program holds a tree of every file. */
  structure: ts.Program | undefined;

  constructor(files: readonly SourceFile[], private readonly old: ts.Program | undefined) {
    this.texts = new Map(files.map((f) => [f.path, f.text]));
  }

  has(path: string): boolean {
    return this.texts.has(path);
  }

  text(path: string): string {
    return this.texts.get(path)!;
  }

  peek(path: string): ts.SourceFile | undefined {
    return this.parsed.get(path);
  }

  get(path: string): ts.SourceFile {
    const text = this.texts.get(path)!;
    const parsed = this.parsed.get(path);
    if (parsed && parsed.text === text) return parsed;
    const old = this.old?.getSourceFile(path);
    if (old && old.text === text) return old;
    // An edited file (the language server): reparse only around the change, as TypeScript's own
    // language service does. The previous program's tree is given up to it: that program is done.
    const sf = old && !parsed ? reparse(old, text) : parseWorkspaceFile(path, text);
    this.parsed.set(path, sf);
    return sf;
  }

  /** A tree for syntax errors and traits only: a known one, else a cheaper parse that is not kept. */
  outside(path: string): ts.SourceFile {
    const text = this.texts.get(path)!;
    const known = this.parsed.get(path) ?? this.structure?.getSourceFile(path) ?? this.old?.getSourceFile(path);
    return known && known.text === text ? known : parseOutsideFile(path, text);
  }

  /** The pre-filter is done with this tree and the program will not hold it: let it go. */
  release(path: string): void {
    this.parsed.delete(path);
  }
}

/** Does the text have syntax errors, as a run that checks them would report? (For files a run left unchecked.) */
export function hasSyntaxErrors(path: string, text: string): boolean {
  return syntacticDiagnostics(parseWorkspaceFile(path, text)).length > 0;
}

/** `old` reparsed to `text` incrementally: only the nodes the change touches are parsed again. */
function reparse(old: ts.SourceFile, text: string): ts.SourceFile {
  const { start, oldEnd, newEnd } = changedSpan(old.text, text);
  return ts.updateSourceFile(old, text, { span: { start, length: oldEnd - start }, newLength: newEnd - start });
}

/** A target the program left out: no finding can be in it (see ARCHITECTURE.md); its syntax errors and directives still count. */
function outsideResult(path: string, sf: ts.SourceFile, ruleIds: ReadonlySet<string>): FileResult {
  const result: FileResult = { path, findings: [], syntaxErrors: syntaxErrorsOf(sf, syntacticDiagnostics(sf)), internalErrors: [] };
  const applied = applySuppressions(sf, [], ruleIds);
  result.findings = applied.findings;
  result.suppressed = applied.suppressed;
  result.unusedDisables = applied.unused;
  result.directiveProblems = applied.problems;
  return result;
}

/** A target left out whose text shows it holds no messaging code and no directive: nothing is reported (usually it was never parsed). */
function uncheckedResult(path: string): FileResult {
  return { path, findings: [], syntaxErrors: [], internalErrors: [], suppressed: [], unusedDisables: [], directiveProblems: [], syntaxUnchecked: true };
}

function syntaxErrorsOf(sf: ts.SourceFile, diagnostics: readonly ts.Diagnostic[]): FileResult['syntaxErrors'] {
  return diagnostics.map((d) => {
    const start = d.start ?? 0;
    return { message: ts.flattenDiagnosticMessageText(d.messageText, '\n'), range: rangeOf(sf, start, start + (d.length ?? 0)) };
  });
}

/** Were facts read from `walked` statements (every one when undefined) enough for the statements `needed` now? */
function covers(walked: readonly number[] | undefined, needed: readonly number[] | undefined): boolean {
  if (walked === undefined) return true;
  if (needed === undefined) return false;
  const had = new Set(walked);
  return needed.every((pos) => had.has(pos));
}

/** What is left of a file whose analysis ran over its time limit: partial findings could mislead, so none. */
function timedOut(path: string, limit: number): FileResult {
  const message = `analysis took longer than ${limit} ms; no findings are reported for this file.`;
  return { path, findings: [], syntaxErrors: [], internalErrors: [{ ruleId: TIME_LIMIT_ID, message }], suppressed: [], unusedDisables: [], directiveProblems: [] };
}

/** The file's result, or undefined once it runs over its time budget. */
function lintFile(file: FileFacts, index: WorkspaceIndex, extractor: FactExtractor, built: BuiltProgram, input: LintInput, rules: readonly Rule<unknown>[], overBudget: () => boolean = () => false): FileResult | undefined {
  const { checker, typed, program } = built;
  const sf = file.sourceFile;
  const result: FileResult = { path: file.file, findings: [], syntaxErrors: syntaxErrorsOf(sf, program.getSyntacticDiagnostics(sf)), internalErrors: [] };
  const config = input.fileConfigs?.[file.file] ?? input.config;
  for (const rule of rules) {
    const setting = config.rules[rule.meta.id];
    const severity = setting?.severity ?? rule.meta.defaultSeverity;
    if (severity === 'off') continue;
    if (overBudget()) return undefined;
    const ctx: RuleContext = { file, sourceFile: sf, index, values: extractor.values, clients: extractor.clients, checker, typed, options: setting?.options ?? {}, config };
    try {
      for (const signal of rule.check(ctx)) {
        result.findings.push(toFinding(rule, signal, ctx, severity));
        if (overBudget()) break;
      }
    } catch (error) {
      if (error instanceof AnalysisTimeout) return undefined;
      result.internalErrors.push({ ruleId: rule.meta.id, message: error instanceof Error ? error.message : String(error) });
    }
  }
  if (overBudget()) return undefined;
  result.findings.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end || compareText(a.ruleId, b.ruleId));
  const applied = applySuppressions(sf, result.findings, new Set(rules.map((r) => r.meta.id)));
  const failed = new Set(result.internalErrors.map((e) => e.ruleId));
  result.findings = applied.findings;
  result.suppressed = applied.suppressed;
  // A rule that threw reported nothing: its directives are not known to be unused.
  result.unusedDisables = applied.unused.filter((u) => failed.size === 0 || (u.listedRuleId !== null && !failed.has(u.listedRuleId)));
  result.directiveProblems = applied.problems;
  return result;
}

function toFinding(rule: Rule<unknown>, signal: Signal<unknown>, ctx: RuleContext, severity: Finding['severity']): Finding {
  const sf = ctx.sourceFile;
  const [start, end] = signal.range ?? [signal.node.getStart(sf), signal.node.getEnd()];
  const finding: Finding = { ruleId: rule.meta.id, severity, message: rule.message(signal.data, ctx), range: rangeOf(sf, start, end) };
  if (rule.meta.fixKind === 'fix' && rule.fix) {
    const fix = rule.fix(signal, ctx);
    if (fix && fix.length > 0) finding.fix = fix;
  }
  if (rule.meta.fixKind === 'suggestion' && rule.suggest) {
    const suggestions = rule.suggest(signal, ctx);
    if (suggestions.length > 0) finding.suggestions = suggestions;
  }
  return finding;
}
