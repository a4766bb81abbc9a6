"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const redis_args_1 = require("../../core/redis-args");
const rule_1 = require("../../core/rule");
exports.default = (0, rule_1.defineRule)({
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
        if (reads.length === 0 || reclaims(ctx))
            return;
        // NOACK reads never enter the pending list: there is nothing to reclaim.
        for (const fact of reads)
            if ((0, redis_args_1.xreadgroupInfo)(fact).noack !== true)
                yield { node: fact.node, data: { fact } };
    },
    message: () => 'This consumer group is read with XREADGROUP, but nothing in the workspace reclaims pending entries (no XAUTOCLAIM, XCLAIM or XREADGROUP … CLAIM): entries delivered to a consumer that crashed stay pending forever with no one to process them. ' +
        "Kafka reassigns a dead consumer's partitions on rebalance; Redis does not. " +
        'Reclaim idle entries with XAUTOCLAIM (with a min-idle-time above your slowest processing) in a loop or at worker startup.',
});
function isGroupRead(fact) {
    return fact.family === 'redis' && fact.command === 'XREADGROUP';
}
const cache = new WeakMap();
/** Does anything in the workspace take over idle pending entries? */
function reclaims(ctx) {
    const hit = cache.get(ctx.index);
    if (hit !== undefined)
        return hit;
    const found = ctx.index.callsOf('XAUTOCLAIM', 'XCLAIM').some((f) => f.family === 'redis') ||
        ctx.index.callsOf('XREADGROUP').some((f) => isGroupRead(f) && (0, redis_args_1.xreadgroupInfo)(f).claim) ||
        luaClaims(ctx);
    cache.set(ctx.index, found);
    return found;
}
/** A Lua script anywhere in the workspace (EVAL, defineCommand, defineScript) that calls XAUTOCLAIM or XCLAIM. */
function luaClaims(ctx) {
    const call = /redis\.p?call\(\s*['"]x(auto)?claim['"]/i;
    for (const facts of ctx.index.files.values())
        if (call.test(facts.sourceFile.text))
            return true;
    return false;
}
//# sourceMappingURL=stream-without-pending-recovery.js.map