"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
// arch/orphan-destination: a statically named channel, stream or topic that the workspace only produces or only consumes.
const typescript_1 = __importDefault(require("typescript"));
const clients_1 = require("../../core/clients");
const destinations_1 = require("../../core/destinations");
const rule_1 = require("../../core/rule");
const values_1 = require("../../core/values");
const meta = {
    id: 'arch/orphan-destination',
    description: 'A channel, stream or topic with a static name is produced but never consumed in the workspace, or consumed but never produced.',
    defaultSeverity: 'info',
    fixKind: 'none',
    docs: 'rules/arch/orphan-destination.md',
    options: {},
};
const KINDS = new Set(['channel', 'stream', 'topic']);
const REDIS_KINDS = ['channel', 'stream'];
const ALL_KINDS = ['channel', 'stream', 'topic'];
const extrasCache = new WeakMap();
const exact = (name) => ({ name, match: 'exact' });
const UNKNOWN = { kind: 'unknown', names: [] };
function extrasOf(ctx) {
    let extras = extrasCache.get(ctx.index);
    if (!extras) {
        extras = { anything: new Set(), counterparts: [], forwarded: new Set(), sites: [] };
        collectHiddenCalls(ctx.index, extras);
        collectForwarded(ctx, extras);
        collectCreations(ctx.index, extras);
        collectFrameworkPatterns(ctx, extras);
        extrasCache.set(ctx.index, extras);
    }
    return extras;
}
const SUBSCRIBES = new Set(['SUBSCRIBE', 'SSUBSCRIBE', 'PSUBSCRIBE']);
const STREAM_READS = new Set(['XREAD', 'XREADGROUP']);
/** Consumer-side stream commands that prove the stream is read even when the read itself is hidden. */
const STREAM_CONSUMER_COMMANDS = new Set(['XACK', 'XAUTOCLAIM', 'XCLAIM']);
const SCRIPT_COMMANDS = new Set(['EVAL', 'EVALSHA', 'EVAL_RO', 'EVALSHA_RO', 'FCALL', 'FCALL_RO']);
/** Calls whose destination the endpoints cannot show: spreads, scripts, consumer-side commands. */
function collectHiddenCalls(index, extras) {
    const kindsOf = new Map();
    for (const e of index.endpoints)
        kindsOf.set(e.fact, (kindsOf.get(e.fact) ?? new Set()).add(e.kind));
    for (const fact of index.calls) {
        const c = fact.command;
        const has = (kind) => kindsOf.get(fact)?.has(kind) ?? false;
        if (fact.family === 'redis') {
            if ((c === 'PUBLISH' || c === 'SPUBLISH') && !has('channel'))
                extras.anything.add('channel:produce');
            else if (SUBSCRIBES.has(c) && (!fact.argsComplete || !has('channel')))
                extras.anything.add('channel:consume');
            else if (c === 'XADD' && !has('stream'))
                extras.anything.add('stream:produce');
            else if (STREAM_READS.has(c) && (!fact.argsComplete || !has('stream')))
                extras.anything.add('stream:consume');
            else if (STREAM_CONSUMER_COMMANDS.has(c))
                extras.counterparts.push({ kinds: ['stream'], role: 'consume', name: exact(fact.args[0] ?? UNKNOWN) });
            else if (SCRIPT_COMMANDS.has(c))
                collectScript(fact, extras);
        }
        else if (c === 'produce' && !has('topic'))
            extras.anything.add('topic:produce');
    }
}
/** A Lua script or function may publish, append or read any key or argument it is given. */
function collectScript(fact, extras) {
    const source = (0, values_1.stringOf)(fact.args[0]);
    const roles = [];
    if (source === undefined || fact.command.startsWith('EVALSHA') || fact.command.startsWith('FCALL')) {
        for (const kind of REDIS_KINDS)
            roles.push([kind, 'produce'], [kind, 'consume']);
    }
    else {
        if (/\bpublish\b/i.test(source))
            roles.push(['channel', 'produce']);
        if (/\bxadd\b/i.test(source))
            roles.push(['stream', 'produce']);
        if (/\bxread(group)?\b|\bxrange\b|\bxrevrange\b/i.test(source))
            roles.push(['stream', 'consume']);
    }
    if (roles.length === 0)
        return;
    const names = leaves(fact.args.slice(1));
    if (!fact.argsComplete)
        names.push(UNKNOWN);
    for (const [kind, role] of roles) {
        for (const name of names)
            extras.counterparts.push({ kinds: [kind], role, name: exact(name) });
    }
}
/** Every scalar inside arrays and option objects (node-redis `{ keys, arguments }`). */
function leaves(values) {
    return values.flatMap((v) => {
        if (v.kind === 'array')
            return [...leaves(v.elements), ...(v.complete ? [] : [UNKNOWN])];
        if (v.kind === 'object')
            return [...leaves([...v.props.values()]), ...(v.complete ? [] : [UNKNOWN])];
        if (v.kind === 'function' || v.kind === 'nullish' || v.kind === 'boolean')
            return [];
        return [v];
    });
}
/** node-rdkafka streams name their topics in the factory call: `createWriteStream(conf, topicConf, { topic })`. */
function collectCreations(index, extras) {
    for (const creation of index.creations) {
        if (!typescript_1.default.isCallExpression(creation.node))
            continue;
        const callee = (0, clients_1.unwrap)(creation.node.expression);
        const method = typescript_1.default.isPropertyAccessExpression(callee) ? callee.name.text : typescript_1.default.isIdentifier(callee) ? callee.text : '';
        const streamOptions = creation.args[2];
        if (method === 'createWriteStream') {
            extras.counterparts.push({ kinds: ['topic'], role: 'produce', name: exact((0, values_1.propOf)(streamOptions, 'topic') ?? UNKNOWN) });
        }
        else if (method === 'createReadStream') {
            const topics = (0, values_1.propOf)(streamOptions, 'topics') ?? UNKNOWN;
            for (const t of topics.kind === 'array' ? [...topics.elements, ...(topics.complete ? [] : [UNKNOWN])] : [topics]) {
                const regexp = t.kind === 'regexp' || (t.kind === 'string' && t.value.startsWith('^'));
                const name = t.kind === 'string' && regexp ? { kind: 'regexp', source: `/${t.value}/` } : t;
                extras.counterparts.push({ kinds: ['topic'], role: 'consume', name: { name, match: regexp ? 'regexp' : 'exact' } });
            }
        }
    }
}
const PATTERN_DECORATORS = new Set(['EventPattern', 'MessagePattern']);
/** Methods of other messaging libraries (NestJS ClientProxy, kafka-node, graphql-redis-subscriptions …). */
const OTHER_PRODUCE = new Set(['emit', 'send', 'publish', 'produce']);
const OTHER_CONSUME = new Set(['subscribe', 'psubscribe', 'asyncIterator', 'asyncIterableIterator']);
/** Destination names another library's call mentions: `'orders'`, `{ topic: 'orders' }`, `[{ topic: 'orders' }]`, `['orders']`. */
function namesIn(v) {
    if ((0, values_1.stringOf)(v) !== undefined)
        return [v];
    if (v.kind === 'object') {
        const topic = v.props.get('topic') ?? v.props.get('channel');
        const topics = v.props.get('topics');
        return [...(topic ? [topic] : []), ...(topics ? namesIn(topics) : [])].filter((n) => (0, values_1.stringOf)(n) !== undefined || n.kind === 'regexp');
    }
    if (v.kind === 'array')
        return v.elements.flatMap(namesIn);
    return [];
}
/**
 * Endpoints of frameworks and libraries the engine does not model as clients (NestJS
 * microservices' `@EventPattern('orders')` and `client.emit('orders', …)`, kafka-node,
 * graphql-redis-subscriptions) may be the other side of any kind of destination.
 */
