"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
// redis/subscriber-connection-reuse: one connection that both subscribes and sends regular commands.
const node_path_1 = __importDefault(require("node:path"));
const typescript_1 = __importDefault(require("typescript"));
const clients_1 = require("../../core/clients");
const redis_commands_1 = require("../../core/redis-commands");
const rule_1 = require("../../core/rule");
const text_1 = require("../../core/text");
const values_1 = require("../../core/values");
const shared_1 = require("../shared");
const SUBSCRIBE = new Set(['SUBSCRIBE', 'PSUBSCRIBE', 'SSUBSCRIBE']);
const SUBSCRIBER_FAMILY = new Set([...SUBSCRIBE, 'UNSUBSCRIBE', 'PUNSUBSCRIBE', 'SUNSUBSCRIBE']);
/** What Redis accepts on a RESP2 connection in subscriber mode. */
const ALLOWED_IN_SUBSCRIBER_MODE = new Set([...SUBSCRIBER_FAMILY, 'PING', 'QUIT', 'RESET']);
const MESSAGE_EVENTS = new Set(['message', 'messageBuffer', 'pmessage', 'pmessageBuffer', 'smessage', 'smessageBuffer']);
const LISTENER_METHODS = new Set(['on', 'once', 'addListener', 'prependListener']);
/** A Redis command sent on the wire, as opposed to client plumbing (`on`, `connect`, `duplicate`). */
function isRedisCommand(fact) {
    return fact.family === 'redis' && fact.command === fact.command.toUpperCase() && redis_commands_1.REDIS_COMMANDS.has(fact.command.toLowerCase());
}
const connections = new WeakMap();
/** The binding of the connection a call runs on, through aliases, `redis.multi()` and lazy singleton getters. */
function connectionOf(fact, ctx) {
    let found = connections.get(fact);
    if (found === undefined) {
        found = followAliases(fact.binding ?? singletonBinding(fact.receiver, ctx), ctx, 0) ?? null;
        connections.set(fact, found);
    }
    return found ?? undefined;
}
/** `const tx = redis.multi()`, `const r = this.redis`, `const c = await getClient()`: the same connection under another name. */
function followAliases(decl, ctx, depth) {
    if (!decl || depth > 4 || !typescript_1.default.isVariableDeclaration(decl) || !decl.initializer || !(typescript_1.default.getCombinedNodeFlags(decl) & typescript_1.default.NodeFlags.Const))
        return decl;
    let init = (0, clients_1.unwrap)(decl.initializer);
    if (typescript_1.default.isAwaitExpression(init))
        init = (0, clients_1.unwrap)(init.expression);
    let target;
    if (typescript_1.default.isIdentifier(init) || typescript_1.default.isPropertyAccessExpression(init))
        target = ctx.clients.bindingOf(init);
    else if (typescript_1.default.isCallExpression(init)) {
        const method = typescript_1.default.isPropertyAccessExpression(init.expression) ? init.expression.name.text : undefined;
        target = method === 'multi' || method === 'pipeline' ? ctx.clients.bindingOf(init) : singletonBinding(init, ctx);
    }
    return target && target !== decl ? followAliases(target, ctx, depth + 1) : decl;
}
/**
 * `getRedis().subscribe(…)`: a getter without parameters whose every return yields the same
 * long-lived binding (`return client ??= new Redis()`) hands out one shared connection.
 */
