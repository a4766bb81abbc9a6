// Engine data to LSP data: findings to diagnostics, offsets to positions, engine edits to LSP text edits.
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver';
import type { Finding, Severity, SourceRange, TextEdit as EngineEdit } from '../core/types';
import { allRules } from '../rules';
import { docUrl } from './docs';
import type { FileAnalysis } from './analysis';

export const SOURCE = 'streamwise';

const SEVERITY: Record<Severity, DiagnosticSeverity> = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information };
const rulesById = new Map(allRules.map((r) => [r.meta.id, r]));
export const ruleById = (id: string) => rulesById.get(id);

/** Positions are computed on the exact text the engine ran on. */
const documents = new WeakMap<FileAnalysis, TextDocument>();
export function textOf(analysis: FileAnalysis): TextDocument {
  let doc = documents.get(analysis);
  if (!doc) {
    doc = TextDocument.create('file:///', 'typescript', 0, analysis.text);
    documents.set(analysis, doc);
  }
  return doc;
}

export function toRange(doc: TextDocument, range: Pick<SourceRange, 'start' | 'end'> | [number, number]): Range {
  const [start, end] = Array.isArray(range) ? range : [range.start, range.end];
  return { start: doc.positionAt(start), end: doc.positionAt(end) };
}

export function toTextEdits(doc: TextDocument, edits: readonly EngineEdit[]): TextEdit[] {
  return edits.map((e) => ({ range: toRange(doc, e.range), newText: e.text }));
}

export function toDiagnostic(doc: TextDocument, finding: Finding): Diagnostic {
  const rule = ruleById(finding.ruleId);
  const diagnostic: Diagnostic = { range: toRange(doc, finding.range), severity: SEVERITY[finding.severity], source: SOURCE, code: finding.ruleId, message: finding.message };
  if (rule) diagnostic.codeDescription = { href: docUrl(rule) };
  return diagnostic;
}

/** The rule-less code of a `streamwise-disable` directive that suppressed nothing. */
export const UNUSED_DIRECTIVE_CODE = 'streamwise/unused-disable';

/**
 * Findings plus malformed or unknown suppression directives (errors, as on the command line), and
 * when asked for, directives that suppressed nothing (warnings shown as unnecessary code, as the
 * CLI's `--report-unused-disables` reports them).
 */
export function diagnosticsOf(analysis: FileAnalysis, options: { reportUnusedDisables?: boolean } = {}): Diagnostic[] {
  const doc = textOf(analysis);
  const out = analysis.result.findings.map((f) => toDiagnostic(doc, f));
  for (const p of analysis.result.directiveProblems ?? []) {
    out.push({ range: toRange(doc, p.range), severity: DiagnosticSeverity.Error, source: SOURCE, code: p.ruleId ?? undefined, message: p.message });
  }
  if (options.reportUnusedDisables) {
    for (const u of analysis.result.unusedDisables ?? []) {
      out.push({ range: toRange(doc, u.range), severity: DiagnosticSeverity.Warning, source: SOURCE, code: UNUSED_DIRECTIVE_CODE, message: u.message, tags: [DiagnosticTag.Unnecessary] });
    }
  }
  return out;
}

/** The rule-less code a file notice (skipped: too large, binary, too deep, over time) is published under. */
export const FILE_SKIPPED_CODE = 'streamwise/file-skipped';

/** A file that was not analysed says so where the user looks, instead of looking clean. */
export function noticeDiagnostic(message: string): Diagnostic {
  return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Warning, source: SOURCE, code: FILE_SKIPPED_CODE, message: `Streamwise: ${message}` };
}

/** The finding a diagnostic the client sends back stands for: same rule, same range. */
export function findingsAt(analysis: FileAnalysis, diagnostic: Pick<Diagnostic, 'code' | 'range'>): Finding[] {
  const doc = textOf(analysis);
  const start = doc.offsetAt(diagnostic.range.start);
  const end = doc.offsetAt(diagnostic.range.end);
  return analysis.result.findings.filter((f) => f.ruleId === diagnostic.code && f.range.start === start && f.range.end === end);
}
