// Runs rules over a workspace: builds the program, extracts facts once, queries rules, isolates rule failures, applies suppression comments.
import ts from 'typescript';
import { AnalysisTimeout } from './clients';
import { FactExtractor, type FileFacts } from './facts';
import { buildProgram } from './program';
import { applySuppressions } from './suppressions';
import type { Rule, RuleContext, Signal } from './rule';
import { rangeOf } from './text';
import type { FileResult, Finding, LintInput, LintOutput } from './types';
import { WorkspaceIndex } from './workspace';

/** The id internal errors of fact extraction (not of one rule) are reported under. */
export const ANALYSIS_ERROR_ID = 'streamwise/analysis';
/** The id a file is reported under when its analysis ran over its time limit (its findings are dropped). */
export const TIME_LIMIT_ID = 'streamwise/time-limit';

/** For callers that lint the same workspace repeatedly (the language server): reuse the previous program. */
export interface LintOptions {
  /** The program of the previous run; unchanged files and module resolutions are reused. */
  oldProgram?: ts.Program;
  /** Receives this run's program, to pass back as `oldProgram` next time. */
  onProgram?: (program: ts.Program) => void;
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
  const { program, checker, typed } = buildProgram(input.files, input.moduleHost, options.oldProgram);
  options.onProgram?.(program);
  const workspace = input.files.map((f) => program.getSourceFile(f.path)).filter((sf): sf is ts.SourceFile => sf !== undefined);
  const extractor = new FactExtractor(checker, typed, workspace);
  const facts = new Map<string, FileFacts>();
  const analysisErrors = new Map<string, string>();
  const extractionMs = new Map<string, number>();
  const overTime = new Set<string>();
  // Recognition can take long on one file (chains of declarations); its deadline stops it there.
  const deadline = (path: string, started: number) => started + (options.fileTimeLimitMs?.(path) ?? Infinity);
  for (const f of input.files) {
    const sf = program.getSourceFile(f.path);
    if (!sf) continue;
    const started = performance.now();
    extractor.clients.deadline = deadline(f.path, started);
    try {
      facts.set(f.path, extractor.extract(sf));
    } catch (error) {
      // One file the extractor cannot handle (nested too deeply to walk, say) must not cost the others
      // their results: it stays out of the index, so no cross-file rule walks it either.
      if (error instanceof AnalysisTimeout) overTime.add(f.path);
      else analysisErrors.set(f.path, error instanceof Error ? error.message : String(error));
    }
    extractionMs.set(f.path, performance.now() - started);
  }
  extractor.clients.deadline = Infinity;
  const index = new WorkspaceIndex(facts);
  onIndex?.(index);
  const targets = input.targets ?? input.files.map((f) => f.path);
  const results: FileResult[] = [];
  for (const path of targets) {
    const limit = options.fileTimeLimitMs?.(path);
    if (overTime.has(path)) {
      results.push(timedOut(path, limit!));
      continue;
    }
    const analysisError = analysisErrors.get(path);
    if (analysisError !== undefined) {
      results.push(failedFile(program, program.getSourceFile(path)!, analysisError));
      continue;
    }
    const fileFacts = facts.get(path);
    if (!fileFacts) continue;
    const started = performance.now() - (extractionMs.get(path) ?? 0);
    const overBudget = limit === undefined ? () => false : () => performance.now() - started > limit;
    extractor.clients.deadline = deadline(path, started);
    const result = lintFile(fileFacts, index, extractor, checker, typed, input, rules, program, overBudget) ?? timedOut(path, limit!);
    options.onFileTime?.(path, performance.now() - started);
    results.push(result);
  }
  extractor.clients.deadline = Infinity;
  return { files: results, typed };
}

/** A file whose facts could not be extracted: no rule ran on it, so only its syntax errors and the failure. */
function failedFile(program: ts.Program, sf: ts.SourceFile, message: string): FileResult {
  const internalErrors = [{ ruleId: ANALYSIS_ERROR_ID, message }];
  return { path: sf.fileName, findings: [], syntaxErrors: syntaxErrorsOf(program, sf), internalErrors, suppressed: [], unusedDisables: [], directiveProblems: [] };
}

function syntaxErrorsOf(program: ts.Program, sf: ts.SourceFile): FileResult['syntaxErrors'] {
  return program.getSyntacticDiagnostics(sf).map((d) => {
    const start = d.start ?? 0;
    return { message: ts.flattenDiagnosticMessageText(d.messageText, '\n'), range: rangeOf(sf, start, start + (d.length ?? 0)) };
  });
}

/** What is left of a file whose analysis ran over its time limit: partial findings could mislead, so none. */
function timedOut(path: string, limit: number): FileResult {
  const message = `analysis took longer than ${limit} ms; no findings are reported for this file.`;
  return { path, findings: [], syntaxErrors: [], internalErrors: [{ ruleId: TIME_LIMIT_ID, message }], suppressed: [], unusedDisables: [], directiveProblems: [] };
}

/** The file's result, or undefined once it runs over its time budget. */
function lintFile(file: FileFacts, index: WorkspaceIndex, extractor: FactExtractor, checker: ts.TypeChecker, typed: boolean, input: LintInput, rules: readonly Rule<unknown>[], program: ts.Program, overBudget: () => boolean): FileResult | undefined {
  const sf = file.sourceFile;
  const result: FileResult = { path: file.file, findings: [], syntaxErrors: syntaxErrorsOf(program, sf), internalErrors: [] };
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
  result.findings.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end || a.ruleId.localeCompare(b.ruleId));
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
