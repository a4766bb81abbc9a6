// redis/unbounded-stream: XADD that never trims, on a stream no XTRIM in the workspace bounds either.
import ts from 'typescript';
import { mayBeSame } from '../../core/destinations';
import type { CallFact } from '../../core/facts';
import { usesOptionObjects, xaddInfo, xtrimInfo } from '../../core/redis-args';
import { defineRule, numberOption, type RuleContext } from '../../core/rule';
import type { Suggestion } from '../../core/types';
import { patternOf, type Value } from '../../core/values';
import { argNode, quote, showName } from '../shared';

const meta = {
  id: 'redis/unbounded-stream',
  description: 'XADD without MAXLEN/MINID on a stream that nothing trims: it grows until Redis runs out of memory.',
  defaultSeverity: 'warning' as const,
  fixKind: 'suggestion' as const,
  docs: 'rules/redis/unbounded-stream.md',
  options: {
    streamMaxLen: { type: 'number' as const, default: 10000, minimum: 1, description: 'Length the suggested `MAXLEN ~` cap uses.' },
  },
};

interface Data {
  fact: CallFact;
  key: string;
}

/** Is the stream bounded elsewhere: an XTRIM, or another XADD that trims the same key? */
function trimmedElsewhere(fact: CallFact, ctx: RuleContext): boolean {
  const key = fact.args[0];
  if (!key) return true;
  for (const other of ctx.index.callsOf('XTRIM', 'XADD')) {
    if (other === fact) continue;
    const info = other.command === 'XTRIM' ? xtrimInfo(other) : xaddInfo(other);
    if (other.command === 'XADD' && info.trim.state === 'none') continue;
    // An XADD whose arguments and key are both hidden is no evidence that this stream is capped.
    if (other.command === 'XADD' && info.trim.state === 'unknown' && patternOf(info.key) === undefined) continue;
    if (!info.key || mayBeSame({ name: key, match: 'exact' }, { name: info.key, match: 'exact' })) return true;
  }
  return false;
}

function describeStream(v: Value | undefined): string {
  return v && (v.kind === 'string' || v.kind === 'number' || v.kind === 'template') ? `stream ${showName(v)}` : 'a stream whose name is computed';
}

export default defineRule<Data>({
  meta,
  *check(ctx) {
    for (const fact of ctx.file.calls) {
      if (fact.family !== 'redis' || fact.command !== 'XADD') continue;
      if (xaddInfo(fact).trim.state !== 'none') continue;
      if (trimmedElsewhere(fact, ctx)) continue;
      yield { node: fact.node, data: { fact, key: describeStream(fact.args[0]) } };
    }
  },
  message: ({ key }) =>
    `XADD appends to ${key} without MAXLEN or MINID, and no XTRIM bounds it anywhere in the workspace. ` +
    'A Redis stream lives in memory, so it grows until maxmemory evicts keys or writes fail; unlike Kafka, Redis has no retention policy of its own. ' +
    "Cap it on write with MAXLEN '~' (or MINID), or trim it on a schedule.",
  suggest({ data: { fact } }, ctx): Suggestion[] {
    const max = numberOption(ctx, meta, 'streamMaxLen');
    const q = quote(ctx, argNode(fact, 0));
    const desc = `Cap the stream: MAXLEN ~ ${max}`;
    if (usesOptionObjects(fact)) {
      const trim = `TRIM: { strategy: ${q('MAXLEN')}, strategyModifier: ${q('~')}, threshold: ${max} }`;
      const message = argNode(fact, 2);
      if (message && fact.node.arguments.length === 3) return [{ desc, edits: [{ range: [message.getEnd(), message.getEnd()], text: `, { ${trim} }` }] }];
      // An options object without TRIM written in the call: add the property to it.
      const options = argNode(fact, 3);
      if (!options || fact.node.arguments.length !== 4 || !ts.isObjectLiteralExpression(options)) return [];
      if (options.properties.length === 0) return [{ desc, edits: [{ range: [options.getStart(), options.getEnd()], text: `{ ${trim} }` }] }];
      return [{ desc, edits: [{ range: [options.getStart() + 1, options.getStart() + 1], text: ` ${trim},` }] }];
    }
    const key = argNode(fact, 0);
    if (!key) return [];
    // node-redis sendCommand takes strings only.
    const threshold = fact.client.kind === 'node-redis' ? q(String(max)) : String(max);
    return [{ desc, edits: [{ range: [key.getEnd(), key.getEnd()], text: `, ${q('MAXLEN')}, ${q('~')}, ${threshold}` }] }];
  },
});
