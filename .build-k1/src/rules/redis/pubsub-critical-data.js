"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
// redis/pubsub-critical-data: PUBLISH/SPUBLISH whose channel or payload names data the business cannot afford to lose.
const typescript_1 = __importDefault(require("typescript"));
const clients_1 = require("../../core/clients");
const rule_1 = require("../../core/rule");
const vocabulary_1 = require("../../core/vocabulary");
const shared_1 = require("../shared");
const STREAM_MAX_LEN = 10000;
const MAX_DEPTH = 6;
/** Words of one piece of known text, without idioms such as "sort order" that are not business data. */
function textWords(text) {
    return (0, vocabulary_1.significantWords)((0, vocabulary_1.wordsOf)(text));
}
/**
 * Words of a string or the known parts of a template. A word that runs straight into an
 * unknown part may be a fragment of a longer one (`${prefix}order` could be `reorder`).
 */
function knownTextWords(v) {
    if (!v)
        return [];
    if (v.kind === 'string')
        return textWords(v.value);
    if (v.kind !== 'template')
        return [];
    const out = [];
    v.parts.forEach((part, i) => {
        if (part === null)
            return;
        const words = textWords(part);
        if (i > 0 && v.parts[i - 1] === null && /^[a-z0-9]/.test(part))
            words.shift();
        out.push(...words);
    });
    return out;
}
/** Words a payload mentions: object keys, string values, and the names an unresolved expression uses. */
function payloadWords(v, ctx, depth = 0) {
    if (!v || depth > MAX_DEPTH)
        return [];
    switch (v.kind) {
        case 'string':
        case 'template':
            return knownTextWords(v);
        case 'encoded':
            return payloadWords(v.of, ctx, depth + 1);
        case 'array':
            return v.elements.flatMap((e) => payloadWords(e, ctx, depth + 1));
        case 'object':
            return [...[...v.props].flatMap(([k, p]) => [...textWords(k), ...payloadWords(p, ctx, depth + 1)]), ...spreadWords(v, ctx, depth)];
        case 'unknown':
            return v.names.flatMap(textWords);
        default:
            return [];
    }
}
/** `{ ...order, status }`: an unresolved spread still tells what the object carries. */
function spreadWords(v, ctx, depth) {
    if (v.complete || !v.node || !typescript_1.default.isObjectLiteralExpression(v.node))
        return [];
    return v.node.properties.filter(typescript_1.default.isSpreadAssignment).flatMap((s) => {
        const spread = ctx.values.resolve(s.expression);
        return spread.kind === 'object' ? [] : payloadWords(spread, ctx, depth + 1);
    });
}
function vocabularies(ctx) {
    return {
        critical: ctx.config.criticalVocabulary ?? vocabulary_1.DEFAULT_CRITICAL_VOCABULARY,
        ephemeral: ctx.config.ephemeralVocabulary ?? vocabulary_1.DEFAULT_EPHEMERAL_VOCABULARY,
    };
}
function classify(fact, ctx) {
    const channelWords = knownTextWords(fact.args[0]);
    // Nothing known about the channel: it may as well be a cache-invalidation channel.
    if (channelWords.length === 0)
        return undefined;
    const payload = payloadWords(fact.args[1], ctx);
    const { critical, ephemeral } = vocabularies(ctx);
    if ((0, vocabulary_1.findVocabulary)([...channelWords, ...payload], ephemeral))
        return undefined;
    const inChannel = (0, vocabulary_1.findVocabulary)(channelWords, critical);
    const hit = inChannel ?? (0, vocabulary_1.findVocabulary)(payload, critical);
    if (!hit)
        return undefined;
    return { fact, word: hit.word, where: inChannel ? 'channel' : 'payload', channel: (0, shared_1.showName)(fact.args[0]) };
}
/** The command-name literal of `call('PUBLISH', …)` / `sendCommand(['PUBLISH', …])`, when written here. */
function commandLiteral(fact) {
    const first = fact.node.arguments[0] && (0, clients_1.unwrap)(fact.node.arguments[0]);
    const node = first && typescript_1.default.isArrayLiteralExpression(first) ? first.elements[0] : first;
    return node && typescript_1.default.isStringLiteralLike(node) ? node : undefined;
}
/** Edits turning the publish into a capped XADD, or undefined when argument positions are not certain. */
function xaddEdits(fact, ctx) {
    const channel = (0, shared_1.argNode)(fact, 0);
    const payload = (0, shared_1.argNode)(fact, 1);
    if (!channel || !payload || !fact.argsComplete || fact.args.length !== 2)
        return undefined;
    const q = (0, shared_1.quote)(ctx, typescript_1.default.isStringLiteral(channel) ? channel : undefined);
    const callee = (0, clients_1.unwrap)(fact.node.expression);
    if (fact.generic) {
        const literal = commandLiteral(fact);
        if (!literal)
            return undefined;
        const name = literal.text === literal.text.toLowerCase() ? 'xadd' : 'XADD';
        // node-redis sendCommand takes strings only; ioredis call() accepts numbers.
        const max = fact.client.kind === 'node-redis' ? q(String(STREAM_MAX_LEN)) : String(STREAM_MAX_LEN);
        return [
            { range: [literal.getStart(), literal.getEnd()], text: q(name) },
            { range: [channel.getEnd(), channel.getEnd()], text: `, ${q('MAXLEN')}, ${q('~')}, ${max}, ${q('*')}, ${q('payload')}` },
        ];
    }
    if (!typescript_1.default.isPropertyAccessExpression(callee))
        return undefined;
    const name = callee.name;
    if (fact.client.kind === 'node-redis') {
        if (fact.node.arguments.length !== 2)
            return undefined;
        const trim = `{ TRIM: { strategy: ${q('MAXLEN')}, strategyModifier: ${q('~')}, threshold: ${STREAM_MAX_LEN} } }`;
        return [
            { range: [name.getStart(), name.getEnd()], text: 'xAdd' },
            { range: [channel.getEnd(), payload.getStart()], text: `, ${q('*')}, { payload: ` },
            { range: [payload.getEnd(), payload.getEnd()], text: ` }, ${trim}` },
        ];
    }
    return [
        { range: [name.getStart(), name.getEnd()], text: 'xadd' },
        { range: [channel.getEnd(), channel.getEnd()], text: `, ${q('MAXLEN')}, ${q('~')}, ${STREAM_MAX_LEN}, ${q('*')}, ${q('payload')}` },
    ];
}
exports.default = (0, rule_1.defineRule)({
    meta: {
        id: 'redis/pubsub-critical-data',
        description: 'Business-critical data published over Redis Pub/Sub, which delivers at most once and keeps nothing.',
        defaultSeverity: 'warning',
        fixKind: 'suggestion',
        docs: 'rules/redis/pubsub-critical-data.md',
        options: {},
    },
    *check(ctx) {
        for (const fact of ctx.file.calls) {
            if (fact.family !== 'redis' || (fact.command !== 'PUBLISH' && fact.command !== 'SPUBLISH'))
                continue;
            const data = classify(fact, ctx);
            if (data)
                yield { node: fact.node, data };
        }
    },
    message: ({ fact, word, where, channel }) => `${fact.command} sends business-critical data over Redis Pub/Sub ('${word}' in ${where === 'channel' ? `the channel name ${channel}` : `the payload published on ${channel}`}). ` +
        'Pub/Sub is at-most-once and fire-and-forget: a subscriber that is down or reconnecting misses the message, and Redis stores nothing that could be replayed. ' +
        "For data that must not be lost, append it to a Stream instead (XADD with MAXLEN '~', read by a consumer group that XACKs each entry) or produce it to a Kafka topic.",
    suggest({ data: { fact } }, ctx) {
        const edits = xaddEdits(fact, ctx);
        if (!edits)
            return [];
        return [{ desc: `Append to a capped Stream instead (XADD MAXLEN ~ ${STREAM_MAX_LEN}); consumers must then read it with XREADGROUP in a consumer group and XACK each entry`, edits }];
    },
});
//# sourceMappingURL=pubsub-critical-data.js.map