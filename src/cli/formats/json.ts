// ESLint's JSON result format, so existing ESLint tooling can read Streamwise output.
import type { FileResult, Finding, SourceRange, TextEdit } from '../../core/types';
import { compareText } from '../../core/text';

export interface EslintMessage {
  ruleId: string | null;
  severity: 1 | 2;
  severityName: 'info' | 'warning' | 'error';
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fatal?: boolean;
  fix?: { range: [number, number]; text: string };
  suggestions?: { desc: string; fix: { range: [number, number]; text: string } }[];
  /** On suppressed messages only: ESLint's kinds, 'directive' for comments and 'file' for baseline entries. */
  suppressions?: { kind: 'directive' | 'file'; justification: string }[];
}

export interface EslintResult {
  filePath: string;
  messages: EslintMessage[];
  suppressedMessages: EslintMessage[];
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  /** The fixed source, when --fix or --fix-dry-run changed the file (as ESLint reports it). */
  output?: string;
  usedDeprecatedRules: never[];
}

/** ESLint has one edit per fix: merge several into one span, keeping the text between them. */
export function mergeEdits(edits: readonly TextEdit[], source: string): { range: [number, number]; text: string } {
  const sorted = [...edits].sort((a, b) => a.range[0] - b.range[0]);
  const start = sorted[0].range[0];
  const end = sorted[sorted.length - 1].range[1];
  let text = '';
  let at = start;
  for (const e of sorted) {
    text += source.slice(at, e.range[0]) + e.text;
    at = e.range[1];
  }
  return { range: [start, end], text: text + source.slice(at, end) };
}

function toMessage(f: Finding, source: string): EslintMessage {
  const m: EslintMessage = {
    ruleId: f.ruleId,
    severity: f.severity === 'error' ? 2 : 1,
    severityName: f.severity,
    message: f.message,
    line: f.range.line,
    column: f.range.column,
    endLine: f.range.endLine,
    endColumn: f.range.endColumn,
  };
  if (f.fix) m.fix = mergeEdits(f.fix, source);
  if (f.suggestions) m.suggestions = f.suggestions.map((s) => ({ desc: s.desc, fix: mergeEdits(s.edits, source) }));
  return m;
}

export interface EslintResultOptions {
  /** Report unused `streamwise-disable` directives as warnings (ruleId null), as ESLint does. */
  reportUnusedDisables?: boolean;
}

export function toEslintResults(files: FileResult[], sources: ReadonlyMap<string, string>, notices: ReadonlyMap<string, string>, options: EslintResultOptions = {}): EslintResult[] {
  const results: EslintResult[] = [];
  for (const file of files) {
    const source = sources.get(file.path) ?? '';
    const messages: EslintMessage[] = [];
    for (const e of file.syntaxErrors.slice(0, 1)) {
      messages.push({ ruleId: null, fatal: true, severity: 2, severityName: 'error', message: `Parsing error: ${e.message}`, line: e.range.line, column: e.range.column, endLine: e.range.endLine, endColumn: e.range.endColumn });
    }
    for (const e of file.internalErrors) {
      messages.push({ ruleId: e.ruleId, severity: 2, severityName: 'error', message: `Internal error in ${e.ruleId}: ${e.message}`, line: 1, column: 1, endLine: 1, endColumn: 1 });
    }
    const located = file.findings.map((f) => toMessage(f, source));
    const at = (r: SourceRange) => ({ line: r.line, column: r.column, endLine: r.endLine, endColumn: r.endColumn });
    for (const p of file.directiveProblems ?? []) located.push({ ruleId: p.ruleId, severity: 2, severityName: 'error', message: p.message, ...at(p.range) });
    if (options.reportUnusedDisables) for (const u of file.unusedDisables ?? []) located.push({ ruleId: null, severity: 1, severityName: 'warning', message: u.message, ...at(u.range) });
    // Stable: findings keep their order; directive messages slot in by position.
    messages.push(...located.sort((x, y) => x.line - y.line || x.column - y.column));
    const suppressed = (file.suppressed ?? []).map((f) => ({
      ...toMessage(f, source),
      suppressions: f.suppressions.map((s) => ({ kind: s.kind === 'baseline' ? ('file' as const) : ('directive' as const), justification: s.justification })),
    }));
    results.push(summarise(file.path, messages, suppressed));
  }
  for (const [filePath, notice] of notices) {
    results.push(summarise(filePath, [{ ruleId: null, fatal: true, severity: 2, severityName: 'error', message: notice, line: 1, column: 1, endLine: 1, endColumn: 1 }]));
  }
  return results.sort((a, b) => compareText(a.filePath, b.filePath));
}

function summarise(filePath: string, messages: EslintMessage[], suppressedMessages: EslintMessage[] = []): EslintResult {
  const errors = messages.filter((m) => m.severity === 2);
  const warnings = messages.filter((m) => m.severity === 1);
  return {
    filePath,
    messages,
    suppressedMessages,
    errorCount: errors.length,
    fatalErrorCount: messages.filter((m) => m.fatal).length,
    warningCount: warnings.length,
    fixableErrorCount: errors.filter((m) => m.fix).length,
    fixableWarningCount: warnings.filter((m) => m.fix).length,
    usedDeprecatedRules: [],
  };
}
