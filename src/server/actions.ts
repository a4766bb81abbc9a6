// Code actions: a finding's fix and suggestions, "Disable <id> for this line", "Show documentation for <id>", and source.fixAll.streamwise.
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { Finding } from '../core/types';
import { fixEdits } from '../cli/fix';
import type { FileAnalysis } from './analysis';
import { findingsAt, textOf, toDiagnostic, toRange, toTextEdits } from './convert';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.streamwise`;
export const SHOW_DOCS_COMMAND = 'streamwise.showDocumentation';

/** How edits reach the client: versioned when it supports documentChanges and the document is open. */
export type EditFor = (edits: TextEdit[]) => WorkspaceEdit;

const wants = (only: string[] | undefined, kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));

export function codeActions(analysis: FileAnalysis, params: CodeActionParams, editFor: EditFor): CodeAction[] {
  const only = params.context.only;
  const doc = textOf(analysis);
  const actions: CodeAction[] = [];
  if (wants(only, CodeActionKind.QuickFix)) {
    const findings = new Map<Finding, Diagnostic>();
    for (const d of params.context.diagnostics) for (const f of findingsAt(analysis, d)) findings.set(f, d);
    // Clients that send no diagnostics (or other tools' ones) still get actions for findings under the cursor.
    const start = doc.offsetAt(params.range.start);
    const end = doc.offsetAt(params.range.end);
    for (const f of analysis.result.findings) if (!findings.has(f) && f.range.start <= end && f.range.end >= start) findings.set(f, toDiagnostic(doc, f));
    for (const [finding, diagnostic] of findings) actions.push(...findingActions(analysis, finding, diagnostic, editFor));
  }
  if (wants(only, FIX_ALL_KIND)) {
    const fixAll = fixAllAction(analysis, editFor);
    if (fixAll) actions.push(fixAll);
  }
  return actions;
}

function findingActions(analysis: FileAnalysis, finding: Finding, diagnostic: Diagnostic, editFor: EditFor): CodeAction[] {
  const doc = textOf(analysis);
  const id = finding.ruleId;
  const actions: CodeAction[] = [];
  if (finding.fix) {
    actions.push({ title: `Fix: ${id}`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true, edit: editFor(toTextEdits(doc, finding.fix)) });
  }
  for (const s of finding.suggestions ?? []) {
    actions.push({ title: s.desc, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: editFor(toTextEdits(doc, s.edits)) });
  }
  actions.push({ title: `Disable ${id} for this line`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: editFor([disableEdit(analysis.text, finding)]) });
  actions.push({ title: `Show documentation for ${id}`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title: `Show documentation for ${id}`, command: SHOW_DOCS_COMMAND, arguments: [id] } });
  return actions;
}

/** A `streamwise-disable-next-line` comment above the finding's first line, indented like it. */
function disableEdit(text: string, finding: Finding): TextEdit {
  const lineStart = text.lastIndexOf('\n', finding.range.start - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const line = finding.range.line - 1;
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}// streamwise-disable-next-line ${finding.ruleId}${eol}` };
}

/** Safe fixes only (never suggestions), non-overlapping, never in a file with a syntax error: as `--fix` applies them in one pass. */
function fixAllAction(analysis: FileAnalysis, editFor: EditFor): CodeAction | undefined {
  if (analysis.result.syntaxErrors.length > 0) return undefined;
  const fixes = fixEdits(analysis.text, analysis.result.findings);
  if (fixes.length === 0) return undefined;
  const doc = textOf(analysis);
  const edits = fixes.map((e) => ({ range: toRange(doc, e.range), newText: e.text }));
  return { title: 'Fix all safe Streamwise problems', kind: FIX_ALL_KIND, edit: editFor(edits) };
}
