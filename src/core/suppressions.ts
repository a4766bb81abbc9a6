// Suppression comments (`streamwise-disable…` / `streamwise-enable`): parsing them from real comments and applying them to findings.
import ts from 'typescript';
import { rangeOf } from './text';
import type { DirectiveProblem, Finding, SourceRange, SuppressedFinding, UnusedDirective } from './types';

export type DirectiveKind = 'disable' | 'enable' | 'disable-line' | 'disable-next-line' | 'disable-file';

export interface Directive {
  kind: DirectiveKind;
  /** Known rule ids the directive lists, in order; null when it lists none (all rules). */
  ruleIds: string[] | null;
  /** The free text after ` -- `, whitespace collapsed; '' when absent. */
  justification: string;
  /** The whole comment. */
  range: SourceRange;
}

export interface ParsedDirectives {
  directives: Directive[];
  /** Unknown rule ids and malformed directives, reported as errors. */
  problems: DirectiveProblem[];
}

const PREFIX = 'streamwise-';
const DIRECTIVE = /^streamwise-(disable-file|disable-next-line|disable-line|disable|enable)(?=\s|$)/;
/** ESLint's separator for the justification: two or more dashes with whitespace before (and after, or the end). */
const JUSTIFICATION = /\s-{2,}(?:\s|$)/;

const isJsDoc = (node: ts.Node) => node.kind >= ts.SyntaxKind.FirstJSDocNode && node.kind <= ts.SyntaxKind.LastJSDocNode;

/**
 * Every comment of the file, found as trivia before real tokens. Walking the parsed tokens (rather than
 * scanning the text) keeps `//` inside strings, templates, regular expressions and JSX text out.
 */
function comments(sf: ts.SourceFile): ts.CommentRange[] {
  const found = new Map<number, ts.CommentRange>();
  // Comments on the line a token's trivia starts on count as "trailing" in TypeScript's terms; take both.
  const leading = (pos: number) => {
    for (const c of ts.getTrailingCommentRanges(sf.text, pos) ?? []) found.set(c.pos, c);
    for (const c of ts.getLeadingCommentRanges(sf.text, pos) ?? []) found.set(c.pos, c);
  };
  const visit = (node: ts.Node): void => {
    // JSX text has no trivia: `//` in it is text. JSDoc nodes sit inside a comment already collected.
    if (node.kind === ts.SyntaxKind.JsxText || isJsDoc(node)) return;
    const children = node.getChildren(sf);
    if (children.length === 0) leading(node.pos);
    else for (const child of children) visit(child);
  };
  visit(sf);
  return [...found.values()].sort((a, b) => a.pos - b.pos);
}

export function parseDirectives(sf: ts.SourceFile, knownRuleIds: ReadonlySet<string>): ParsedDirectives {
  const result: ParsedDirectives = { directives: [], problems: [] };
  // Most files have no directive; skip the token walk for them.
  if (!sf.text.includes(PREFIX)) return result;
  for (const c of comments(sf)) {
    const body = c.kind === ts.SyntaxKind.SingleLineCommentTrivia ? sf.text.slice(c.pos + 2, c.end) : sf.text.slice(c.pos + 2, c.end - 2);
    const separator = JUSTIFICATION.exec(body);
    const directivePart = (separator ? body.slice(0, separator.index) : body).trim();
    const match = DIRECTIVE.exec(directivePart);
    if (!match) continue;
    const kind = match[1] as DirectiveKind;
    const range = rangeOf(sf, c.pos, c.end);
    if ((kind === 'disable-line' || kind === 'disable-next-line') && range.line !== range.endLine) {
      result.problems.push({ ruleId: null, message: `streamwise-${kind} comment should not span multiple lines.`, range });
      continue;
    }
    const listed = directivePart.slice(match[0].length).split(',').map((s) => s.trim()).filter(Boolean);
    const known: string[] = [];
    for (const id of listed) {
      if (!knownRuleIds.has(id)) result.problems.push({ ruleId: id, message: `Definition for rule '${id}' was not found.`, range });
      else if (!known.includes(id)) known.push(id);
    }
    // A directive whose every id is unknown suppresses nothing (it must not turn into "all rules").
    if (listed.length > 0 && known.length === 0) continue;
    const justification = separator ? body.slice(separator.index + separator[0].length).replace(/\s+/g, ' ').trim() : '';
    result.directives.push({ kind, ruleIds: listed.length > 0 ? known : null, justification, range });
  }
  return result;
}

/** One rule id of one directive (or the directive's "all rules"), tracked for use. */
interface Slot {
  directive: Directive;
  ruleId: string | null;
  used: boolean;
}

const slotsOf = (d: Directive): Slot[] => (d.ruleIds ?? [null]).map((ruleId) => ({ directive: d, ruleId, used: false }));
const covers = (s: Slot, ruleId: string) => s.ruleId === null || s.ruleId === ruleId;

