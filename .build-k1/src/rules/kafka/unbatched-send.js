"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
// kafka/unbatched-send: a single-message produce awaited on every loop iteration, one broker round trip per message.
const typescript_1 = __importDefault(require("typescript"));
const clients_1 = require("../../core/clients");
const context_1 = require("../../core/context");
const rule_1 = require("../../core/rule");
const values_1 = require("../../core/values");
const meta = {
    id: 'kafka/unbatched-send',
    description: 'A Kafka producer awaits one single-message send per loop iteration, paying a full broker round-trip for every message.',
    defaultSeverity: 'warning',
    fixKind: 'none',
    docs: 'rules/kafka/unbatched-send.md',
    options: {},
};
const MUTATORS = new Set(['push', 'unshift', 'splice', 'concat']);
exports.default = (0, rule_1.defineRule)({
    meta,
    *check(ctx) {
        for (const fact of ctx.file.calls) {
            if (fact.family !== 'kafka' || fact.client.role === 'consumer' || fact.client.role === 'admin')
                continue;
            const waited = awaitedSend(fact, ctx);
            if (!waited)
                continue;
            const loop = (0, context_1.enclosingLoop)(waited);
            if (!loop || exitsAfter(waited, loop))
                continue;
            yield { node: fact.node, data: { kind: fact.client.kind, method: fact.method } };
        }
    },
    message: ({ kind, method }) => {
        const why = kind === 'kafkajs'
            ? `Each awaited ${method}() in this loop is its own produce request and broker round trip: kafkajs has no linger and never batches messages across calls, so N messages cost N sequential round trips (each also waiting for replication with acks=-1).`
            : `Each awaited ${method}() in this loop waits for its own delivery report, so librdkafka never holds more than one message to batch and every iteration pays the linger delay plus a broker round trip.`;
        const todo = method === 'produce'
            ? 'Call produce() for every message without waiting on each delivery, then wait for the delivery reports (or flush()) once after the loop.'
            : 'Collect the messages and send them in one send({ topic, messages }) (or sendBatch for several topics), or start the sends and await them together.';
        return `${why} Kafka's throughput comes from batching many records per request; one call per item is a Redis habit that is cheap there, not here. ${todo}`;
    },
});
/** The expression that is awaited inside the loop for a single-message send, if this is one. */
function awaitedSend(fact, ctx) {
    if (fact.method === 'produce')
        return awaitedProduce(fact.node);
    if (fact.method !== 'send' && fact.method !== 'sendBatch')
        return undefined;
    if (!(0, context_1.isAwaited)(fact.node))
        return undefined;
    const count = fact.method === 'send' ? sendCount(fact, ctx) : sendBatchCount(fact, ctx);
    return count === 1 ? fact.node : undefined;
}
/**
 * librdkafka `produce()` only queues the message; it is serial only when each call's
 * delivery is awaited: directly, or inside `await new Promise((res, rej) => producer.produce(…, cb))`.
 */
