"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.endpointsOf = endpointsOf;
exports.mayBeSame = mayBeSame;
exports.displayName = displayName;
const redis_args_1 = require("./redis-args");
const values_1 = require("./values");
const LIST_PUSH = new Set(['LPUSH', 'RPUSH', 'LPUSHX', 'RPUSHX']);
const LIST_POP = new Set(['BRPOP', 'BLPOP', 'RPOP', 'LPOP']);
const LIST_MOVE = new Set(['BLMOVE', 'LMOVE', 'BRPOPLPUSH', 'RPOPLPUSH']);
function endpointsOf(fact) {
    const out = [];
    const add = (kind, role, name, match = 'exact') => {
        // librdkafka subscribes by regular expression when a topic name starts with `^`.
        if (kind === 'topic' && role === 'consume' && name?.kind === 'string' && name.value.startsWith('^'))
            name = { kind: 'regexp', source: `/${name.value}/`, node: name.node };
        if (name)
            out.push({ kind, role, name, match: name.kind === 'regexp' ? 'regexp' : match, fact });
    };
    if (fact.family === 'redis') {
        const c = fact.command;
        if (c === 'PUBLISH' || c === 'SPUBLISH')
            add('channel', 'produce', fact.args[0]);
        else if (c === 'SUBSCRIBE' || c === 'SSUBSCRIBE')
            (0, redis_args_1.subscribedChannels)(fact).forEach((v) => add('channel', 'consume', v));
        else if (c === 'PSUBSCRIBE')
            (0, redis_args_1.subscribedChannels)(fact).forEach((v) => add('channel', 'consume', v, 'glob'));
        else if (c === 'XADD')
            add('stream', 'produce', fact.args[0]);
        else if (c === 'XREADGROUP')
            (0, redis_args_1.xreadgroupInfo)(fact).keys.forEach((k) => add('stream', 'consume', k));
        else if (c === 'XREAD')
            xreadKeys(fact).forEach((k) => add('stream', 'consume', k));
        else if (c === 'XRANGE' || c === 'XREVRANGE')
            add('stream', 'consume', fact.args[0]);
        else if (LIST_PUSH.has(c))
            add('list', 'produce', fact.args[0]);
        else if (LIST_POP.has(c))
            (0, redis_args_1.popKeys)(fact).forEach((k) => add('list', 'consume', k));
        else if (LIST_MOVE.has(c)) {
            add('list', 'consume', fact.args[0]);
            add('list', 'produce', fact.args[1]);
        }
        return out;
    }
    const m = fact.command;
    if ((m === 'send' || m === 'sendBatch') && fact.client.role !== 'consumer') {
        const record = fact.args[0];
        if (m === 'send')
            add('topic', 'produce', (0, values_1.propOf)(record, 'topic') ?? unknownFrom(record));
        else {
            const batches = (0, values_1.propOf)(record, 'topicMessages');
            if (batches?.kind === 'array')
                batches.elements.forEach((b) => add('topic', 'produce', (0, values_1.propOf)(b, 'topic') ?? unknownFrom(b)));
            else
                add('topic', 'produce', unknownFrom(record));
        }
    }
    else if (m === 'produce')
        add('topic', 'produce', fact.args[0]);
    else if (m === 'subscribe' && fact.client.role !== 'producer') {
        const arg = fact.args[0];
        if (arg?.kind === 'array')
            arg.elements.forEach((t) => add('topic', 'consume', t));
        else if (arg?.kind === 'object') {
            const one = arg.props.get('topic');
            const many = arg.props.get('topics');
            if (one)
                add('topic', 'consume', one);
            if (many?.kind === 'array')
                many.elements.forEach((t) => add('topic', 'consume', t));
            else if (many)
                add('topic', 'consume', many);
            if (!one && !many)
                add('topic', 'consume', unknownFrom(arg));
        }
        else
            add('topic', 'consume', arg ?? unknownFrom(undefined));
    }
    return out;
}
function unknownFrom(v) {
    return { kind: 'unknown', names: [], node: v?.node };
}
function xreadKeys(fact) {
    if (fact.client.kind === 'node-redis' && !fact.generic) {
        const streams = fact.args[0];
        const list = streams?.kind === 'array' ? streams.elements : streams ? [streams] : [];
        return list.map((s) => (0, values_1.propOf)(s, 'key') ?? unknownFrom(s));
    }
    const tokens = fact.args.map((a) => (0, values_1.stringOf)(a)?.toUpperCase());
    const at = tokens.indexOf('STREAMS');
    if (at < 0)
        return [unknownFrom(undefined)];
    const rest = fact.args.slice(at + 1);
    return fact.argsComplete ? rest.slice(0, Math.floor(rest.length / 2)) : [unknownFrom(undefined)];
}
/** A regular expression for a known-or-partly-known name; `undefined` when nothing is known. */
function regexOf(v, match) {
    if (v.kind === 'regexp') {
        const m = /^\/(.*)\/([a-z]*)$/s.exec(v.source);
        try {
            return m ? new RegExp(m[1], m[2].replace(/[gy]/g, '')) : undefined;
        }
        catch {
            return undefined;
        }
    }
    const p = (0, values_1.patternOf)(v);
    if (p === undefined)
        return undefined;
    const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (match === 'glob') {
        const body = p.split('').map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : escape(ch))).join('');
        return new RegExp(`^${body}$`);
    }
    if (v.kind === 'template')
        return new RegExp(`^${v.parts.map((part) => (part === null ? '.*' : escape(part))).join('')}$`);
    return new RegExp(`^${escape(p)}$`);
}
/** Could these two endpoints name the same destination? Unknown names may be anything. */
function mayBeSame(a, b) {
    const sa = (0, values_1.stringOf)(a.name);
    const sb = (0, values_1.stringOf)(b.name);
    const ra = regexOf(a.name, a.match);
    const rb = regexOf(b.name, b.match);
    if (!ra || !rb)
        return true;
    if (sa !== undefined && a.match === 'exact')
        return rb.test(sa);
    if (sb !== undefined && b.match === 'exact')
        return ra.test(sb);
    // Two patterns: compare their literal prefixes.
    const prefix = (v) => (v.kind === 'template' ? v.parts[0] ?? '' : ((0, values_1.patternOf)(v) ?? '').split('*')[0]);
    const pa = a.name.kind === 'regexp' ? '' : prefix(a.name);
    const pb = b.name.kind === 'regexp' ? '' : prefix(b.name);
    return pa.startsWith(pb) || pb.startsWith(pa);
}
/** A destination name worth showing: the known text with `*` for unknown parts. */
function displayName(v) {
    if (v.kind === 'regexp')
        return v.source;
    return (0, values_1.patternOf)(v);
}
//# sourceMappingURL=destinations.js.map