// Rule documentation for the editor: the doc URL behind Diagnostic.code and the hover summary from rules/<id>.md.
import fs from 'node:fs';
import path from 'node:path';
import type { Rule } from '../core/rule';

/** Same base the SARIF output uses for helpUri. */
export const DOCS_BASE = 'https://github.com/streamwise/streamwise/blob/main/';
const PACKAGE_ROOT = path.join(__dirname, '..', '..', '..');

export function docUrl(rule: Rule<unknown>): string {
  return DOCS_BASE + rule.meta.docs;
}

const summaries = new Map<string, string>();

/** The "What it flags" and "Why it matters" sections of a rule's doc, as Markdown. */
export function docSummary(rule: Rule<unknown>): string {
  let summary = summaries.get(rule.meta.id);
  if (summary !== undefined) return summary;
  let text = '';
  try {
    text = fs.readFileSync(path.join(PACKAGE_ROOT, rule.meta.docs), 'utf8');
  } catch {
    // A bundled server without the docs still has the description.
  }
  const sections = ['What it flags', 'Why it matters'].map((name) => section(text, name)).filter((s): s is string => s !== undefined);
  summary = sections.length > 0 ? sections.join('\n\n') : rule.meta.description;
  summaries.set(rule.meta.id, summary);
  return summary;
}

function section(markdown: string, heading: string): string | undefined {
  const lines = markdown.split(/\r?\n/);
  const start = lines.findIndex((l) => new RegExp(`^##\\s+${heading}\\s*$`).test(l));
  if (start < 0) return undefined;
  let end = lines.findIndex((l, i) => i > start && /^##?\s/.test(l));
  if (end < 0) end = lines.length;
  return `**${heading}**\n\n${lines.slice(start + 1, end).join('\n').trim()}`;
}
