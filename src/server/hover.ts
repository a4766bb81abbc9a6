// Hovers: the rule's explanation on a finding, the delivery semantics on any other recognised messaging call.
import { MarkupKind, type Hover } from 'vscode-languageserver';
import type { FileAnalysis } from './analysis';
import { ruleById, textOf, toRange } from './convert';
import { docSummary, docUrl } from './docs';
import { semanticsOf } from './semantics';

export function hoverAt(analysis: FileAnalysis, offset: number): Hover | undefined {
  const doc = textOf(analysis);
  const findings = analysis.result.findings.filter((f) => f.range.start <= offset && offset <= f.range.end);
  if (findings.length > 0) {
    const parts = findings.map((f) => {
      const rule = ruleById(f.ruleId);
      const link = rule ? `\n\n[Documentation for ${f.ruleId}](${docUrl(rule)})` : '';
      return `**${f.ruleId}** — ${f.message}${rule ? `\n\n${docSummary(rule)}` : ''}${link}`;
    });
    return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') }, range: toRange(doc, findings[0].range) };
  }
  // The innermost recognised call: `redis.publish(…)` inside `await Promise.all([...])` and the like.
  const call = analysis.calls
    .filter((c) => c.start <= offset && offset <= c.end && semanticsOf(c))
    .sort((a, b) => a.end - a.start - (b.end - b.start))[0];
  if (!call) return undefined;
  const note = semanticsOf(call)!;
  return { contents: { kind: MarkupKind.Markdown, value: `**${note.title}**\n\n${note.detail}` }, range: toRange(doc, [call.start, call.end]) };
}
