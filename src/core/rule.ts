// The rule contract: metadata, a check that finds signals, wording, and the edits (fix or suggestions) kept apart.
import type ts from 'typescript';
import type { ClientRecognizer } from './clients';
import type { FileFacts } from './facts';
import type { EngineConfig, FixKind, Severity, Suggestion, TextEdit } from './types';
import type { ValueResolver } from './values';
import type { WorkspaceIndex } from './workspace';

export interface RuleOptionSpec {
  type: 'number' | 'string' | 'boolean';
  default: number | string | boolean;
  description: string;
  minimum?: number;
}

export interface RuleMeta {
  id: string;
  /** One sentence: what the rule reports. */
  description: string;
  defaultSeverity: Severity;
  /** `fix`: safe edit for --fix; `suggestion`: editor-only; `none`. */
  fixKind: FixKind;
  /** Path of the rule's doc, relative to the package root. */
  docs: string;
  options: Record<string, RuleOptionSpec>;
}

/** Where a rule found something and the data its wording and edits need. */
export interface Signal<D> {
  node: ts.Node;
  /** Report a sub-range instead of the whole node (offsets). */
  range?: [number, number];
  data: D;
}

export interface RuleContext {
  file: FileFacts;
  sourceFile: ts.SourceFile;
  index: WorkspaceIndex;
  values: ValueResolver;
  clients: ClientRecognizer;
  checker: ts.TypeChecker;
  typed: boolean;
  options: Record<string, unknown>;
  config: EngineConfig;
}

export interface Rule<D = unknown> {
  meta: RuleMeta;
  /** Finding: what is wrong and where. */
  check(ctx: RuleContext): Iterable<Signal<D>>;
  /** Wording: what is wrong, why, what to do. */
  message(data: D, ctx: RuleContext): string;
  /** A safe edit (only for fixKind `fix`). */
  fix?(signal: Signal<D>, ctx: RuleContext): TextEdit[] | undefined;
  /** Editor-only edits (only for fixKind `suggestion`). */
  suggest?(signal: Signal<D>, ctx: RuleContext): Suggestion[];
}

/** Typed identity helper so each rule file infers its data type. */
export function defineRule<D>(rule: Rule<D>): Rule<D> {
  return rule;
}

export function numberOption(ctx: RuleContext, meta: RuleMeta, name: string): number {
  const v = ctx.options[name];
  return typeof v === 'number' ? v : (meta.options[name].default as number);
}
