"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.producerConfigs = producerConfigs;
exports.settingIsCertain = settingIsCertain;
exports.typedLiterals = typedLiterals;
exports.inlineLiteral = inlineLiteral;
// Kafka producer configuration readers: which creation arguments hold librdkafka or KafkaJS-style settings, and when a setting is certain.
const typescript_1 = __importDefault(require("typescript"));
const clients_1 = require("./clients");
/**
 * The configuration objects that apply to producers made by this creation: node-rdkafka and
 * confluent rdkafka producers (global and topic config), confluent KafkaJS `kafka.producer(cfg)`
 * and the `new KafkaJS.Kafka(cfg)` common config its producers inherit (librdkafka keys at top
 * level, KafkaJS options under `kafkaJS`). kafkajs itself takes no librdkafka keys.
 */
function producerConfigs(creation) {
    const { client, node, args } = creation;
    if (!(0, clients_1.isLibrdkafka)(client.kind))
        return [];
    const argNodes = node.arguments ?? typescript_1.default.factory.createNodeArray();
    const out = [];
    const add = (i, dialect, v = args[i]) => {
        const arg = argNodes[i];
        if (v?.kind === 'object' && arg && !argNodes.slice(0, i + 1).some(typescript_1.default.isSpreadElement))
            out.push({ creation, dialect, value: v, argNode: arg });
    };
    if (client.kind === 'confluent-kafkajs') {
        const common = client.role === 'kafka' && typescript_1.default.isNewExpression(node);
        if (client.role !== 'producer' && !common)
            return [];
        add(0, 'librdkafka');
        const config = args[0];
        if (config?.kind === 'object')
            add(0, 'kafkajs', config.props.get('kafkaJS'));
        return out;
    }
    if (client.role !== 'producer')
        return [];
    // new Producer(globalConf, topicConf) and createWriteStream(globalConf, topicConf, streamOptions)
    add(0, 'librdkafka');
    add(1, 'librdkafka');
    return out;
}
/**
 * Is `key` certainly set to `obj.props.get(key)`? Not when an unresolved spread written after
 * it (`{ acks: 1, ...overrides }`) may replace it.
 */
function settingIsCertain(obj, key, values, depth = 0) {
    if (obj.kind !== 'object' || !obj.props.has(key))
        return false;
    if (obj.complete)
        return true;
    const literal = obj.node && unwrapExpr(obj.node);
    if (!literal || !typescript_1.default.isObjectLiteralExpression(literal) || depth > 4)
        return false;
    let from = -1;
    let fromSpread;
    literal.properties.forEach((p, i) => {
        if (typescript_1.default.isSpreadAssignment(p)) {
            const spread = values.resolve(p.expression);
            if (spread.kind === 'object' && spread.props.has(key)) {
                from = i;
                fromSpread = spread;
            }
        }
        else if (values.propertyKey(p.name) === key) {
            from = i;
            fromSpread = undefined;
        }
    });
    if (from < 0)
        return false;
    if (fromSpread && !settingIsCertain(fromSpread, key, values, depth + 1))
        return false;
    return literal.properties.slice(from + 1).every((p) => {
        if (!typescript_1.default.isSpreadAssignment(p))
            return values.propertyKey(p.name) !== undefined;
        const spread = values.resolve(p.expression);
        return spread.kind === 'object' && spread.complete && !spread.props.has(key);
    });
}
/** (package, type name) → what a literal of that contextual type is. */
const TYPED_LITERALS = [
    [['node-rdkafka', 'confluent-rdkafka'], ['ProducerGlobalConfig', 'ProducerTopicConfig'], 'producer-config', 'librdkafka'],
    [['confluent-kafkajs'], ['ProducerConstructorConfig', 'CommonConstructorConfig'], 'producer-config', 'librdkafka'],
    [['confluent-kafkajs'], ['ProducerConfig'], 'producer-config', 'kafkajs'],
    [['kafkajs'], ['ProducerRecord', 'ProducerBatch'], 'send', 'kafkajs'],
    [['kafkajs', 'confluent-kafkajs'], ['Message'], 'message', 'kafkajs'],
];
/**
 * With types: object literals the Kafka typings type by context — producer configs, kafkajs send
 * records and messages handed to wrappers (`createProducer(config: ProducerGlobalConfig)`,
 * `publish(messages: Message[])`), which no creation or send in the file shows directly.
 */
function typedLiterals(sf, checker, use) {
    let perFile = typedLiteralCache.get(checker);
    if (!perFile)
        typedLiteralCache.set(checker, (perFile = new WeakMap()));
    let all = perFile.get(sf);
    if (!all) {
        const found = [];
        const visit = (n) => {
            if (typescript_1.default.isObjectLiteralExpression(n)) {
                const hit = classify(contextualType(checker, n));
                if (hit)
                    found.push({ literal: n, use: hit[0], dialect: hit[1] });
            }
            n.forEachChild(visit);
        };
        visit(sf);
        all = found;
        perFile.set(sf, all);
    }
    return all.filter((t) => t.use === use);
}
/** One walk per file and checker, shared by the rules that ask (a reused SourceFile may meet a new checker). */
const typedLiteralCache = new WeakMap();
function contextualType(checker, n) {
    try {
        return checker.getContextualType(n);
    }
    catch {
        return undefined;
    }
}
function classify(type) {
    if (!type)
        return undefined;
    for (const t of type.isUnion() ? type.types : [type]) {
        const sym = t.aliasSymbol ?? t.getSymbol();
        if (!sym)
            continue;
        const name = sym.getName();
        for (const d of sym.declarations ?? []) {
            const kind = (0, clients_1.kindOfDeclarationFile)(d.getSourceFile().fileName);
            const row = kind && TYPED_LITERALS.find(([kinds, names]) => kinds.includes(kind) && names.includes(name));
            if (row)
                return [row[2], row[3]];
        }
    }
    return undefined;
}
/** The property's own initializer when it is the literal that set the value (not a reference to a constant): what a fix may rewrite. */
function inlineLiteral(prop, v) {
    if (!typescript_1.default.isPropertyAssignment(prop) || !v?.node)
        return undefined;
    let init = prop.initializer;
    while (typescript_1.default.isParenthesizedExpression(init))
        init = init.expression;
    if (init !== v.node)
        return undefined;
    if (typescript_1.default.isNumericLiteral(init) || typescript_1.default.isStringLiteral(init))
        return init;
    if (typescript_1.default.isPrefixUnaryExpression(init) && init.operator === typescript_1.default.SyntaxKind.MinusToken && typescript_1.default.isNumericLiteral(init.operand))
        return init;
    return undefined;
}
function unwrapExpr(node) {
    let n = node;
    while (typescript_1.default.isParenthesizedExpression(n) || typescript_1.default.isAsExpression(n) || typescript_1.default.isSatisfiesExpression(n) || typescript_1.default.isTypeAssertionExpression(n))
        n = n.expression;
    return n;
}
//# sourceMappingURL=kafka-config.js.map