"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
// redis/exact-stream-trim: MAXLEN/MINID trimming without `~`, which makes Redis trim precisely on every call.
const typescript_1 = __importDefault(require("typescript"));
const redis_args_1 = require("../../core/redis-args");
const rule_1 = require("../../core/rule");
const values_1 = require("../../core/values");
const shared_1 = require("../shared");
exports.default = (0, rule_1.defineRule)({
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
            if (fact.family !== 'redis' || (fact.command !== 'XADD' && fact.command !== 'XTRIM'))
                continue;
            const { trim } = fact.command === 'XADD' ? (0, redis_args_1.xaddInfo)(fact) : (0, redis_args_1.xtrimInfo)(fact);
            if (trim.state !== 'exact')
                continue;
            // `MAXLEN 0` empties the stream: only the exact form does that.
            if ((0, values_1.numberOf)(trim.thresholdValue) === 0)
                continue;
            const at = (0, shared_1.localNode)(trim.strategyValue, ctx);
            const node = at && inside(at, fact) ? at : fact.node;
            yield { node, data: { fact, trim } };
        }
    },
    message: ({ fact, trim }) => `${fact.command} trims with exact ${trim.strategy ?? 'MAXLEN'}: Redis must cut the stream to precisely that length, removing entries from inside its radix-tree nodes on every call. ` +
        "With '~' Redis trims only whole nodes, which is much cheaper and keeps the stream at least that long — for a capped stream that is what you want.",
    fix({ data: { fact, trim } }, ctx) {
        const q = (0, shared_1.quote)(ctx, (0, shared_1.localNode)(trim.strategyValue, ctx) ?? fact.node);
        if (trim.modifierValue)
            return replaceModifier(fact, trim, ctx, q('~'));
        if (!(0, redis_args_1.usesOptionObjects)(fact)) {
            const strategy = wireNode(fact, trim.strategyValue, ctx);
            return strategy ? [{ range: [strategy.getEnd(), strategy.getEnd()], text: `, ${q('~')}` }] : undefined;
        }
        // node-redis: add strategyModifier to the options object (here or declared elsewhere in this file), or pass one.
        const objectNode = trim.optionsValue?.kind === 'object' ? (0, shared_1.localNode)(trim.optionsValue, ctx) : undefined;
        if (objectNode && typescript_1.default.isObjectLiteralExpression(objectNode))
            return addModifierProperty(objectNode, q('~'));
        if (fact.command === 'XTRIM' && !trim.optionsValue && fact.node.arguments.length === 3 && (0, shared_1.inFile)(fact.node, ctx)) {
            const last = fact.node.arguments[2];
            return [{ range: [last.getEnd(), last.getEnd()], text: `, { strategyModifier: ${q('~')} }` }];
        }
        return undefined;
    },
});
/** An explicit `=`: the argument in the call, an element of a const array, or the `strategyModifier` property. */
function replaceModifier(fact, trim, ctx, tilde) {
    if (!(0, redis_args_1.usesOptionObjects)(fact)) {
        const node = wireNode(fact, trim.modifierValue, ctx);
        return node ? [{ range: [node.getStart(), node.getEnd()], text: tilde }] : undefined;
    }
    const prop = trim.optionsValue?.kind === 'object' ? trim.optionsValue.propNodes.get('strategyModifier') : undefined;
    if (!(0, shared_1.inFile)(prop, ctx))
        return undefined;
    if (typescript_1.default.isPropertyAssignment(prop))
        return [{ range: [prop.initializer.getStart(), prop.initializer.getEnd()], text: tilde }];
    if (typescript_1.default.isShorthandPropertyAssignment(prop))
        return [{ range: [prop.getStart(), prop.getEnd()], text: `strategyModifier: ${tilde}` }];
    return undefined;
}
/** Where a wire-order token is written: as an argument of the call, or inside a const array spread into it. */
function wireNode(fact, value, ctx) {
    const index = value ? fact.args.indexOf(value) : -1;
    if (!value || index < 0)
        return undefined;
    const arg = (0, shared_1.argNode)(fact, index);
    if (arg)
        return arg;
    const local = (0, shared_1.localNode)(value, ctx);
    return local && typescript_1.default.isArrayLiteralExpression(local.parent) ? local : undefined;
}
function addModifierProperty(object, tilde) {
    if (object.properties.length === 0)
        return [{ range: [object.getStart(), object.getEnd()], text: `{ strategyModifier: ${tilde} }` }];
    const strategy = object.properties.find((p) => p.name && typescript_1.default.isIdentifier(p.name) && p.name.text === 'strategy');
    if (strategy)
        return [{ range: [strategy.getEnd(), strategy.getEnd()], text: `, strategyModifier: ${tilde}` }];
    const open = object.getStart() + 1;
    return [{ range: [open, open], text: ` strategyModifier: ${tilde},` }];
}
function inside(node, fact) {
    return fact.node.getStart() <= node.getStart() && node.getEnd() <= fact.node.getEnd();
}
//# sourceMappingURL=exact-stream-trim.js.map