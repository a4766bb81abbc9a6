"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
// kafka/unawaited-processing: work a consumer's eachMessage/eachBatch starts but does not await, so auto-commit outruns it.
const typescript_1 = __importDefault(require("typescript"));
const clients_1 = require("../../core/clients");
const context_1 = require("../../core/context");
const redis_commands_1 = require("../../core/redis-commands");
const rule_1 = require("../../core/rule");
const values_1 = require("../../core/values");
const shared_1 = require("../shared");
const meta = {
    id: 'kafka/unawaited-processing',
    description: 'Work started in eachMessage/eachBatch is not awaited, so offsets are committed before it finishes and a crash loses it.',
    defaultSeverity: 'error',
    fixKind: 'suggestion',
    docs: 'rules/kafka/unawaited-processing.md',
    options: {},
};
const HANDLERS = ['eachMessage', 'eachBatch'];
const THEN_METHODS = new Set(['then', 'catch', 'finally']);
const PROMISE_COMBINATORS = new Set(['all', 'allSettled', 'race', 'any']);
const TIMERS = new Set(['setImmediate', 'setTimeout', 'queueMicrotask']);
const QUEUE_METHODS = new Set(['push', 'unshift']);
/** Array methods that call their callback synchronously, before returning. */
const SYNC_ITERATORS = new Set(['forEach', 'map', 'flatMap', 'filter', 'some', 'every', 'find', 'findIndex', 'reduce']);
/** Payload helpers whose promise is not message processing. */
const PAYLOAD_HELPERS = new Set(['heartbeat', 'commitOffsetsIfNecessary']);
/** Message fields that are metadata, not the payload: recording them is bookkeeping, not work. */
const METADATA = new Set(['offset', 'partition', 'timestamp', 'topic', 'key', 'headers', 'attributes', 'size', 'length', 'highWatermark', 'firstOffset', 'lastOffset', 'heartbeat', 'pause']);
const PAYLOAD_FIELDS = new Set(['message', 'messages', 'batch']);
const NUMERIC = new Set(['Number', 'parseInt', 'parseFloat', 'Boolean']);
const KAFKA_SENDS = new Set(['send', 'sendBatch']);
const REDIS_NOT_PROMISES = new Set(['duplicate', 'pipeline', 'multi', 'on', 'once', 'addListener']);
exports.default = (0, rule_1.defineRule)({
    meta,
    *check(ctx) {
        const seen = new Set();
        for (const handler of handlersIn(ctx)) {
            for (const signal of analyse(handler, ctx)) {
                if (seen.has(signal.node))
                    continue;
                seen.add(signal.node);
                yield signal;
            }
        }
    },
    message: ({ shape, handler, library }) => {
        const what = {
            promise: `This promise is started but not awaited in ${handler}.`,
            then: `This .then() chain runs on its own: ${handler} neither awaits nor returns it.`,
            queue: `The message is pushed onto an in-memory queue and processed after ${handler} has returned.`,
            deferred: `Processing of the message is deferred with a timer, after ${handler} has returned.`,
            callbacks: `The async callbacks started here are not awaited: forEach/map do not wait for them, so ${handler} returns first.`,
        };
        return (`${what[shape]} With autoCommit on (the default), ${library} commits the offset once ${handler} resolves, so this work can still be running — or fail — after the commit, and a crash or error loses the message: Kafka's at-least-once processing becomes at-most-once, no better than Redis Pub/Sub. ` +
            'Await the work (or return it), or disable autoCommit and commit offsets only after processing.');
    },
    suggest({ data }, ctx) {
        const stmt = data.awaitable;
        if (!stmt || !(0, shared_1.inFile)(stmt, ctx))
            return [];
        const start = stmt.expression.getStart(ctx.sourceFile);
        return [{ desc: 'Await the work before the handler returns', edits: [{ range: [start, start], text: 'await ' }] }];
    },
});
// ---------------------------------------------------------------------------------------------
// Finding the handlers: eachMessage/eachBatch of run() calls on auto-committing consumers.
function handlersIn(ctx) {
    const found = new Map();
    for (const run of ctx.index.callsOf('run')) {
        if (run.family !== 'kafka' || (run.client.kind !== 'kafkajs' && run.client.kind !== 'confluent-kafkajs'))
            continue;
        if (run.client.role === 'producer' || run.client.role === 'admin')
            continue;
        const config = run.args[0];
        if (!config || config.kind !== 'object' || !autoCommitOn(run, config, ctx))
            continue;
        for (const name of HANDLERS) {
            const fn = functionOf(config.props.get(name), ctx);
            if (!fn || found.has(fn))
                continue;
            const library = run.client.kind === 'kafkajs' ? 'kafkajs' : '@confluentinc/kafka-javascript';
            const handler = { fn, name, library, messageParams: () => true, direct: true };
            found.set(fn, handler);
            for (const d of delegates(handler, ctx))
                if (!found.has(d.fn))
                    found.set(d.fn, d);
        }
    }
    return [...found.values()].filter((h) => h.fn.getSourceFile() === ctx.sourceFile);
}
/** Auto-commit is certainly on: nothing in run() or the consumer's creation turns it off or leaves it unknown. */
function autoCommitOn(run, config, ctx) {
    const inRun = config.props.get('autoCommit');
    if (inRun)
        return isTrue(inRun);
    if (!config.complete)
        return false;
    const creation = run.client.creation;
    if (!creation)
        return run.client.kind === 'kafkajs';
    const cfg = ctx.values.resolveArgs(creation.arguments ?? []).values[0];
    if (run.client.kind === 'kafkajs') {
        // kafkajs reads autoCommit only in run(); an explicit `autoCommit: false` here still shows intent.
        const own = (0, values_1.propOf)(cfg, 'autoCommit');
        return !own || isTrue(own);
    }
    return confluentAutoCommit(cfg) && kafkaLevelAutoCommit(creation, ctx);
}
/** @confluentinc/kafka-javascript: `kafkaJS: { autoCommit }` or librdkafka's `enable.auto.commit` in the consumer config. */
function confluentAutoCommit(cfg) {
    if (!cfg)
        return true;
    if (cfg.kind !== 'object' || !cfg.complete)
        return false;
    const rd = cfg.props.get('enable.auto.commit');
    if (rd && !isTrue(rd))
        return false;
    const js = cfg.props.get('kafkaJS');
    if (!js)
        return true;
    if (js.kind !== 'object' || !js.complete)
        return false;
    const ac = js.props.get('autoCommit');
    return !ac || isTrue(ac);
}
/** `new KafkaJS.Kafka({ 'enable.auto.commit': false })` applies to every consumer it makes. */
function kafkaLevelAutoCommit(creation, ctx) {
    if (!typescript_1.default.isCallExpression(creation))
        return true;
    const callee = (0, clients_1.unwrap)(creation.expression);
    if (!typescript_1.default.isPropertyAccessExpression(callee))
        return true;
    const kafka = ctx.clients.clientOf(callee.expression)?.creation;
    if (!kafka)
        return true;
    const rd = (0, values_1.propOf)(ctx.values.resolveArgs(kafka.arguments ?? []).values[0], 'enable.auto.commit');
    return !rd || isTrue(rd);
}
function isTrue(v) {
    return (v.kind === 'boolean' && v.value) || (v.kind === 'string' && v.value === 'true');
}
/** The workspace function a handler value is: inline, declared elsewhere, or `this.handle.bind(this)`. */
function functionOf(v, ctx) {
    if (!v)
        return undefined;
    if (v.kind === 'function')
        return withBody(v.decl);
    const node = v.node && typescript_1.default.isExpression(v.node) ? (0, clients_1.unwrap)(v.node) : undefined;
    if (node && typescript_1.default.isCallExpression(node) && typescript_1.default.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'bind') {
        const target = ctx.values.resolve(node.expression.expression);
        return target.kind === 'function' ? withBody(target.decl) : undefined;
    }
    return undefined;
}
function withBody(decl) {
    const fn = decl;
    if (!fn.body || fn.getSourceFile().isDeclarationFile)
        return undefined;
    return fn;
}
/**
 * Workspace functions the handler hands the message to and waits for
 * (`await this.handle(message)`, `(p) => processOrder(p)`): their floating work floats past the commit too.
 */
