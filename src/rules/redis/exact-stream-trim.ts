// redis/exact-stream-trim: MAXLEN/MINID trimming without `~`, which makes Redis trim precisely on every call.
import ts from 'typescript';
import type { CallFact } from '../../core/facts';
import { usesOptionObjects, xaddInfo, xtrimInfo, type TrimInfo } from '../../core/redis-args';
import { defineRule, type RuleContext } from '../../core/rule';
import type { TextEdit } from '../../core/types';
import { numberOf } from '../../core/values';
import { argNode, inFile, localNode, quote } from '../shared';

interface Data {
  fact: CallFact;
  trim: TrimInfo;
}

export default defineRule<Data>({
  meta: {
    id: 'redis/exact-stream-trim',
    description: "MAXLEN/MINID stream trimming without '~': exact trimming costs more than the approximate form.",
    defaultSeverity: 'info',
    fixKind: 'fix',
    docs: 'rules/redis/exact-stream-trim.md',
    options: {},
  },
  *check(ctx) {
    for (const fact of ctx.file.calls) {
      if (fact.family !== 'redis' || (fact.command !== 'XADD' && fact.command !== 'XTRIM')) continue;
      const { trim } = fact.command === 'XADD' ? xaddInfo(fact) : xtrimInfo(fact);
      if (trim.state !== 'exact') continue;
      // `MAXLEN 0` empties the stream: only the exact form does that.
      if (numberOf(trim.thresholdValue) === 0) continue;
      yield { node: fact.node, data: { fact, trim } };
    }
  },
  message: ({ fact, trim }) =>
    `${fact.command} trims with exact ${trim.strategy ?? 'MAXLEN'}: Redis must cut the stream to precisely that length, removing entries from inside its radix-tree nodes on every call. ` +
    "With '~' Redis trims only whole nodes, which is much cheaper and keeps the stream at least that long — for a capped stream that is what you want.",
  fix({ data: { fact, trim } }, ctx): TextEdit[] | undefined {
    const q = quote(ctx, localNode(trim.strategyValue, ctx) ?? fact.node);
    if (trim.modifierValue) return replaceModifier(fact, trim, ctx, q('~'));
    if (!usesOptionObjects(fact)) {
      const strategy = wireNode(fact, trim.strategyValue, ctx);
      return strategy ? [{ range: [strategy.getEnd(), strategy.getEnd()], text: `, ${q('~')}` }] : undefined;
    }
    // node-redis: add strategyModifier to the options object (here or declared elsewhere in this file), or pass one.
    const objectNode = trim.optionsValue?.kind === 'object' ? localNode(trim.optionsValue, ctx) : undefined;
    if (objectNode && ts.isObjectLiteralExpression(objectNode)) return addModifierProperty(objectNode, q('~'));
    if (fact.command === 'XTRIM' && !trim.optionsValue && fact.node.arguments.length === 3 && inFile(fact.node, ctx)) {
      const last = fact.node.arguments[2];
      return [{ range: [last.getEnd(), last.getEnd()], text: `, { strategyModifier: ${q('~')} }` }];
    }
    return undefined;
  },
});

/** An explicit `=`: the argument in the call, an element of a const array, or the `strategyModifier` property. */
function replaceModifier(fact: CallFact, trim: TrimInfo, ctx: RuleContext, tilde: string): TextEdit[] | undefined {
  if (!usesOptionObjects(fact)) {
    const node = wireNode(fact, trim.modifierValue, ctx);
    return node ? [{ range: [node.getStart(), node.getEnd()], text: tilde }] : undefined;
  }
  const prop = trim.optionsValue?.kind === 'object' ? trim.optionsValue.propNodes.get('strategyModifier') : undefined;
  if (!inFile(prop, ctx)) return undefined;
  if (ts.isPropertyAssignment(prop)) return [{ range: [prop.initializer.getStart(), prop.initializer.getEnd()], text: tilde }];
  if (ts.isShorthandPropertyAssignment(prop)) return [{ range: [prop.getStart(), prop.getEnd()], text: `strategyModifier: ${tilde}` }];
  return undefined;
}

/** Where a wire-order token is written: as an argument of the call, or inside a const array spread into it. */
function wireNode(fact: CallFact, value: TrimInfo['strategyValue'], ctx: RuleContext): ts.Node | undefined {
  const index = value ? fact.args.indexOf(value) : -1;
  if (!value || index < 0) return undefined;
  const arg = argNode(fact, index);
  if (arg) return arg;
  const local = localNode(value, ctx);
  return local && ts.isArrayLiteralExpression(local.parent) ? local : undefined;
}

function addModifierProperty(object: ts.ObjectLiteralExpression, tilde: string): TextEdit[] {
  if (object.properties.length === 0) return [{ range: [object.getStart(), object.getEnd()], text: `{ strategyModifier: ${tilde} }` }];
  const strategy = object.properties.find((p) => p.name && ts.isIdentifier(p.name) && p.name.text === 'strategy');
  if (strategy) return [{ range: [strategy.getEnd(), strategy.getEnd()], text: `, strategyModifier: ${tilde}` }];
  const open = object.getStart() + 1;
  return [{ range: [open, open], text: ` strategyModifier: ${tilde},` }];
}
