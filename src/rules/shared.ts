// Helpers rules share for locating argument nodes and building edits safely within the current file.
import ts from 'typescript';
import { unwrap } from '../core/clients';
import type { CallFact } from '../core/facts';
import type { RuleContext } from '../core/rule';
import { quoteOf } from '../core/text';
import type { Value } from '../core/values';

/**
 * The syntax node of command argument `i` inside the call itself (not where a const was
 * declared), when its position is certain.
 */
export function argNode(fact: CallFact, i: number): ts.Expression | undefined {
  if (i >= fact.knownPrefix) return undefined;
  const args = fact.node.arguments;
  if (!fact.generic) {
    const at = i + (fact.argOffset ?? 0);
    const a = args[at];
    return a && !args.slice(0, at + 1).some(ts.isSpreadElement) ? a : undefined;
  }
  // call('XADD', key, …) or sendCommand(['XADD', key, …]) / call('XADD', [key, …])
  const first = args[0] && unwrap(args[0]);
  if (first && ts.isArrayLiteralExpression(first)) return plainElement(first.elements, i + 1);
  const second = args[1] && unwrap(args[1]);
  if (args.length === 2 && second && ts.isArrayLiteralExpression(second)) return plainElement(second.elements, i);
  return plainElement(args, i + 1);
}

function plainElement(list: ts.NodeArray<ts.Expression>, i: number): ts.Expression | undefined {
  const e = list[i];
  return e && !list.slice(0, i + 1).some(ts.isSpreadElement) ? e : undefined;
}

/** A node edits may touch: it is in the file being linted. */
export function inFile(node: ts.Node | undefined, ctx: RuleContext): node is ts.Node {
  return node !== undefined && node.getSourceFile() === ctx.sourceFile;
}

/** The node of a value when it was written in this file (so edits can target it). */
export function localNode(v: Value | undefined, ctx: RuleContext): ts.Node | undefined {
  return v?.node && inFile(v.node, ctx) ? v.node : undefined;
}

export function quote(ctx: RuleContext, near?: ts.Node): (s: string) => string {
  const q = quoteOf(ctx.sourceFile, near);
  return (s) => `${q}${s}${q}`;
}

/** Source text of a node, trimmed. */
export function textOf(node: ts.Node, ctx: RuleContext): string {
  return node.getText(ctx.sourceFile);
}

/** A short display name for a destination value: `'orders'`, `'orders:*'`, or "a computed key". */
export function showName(v: Value | undefined): string {
  if (!v) return 'an unknown key';
  if (v.kind === 'string') return `'${v.value}'`;
  if (v.kind === 'number') return `'${v.value}'`;
  if (v.kind === 'template') return `'${v.parts.map((p) => p ?? '*').join('')}'`;
  return 'a computed key';
}
