"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
// redis/unbounded-stream: XADD that never trims, on a stream no XTRIM in the workspace bounds either.
const typescript_1 = __importDefault(require("typescript"));
const destinations_1 = require("../../core/destinations");
const redis_args_1 = require("../../core/redis-args");
const rule_1 = require("../../core/rule");
const shared_1 = require("../shared");
const meta = {
    id: 'redis/unbounded-stream',
    description: 'XADD without MAXLEN/MINID on a stream that nothing trims: it grows until Redis runs out of memory.',
    defaultSeverity: 'warning',
    fixKind: 'suggestion',
    docs: 'rules/redis/unbounded-stream.md',
    options: {
        streamMaxLen: { type: 'number', default: 10000, minimum: 1, description: 'Length the suggested `MAXLEN ~` cap uses.' },
    },
};
/** Is the stream bounded elsewhere: an XTRIM, or another XADD that trims the same key? */
function trimmedElsewhere(fact, ctx) {
    const key = fact.args[0];
    if (!key)
        return true;
    for (const other of ctx.index.callsOf('XTRIM', 'XADD')) {
        if (other === fact)
            continue;
        const info = other.command === 'XTRIM' ? (0, redis_args_1.xtrimInfo)(other) : (0, redis_args_1.xaddInfo)(other);
        if (other.command === 'XADD' && info.trim.state === 'none')
            continue;
        if (!info.key || (0, destinations_1.mayBeSame)({ name: key, match: 'exact' }, { name: info.key, match: 'exact' }))
            return true;
    }
    return false;
}
function describeStream(v) {
    return v && (v.kind === 'string' || v.kind === 'number' || v.kind === 'template') ? `stream ${(0, shared_1.showName)(v)}` : 'a stream whose name is computed';
}
exports.default = (0, rule_1.defineRule)({
    meta,
    *check(ctx) {
        for (const fact of ctx.file.calls) {
            if (fact.family !== 'redis' || fact.command !== 'XADD')
                continue;
            if ((0, redis_args_1.xaddInfo)(fact).trim.state !== 'none')
                continue;
            if (trimmedElsewhere(fact, ctx))
                continue;
            yield { node: fact.node, data: { fact, key: describeStream(fact.args[0]) } };
        }
    },
    message: ({ key }) => `XADD appends to ${key} without MAXLEN or MINID, and no XTRIM bounds it anywhere in the workspace. ` +
        'A Redis stream lives in memory, so it grows until maxmemory evicts keys or writes fail; unlike Kafka, Redis has no retention policy of its own. ' +
        "Cap it on write with MAXLEN '~' (or MINID), or trim it on a schedule.",
    suggest({ data: { fact } }, ctx) {
        const max = (0, rule_1.numberOption)(ctx, meta, 'streamMaxLen');
        const q = (0, shared_1.quote)(ctx, (0, shared_1.argNode)(fact, 0));
        const desc = `Cap the stream: MAXLEN ~ ${max}`;
        if ((0, redis_args_1.usesOptionObjects)(fact)) {
            const trim = `TRIM: { strategy: ${q('MAXLEN')}, strategyModifier: ${q('~')}, threshold: ${max} }`;
            const message = (0, shared_1.argNode)(fact, 2);
            if (message && fact.node.arguments.length === 3)
                return [{ desc, edits: [{ range: [message.getEnd(), message.getEnd()], text: `, { ${trim} }` }] }];
            // An options object without TRIM written in the call: add the property to it.
            const options = (0, shared_1.argNode)(fact, 3);
            if (!options || fact.node.arguments.length !== 4 || !typescript_1.default.isObjectLiteralExpression(options))
                return [];
            if (options.properties.length === 0)
                return [{ desc, edits: [{ range: [options.getStart(), options.getEnd()], text: `{ ${trim} }` }] }];
            return [{ desc, edits: [{ range: [options.getStart() + 1, options.getStart() + 1], text: ` ${trim},` }] }];
        }
        const key = (0, shared_1.argNode)(fact, 0);
        if (!key)
            return [];
        // node-redis sendCommand takes strings only.
        const threshold = fact.client.kind === 'node-redis' ? q(String(max)) : String(max);
        return [{ desc, edits: [{ range: [key.getEnd(), key.getEnd()], text: `, ${q('MAXLEN')}, ${q('~')}, ${threshold}` }] }];
    },
});
//# sourceMappingURL=unbounded-stream.js.map