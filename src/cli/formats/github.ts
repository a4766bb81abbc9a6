// GitHub Actions workflow commands (::error/::warning/::notice), which show findings as inline annotations.
import path from 'node:path';
import type { EslintResult } from './json';

/** Escaping of @actions/core: message data encodes % CR LF; property values also `:` and `,`. */
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

/**
 * `base` is the folder annotation paths are relative to: GitHub resolves them against the
 * repository root, which is GITHUB_WORKSPACE in a workflow.
 */
export function formatGithub(results: EslintResult[], options: { base: string }): string {
  const lines: string[] = [];
  for (const r of results) {
    const rel = path.relative(options.base, r.filePath);
    const inside = rel && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
    const file = (inside ? rel : r.filePath).split(path.sep).join('/');
    for (const m of r.messages) {
      const props = [
        ['file', file],
        ['line', String(m.line)],
        ['endLine', String(m.endLine)],
        ['col', String(m.column)],
        ['endColumn', String(m.endColumn)],
        ['title', m.ruleId ?? 'streamwise'],
      ];
      lines.push(`::${COMMAND[m.severityName]} ${props.map(([k, v]) => `${k}=${escapeProperty(v)}`).join(',')}::${escapeData(m.message)}`);
    }
  }
  return lines.join('\n');
}
