"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.usesOptionObjects = usesOptionObjects;
exports.xaddInfo = xaddInfo;
exports.xtrimInfo = xtrimInfo;
exports.xreadgroupInfo = xreadgroupInfo;
exports.firstKey = firstKey;
exports.popKeys = popKeys;
exports.popCount = popCount;
exports.subscribedChannels = subscribedChannels;
const values_1 = require("./values");
/** node-redis takes option objects and arrays; wire order (ioredis, `call`, `sendCommand`) does not. */
function usesOptionObjects(fact) {
    return fact.client.kind === 'node-redis' && !fact.generic;
}
const upper = (v) => (0, values_1.stringOf)(v)?.toUpperCase();
/** XADD: the stream key and how (whether) it trims. */
function xaddInfo(fact) {
    const key = fact.args[0];
    if (usesOptionObjects(fact)) {
        if (fact.knownPrefix < Math.min(fact.args.length, 4) || (!fact.argsComplete && fact.args.length < 4))
            return { key, trim: { state: 'unknown' } };
        const options = fact.args[3];
        if (!options || options.kind === 'nullish')
            return { key, trim: { state: 'none' } };
        if (options.kind !== 'object')
            return { key, trim: { state: 'unknown' } };
        const trim = options.props.get('TRIM');
        if (!trim)
            return { key, trim: { state: options.complete ? 'none' : 'unknown' } };
        return { key, trim: objectTrim(trim) };
    }
    for (let i = 1; i < fact.args.length; i++) {
        if (i >= fact.knownPrefix)
            return { key, trim: { state: 'unknown' } };
        const token = upper(fact.args[i]);
        if (token === 'NOMKSTREAM' || token === 'KEEPREF' || token === 'DELREF' || token === 'ACKED')
            continue;
        if (token === 'MAXLEN' || token === 'MINID')
            return { key, trim: wireTrim(fact, i) };
        return { key, trim: { state: 'none' } };
    }
    return { key, trim: { state: fact.argsComplete ? 'none' : 'unknown' } };
}
/** XTRIM: the stream key and its trimming. */
function xtrimInfo(fact) {
    const key = fact.args[0];
    if (usesOptionObjects(fact)) {
        const strategy = upper(fact.args[1]);
        if (strategy !== 'MAXLEN' && strategy !== 'MINID')
            return { key, trim: { state: 'unknown' } };
        if (fact.knownPrefix < Math.min(fact.args.length, 4) || (!fact.argsComplete && fact.args.length < 4))
            return { key, trim: { state: 'unknown' } };
        const options = fact.args[3];
        const modifier = options ? upper((0, values_1.propOf)(options, 'strategyModifier')) : undefined;
        if (options && options.kind !== 'object' && options.kind !== 'nullish')
            return { key, trim: { state: 'unknown' } };
        if (options?.kind === 'object' && !options.complete && modifier === undefined)
            return { key, trim: { state: 'unknown' } };
        return {
            key,
            trim: {
                state: modifier === '~' ? 'approx' : 'exact',
                strategy,
                strategyValue: fact.args[1],
                thresholdValue: fact.args[2],
                modifierValue: options ? (0, values_1.propOf)(options, 'strategyModifier') : undefined,
                optionsValue: options,
            },
        };
    }
    const token = upper(fact.args[1]);
    if (token === 'MAXLEN' || token === 'MINID')
        return { key, trim: wireTrim(fact, 1) };
    return { key, trim: { state: 'unknown' } };
}
function wireTrim(fact, at) {
    const args = fact.args;
    const strategy = upper(args[at]);
    if (at + 1 >= fact.knownPrefix)
        return { state: fact.argsComplete ? 'exact' : 'unknown', strategy, strategyValue: args[at] };
    const modifier = (0, values_1.stringOf)(args[at + 1]);
    if (modifier === '~')
        return { state: 'approx', strategy, strategyValue: args[at], thresholdValue: args[at + 2] };
    if (modifier === '=')
        return { state: 'exact', strategy, strategyValue: args[at], modifierValue: args[at + 1], thresholdValue: args[at + 2] };
    if (args[at + 1].kind !== 'string' && args[at + 1].kind !== 'number' && !thresholdByCount(fact, at))
        return { state: 'unknown', strategy, strategyValue: args[at] };
    return { state: 'exact', strategy, strategyValue: args[at], thresholdValue: args[at + 1] };
}
/**
 * A computed value after MAXLEN/MINID is the threshold (not a `~` in a variable) when the
 * argument count says so: XADD has an odd number of arguments after the strategy only
 * with a modifier (`[~] n id field value …`), XTRIM an even one (`[~] n [LIMIT c]`).
 */
