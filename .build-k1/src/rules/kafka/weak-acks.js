"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
// kafka/weak-acks: producers that accept a write before the in-sync replicas have it (acks 0 or 1), in kafkajs sends and producer configs.
const typescript_1 = __importDefault(require("typescript"));
const kafka_config_1 = require("../../core/kafka-config");
const rule_1 = require("../../core/rule");
const values_1 = require("../../core/values");
const shared_1 = require("../shared");
const LIBRDKAFKA_KEYS = ['acks', 'request.required.acks'];
exports.default = (0, rule_1.defineRule)({
    meta: {
        id: 'kafka/weak-acks',
        description: 'Kafka producer configured with acks 0 or 1, so a message the producer saw as sent can still be lost when a broker fails.',
        defaultSeverity: 'warning',
        fixKind: 'fix',
        docs: 'rules/kafka/weak-acks.md',
        options: {},
    },
    *check(ctx) {
        const reported = new Set();
        const once = function* (signal) {
            if (!signal)
                return;
            const id = `${signal.node.getStart()}:${signal.data.key}`;
            if (reported.has(id))
                return;
            reported.add(id);
            yield signal;
        };
        for (const fact of ctx.file.calls) {
            if (!isKafkajsSend(fact))
                continue;
            const at = (0, shared_1.argNode)(fact, 0);
            if (at)
                yield* once(weakSetting(fact.args[0], 'acks', 'kafkajs', at, ctx));
        }
        for (const creation of ctx.file.creations) {
            for (const config of (0, kafka_config_1.producerConfigs)(creation)) {
                for (const key of config.dialect === 'kafkajs' ? ['acks'] : LIBRDKAFKA_KEYS) {
                    yield* once(weakSetting(config.value, key, config.dialect, config.argNode, ctx));
                }
            }
        }
        if (!ctx.typed)
            return;
        // Configs and send records handed to wrappers, known by the typings that type them.
        for (const use of ['producer-config', 'send']) {
            for (const { literal, dialect } of (0, kafka_config_1.typedLiterals)(ctx.sourceFile, ctx.checker, use)) {
                for (const key of dialect === 'kafkajs' ? ['acks'] : LIBRDKAFKA_KEYS) {
                    yield* once(weakSetting(ctx.values.resolve(literal), key, dialect, literal, ctx));
                }
            }
        }
    },
    message: ({ key, acks }) => (acks === 0
        ? `${key} is 0: the producer does not wait for the broker at all, so a failed or rejected write looks exactly like a successful one. `
        : `${key} is 1: the partition leader confirms the write before any follower has the record, so if the leader fails in that window the acknowledged message is lost. `) +
        "Kafka's durability comes from replication: with acks all (-1) the leader answers only once every in-sync replica has the record. " +
        "Use acks all (remove the override, it is the default) or, if losing messages is acceptable, ask whether Redis fits this path better.",
    fix({ data: { literal, dialect } }, ctx) {
        if (!literal || !(0, shared_1.inFile)(literal, ctx))
            return undefined;
        const text = dialect === 'librdkafka' && typescript_1.default.isStringLiteral(literal) ? (0, shared_1.quote)(ctx, literal)('all') : '-1';
        return [{ range: [literal.getStart(), literal.getEnd()], text }];
    },
});
/** kafkajs `producer.send(record)` / `sendBatch(batch)` / `transaction.send(record)`: the only sends that take `acks`. */
function isKafkajsSend(fact) {
    if (fact.client.kind !== 'kafkajs' || fact.client.role === 'consumer' || fact.client.role === 'admin')
        return false;
    return fact.command === 'send' || fact.command === 'sendBatch';
}
function weakSetting(obj, key, dialect, fallback, ctx) {
    if (obj?.kind !== 'object')
        return undefined;
    const v = obj.props.get(key);
    const acks = (0, values_1.numberOf)(v);
    if (acks !== 0 && acks !== 1)
        return undefined;
    if (!(0, kafka_config_1.settingIsCertain)(obj, key, ctx.values))
        return undefined;
    const prop = obj.propNodes.get(key);
    const here = (0, shared_1.inFile)(prop, ctx);
    return { node: here ? prop : fallback, data: { key, acks, dialect, literal: here ? (0, kafka_config_1.inlineLiteral)(prop, v) : undefined } };
}
//# sourceMappingURL=weak-acks.js.map