function delegates(handler, ctx) {
    const tainted = messageBindings(handler, ctx);
    const out = [];
    const visit = (n) => {
        if (typescript_1.default.isFunctionLike(n) && n !== handler.fn)
            return;
        if (typescript_1.default.isCallExpression(n) && waitedFor(n, handler.fn)) {
            const fn = functionOf(ctx.values.resolve((0, clients_1.unwrap)(n.expression)), ctx);
            const carrying = n.arguments.map((a) => isMessageLike(a, tainted, ctx));
            if (fn && fn !== handler.fn && carrying.some(Boolean)) {
                out.push({ fn, name: handler.name, library: handler.library, messageParams: (_p, i) => carrying[i] === true, direct: false });
            }
        }
        n.forEachChild(visit);
    };
    visit(handler.fn);
    return out;
}
/** Awaited, returned, or the expression body of the handler. */
function waitedFor(call, fn) {
    let n = call;
    while (typescript_1.default.isParenthesizedExpression(n.parent) || typescript_1.default.isAsExpression(n.parent) || typescript_1.default.isNonNullExpression(n.parent))
        n = n.parent;
    return typescript_1.default.isAwaitExpression(n.parent) || typescript_1.default.isReturnStatement(n.parent) || n.parent === fn;
}
// ---------------------------------------------------------------------------------------------
// Which bindings hold the message (or something decoded from it).
function messageBindings(handler, ctx) {
    const tainted = new Set();
    const bind = (name, whole) => {
        if (typescript_1.default.isIdentifier(name)) {
            if (whole)
                tainted.add(name.parent);
            return;
        }
        for (const el of name.elements) {
            if (typescript_1.default.isOmittedExpression(el))
                continue;
            const key = el.propertyName && (typescript_1.default.isIdentifier(el.propertyName) || typescript_1.default.isStringLiteral(el.propertyName)) ? el.propertyName.text : typescript_1.default.isIdentifier(el.name) ? el.name.text : undefined;
            const carries = handler.direct && name === handler.fn.parameters[0]?.name ? key !== undefined && PAYLOAD_FIELDS.has(key) : !(key && METADATA.has(key));
            if (carries || (whole && typescript_1.default.isArrayBindingPattern(name)))
                bind(el.name, true);
        }
    };
    handler.fn.parameters.forEach((p, i) => {
        if (handler.messageParams(p, i))
            bind(p.name, true);
    });
    const visit = (n) => {
        if (typescript_1.default.isVariableDeclaration(n) && n.initializer && isMessageLike(n.initializer, tainted, ctx))
            bindDeclared(n.name, tainted, bind);
        if ((typescript_1.default.isForOfStatement(n) || typescript_1.default.isForInStatement(n)) && typescript_1.default.isVariableDeclarationList(n.initializer) && isMessageLike(n.expression, tainted, ctx)) {
            for (const d of n.initializer.declarations)
                bindDeclared(d.name, tainted, bind);
        }
        if ((typescript_1.default.isArrowFunction(n) || typescript_1.default.isFunctionExpression(n)) && isIteratorCallback(n)) {
            const receiver = n.parent.expression.expression;
            const first = n.parameters[0];
            if (first && isMessageLike(receiver, tainted, ctx))
                bind(first.name, true);
        }
        n.forEachChild(visit);
    };
    if (handler.fn.body)
        visit(handler.fn.body);
    return tainted;
}
function bindDeclared(name, tainted, bind) {
    if (typescript_1.default.isIdentifier(name))
        tainted.add(name.parent);
    else
        bind(name, false);
}
/** Does this expression carry the message itself, its payload, or work derived from it? */
function isMessageLike(expr, tainted, ctx) {
    const e = (0, clients_1.unwrap)(expr);
    if (typescript_1.default.isAwaitExpression(e))
        return isMessageLike(e.expression, tainted, ctx);
    if (typescript_1.default.isIdentifier(e))
        return isTainted(symbolDecls(ctx.checker.getSymbolAtLocation(e)), tainted);
    if (typescript_1.default.isPropertyAccessExpression(e))
        return !METADATA.has(e.name.text) && isMessageLike(e.expression, tainted, ctx);
    if (typescript_1.default.isElementAccessExpression(e))
        return isMessageLike(e.expression, tainted, ctx);
    if (typescript_1.default.isCallExpression(e) || typescript_1.default.isNewExpression(e)) {
        const callee = (0, clients_1.unwrap)(e.expression);
        if (typescript_1.default.isIdentifier(callee) && NUMERIC.has(callee.text))
            return false;
        if (typescript_1.default.isPropertyAccessExpression(callee) && METADATA.has(callee.name.text))
            return false;
        if ((e.arguments ?? []).some((a) => !typescript_1.default.isSpreadElement(a) && isMessageLike(a, tainted, ctx)))
            return true;
        return typescript_1.default.isPropertyAccessExpression(callee) && isMessageLike(callee.expression, tainted, ctx);
    }
    if (typescript_1.default.isObjectLiteralExpression(e)) {
        return e.properties.some((p) => {
            if (typescript_1.default.isPropertyAssignment(p))
                return isMessageLike(p.initializer, tainted, ctx);
            if (typescript_1.default.isShorthandPropertyAssignment(p))
                return isTainted(symbolDecls(ctx.checker.getShorthandAssignmentValueSymbol(p)), tainted);
            if (typescript_1.default.isSpreadAssignment(p))
                return isMessageLike(p.expression, tainted, ctx);
            return false;
        });
    }
    if (typescript_1.default.isArrayLiteralExpression(e))
        return e.elements.some((x) => isMessageLike(typescript_1.default.isSpreadElement(x) ? x.expression : x, tainted, ctx));
    if (typescript_1.default.isConditionalExpression(e))
        return isMessageLike(e.whenTrue, tainted, ctx) || isMessageLike(e.whenFalse, tainted, ctx);
    return false;
}
function symbolDecls(symbol) {
    return symbol?.declarations ?? [];
}
function isTainted(decls, tainted) {
    return decls.some((d) => tainted.has(d));
}
/** forEach drops what its callback returns; so does a map whose array is thrown away. */
function discardsResult(fn) {
    const call = fn.parent;
    const method = call.expression.name.text;
    return method === 'forEach' || (method === 'map' && typescript_1.default.isExpressionStatement(call.parent));
}
function isIteratorCallback(fn) {
    const call = fn.parent;
    return !!call && typescript_1.default.isCallExpression(call) && call.arguments[0] === fn && typescript_1.default.isPropertyAccessExpression(call.expression) && SYNC_ITERATORS.has(call.expression.name.text);
}
// ---------------------------------------------------------------------------------------------
// Finding work that outlives the handler.
function* analyse(handler, ctx) {
    const tainted = messageBindings(handler, ctx);
    const body = handler.fn.body;
    if (!body)
        return;
    const out = [];
    const report = (node, shape, stmt) => {
        const fn = stmt && (0, context_1.enclosingFunction)(stmt);
        const awaitable = stmt && fn && isAsync(fn) ? stmt : undefined;
        out.push({ node, data: { shape, handler: handler.name, library: handler.library, awaitable } });
    };
    const visit = (n) => {
        if (typescript_1.default.isFunctionLike(n)) {
            // Callbacks of forEach/map run now, inside the handler; other nested functions run later or never.
            if (isIteratorCallback(n) && !isAsync(n)) {
                const cbBody = n.body;
                // `list.forEach((m) => handle(m))`: the callback's result is dropped.
                if (cbBody && !typescript_1.default.isBlock(cbBody) && discardsResult(n))
                    inspect(cbBody, undefined);
                cbBody?.forEachChild(visit);
            }
            return;
        }
        if (typescript_1.default.isExpressionStatement(n))
            inspect(n.expression, n);
        n.forEachChild(visit);
    };
    const inspect = (expr, stmt) => {
        const e = (0, clients_1.unwrap)(expr);
        if (typescript_1.default.isNewExpression(e)) {
            if (isPromiseConstructor(e) && stmt)
                report(e, 'promise', stmt);
            return;
        }
        if (!typescript_1.default.isCallExpression(e))
            return;
        const shape = shapeOf(e, tainted, handler, ctx);
        if (shape)
            report(e, shape, shape === 'promise' || shape === 'then' ? stmt : undefined);
    };
    if (typescript_1.default.isBlock(body))
        body.forEachChild(visit);
    else {
        // `async ({ message }) => queue.push(message)`: the returned promise is waited for, side effects are not.
        const e = (0, clients_1.unwrap)(body);
        if (typescript_1.default.isCallExpression(e)) {
            const shape = shapeOf(e, tainted, handler, ctx);
            if (shape === 'queue' || shape === 'deferred' || shape === 'callbacks')
                report(e, shape);
        }
    }
    yield* out;
}
function shapeOf(call, tainted, handler, ctx) {
    const callee = (0, clients_1.unwrap)(call.expression);
    const name = typescript_1.default.isPropertyAccessExpression(callee) ? callee.name.text : typescript_1.default.isIdentifier(callee) ? callee.text : undefined;
    if (typescript_1.default.isPropertyAccessExpression(callee) && THEN_METHODS.has(callee.name.text) && call.arguments.length > 0 && thenable(callee.expression, ctx) !== false)
        return 'then';
    if (typescript_1.default.isPropertyAccessExpression(callee) && QUEUE_METHODS.has(callee.name.text) && isOuterQueue(callee.expression, handler, ctx)) {
        if (call.arguments.some((a) => !typescript_1.default.isSpreadElement(a) && isMessageLike(a, tainted, ctx)))
            return 'queue';
    }
    if (isTimer(callee) && defersMessage(call, tainted, ctx))
        return 'deferred';
    if (typescript_1.default.isPropertyAccessExpression(callee) && (name === 'forEach' || name === 'map')) {
        const cb = call.arguments[0] && (0, clients_1.unwrap)(call.arguments[0]);
        if (cb && (typescript_1.default.isArrowFunction(cb) || typescript_1.default.isFunctionExpression(cb)) && isAsync(cb))
            return 'callbacks';
    }
    if (name && PAYLOAD_HELPERS.has(name))
        return undefined;
    return returnsPromise(call, ctx) ? 'promise' : undefined;
}
/** `queue.push(…)` on an array that lives outside the handler: a field, a module variable, an outer local. */
function isOuterQueue(receiver, handler, ctx) {
    let root = (0, clients_1.unwrap)(receiver);
    while (typescript_1.default.isPropertyAccessExpression(root) || typescript_1.default.isElementAccessExpression(root)) {
        if (root.expression.kind === typescript_1.default.SyntaxKind.ThisKeyword)
            return true;
        root = (0, clients_1.unwrap)(root.expression);
    }
    if (!typescript_1.default.isIdentifier(root))
        return false;
    const decls = symbolDecls(ctx.checker.getSymbolAtLocation(root));
    if (decls.length === 0)
        return false;
    const fn = handler.fn;
    return decls.every((d) => d.getSourceFile() !== fn.getSourceFile() || d.getStart() < fn.getStart() || d.getEnd() > fn.getEnd());
}
function isTimer(callee) {
    if (typescript_1.default.isIdentifier(callee))
        return TIMERS.has(callee.text);
    return typescript_1.default.isPropertyAccessExpression(callee) && typescript_1.default.isIdentifier(callee.expression) && callee.expression.text === 'process' && callee.name.text === 'nextTick';
}
/** The timer's callback or arguments carry the message. */
function defersMessage(call, tainted, ctx) {
    const [cb, ...rest] = call.arguments;
    if (rest.some((a) => !typescript_1.default.isSpreadElement(a) && isMessageLike(a, tainted, ctx)))
        return true;
    const fn = cb && (0, clients_1.unwrap)(cb);
    if (!fn || !(typescript_1.default.isArrowFunction(fn) || typescript_1.default.isFunctionExpression(fn)))
        return false;
    let found = false;
    const visit = (n) => {
        if (found)
            return;
        if (typescript_1.default.isIdentifier(n) && isTainted(symbolDecls(ctx.checker.getSymbolAtLocation(n)), tainted)) {
            // Judge the whole `message.value` chain, so `message.offset` alone stays bookkeeping.
            let chain = n;
            while ((typescript_1.default.isPropertyAccessExpression(chain.parent) || typescript_1.default.isElementAccessExpression(chain.parent)) && chain.parent.expression === chain)
                chain = chain.parent;
            if (isMessageLike(chain, tainted, ctx))
                found = true;
        }
        n.forEachChild(visit);
    };
    visit(fn.body);
    return found;
}
// ---------------------------------------------------------------------------------------------
// Does a call return a promise?
function returnsPromise(call, ctx) {
    // On a Kafka client only a produce is work; pause/stop/disconnect are flow control.
    const kafka = ctx.clients.clientOfCall(call);
    if (kafka && kafka.kind !== 'ioredis' && kafka.kind !== 'node-redis')
        return isSend(kafka.kind, call);
    const typed = thenable(call, ctx);
    if (typed !== undefined)
        return typed;
    const callee = (0, clients_1.unwrap)(call.expression);
    if (typescript_1.default.isIdentifier(callee) && callee.text === 'fetch')
        return true;
    if (typescript_1.default.isPropertyAccessExpression(callee) && typescript_1.default.isIdentifier(callee.expression) && callee.expression.text === 'Promise' && PROMISE_COMBINATORS.has(callee.name.text))
        return true;
    if ((typescript_1.default.isArrowFunction(callee) || typescript_1.default.isFunctionExpression(callee)) && isAsync(callee))
        return true;
    const fact = ctx.file.calls.find((c) => c.node === call);
    if (fact)
        return clientPromise(fact);
    return declaredAsync(callee, ctx);
}
/** Typed mode: whether the expression's type is a thenable; undefined when untyped or `any`. */
function thenable(expr, ctx) {
    if (!ctx.typed)
        return undefined;
    let type;
    try {
        type = ctx.checker.getTypeAtLocation(expr);
    }
    catch {
        return undefined;
    }
    if (type.flags & (typescript_1.default.TypeFlags.Any | typescript_1.default.TypeFlags.Unknown))
        return undefined;
    const parts = type.isUnion() ? type.types : [type];
    return parts.some((t) => {
        const then = t.getProperty('then');
        if (!then)
            return false;
        return ctx.checker.getTypeOfSymbolAtLocation(then, expr).getCallSignatures().length > 0;
    });
}
function isSend(kind, call) {
    const callee = (0, clients_1.unwrap)(call.expression);
    const method = typescript_1.default.isPropertyAccessExpression(callee) ? callee.name.text : '';
    return (kind === 'kafkajs' || kind === 'confluent-kafkajs') && KAFKA_SENDS.has(method);
}
function clientPromise(fact) {
    if (fact.client.role !== 'redis' || REDIS_NOT_PROMISES.has(fact.method))
        return false;
    // ioredis with a trailing callback is callback style.
    const last = fact.node.arguments[fact.node.arguments.length - 1];
    if (last && (typescript_1.default.isArrowFunction(last) || typescript_1.default.isFunctionExpression(last)))
        return false;
    return fact.generic || redis_commands_1.REDIS_COMMANDS.has(fact.command.toLowerCase());
}
/** The callee is a workspace function declared `async` or returning a Promise. */
function declaredAsync(callee, ctx) {
    const target = typescript_1.default.isPropertyAccessExpression(callee) ? callee.name : callee;
    let symbol;
    try {
        symbol = ctx.checker.getSymbolAtLocation(target);
        if (symbol && symbol.flags & typescript_1.default.SymbolFlags.Alias)
            symbol = ctx.checker.getAliasedSymbol(symbol);
    }
    catch {
        return false;
    }
    const decls = symbolDecls(symbol);
    if (decls.length === 0)
        return false;
    return decls.every((d) => {
        const fn = functionDecl(d);
        return fn !== undefined && (isAsync(fn) || returnsPromiseType(fn));
    });
}
function functionDecl(d) {
    if (typescript_1.default.isFunctionDeclaration(d) || typescript_1.default.isMethodDeclaration(d) || typescript_1.default.isMethodSignature(d) || typescript_1.default.isFunctionExpression(d) || typescript_1.default.isArrowFunction(d))
        return d;
    if ((typescript_1.default.isVariableDeclaration(d) || typescript_1.default.isPropertyDeclaration(d) || typescript_1.default.isPropertyAssignment(d)) && d.initializer) {
        const init = (0, clients_1.unwrap)(d.initializer);
        if (typescript_1.default.isArrowFunction(init) || typescript_1.default.isFunctionExpression(init))
            return init;
    }
    return undefined;
}
function returnsPromiseType(fn) {
    const t = fn.type;
    return !!t && typescript_1.default.isTypeReferenceNode(t) && typescript_1.default.isIdentifier(t.typeName) && (t.typeName.text === 'Promise' || t.typeName.text === 'PromiseLike');
}
function isAsync(fn) {
    return typescript_1.default.canHaveModifiers(fn) && (typescript_1.default.getModifiers(fn) ?? []).some((m) => m.kind === typescript_1.default.SyntaxKind.AsyncKeyword);
}
function isPromiseConstructor(e) {
    const callee = (0, clients_1.unwrap)(e.expression);
    return typescript_1.default.isIdentifier(callee) && callee.text === 'Promise';
}
//# sourceMappingURL=unawaited-processing.js.map