// redis/exact-stream-trim: MAXLEN/MINID trimming without `~`, which makes Redis trim precisely on every call.
import ts from 'typescript';
import type { CallFact } from '../../core/facts';
import { usesOptionObjects, xaddInfo, xtrimInfo, type TrimInfo } from '../../core/redis-args';
import { defineRule } from '../../core/rule';
import type { TextEdit } from '../../core/types';
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
      const at = localNode(trim.strategyValue, ctx);
      const node = at && fact.node.getStart() <= at.getStart() && at.getEnd() <= fact.node.getEnd() ? at : fact.node;
      yield { node, data: { fact, trim } };
    }
  },
  message: ({ fact, trim }) =>
    `${fact.command} trims with exact ${trim.strategy ?? 'MAXLEN'}: Redis must cut the stream to precisely that length, removing entries from inside its radix-tree nodes on every call. ` +
    "With '~' Redis trims only whole nodes, which is much cheaper and keeps the stream at least that long — for a capped stream that is what you want.",
  fix({ data: { fact, trim } }, ctx): TextEdit[] | undefined {
    const q = quote(ctx, localNode(trim.strategyValue, ctx));
    const modifier = localNode(trim.modifierValue, ctx);
    if (modifier) {
      if (!ts.isStringLiteral(modifier) || !inside(modifier, fact)) return undefined;
      return [{ range: [modifier.getStart(), modifier.getEnd()], text: q('~') }];
    }
    if (!usesOptionObjects(fact)) {
      const strategy = argNode(fact, fact.args.indexOf(trim.strategyValue!));
      if (!strategy) return undefined;
      return [{ range: [strategy.getEnd(), strategy.getEnd()], text: `, ${q('~')}` }];
    }
    // node-redis: add strategyModifier to the options object, or pass one.
    const options = trim.optionsValue;
    const objectNode = options?.kind === 'object' ? localNode(options, ctx) : undefined;
    if (objectNode && ts.isObjectLiteralExpression(objectNode) && inside(objectNode, fact)) {
      const strategyProp = objectNode.properties.find((p) => p.name && ts.isIdentifier(p.name) && p.name.text === 'strategy');
      if (strategyProp) return [{ range: [strategyProp.getEnd(), strategyProp.getEnd()], text: `, strategyModifier: ${q('~')}` }];
      const open = objectNode.getStart() + 1;
      return [{ range: [open, open], text: ` strategyModifier: ${q('~')},` }];
    }
    if (fact.command === 'XTRIM' && !options && fact.node.arguments.length === 3 && inFile(fact.node, ctx)) {
      const last = fact.node.arguments[2];
      return [{ range: [last.getEnd(), last.getEnd()], text: `, { strategyModifier: ${q('~')} }` }];
    }
    return undefined;
  },
});

function inside(node: ts.Node, fact: CallFact): boolean {
  return fact.node.getStart() <= node.getStart() && node.getEnd() <= fact.node.getEnd();
}
