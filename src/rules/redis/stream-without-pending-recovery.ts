// redis/stream-without-pending-recovery: consumer groups are read, but nothing in the workspace reclaims pending entries.
import type { CallFact } from '../../core/facts';
import { xreadgroupInfo } from '../../core/redis-args';
import { defineRule, type RuleContext } from '../../core/rule';
import type { WorkspaceIndex } from '../../core/workspace';

interface Data {
  fact: CallFact;
}

export default defineRule<Data>({
  meta: {
    id: 'redis/stream-without-pending-recovery',
    description: 'A stream consumer group is read but nothing reclaims pending entries, so work held by a crashed consumer is stuck forever.',
    defaultSeverity: 'info',
    fixKind: 'none',
    docs: 'rules/redis/stream-without-pending-recovery.md',
    options: {},
  },
  *check(ctx) {
    const reads = ctx.file.calls.filter(isGroupRead);
    if (reads.length === 0 || reclaims(ctx)) return;
    // NOACK reads never enter the pending list: there is nothing to reclaim.
    for (const fact of reads) if (xreadgroupInfo(fact).noack !== true) yield { node: fact.node, data: { fact } };
  },
  message: () =>
    'This consumer group is read with XREADGROUP, but nothing in the workspace reclaims pending entries (no XAUTOCLAIM, XCLAIM or XREADGROUP … CLAIM): entries delivered to a consumer that crashed stay pending forever with no one to process them. ' +
    "Kafka reassigns a dead consumer's partitions on rebalance; Redis does not. " +
    'Reclaim idle entries with XAUTOCLAIM (with a min-idle-time above your slowest processing) in a loop or at worker startup.',
});

function isGroupRead(fact: CallFact): boolean {
  return fact.family === 'redis' && fact.command === 'XREADGROUP';
}

const cache = new WeakMap<WorkspaceIndex, boolean>();

/** Does anything in the workspace take over idle pending entries? */
function reclaims(ctx: RuleContext): boolean {
  const hit = cache.get(ctx.index);
  if (hit !== undefined) return hit;
  const found =
    ctx.index.callsOf('XAUTOCLAIM', 'XCLAIM').some((f) => f.family === 'redis') ||
    ctx.index.callsOf('XREADGROUP').some((f) => isGroupRead(f) && xreadgroupInfo(f).claim) ||
    luaClaims(ctx);
  cache.set(ctx.index, found);
  return found;
}

/** A Lua script anywhere in the workspace (EVAL, defineCommand, defineScript) that calls XAUTOCLAIM or XCLAIM. */
function luaClaims(ctx: RuleContext): boolean {
  const call = /redis\.p?call\(\s*['"]x(auto)?claim['"]/i;
  for (const text of ctx.index.texts.values()) if (call.test(text)) return true;
  return false;
}