function collectFrameworkPatterns(ctx, extras) {
    const factNodes = new Set(ctx.index.calls.map((f) => f.node));
    const add = (role, v) => {
        for (const name of namesIn(v))
            extras.counterparts.push({ kinds: ALL_KINDS, role, name: { name, match: name.kind === 'regexp' ? 'regexp' : 'exact' } });
    };
    for (const facts of ctx.index.files.values()) {
        const visit = (n) => {
            if (typescript_1.default.isDecorator(n) && typescript_1.default.isCallExpression(n.expression)) {
                const callee = n.expression.expression;
                if (typescript_1.default.isIdentifier(callee) && PATTERN_DECORATORS.has(callee.text) && n.expression.arguments[0])
                    add('consume', ctx.values.resolve(n.expression.arguments[0]));
            }
            else if (typescript_1.default.isCallExpression(n) && n.arguments.length >= 1 && !factNodes.has(n)) {
                const callee = (0, clients_1.unwrap)(n.expression);
                const method = typescript_1.default.isPropertyAccessExpression(callee) ? callee.name.text : '';
                if (OTHER_PRODUCE.has(method))
                    add('produce', ctx.values.resolve(n.arguments[0]));
                else if (OTHER_CONSUME.has(method))
                    add('consume', ctx.values.resolve(n.arguments[0]));
            }
            n.forEachChild(visit);
        };
        visit(facts.sourceFile);
    }
}
/** The function's own name symbol: `function f`, `method()`, `const f = () => …`. */
function nameOf(fn) {
    if ((typescript_1.default.isFunctionDeclaration(fn) || typescript_1.default.isMethodDeclaration(fn)) && fn.name && typescript_1.default.isIdentifier(fn.name))
        return fn.name;
    if (typescript_1.default.isArrowFunction(fn) || typescript_1.default.isFunctionExpression(fn)) {
        const p = fn.parent;
        if ((typescript_1.default.isVariableDeclaration(p) || typescript_1.default.isPropertyDeclaration(p) || typescript_1.default.isPropertyAssignment(p)) && p.initializer === fn && typescript_1.default.isIdentifier(p.name))
            return p.name;
    }
    return undefined;
}
function symbolAt(node, ctx) {
    try {
        let symbol = typescript_1.default.isShorthandPropertyAssignment(node.parent) && node.parent.name === node ? ctx.checker.getShorthandAssignmentValueSymbol(node.parent) : ctx.checker.getSymbolAtLocation(node);
        if (symbol && symbol.flags & typescript_1.default.SymbolFlags.Alias)
            symbol = ctx.checker.getAliasedSymbol(symbol);
        return symbol;
    }
    catch {
        return undefined;
    }
}
/** Is the destination a parameter the function never reassigns? */
function forwardingOf(endpoint, ctx) {
    const node = endpoint.name.node && (0, clients_1.unwrap)(endpoint.name.node);
    if (!node || !typescript_1.default.isIdentifier(node))
        return undefined;
    const symbol = symbolAt(node, ctx);
    const param = symbol?.valueDeclaration;
    if (!param || !typescript_1.default.isParameter(param) || !typescript_1.default.isIdentifier(param.name) || param.dotDotDotToken)
        return undefined;
    const fn = param.parent;
    let reassigned = false;
    const visit = (n) => {
        if (typescript_1.default.isBinaryExpression(n) && n.operatorToken.kind >= typescript_1.default.SyntaxKind.FirstAssignment && n.operatorToken.kind <= typescript_1.default.SyntaxKind.LastAssignment) {
            const left = (0, clients_1.unwrap)(n.left);
            if (typescript_1.default.isIdentifier(left) && symbolAt(left, ctx) === symbol)
                reassigned = true;
        }
        n.forEachChild(visit);
    };
    fn.forEachChild(visit);
    if (reassigned || !nameOf(fn))
        return undefined;
    const first = endpoint.fact.node.arguments[0];
    const record = endpoint.fact.family === 'kafka' && endpoint.fact.command === 'send' && first !== undefined && (0, clients_1.unwrap)(first) === node;
    return { endpoint, param, index: fn.parameters.indexOf(param), record };
}
const declarationOf = (symbol) => symbol?.valueDeclaration ?? symbol?.declarations?.[0];
const IMPORT_EXPORT = (n) => typescript_1.default.isImportSpecifier(n) || typescript_1.default.isExportSpecifier(n) || typescript_1.default.isImportClause(n) || typescript_1.default.isNamespaceImport(n) || typescript_1.default.isImportEqualsDeclaration(n);
/**
 * Every call of each wrapper in the workspace, or `undefined` for a wrapper that is also
 * used in a way that hides calls (passed as a value, called through an interface, a name
 * that does not resolve).
 */
