"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
// kafka/tiny-linger: librdkafka producer configs that switch batching off (linger.ms below minLingerMs, batch.num.messages ≤ 1).
const typescript_1 = __importDefault(require("typescript"));
const kafka_config_1 = require("../../core/kafka-config");
const rule_1 = require("../../core/rule");
const values_1 = require("../../core/values");
const shared_1 = require("../shared");
const meta = {
    id: 'kafka/tiny-linger',
    description: 'A librdkafka producer sets linger.ms below minLingerMs or batch.num.messages to 1 or less, which defeats Kafka batching.',
    defaultSeverity: 'warning',
    fixKind: 'fix',
    docs: 'rules/kafka/tiny-linger.md',
    options: {
        minLingerMs: { type: 'number', default: 5, minimum: 0, description: "Smallest accepted linger.ms / queue.buffering.max.ms (librdkafka's own default is 5); the fix sets this value." },
    },
};
const LINGER_KEYS = ['linger.ms', 'queue.buffering.max.ms'];
const BATCH_KEY = 'batch.num.messages';
exports.default = (0, rule_1.defineRule)({
    meta,
    *check(ctx) {
        const min = (0, rule_1.numberOption)(ctx, meta, 'minLingerMs');
        const reported = new Set();
        for (const { value, argNode } of librdkafkaConfigs(ctx)) {
            for (const key of [...LINGER_KEYS, BATCH_KEY]) {
                const v = value.props.get(key);
                const n = (0, values_1.numberOf)(v);
                if (n === undefined || (key === BATCH_KEY ? n > 1 : n >= min))
                    continue;
                if (!(0, kafka_config_1.settingIsCertain)(value, key, ctx.values))
                    continue;
                const prop = value.propNodes.get(key);
                const node = (0, shared_1.inFile)(prop, ctx) ? prop : argNode;
                const id = `${node.getStart()}:${key}`;
                if (reported.has(id))
                    continue;
                reported.add(id);
                const literal = key !== BATCH_KEY && (0, shared_1.inFile)(prop, ctx) ? (0, kafka_config_1.inlineLiteral)(prop, v) : undefined;
                yield { node, data: { key, value: n, min, literal } };
            }
        }
    },
    message: ({ key, value, min }) => key === BATCH_KEY
        ? `batch.num.messages is ${value} on this librdkafka producer, so every request to the broker carries a single message whatever linger.ms says. ` +
            "Kafka's throughput comes from batching, compression and sequential writes; one message per request pays a full round-trip and replication step each time. " +
            "Remove the override (librdkafka's default is 10000) or set a realistic batch size."
        : `${key} is ${value} on this librdkafka producer: librdkafka waits ${key} for a batch to fill, and at ${value} ms most messages go out in a request of their own, cutting throughput. ` +
            "Kafka's design relies on batching (and compression works per batch), while the latency saved is usually only a few milliseconds — if sub-millisecond delivery really matters, that is Redis territory. " +
            `Use at least ${min} ms, or remove the override (librdkafka's default is 5 ms).`,
    fix({ data: { literal, min } }, ctx) {
        if (!literal || !(0, shared_1.inFile)(literal, ctx))
            return undefined;
        const text = typescript_1.default.isStringLiteral(literal) ? (0, shared_1.quote)(ctx, literal)(String(min)) : String(min);
        return [{ range: [literal.getStart(), literal.getEnd()], text }];
    },
});
/** librdkafka producer configs: given to a producer created in this file, or typed as one (with types). */
function* librdkafkaConfigs(ctx) {
    for (const creation of ctx.file.creations) {
        for (const config of (0, kafka_config_1.producerConfigs)(creation))
            if (config.dialect === 'librdkafka')
                yield config;
    }
    if (!ctx.typed)
        return;
    for (const { literal, dialect } of (0, kafka_config_1.typedLiterals)(ctx.sourceFile, ctx.checker, 'producer-config')) {
        const value = ctx.values.resolve(literal);
        if (dialect === 'librdkafka' && value.kind === 'object')
            yield { value, argNode: literal };
    }
}
//# sourceMappingURL=tiny-linger.js.map