function singletonBinding(receiver, ctx) {
    let e = (0, clients_1.unwrap)(receiver);
    if (typescript_1.default.isAwaitExpression(e))
        e = (0, clients_1.unwrap)(e.expression);
    if (!typescript_1.default.isCallExpression(e) || e.arguments.length > 0)
        return undefined;
    const fn = functionOf(e.expression, ctx);
    if (!fn?.body)
        return undefined;
    const returned = typescript_1.default.isBlock(fn.body) ? returnsOf(fn.body) : [fn.body];
    let binding;
    for (const r of returned) {
        let v = r && (0, clients_1.unwrap)(r);
        if (v && typescript_1.default.isAwaitExpression(v))
            v = (0, clients_1.unwrap)(v.expression);
        if (v && typescript_1.default.isBinaryExpression(v) && isAssignment(v.operatorToken.kind))
            v = (0, clients_1.unwrap)(v.left);
        const b = v && (typescript_1.default.isIdentifier(v) || typescript_1.default.isPropertyAccessExpression(v)) ? ctx.clients.bindingOf(v) : undefined;
        // A connection created inside the getter is a new one per call.
        if (!b || (binding && b !== binding) || (b.pos >= fn.pos && b.end <= fn.end && b.getSourceFile() === fn.getSourceFile()))
            return undefined;
        binding = b;
    }
    return binding;
}
function isAssignment(kind) {
    return kind === typescript_1.default.SyntaxKind.EqualsToken || kind === typescript_1.default.SyntaxKind.QuestionQuestionEqualsToken || kind === typescript_1.default.SyntaxKind.BarBarEqualsToken;
}
function functionOf(callee, ctx) {
    const c = (0, clients_1.unwrap)(callee);
    let symbol;
    try {
        symbol = ctx.checker.getSymbolAtLocation(typescript_1.default.isPropertyAccessExpression(c) ? c.name : c);
        if (symbol && symbol.flags & typescript_1.default.SymbolFlags.Alias)
            symbol = ctx.checker.getAliasedSymbol(symbol);
    }
    catch {
        return undefined;
    }
    const decl = symbol?.valueDeclaration;
    if (!decl || decl.getSourceFile().isDeclarationFile)
        return undefined;
    if (typescript_1.default.isFunctionDeclaration(decl) || typescript_1.default.isMethodDeclaration(decl) || typescript_1.default.isGetAccessorDeclaration(decl))
        return decl.parameters.length === 0 ? decl : undefined;
    if ((typescript_1.default.isVariableDeclaration(decl) || typescript_1.default.isPropertyDeclaration(decl)) && decl.initializer) {
        const init = (0, clients_1.unwrap)(decl.initializer);
        if ((typescript_1.default.isArrowFunction(init) || typescript_1.default.isFunctionExpression(init)) && init.parameters.length === 0)
            return init;
    }
    return undefined;
}
function returnsOf(body) {
    const out = [];
    const visit = (n) => {
        if (typescript_1.default.isReturnStatement(n))
            out.push(n.expression);
        else if (!typescript_1.default.isFunctionLike(n) && !typescript_1.default.isClassLike(n))
            n.forEachChild(visit);
    };
    body.forEachChild(visit);
    return out;
}
/** node-redis `createClient({ RESP: 3 })`: RESP3 frames pushes apart, so regular commands keep working. */
function isResp3(fact, ctx) {
    const creation = fact.client.creation;
    if (fact.client.kind !== 'node-redis' || !creation || !typescript_1.default.isCallExpression(creation))
        return false;
    return (0, values_1.numberOf)((0, values_1.propOf)(ctx.values.resolve(creation.arguments[0]), 'RESP')) === 3;
}
/** A regular command on the same connection, preferring one in the current file. */
function offenderFor(fact, connection, ctx) {
    let elsewhere;
    for (const other of ctx.index.calls) {
        if (!isRedisCommand(other) || ALLOWED_IN_SUBSCRIBER_MODE.has(other.command))
            continue;
        if (connectionOf(other, ctx) !== connection)
            continue;
        if (other.file === fact.file)
            return other;
        elsewhere ??= other;
    }
    return elsewhere;
}
function locationOf(offender, fromFile) {
    const sf = offender.node.getSourceFile();
    const line = sf.getLineAndCharacterOfPosition(offender.node.getStart(sf)).line + 1;
    return `${node_path_1.default.posix.relative(node_path_1.default.posix.dirname(fromFile), offender.file)}:${line}`;
}
function isMessageListener(fact) {
    const event = fact.args[0];
    return LISTENER_METHODS.has(fact.method) && event?.kind === 'string' && MESSAGE_EVENTS.has(event.value);
}
/** `redis` or `this.redis`: receivers the suggestion can swap for the new connection. */
function isSimpleReceiver(expr) {
    const e = (0, clients_1.unwrap)(expr);
    return typescript_1.default.isIdentifier(e) || (typescript_1.default.isPropertyAccessExpression(e) && e.expression.kind === typescript_1.default.SyntaxKind.ThisKeyword && typescript_1.default.isIdentifier(e.name));
}
/** The statement list entry `[await] recv.subscribe(…);` is, when the call is the whole statement. */
function statementOf(call) {
    let top = call;
    while (top.parent && (typescript_1.default.isParenthesizedExpression(top.parent) || typescript_1.default.isAwaitExpression(top.parent) || typescript_1.default.isVoidExpression(top.parent)))
        top = top.parent;
    const stmt = top.parent;
    if (!stmt || !typescript_1.default.isExpressionStatement(stmt) || !(typescript_1.default.isBlock(stmt.parent) || typescript_1.default.isSourceFile(stmt.parent)))
        return undefined;
    return stmt;
}
function freeName(sf, base) {
    const used = new Set();
    const visit = (n) => {
        if (typescript_1.default.isIdentifier(n) && !(typescript_1.default.isPropertyAccessExpression(n.parent) && n.parent.name === n))
            used.add(n.text);
        n.forEachChild(visit);
    };
    visit(sf);
    if (!used.has(base))
        return base;
    let i = 2;
    while (used.has(`${base}${i}`))
        i++;
    return `${base}${i}`;
}
function dedicatedConnection({ fact, connection }, ctx) {
    const stmt = statementOf(fact.node);
    if (!stmt || !(0, shared_1.inFile)(stmt, ctx) || !isSimpleReceiver(fact.receiver))
        return [];
    const sf = ctx.sourceFile;
    const block = stmt.parent;
    const from = stmt.getStart(sf);
    const moved = ctx.file.calls.filter((c) => {
        if (c === fact || c.node.getStart(sf) < from || c.node.getEnd() > block.getEnd())
            return false;
        if (!SUBSCRIBER_FAMILY.has(c.command) && !isMessageListener(c))
            return false;
        return connectionOf(c, ctx) === connection && isSimpleReceiver(c.receiver);
    });
    // A message listener left on the old connection would stop hearing anything.
    const listeners = ctx.index.calls.filter((c) => isMessageListener(c) && connectionOf(c, ctx) === connection);
    if (listeners.some((l) => !moved.includes(l)))
        return [];
    const name = freeName(sf, 'subscriber');
    const lines = [`const ${name} = ${(0, clients_1.unwrap)(fact.receiver).getText(sf)}.duplicate();`];
    if (fact.client.kind === 'node-redis')
        lines.push(typescript_1.default.isAwaitExpression(stmt.expression) ? `await ${name}.connect();` : `void ${name}.connect();`);
    // On lines of their own when the statement starts its line, else beside it.
    const lineStart = sf.text.lastIndexOf('\n', from - 1) + 1;
    const separator = /^[ \t]*$/.test(sf.text.slice(lineStart, from)) ? `\n${(0, text_1.indentOf)(sf, stmt)}` : ' ';
    const declaration = `${lines.join(separator)}${separator}`;
    const edits = [];
    for (const c of [fact, ...moved]) {
        const recv = (0, clients_1.unwrap)(c.receiver);
        // `redis.subscribe(…);` starts where the declaration goes: one edit, so they cannot overlap.
        const start = recv.getStart(sf);
        edits.push({ range: [start, recv.getEnd()], text: start === from ? `${declaration}${name}` : name });
    }
    if (!edits.some((e) => e.range[0] === from))
        edits.unshift({ range: [from, from], text: declaration });
    return [{ desc: `Subscribe on a dedicated connection: const ${name} = ${(0, clients_1.unwrap)(fact.receiver).getText(sf)}.duplicate()`, edits }];
}
exports.default = (0, rule_1.defineRule)({
    meta: {
        id: 'redis/subscriber-connection-reuse',
        description: 'One Redis connection both subscribes and runs regular commands, which a connection in subscriber mode rejects.',
        defaultSeverity: 'error',
        fixKind: 'suggestion',
        docs: 'rules/redis/subscriber-connection-reuse.md',
        options: {},
    },
    *check(ctx) {
        for (const fact of ctx.file.calls) {
            if (fact.family !== 'redis' || !SUBSCRIBE.has(fact.command))
                continue;
            const connection = connectionOf(fact, ctx);
            if (!connection || isResp3(fact, ctx))
                continue;
            const offender = offenderFor(fact, connection, ctx);
            if (!offender)
                continue;
            const callee = (0, clients_1.unwrap)(fact.node.expression);
            yield { node: fact.generic ? fact.node : callee, data: { fact, connection, offender } };
        }
    },
    message: ({ fact, offender }, ctx) => `This connection enters subscriber mode with ${fact.command} but also sends ${offender.command} (${locationOf(offender, ctx.file.file)}). ` +
        'A connection in subscriber mode only accepts (P|S)SUBSCRIBE, (P|S)UNSUBSCRIBE, PING and QUIT, and ioredis rejects any other command at run time ("Connection in subscriber mode, only subscriber commands may be used"). ' +
        "Pub/Sub pushes messages onto the subscriber's socket, unlike a Kafka consumer that pulls on a connection of its own: give the subscriber a dedicated connection with duplicate() and keep this one for commands.",
    suggest: (signal, ctx) => dedicatedConnection(signal.data, ctx),
});
//# sourceMappingURL=subscriber-connection-reuse.js.map