function thresholdByCount(fact, at) {
    if (!fact.argsComplete || fact.args.some((a) => a.kind === 'array' || a.kind === 'object'))
        return false;
    const after = fact.args.length - at - 1;
    return fact.command === 'XADD' ? after % 2 === 0 : after % 2 === 1;
}
function objectTrim(trim) {
    if (trim.kind !== 'object')
        return { state: 'unknown' };
    const strategy = upper(trim.props.get('strategy')) ?? 'MAXLEN';
    const modifier = trim.props.get('strategyModifier');
    if (modifier === undefined && !trim.complete)
        return { state: 'unknown' };
    const m = (0, values_1.stringOf)(modifier);
    if (modifier && m === undefined)
        return { state: 'unknown' };
    return {
        state: m === '~' ? 'approx' : 'exact',
        strategy: strategy === 'MINID' ? 'MINID' : 'MAXLEN',
        strategyValue: trim.props.get('strategy'),
        modifierValue: modifier,
        thresholdValue: trim.props.get('threshold'),
        optionsValue: trim,
    };
}
/** XREADGROUP: group, stream keys, NOACK and CLAIM. */
function xreadgroupInfo(fact) {
    if (usesOptionObjects(fact)) {
        const streams = fact.args[2];
        const list = streams?.kind === 'array' ? streams.elements : streams ? [streams] : [];
        const keys = list.map((s) => (s.kind === 'object' ? s.props.get('key') : undefined) ?? { kind: 'unknown', names: [] });
        const options = fact.args[3];
        let noack = false;
        let noackValue;
        if (options && options.kind === 'object') {
            noackValue = options.props.get('NOACK');
            noack = noackValue ? (noackValue.kind === 'boolean' ? noackValue.value : undefined) : options.complete ? false : undefined;
        }
        else if (options && options.kind !== 'nullish')
            noack = undefined;
        if (!fact.argsComplete && fact.args.length < 4)
            noack = undefined;
        const claim = options?.kind === 'object' && options.props.has('CLAIM');
        return { group: fact.args[0], keys, noack, noackValue, claim };
    }
    const tokens = fact.args.map(upper);
    const streamsAt = tokens.indexOf('STREAMS');
    const noackAt = tokens.indexOf('NOACK');
    const group = tokens[0] === 'GROUP' ? fact.args[1] : undefined;
    const claim = tokens.some((t, i) => t === 'CLAIM' && (streamsAt < 0 || i < streamsAt));
    let keys = [];
    if (streamsAt >= 0) {
        const rest = fact.args.slice(streamsAt + 1);
        keys = fact.argsComplete ? rest.slice(0, Math.floor(rest.length / 2)) : rest.slice(0, 1);
    }
    const knownOptions = streamsAt >= 0 && streamsAt < fact.knownPrefix;
    const noack = noackAt >= 0 && (streamsAt < 0 || noackAt < streamsAt) ? true : knownOptions ? false : undefined;
    return { group, keys, noack, noackValue: noackAt >= 0 ? fact.args[noackAt] : undefined, claim };
}
/** Keys a command names first (XACK, XAUTOCLAIM, XCLAIM, XRANGE, LPUSH …). */
function firstKey(fact) {
    return fact.args[0];
}
/** Keys a blocking or plain pop reads from: ioredis `brpop(k1, k2, 0)` / `brpop([k1, k2], 0)`, node-redis `brPop(k | [k], 0)`. */
function popKeys(fact) {
    const blocking = fact.command === 'BRPOP' || fact.command === 'BLPOP';
    const args = blocking ? fact.args.slice(0, Math.max(1, fact.args.length - 1)) : fact.args.slice(0, 1);
    return args.flatMap((a) => (a.kind === 'array' ? a.elements : [a]));
}
/** The count argument of RPOP/LPOP, when given. */
function popCount(fact) {
    if (fact.command !== 'RPOP' && fact.command !== 'LPOP')
        return undefined;
    return (0, values_1.numberOf)(fact.args[1]);
}
/** Channels a SUBSCRIBE-family call names (listener callbacks dropped). */
function subscribedChannels(fact) {
    return fact.args.filter((a) => a.kind !== 'function').flatMap((a) => (a.kind === 'array' ? a.elements : [a]));
}
//# sourceMappingURL=redis-args.js.map