function awaitedProduce(call) {
    if ((0, context_1.isAwaited)(call))
        return call;
    const fn = (0, context_1.enclosingFunction)(call);
    if (!fn || !(typescript_1.default.isArrowFunction(fn) || typescript_1.default.isFunctionExpression(fn)))
        return undefined;
    let outer = fn;
    while (typescript_1.default.isParenthesizedExpression(outer.parent))
        outer = outer.parent;
    const created = outer.parent;
    if (!created || !typescript_1.default.isNewExpression(created) || created.arguments?.[0] !== outer)
        return undefined;
    const callee = (0, clients_1.unwrap)(created.expression);
    if (!typescript_1.default.isIdentifier(callee) || callee.text !== 'Promise')
        return undefined;
    return (0, context_1.isAwaited)(created) ? created : undefined;
}
function sendCount(fact, ctx) {
    if (fact.args.length < 1 || fact.knownPrefix < 1)
        return undefined;
    return messageCount((0, values_1.propOf)(fact.args[0], 'messages'), ctx);
}
function sendBatchCount(fact, ctx) {
    if (fact.args.length < 1 || fact.knownPrefix < 1)
        return undefined;
    const topics = (0, values_1.propOf)(fact.args[0], 'topicMessages');
    if (!topics || topics.kind !== 'array' || !topics.complete || isMutated(topics, ctx))
        return undefined;
    let total = 0;
    for (const t of topics.elements) {
        const n = messageCount((0, values_1.propOf)(t, 'messages'), ctx);
        if (n === undefined)
            return undefined;
        total += n;
    }
    return total;
}
/** How many messages an array value certainly holds; unknown arrays could be a whole batch. */
function messageCount(v, ctx) {
    if (!v || v.kind !== 'array' || !v.complete || isMutated(v, ctx))
        return undefined;
    return v.elements.length;
}
/** A `const messages = [m]` that is later pushed to is not a one-message array. */
function isMutated(v, ctx) {
    const literal = v.node;
    if (!literal || !typescript_1.default.isArrayLiteralExpression(literal))
        return false;
    const decl = literal.parent;
    if (!typescript_1.default.isVariableDeclaration(decl) || decl.initializer !== literal || !typescript_1.default.isIdentifier(decl.name))
        return false;
    const symbol = ctx.checker.getSymbolAtLocation(decl.name);
    let mutated = false;
    const visit = (n) => {
        if (mutated)
            return;
        if (typescript_1.default.isPropertyAccessExpression(n) && MUTATORS.has(n.name.text) && typescript_1.default.isIdentifier(n.expression) && n.expression.text === decl.name.getText()) {
            const s = ctx.checker.getSymbolAtLocation(n.expression);
            if (!symbol || !s || s === symbol)
                mutated = true;
        }
        n.forEachChild(visit);
    };
    visit(decl.getSourceFile());
    return mutated;
}
/**
 * A retry loop, not a per-message loop: after the send succeeds the loop is left
 * (`break`/`return`) or its condition flag is set (`sent = true`).
 */
function exitsAfter(node, loop) {
    const flags = conditionNames(loop);
    for (let child = node, n = node.parent; n && n !== loop; child = n, n = n.parent) {
        if (!typescript_1.default.isBlock(n))
            continue;
        const at = n.statements.indexOf(child);
        for (const s of n.statements.slice(at + 1)) {
            if (typescript_1.default.isReturnStatement(s) || (typescript_1.default.isBreakStatement(s) && (!s.label || labelOf(loop) === s.label.text)))
                return true;
            if (typescript_1.default.isExpressionStatement(s) && setsFlag(s.expression, flags))
                return true;
        }
    }
    return false;
}
function labelOf(loop) {
    return typescript_1.default.isLabeledStatement(loop.parent) ? loop.parent.label.text : undefined;
}
function conditionNames(loop) {
    const names = new Set();
    const cond = typescript_1.default.isWhileStatement(loop) || typescript_1.default.isDoStatement(loop) ? loop.expression : typescript_1.default.isForStatement(loop) ? loop.condition : undefined;
    const visit = (n) => {
        if (typescript_1.default.isIdentifier(n))
            names.add(n.text);
        n.forEachChild(visit);
    };
    if (cond)
        visit(cond);
    return names;
}
function setsFlag(expr, flags) {
    const e = (0, clients_1.unwrap)(expr);
    if (!typescript_1.default.isBinaryExpression(e) || e.operatorToken.kind !== typescript_1.default.SyntaxKind.EqualsToken || !typescript_1.default.isIdentifier(e.left))
        return false;
    const right = e.right.kind;
    return flags.has(e.left.text) && (right === typescript_1.default.SyntaxKind.TrueKeyword || right === typescript_1.default.SyntaxKind.FalseKeyword);
}
//# sourceMappingURL=unbatched-send.js.map