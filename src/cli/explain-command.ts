// `streamwise explain <id>`: a rule's doc (rules/<id>.md) rendered for a terminal.
import fs from 'node:fs';
import path from 'node:path';
import { allRules } from '../rules';
import { UsageError, type CliIO } from './io';

const PACKAGE_ROOT = path.join(__dirname, '..', '..', '..');

export interface RenderOptions {
  /** Bold/underlined headings and highlighted code (only on a TTY). */
  color: boolean;
  /** Column to wrap prose at. */
  width: number;
}

const style = (on: boolean, codes: string, text: string) => (on ? `\x1b[${codes}m${text}\x1b[0m` : text);

function inline(text: string, color: boolean): string {
  return text
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, (_, label: string, href: string) => (/^(\.\.?\/)*[a-z-]+\/?[a-z-]*\.md$/.test(href) ? label : `${label} (${href})`))
    .replace(/\*\*([^*]+)\*\*/g, (_, s: string) => style(color, '1', s))
    .replace(/`([^`]+)`/g, (_, s: string) => (color ? style(true, '36', s) : `\`${s}\``));
}

const visibleLength = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '').length;

/** Greedy word wrap; `first` prefixes the first line and `rest` the others. */
function wrap(text: string, width: number, first: string, rest: string): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (!empty && visibleLength(line) + 1 + visibleLength(word) > width) {
      lines.push(line);
      line = rest;
      empty = true;
    }
    line += (empty ? '' : ' ') + word;
    empty = false;
  }
  lines.push(line);
  return lines;
}

export function stripFrontMatter(markdown: string): string {
  return markdown.replace(/^\uFEFF?---\r?\n[\s\S]*?\r?\n---\r?\n/, '');
}

/** Renders the small Markdown subset the rule docs use: headings, paragraphs, lists, fenced code, inline code, bold, links. */
export function renderMarkdown(markdown: string, options: RenderOptions): string {
  const { color } = options;
  const width = Math.max(40, Math.min(options.width, 100));
  const out: string[] = [];
  const lines = stripFrontMatter(markdown).split(/\r?\n/);
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) out.push(...wrap(inline(paragraph.join(' '), color), width, '', ''), '');
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fence = /^(\s*)(```|~~~)/.exec(line);
    if (fence) {
      flush();
      for (i++; i < lines.length && !lines[i].trimStart().startsWith(fence[2]); i++) out.push(lines[i] ? `    ${style(color, '2', lines[i])}` : '');
      out.push('');
      continue;
    }
    const heading = /^(#{1,6})\s+(.*?)\s*#*$/.exec(line);
    if (heading) {
      flush();
      const level = heading[1].length;
      const text = inline(heading[2], false);
      if (color) out.push(style(true, level <= 2 ? '1;4' : '1', text));
      else out.push(text, ...(level <= 2 ? [(level === 1 ? '=' : '-').repeat(text.length)] : []));
      out.push('');
      continue;
    }
    const item = /^(\s*)([-*+]|\d+\.)\s+(.*)$/.exec(line);
    if (item) {
      flush();
      let text = item[3];
      while (i + 1 < lines.length && /^\s{2,}\S/.test(lines[i + 1]) && !/^\s*([-*+]|\d+\.)\s/.test(lines[i + 1])) text += ` ${lines[++i].trim()}`;
      const indent = ' '.repeat(2 + item[1].length);
      const bullet = /\d/.test(item[2]) ? item[2] : color ? '•' : '-';
      out.push(...wrap(inline(text, color), width, `${indent}${bullet} `, ' '.repeat(indent.length + bullet.length + 1)));
      if (!/^\s*([-*+]|\d+\.)\s/.test(lines[i + 1] ?? '')) out.push('');
      continue;
    }
    if (line.trim() === '') flush();
    else paragraph.push(line.trim());
  }
  flush();
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}

export function runExplain(argv: string[], io: CliIO, width = process.stdout.columns ?? 80): number {
  const ids = allRules.map((r) => r.meta.id).sort();
  if (argv.length !== 1 || argv[0].startsWith('-')) throw new UsageError(`explain expects one rule id. Rules:\n  ${ids.join('\n  ')}`);
  const rule = allRules.find((r) => r.meta.id === argv[0]);
  if (!rule) {
    io.err(`streamwise: unknown rule "${argv[0]}". Rules:\n  ${ids.join('\n  ')}`);
    return 2;
  }
  const doc = fs.readFileSync(path.join(PACKAGE_ROOT, rule.meta.docs), 'utf8');
  io.out(renderMarkdown(doc, { color: io.color, width: width || 80 }));
  return 0;
}
