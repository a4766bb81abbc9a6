// Offsets to 1-based line/column ranges, where two texts differ, and small helpers for building edits.
import ts from 'typescript';
import type { SourceRange } from './types';

export function rangeOf(sf: ts.SourceFile, start: number, end: number): SourceRange {
  const s = sf.getLineAndCharacterOfPosition(start);
  const e = sf.getLineAndCharacterOfPosition(end);
  return { start, end, line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
}

/** The quote character a string literal node uses, for edits that add strings beside it. */
export function quoteOf(sf: ts.SourceFile, node: ts.Node | undefined): string {
  if (node && ts.isStringLiteral(node)) return sf.text[node.getStart(sf)];
  const firstString = findFirstString(sf);
  return firstString ?? "'";
}

function findFirstString(sf: ts.SourceFile): string | undefined {
  let quote: string | undefined;
  const visit = (n: ts.Node): void => {
    if (quote) return;
    if (ts.isStringLiteral(n) && !ts.isImportDeclaration(n.parent) && !ts.isExternalModuleReference(n.parent)) {
      quote = sf.text[n.getStart(sf)];
      return;
    }
    n.forEachChild(visit);
  };
  visit(sf);
  return quote;
}

/** The indentation of the line a node starts on. */
export function indentOf(sf: ts.SourceFile, node: ts.Node): string {
  const start = node.getStart(sf);
  const lineStart = sf.text.lastIndexOf('\n', start - 1) + 1;
  return /^[ \t]*/.exec(sf.text.slice(lineStart, start))![0];
}

/** The span where two texts differ: the same prefix before `start`, the same suffix after `oldEnd` in `before` and `newEnd` in `after`. */
export function changedSpan(before: string, after: string): { start: number; oldEnd: number; newEnd: number } {
  const most = Math.min(before.length, after.length);
  let start = 0;
  while (start < most && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < most - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { start, oldEnd: before.length - tail, newEnd: after.length - tail };
}

/** Code-point order of two strings: the same on every machine, where `localeCompare` follows the process locale (and loads ICU's collation on first use). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