function callSitesOf(fns, ctx) {
    const result = new Map(fns.map((fn) => [fn, []]));
    // Keyed by declaration: a member's symbol at a use may be a different object than at its declaration.
    const byDecl = new Map();
    const byName = new Map();
    for (const fn of fns) {
        const name = nameOf(fn);
        const decl = declarationOf(symbolAt(name, ctx));
        if (!decl)
            result.set(fn, undefined);
        else
            byDecl.set(decl, fn);
        byName.set(name.text, [...(byName.get(name.text) ?? []), fn]);
    }
    const factNodes = new Set(ctx.index.calls.map((f) => f.node));
    const spoil = (name) => byName.get(name)?.forEach((fn) => result.set(fn, undefined));
    const onIdentifier = (id) => {
        const parent = id.parent;
        if (IMPORT_EXPORT(parent))
            return;
        const declared = parent.name === id && !typescript_1.default.isShorthandPropertyAssignment(parent) && !typescript_1.default.isPropertyAccessExpression(parent);
        if (declared) {
            // Another function of the same name is simply another function; anything else of that name
            // (an interface or abstract member, a variable or property that may alias the wrapper) could hide call sites.
            const isOwn = fns.some((fn) => nameOf(fn) === id);
            const otherFunction = (typescript_1.default.isFunctionDeclaration(parent) || typescript_1.default.isMethodDeclaration(parent) || typescript_1.default.isClassDeclaration(parent)) && !typescript_1.default.getModifiers(parent)?.some((m) => m.kind === typescript_1.default.SyntaxKind.AbstractKeyword);
            if (!isOwn && !otherFunction)
                spoil(id.text);
            return;
        }
        const callee = typescript_1.default.isPropertyAccessExpression(parent) && parent.name === id ? parent : id;
        const call = typescript_1.default.isCallExpression(callee.parent) && callee.parent.expression === callee ? callee.parent : undefined;
        const symbol = symbolAt(id, ctx);
        const decl = declarationOf(symbol);
        const fn = decl && byDecl.get(decl);
        if (fn) {
            const list = result.get(fn);
            if (!call)
                result.set(fn, undefined);
            else
                list?.push(call);
        }
        else if (!symbol && !(call && factNodes.has(call)))
            spoil(id.text);
    };
    for (const facts of ctx.index.files.values()) {
        const visit = (n) => {
            if (typescript_1.default.isIdentifier(n) && byName.has(n.text))
                onIdentifier(n);
            n.forEachChild(visit);
        };
        visit(facts.sourceFile);
    }
    return result;
}
/** Wrappers that forward a parameter as the destination: their call sites name it. */
function collectForwarded(ctx, extras) {
    const forwardings = [];
    for (const e of ctx.index.endpoints) {
        if (!KINDS.has(e.kind) || e.name.kind !== 'unknown')
            continue;
        const f = forwardingOf(e, ctx);
        if (f)
            forwardings.push(f);
    }
    if (forwardings.length === 0)
        return;
    const sites = callSitesOf([...new Set(forwardings.map((f) => f.param.parent))], ctx);
    for (const f of forwardings) {
        const calls = sites.get(f.param.parent);
        if (!calls || calls.length === 0)
            continue;
        extras.forwarded.add(f.endpoint);
        for (const call of calls) {
            const args = call.arguments;
            const hidden = args.slice(0, f.index + 1).some(typescript_1.default.isSpreadElement);
            const arg = hidden ? undefined : args[f.index];
            let name = arg ? ctx.values.resolve(arg) : f.param.initializer ? ctx.values.resolve(f.param.initializer) : UNKNOWN;
            if (f.record)
                name = (0, values_1.propOf)(name, 'topic') ?? UNKNOWN;
            const inCall = (n) => n !== undefined && n.getSourceFile() === call.getSourceFile() && n.pos >= call.pos && n.end <= call.end;
            const node = f.record && inCall(name.node) ? name.node : arg ?? call;
            extras.sites.push({ kind: f.endpoint.kind, role: f.endpoint.role, name, match: f.endpoint.match, file: call.getSourceFile().fileName, node });
        }
    }
}
function hasCounterpart(endpoint, kind, ctx) {
    const role = endpoint.role === 'produce' ? 'consume' : 'produce';
    const extras = extrasOf(ctx);
    if (extras.anything.has(`${kind}:${role}`))
        return true;
    const same = (o) => o.kind === kind && o.role === role && (0, destinations_1.mayBeSame)(endpoint, o);
    if (ctx.index.endpoints.some((o) => !extras.forwarded.has(o) && same(o)))
        return true;
    if (extras.sites.some(same))
        return true;
    return extras.counterparts.some((c) => c.role === role && c.kinds.includes(kind) && (0, destinations_1.mayBeSame)(endpoint, c.name));
}
/** `externalDestinations` entries: exact names or simple `*` globs. */
function isExternal(name, ctx) {
    return (ctx.config.externalDestinations ?? []).some((pattern) => {
        if (!pattern.includes('*'))
            return pattern === name;
        const body = pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
        return new RegExp(`^${body}$`).test(name);
    });
}
/** Names Redis or Kafka themselves produce or own: keyspace notifications, client tracking, internal topics. */
const isServerOwned = (name) => name.startsWith('__');
/** The expression inside the call that names the destination, when there is one in this file. */
function nameNode(endpoint, name, ctx) {
    const call = endpoint.fact.node;
    const target = endpoint.name.node;
    if (target && target.getSourceFile() === ctx.sourceFile && target.pos >= call.pos && target.end <= call.end)
        return target;
    let found;
    const visit = (n) => {
        if (found || typescript_1.default.isFunctionLike(n))
            return;
        const isKey = (typescript_1.default.isPropertyAssignment(n.parent) && n.parent.name === n) || (typescript_1.default.isPropertyAccessExpression(n.parent) && n.parent.name === n);
        if (!isKey && (typescript_1.default.isIdentifier(n) || typescript_1.default.isPropertyAccessExpression(n) || typescript_1.default.isElementAccessExpression(n))) {
            const v = ctx.values.resolve(n);
            if ((0, values_1.stringOf)(v) === name && v.node === target) {
                found = n;
                return;
            }
        }
        n.forEachChild(visit);
    };
    call.arguments.forEach(visit);
    return found ?? call;
}
const LABEL = { channel: 'Pub/Sub channel', stream: 'Redis stream', topic: 'Kafka topic' };
const WHY = {
    channel: {
        produce: 'Redis Pub/Sub stores nothing, so a message published with no subscriber is simply dropped (PUBLISH returns 0)',
        consume: 'Pub/Sub delivers only what is published while the subscriber listens, so this listener never fires',
    },
    stream: {
        produce: 'a Redis stream keeps every entry in memory until it is trimmed, so it keeps growing with nobody reading it',
        consume: 'the reader waits on a stream that nothing appends to',
    },
    topic: {
        produce: 'Kafka keeps the records on disk until retention expires whether or not anyone reads them',
        consume: 'the consumer waits for records that never arrive, and with topic auto-creation a misspelt name quietly creates an empty topic',
    },
};
exports.default = (0, rule_1.defineRule)({
    meta,
    *check(ctx) {
        for (const endpoint of ctx.index.endpoints) {
            if (endpoint.fact.file !== ctx.file.file || !KINDS.has(endpoint.kind) || endpoint.match !== 'exact')
                continue;
            const kind = endpoint.kind;
            const name = (0, values_1.stringOf)(endpoint.name);
            if (name === undefined || isServerOwned(name) || isExternal(name, ctx))
                continue;
            if (hasCounterpart(endpoint, kind, ctx))
                continue;
            yield { node: nameNode(endpoint, name, ctx), data: { kind, role: endpoint.role, name } };
        }
        for (const site of extrasOf(ctx).sites) {
            if (site.file !== ctx.file.file || site.match !== 'exact')
                continue;
            const name = (0, values_1.stringOf)(site.name);
            if (name === undefined || isServerOwned(name) || isExternal(name, ctx))
                continue;
            if (hasCounterpart(site, site.kind, ctx))
                continue;
            yield { node: site.node, data: { kind: site.kind, role: site.role, name } };
        }
    },
    message({ kind, role, name }) {
        const only = role === 'produce' ? 'produced-only: nothing in this workspace consumes it' : 'consumed-only: nothing in this workspace produces it';
        const other = role === 'produce' ? 'consumes' : 'produces';
        return (`${LABEL[kind]} '${name}' is ${only}; ${WHY[kind][role]}. ` +
            `Fix the name if it is a typo or remove the dead side; if another service ${other} it, list '${name}' in \`externalDestinations\`.`);
    },
});
//# sourceMappingURL=orphan-destination.js.map