"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
// arch/connection-per-request: a Redis connection or Kafka client created and connected per request, per message or per loop iteration.
const typescript_1 = __importDefault(require("typescript"));
const clients_1 = require("../../core/clients");
const context_1 = require("../../core/context");
const rule_1 = require("../../core/rule");
const meta = {
    id: 'arch/connection-per-request',
    description: 'A Kafka client or Redis connection is created and connected per request, per message or per loop iteration instead of once.',
    defaultSeverity: 'warning',
    fixKind: 'none',
    docs: 'rules/arch/connection-per-request.md',
    options: {},
};
const ITERATION_METHODS = new Set(['forEach', 'map', 'flatMap']);
/** Methods that keep what they are given: a cache or pool of clients. */
const STORE_METHODS = new Set(['push', 'unshift', 'set', 'add', 'splice', 'register']);
const CHAIN_METHODS = new Set(['on', 'once', 'addListener', 'prependListener']);
const TEARDOWN_METHODS = new Set(['disconnect', 'quit', 'close', 'destroy']);
/** Uses that keep a client alive on purpose: a consumer's run loop, a subscriber. */
const LONG_LIVED_METHODS = new Set(['run', 'consume', 'subscribe', 'psubscribe', 'ssubscribe', 'pSubscribe', 'sSubscribe']);
const MAX_DEPTH = 4;
/** A callback of `items.forEach(…)` / `items.map(…)`: runs once per element. */
function iterationCallback(node) {
    const fn = (0, context_1.enclosingFunction)(node);
    if (!fn || !(typescript_1.default.isArrowFunction(fn) || typescript_1.default.isFunctionExpression(fn)))
        return undefined;
    const call = fn.parent;
    if (!typescript_1.default.isCallExpression(call) || call.arguments[0] !== fn)
        return undefined;
    const callee = (0, clients_1.unwrap)(call.expression);
    return typescript_1.default.isPropertyAccessExpression(callee) && ITERATION_METHODS.has(callee.name.text) ? fn : undefined;
}
function repeatOf(node) {
    const handler = (0, context_1.enclosingHandler)(node);
    if (handler)
        return { where: handler.kind, scope: handler.fn };
    const loop = (0, context_1.enclosingLoop)(node);
    if (loop)
        return { where: 'loop', scope: loop };
    const callback = iterationCallback(node);
    return callback ? { where: 'loop', scope: callback } : undefined;
}
const contains = (outer, inner) => inner.pos >= outer.pos && inner.end <= outer.end && inner.getSourceFile() === outer.getSourceFile();
class UsageScan {
    ctx;
    scope;
    usage = { connected: false, escapes: false, longLived: false, closed: false };
    seen = new Set();
    constructor(ctx, scope) {
        this.ctx = ctx;
        this.scope = scope;
    }
    /** Follow a value that is (or holds) the client, from the expression producing it. */
    value(expr, holdsClient, depth) {
        if (depth > MAX_DEPTH)
            return;
        let e = this.chain(expr, holdsClient);
        // Containers keep the client: `{ producer }`, `[a, b]`, `new Service(redis)`, `wrap(redis)`.
        for (let p = e.parent; p; p = e.parent) {
            const transparent = typescript_1.default.isParenthesizedExpression(p) || typescript_1.default.isAsExpression(p) || typescript_1.default.isNonNullExpression(p) || typescript_1.default.isSatisfiesExpression(p) || typescript_1.default.isAwaitExpression(p) || (typescript_1.default.isConditionalExpression(p) && p.condition !== e) || (typescript_1.default.isBinaryExpression(p) && p.right === e && isLogical(p.operatorToken.kind));
            if (transparent)
                e = p;
            else if (typescript_1.default.isPropertyAssignment(p) && p.initializer === e)
                e = p.parent;
            else if (typescript_1.default.isArrayLiteralExpression(p) || typescript_1.default.isObjectLiteralExpression(p) || typescript_1.default.isSpreadElement(p))
                e = p;
            else if (typescript_1.default.isNewExpression(p) && p.arguments?.includes(e))
                e = p;
            else if (typescript_1.default.isCallExpression(p) && p.arguments.includes(e) && !this.isStore(p))
                e = p;
            else
                break;
            if (!transparent)
                holdsClient = false;
        }
        this.sink(e, holdsClient, depth);
    }
    /** `createClient().on('error', …).connect()`: the chained calls return the client itself. */
    chain(expr, holdsClient) {
        let e = expr;
        for (;;) {
            const p = e.parent;
            if (typescript_1.default.isParenthesizedExpression(p) || typescript_1.default.isNonNullExpression(p) || typescript_1.default.isAsExpression(p)) {
                e = p;
                continue;
            }
            if (!holdsClient || !typescript_1.default.isPropertyAccessExpression(p) || p.expression !== e || !typescript_1.default.isCallExpression(p.parent) || p.parent.expression !== p)
                return e;
            const method = p.name.text;
            if (method === 'connect')
                this.usage.connected = true;
            else if (!CHAIN_METHODS.has(method)) {
                this.method(method);
                return p.parent;
            }
            e = p.parent;
        }
    }
    method(name) {
        if (name === 'connect')
            this.usage.connected = true;
        if (TEARDOWN_METHODS.has(name))
            this.usage.closed = true;
        if (LONG_LIVED_METHODS.has(name))
            this.usage.longLived = true;
    }
    isStore(call) {
        const callee = (0, clients_1.unwrap)(call.expression);
        if (typescript_1.default.isIdentifier(callee))
            return callee.text === 'resolve';
        return typescript_1.default.isPropertyAccessExpression(callee) && STORE_METHODS.has(callee.name.text);
    }
    /** Where the value ends up: a local variable, an outer variable or field, a collection, a return. */
    sink(e, holdsClient, depth) {
        const p = e.parent;
        if (typescript_1.default.isVariableDeclaration(p) && p.initializer === e) {
            if (!typescript_1.default.isIdentifier(p.name))
                return;
            if (!contains(this.scope, p))
                this.usage.escapes = true;
            else
                this.variable(p.name, holdsClient, depth);
            return;
        }
        if (typescript_1.default.isBinaryExpression(p) && p.right === e && isAssignment(p.operatorToken.kind)) {
            const target = (0, clients_1.unwrap)(p.left);
            if (typescript_1.default.isIdentifier(target) && this.declaredInScope(target))
                this.variable(target, holdsClient, depth);
            else if (!this.rootInScope(target))
                this.usage.escapes = true;
            return;
        }
        if (typescript_1.default.isCallExpression(p) && p.arguments.includes(e)) {
            const callee = (0, clients_1.unwrap)(p.expression);
            if (typescript_1.default.isPropertyAccessExpression(callee) ? !this.rootInScope(callee.expression) : true)
                this.usage.escapes = true;
            return;
        }
        if (typescript_1.default.isReturnStatement(p) || (typescript_1.default.isArrowFunction(p) && p.body === e) || typescript_1.default.isExportAssignment(p))
            this.usage.escapes = true;
    }
    /** Every use of a local variable holding the client in the function that declares it. */
    variable(name, holdsClient, depth) {
        const symbol = this.symbolOf(name);
        if (!symbol || this.seen.has(symbol))
            return;
        this.seen.add(symbol);
        const decl = symbol.valueDeclaration ?? symbol.declarations?.[0];
        const body = (decl && (0, context_1.enclosingFunction)(decl)) ?? name.getSourceFile();
        const visit = (n) => {
            if (typescript_1.default.isIdentifier(n) && n !== name && this.symbolOf(n) === symbol)
                this.reference(n, holdsClient, depth);
            n.forEachChild(visit);
        };
        body.forEachChild(visit);
    }
    reference(ref, holdsClient, depth) {
        const p = ref.parent;
        if (typescript_1.default.isBinaryExpression(p) && p.left === ref)
            return;
        if (typescript_1.default.isPropertyAccessExpression(p) && p.expression === ref) {
            if (holdsClient && typescript_1.default.isCallExpression(p.parent) && p.parent.expression === p)
                this.method(p.name.text);
            if (holdsClient && p.name.text !== 'connect' && typescript_1.default.isCallExpression(p.parent) && CHAIN_METHODS.has(p.name.text))
                this.value(p.parent, true, depth + 1);
            return;
        }
        if (typescript_1.default.isShorthandPropertyAssignment(p)) {
            this.value(p.parent, false, depth + 1);
            return;
        }
        this.value(ref, holdsClient, depth + 1);
    }
    declaredInScope(id) {
        const decl = this.symbolOf(id)?.valueDeclaration;
        return !!decl && contains(this.scope, decl);
    }
    /** `this.x`, `outer.clients[k]` live outside the repetition; `local.x`, `req.x` do not. */
    rootInScope(expr) {
        let e = (0, clients_1.unwrap)(expr);
        while (typescript_1.default.isPropertyAccessExpression(e) || typescript_1.default.isElementAccessExpression(e) || typescript_1.default.isCallExpression(e))
            e = (0, clients_1.unwrap)(e.expression);
        return typescript_1.default.isIdentifier(e) && this.declaredInScope(e);
    }
    symbolOf(id) {
        try {
            if (typescript_1.default.isShorthandPropertyAssignment(id.parent) && id.parent.name === id)
                return this.ctx.checker.getShorthandAssignmentValueSymbol(id.parent);
            return this.ctx.checker.getSymbolAtLocation(id);
        }
        catch {
            return undefined;
        }
    }
}
function isAssignment(kind) {
    return kind === typescript_1.default.SyntaxKind.EqualsToken || kind === typescript_1.default.SyntaxKind.QuestionQuestionEqualsToken || kind === typescript_1.default.SyntaxKind.BarBarEqualsToken;
}
function isLogical(kind) {
    return kind === typescript_1.default.SyntaxKind.QuestionQuestionToken || kind === typescript_1.default.SyntaxKind.BarBarToken || kind === typescript_1.default.SyntaxKind.AmpersandAmpersandToken;
}
/** Does the client open its connection by itself, without an explicit `connect()`? */
function connectsOnCreation(c) {
    const callee = typescript_1.default.isCallExpression(c.node) ? (0, clients_1.unwrap)(c.node.expression) : undefined;
    const method = callee && typescript_1.default.isPropertyAccessExpression(callee) ? callee.name.text : callee && typescript_1.default.isIdentifier(callee) ? callee.text : '';
    // node-rdkafka streams connect the client they wrap.
    if (method === 'createWriteStream' || method === 'createReadStream')
        return true;
    if (c.client.kind !== 'ioredis')
        return false;
    // ioredis connects in the constructor unless `lazyConnect` is (or may be) set.
    return !c.args.some((a) => a.kind === 'object' && lazyConnect(a) !== false);
}
function lazyConnect(options) {
    const v = options.props.get('lazyConnect');
    if (!v)
        return false;
    return v.kind === 'boolean' ? v.value : undefined;
}
function describeClient(client) {
    if (client.role === 'producer')
        return 'A Kafka producer';
    if (client.role === 'consumer')
        return 'A Kafka consumer';
    if (client.role === 'admin')
        return 'A Kafka admin client';
    return 'A Redis connection';
}
/** What each new client costs before it does any work. */
const COST = {
    redis: 'pays for a TCP (often also TLS and AUTH) handshake before its first command, which costs far more than the sub-millisecond command itself',
    producer: 'pays for a TCP (and TLS/SASL) handshake and a cluster metadata fetch before its first record, and a short-lived producer never fills a batch or keeps requests in flight',
    consumer: 'pays for a TCP (and TLS/SASL) handshake, a metadata fetch and a consumer-group join, and every join rebalances the whole group',
    admin: 'pays for a TCP (and TLS/SASL) handshake and a cluster metadata fetch before its first request',
};
const WHERE = {
    request: 'inside a request handler, so every request',
    message: 'inside a per-message callback, so every message',
    loop: 'inside a loop, so every iteration',
};
exports.default = (0, rule_1.defineRule)({
    meta,
    *check(ctx) {
        for (const creation of ctx.file.creations) {
            if (creation.client.role === 'kafka' || creation.client.role === 'pipeline')
                continue;
            const repeat = repeatOf(creation.node);
            if (!repeat)
                continue;
            const scan = new UsageScan(ctx, repeat.scope);
            scan.value(creation.node, true, 0);
            const { usage } = scan;
            if (usage.escapes)
                continue;
            if (!usage.connected && !connectsOnCreation(creation))
                continue;
            // Long-lived consumers and subscribers started one per item at startup are not per-call clients.
            if (repeat.where === 'loop' && usage.longLived && !usage.closed)
                continue;
            yield { node: creation.node, data: { client: creation.client, where: repeat.where } };
        }
    },
    message({ client, where }) {
        const kafka = (0, clients_1.familyOf)(client.kind) === 'kafka';
        return (`${describeClient(client)} is created and connected ${WHERE[where]} ${COST[client.role] ?? COST.redis}. ` +
            `Under load this exhausts ${kafka ? 'broker' : 'Redis'} connection limits. ` +
            'Create the client once at startup and reuse it: Redis and Kafka clients are designed to be long-lived and shared.');
    },
});
//# sourceMappingURL=connection-per-request.js.map