/** The state of `streamwise-disable` / `streamwise-enable` ranges at one point of the file. */
class RangeState {
  private all: Slot | undefined;
  private readonly byRule = new Map<string, Slot>();
  /** Rules re-enabled one by one while all rules are disabled. */
  private readonly reenabled = new Set<string>();

  disable(slot: Slot): void {
    if (slot.ruleId === null) {
      this.all = slot;
      this.byRule.clear();
      this.reenabled.clear();
    } else {
      this.byRule.set(slot.ruleId, slot);
      this.reenabled.delete(slot.ruleId);
    }
  }

  /** Returns false when the enable matched no open disable. */
  enable(ruleId: string | null): boolean {
    if (ruleId === null) {
      const matched = this.all !== undefined || this.byRule.size > 0;
      this.all = undefined;
      this.byRule.clear();
      this.reenabled.clear();
      return matched;
    }
    const matched = this.byRule.delete(ruleId) || (this.all !== undefined && !this.reenabled.has(ruleId));
    if (this.all) this.reenabled.add(ruleId);
    return matched;
  }

  suppressor(ruleId: string): Slot | undefined {
    return this.byRule.get(ruleId) ?? (this.all && !this.reenabled.has(ruleId) ? this.all : undefined);
  }
}

export interface AppliedDirectives {
  findings: Finding[];
  suppressed: SuppressedFinding[];
  unused: UnusedDirective[];
}

/**
 * Splits findings into reported and suppressed. A finding is attributed to the nearest directive that
 * covers it: same line, then the line above, then the enclosing disable range, then file-wide. A listed id
 * (or an id-less directive) that suppressed nothing is unused, and so is an enable that closed nothing.
 */
export function applyDirectives(findings: readonly Finding[], directives: readonly Directive[]): AppliedDirectives {
  const sameLine = new Map<number, Slot[]>();
  const nextLine = new Map<number, Slot[]>();
  const fileWide: Slot[] = [];
  const events: { at: number; slot: Slot; enable: boolean }[] = [];
  const all: Slot[] = [];
  const push = (map: Map<number, Slot[]>, line: number, slots: Slot[]) => map.set(line, [...(map.get(line) ?? []), ...slots]);
  for (const d of directives) {
    const slots = slotsOf(d);
    all.push(...slots);
    if (d.kind === 'disable-line') push(sameLine, d.range.line, slots);
    else if (d.kind === 'disable-next-line') push(nextLine, d.range.endLine + 1, slots);
    else if (d.kind === 'disable-file') fileWide.push(...slots);
    else for (const slot of slots) events.push({ at: d.range.start, slot, enable: d.kind === 'enable' });
  }
  events.sort((a, b) => a.at - b.at);

  const state = new RangeState();
  const unusedEnables: Slot[] = [];
  let next = 0;
  const advance = (upTo: number) => {
    for (; next < events.length && events[next].at <= upTo; next++) {
      const { slot, enable } = events[next];
      if (!enable) state.disable(slot);
      else if (!state.enable(slot.ruleId)) unusedEnables.push(slot);
    }
  };

  const result: AppliedDirectives = { findings: [], suppressed: [], unused: [] };
  const ordered = [...findings].sort((a, b) => a.range.start - b.range.start);
  for (const f of ordered) {
    advance(f.range.start);
    const pick = (slots: Slot[] | undefined) => slots?.find((s) => covers(s, f.ruleId));
    const slot = pick(sameLine.get(f.range.line)) ?? pick(nextLine.get(f.range.line)) ?? state.suppressor(f.ruleId) ?? pick(fileWide);
    if (!slot) {
      result.findings.push(f);
      continue;
    }
    slot.used = true;
    result.suppressed.push({ ...f, suppressions: [{ kind: 'directive', justification: slot.directive.justification }] });
  }
  advance(Number.POSITIVE_INFINITY);

  for (const slot of all) {
    if (slot.used || slot.directive.kind === 'enable') continue;
    const from = slot.ruleId === null ? '' : ` from '${slot.ruleId}'`;
    result.unused.push({ listedRuleId: slot.ruleId, message: `Unused streamwise-disable directive (no problems were reported${from}).`, range: slot.directive.range });
  }
  for (const slot of unusedEnables) {
    const forId = slot.ruleId === null ? '' : ` for '${slot.ruleId}'`;
    result.unused.push({ listedRuleId: slot.ruleId, message: `Unused streamwise-enable directive (no matching streamwise-disable directives were found${forId}).`, range: slot.directive.range });
  }
  result.unused.sort((a, b) => a.range.start - b.range.start);
  return result;
}

/** Parses the file's directives and applies them to its findings. */
export function applySuppressions(sf: ts.SourceFile, findings: readonly Finding[], knownRuleIds: ReadonlySet<string>): AppliedDirectives & { problems: DirectiveProblem[] } {
  const { directives, problems } = parseDirectives(sf, knownRuleIds);
  if (directives.length === 0) return { findings: [...findings], suppressed: [], unused: [], problems };
  return { ...applyDirectives(findings, directives), problems };
}
