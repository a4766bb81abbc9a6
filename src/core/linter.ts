// Runs rules over a workspace: builds the program, extracts facts once, queries rules, isolates rule failures, applies suppression comments.
import ts from 'typescript';
import { FactExtractor, type FileFacts } from './facts';
import { buildProgram } from './program';
import { applySuppressions } from './suppressions';
import type { Rule, RuleContext, Signal } from './rule';
import { rangeOf } from './text';
import type { FileResult, Finding, LintInput, LintOutput } from './types';
import { WorkspaceIndex } from './workspace';

/** The id internal errors of fact extraction (not of one rule) are reported under. */
export const ANALYSIS_ERROR_ID = 'streamwise/analysis';

/** For callers that lint the same workspace repeatedly (the language server): reuse the previous program. */
export interface LintOptions {
  /** The program of the previous run; unchanged files and module resolutions are reused. */
  oldProgram?: ts.Program;
  /** Receives this run's program, to pass back as `oldProgram` next time. */
  onProgram?: (program: ts.Program) => void;
}

/** `onIndex` lets a caller read the workspace index (the messaging map) without a second program build. */
export function lint(input: LintInput, rules: readonly Rule<unknown>[], onIndex?: (index: WorkspaceIndex) => void, options: LintOptions = {}): LintOutput {
  const { program, checker, typed } = buildProgram(input.files, input.moduleHost, options.oldProgram);
  options.onProgram?.(program);
  const workspace = input.files.map((f) => program.getSourceFile(f.path)).filter((sf): sf is ts.SourceFile => sf !== undefined);
  const extractor = new FactExtractor(checker, typed, workspace);
  const facts = new Map<string, FileFacts>();
  const analysisErrors = new Map<string, string>();
  for (const f of input.files) {
    const sf = program.getSourceFile(f.path);
    if (!sf) continue;
    try {
      facts.set(f.path, extractor.extract(sf));
    } catch (error) {
      // One file the extractor cannot handle must not cost the others their results.
      analysisErrors.set(f.path, error instanceof Error ? error.message : String(error));
      facts.set(f.path, { file: f.path, sourceFile: sf, calls: [], creations: [] });
    }
  }
  const index = new WorkspaceIndex(facts);
  onIndex?.(index);
  const targets = input.targets ?? input.files.map((f) => f.path);
  const results: FileResult[] = [];
  for (const path of targets) {
    const fileFacts = facts.get(path);
    if (!fileFacts) continue;
    const result = lintFile(fileFacts, index, extractor, checker, typed, input, rules, program);
    const analysisError = analysisErrors.get(path);
    if (analysisError) {
      result.internalErrors.unshift({ ruleId: ANALYSIS_ERROR_ID, message: analysisError });
      // No rule saw this file's facts, so no directive could have been used.
      result.unusedDisables = [];
    }
    results.push(result);
  }
  return { files: results, typed };
}

function lintFile(file: FileFacts, index: WorkspaceIndex, extractor: FactExtractor, checker: ts.TypeChecker, typed: boolean, input: LintInput, rules: readonly Rule<unknown>[], program: ts.Program): FileResult {
  const sf = file.sourceFile;
  const result: FileResult = { path: file.file, findings: [], syntaxErrors: [], internalErrors: [] };
  for (const d of program.getSyntacticDiagnostics(sf)) {
    const start = d.start ?? 0;
    result.syntaxErrors.push({ message: ts.flattenDiagnosticMessageText(d.messageText, '\n'), range: rangeOf(sf, start, start + (d.length ?? 0)) });
  }
  const config = input.fileConfigs?.[file.file] ?? input.config;
  for (const rule of rules) {
    const setting = config.rules[rule.meta.id];
    const severity = setting?.severity ?? rule.meta.defaultSeverity;
    if (severity === 'off') continue;
    const ctx: RuleContext = { file, sourceFile: sf, index, values: extractor.values, clients: extractor.clients, checker, typed, options: setting?.options ?? {}, config };
    try {
      for (const signal of rule.check(ctx)) result.findings.push(toFinding(rule, signal, ctx, severity));
    } catch (error) {
      result.internalErrors.push({ ruleId: rule.meta.id, message: error instanceof Error ? error.message : String(error) });
    }
  }
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
