"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
// redis/list-queue-without-ack: list pops that consume a queue, losing the job if the worker dies before finishing it.
const typescript_1 = __importDefault(require("typescript"));
const clients_1 = require("../../core/clients");
const context_1 = require("../../core/context");
const destinations_1 = require("../../core/destinations");
const redis_args_1 = require("../../core/redis-args");
const rule_1 = require("../../core/rule");
const shared_1 = require("../shared");
const BLOCKING = new Set(['BRPOP', 'BLPOP']);
const POPS = new Set(['BRPOP', 'BLPOP', 'RPOP', 'LPOP']);
/** Calls that run a function later or periodically: timers and cron-style schedulers. */
const SCHEDULERS = new Set(['setInterval', 'setTimeout', 'setImmediate', 'nextTick', 'schedule', 'scheduleJob', 'CronJob']);
exports.default = (0, rule_1.defineRule)({
    meta: {
        id: 'redis/list-queue-without-ack',
        description: 'A Redis list consumed with BRPOP/BLPOP/RPOP/LPOP, so a worker that dies after the pop loses the job for good.',
        defaultSeverity: 'warning',
        fixKind: 'suggestion',
        docs: 'rules/redis/list-queue-without-ack.md',
        options: {},
    },
    *check(ctx) {
        for (const fact of ctx.file.calls) {
            if (fact.family !== 'redis' || !POPS.has(fact.command))
                continue;
            const why = queueConsumption(fact, ctx);
            if (why)
                yield { node: fact.node, data: { fact, key: describeKeys((0, redis_args_1.popKeys)(fact)), why } };
        }
    },
    message: ({ fact, key, why }) => `${fact.command} takes the job off ${key} ${REASONS[why]}, so from then on it exists only in this worker's memory: if the process crashes before finishing, the job is gone. ` +
        'A Redis list has no acknowledgement and no redelivery, unlike Kafka offsets (committed after processing) or a Stream consumer group (entries stay pending until XACK). ' +
        'Move the job atomically into a processing list with BLMOVE/LMOVE and LREM it after success, or use a Stream with a consumer group.',
    suggest({ data: { fact } }, ctx) {
        return moveSuggestion(fact, ctx);
    },
});
const REASONS = {
    blocking: '(a blocking pop, the shape of a queue consumer)',
    loop: 'inside a loop',
    timer: 'in a worker run by a timer or scheduler',
    recursion: 'in a worker that keeps calling itself',
    pushed: 'while the workspace also fills that list with LPUSH/RPUSH',
};
/** Why this pop consumes a queue, or undefined for a one-off pop (a stack, housekeeping). */
function queueConsumption(fact, ctx) {
    if (BLOCKING.has(fact.command))
        return 'blocking';
    // A popped value thrown away is trimming, not a job being handed to a worker.
    if (isDiscarded(fact.node))
        return undefined;
    if ((0, context_1.enclosingLoop)(fact.node))
        return 'loop';
    const worker = workerKind(fact.node, ctx);
    if (worker)
        return worker;
    return isPushedElsewhere(fact, ctx) ? 'pushed' : undefined;
}
function isDiscarded(call) {
    let n = call;
    while (n.parent && (typescript_1.default.isParenthesizedExpression(n.parent) || typescript_1.default.isAwaitExpression(n.parent) || typescript_1.default.isAsExpression(n.parent) || typescript_1.default.isNonNullExpression(n.parent)))
        n = n.parent;
    return typescript_1.default.isExpressionStatement(n.parent) || typescript_1.default.isVoidExpression(n.parent);
}
/** A key the workspace pushes to (both names known well enough to compare). */
function isPushedElsewhere(fact, ctx) {
    const keys = (0, redis_args_1.popKeys)(fact).filter(isKnownKey);
    if (keys.length === 0)
        return false;
    return ctx.index.endpointsWhere('list', 'produce').some((e) => e.fact !== fact && isKnownKey(e.name) && keys.some((k) => comparable(k, e.name) && (0, destinations_1.mayBeSame)({ name: k, match: 'exact' }, { name: e.name, match: 'exact' })));
}
function isKnownKey(v) {
    if (v.kind === 'string' || v.kind === 'number')
        return true;
    return v.kind === 'template' && v.parts.some((p) => p !== null && p.length > 0);
}
/** Two partly known names are only compared by their literal prefixes: both must have one. */
function comparable(a, b) {
    if (a.kind !== 'template' || b.kind !== 'template')
        return true;
    return (a.parts[0] ?? '') !== '' && (b.parts[0] ?? '') !== '';
}
function describeKeys(keys) {
    const named = keys.filter((k) => k.kind === 'string' || k.kind === 'number' || k.kind === 'template');
    return named.length > 0 ? `list ${named.map(shared_1.showName).join(', ')}` : 'its list';
}
// --- worker functions: run by a timer/scheduler, or re-invoking themselves ---
function workerKind(node, ctx) {
    for (let fn = (0, context_1.enclosingFunction)(node); fn; fn = (0, context_1.enclosingFunction)(fn)) {
        if (isSchedulerArgument(fn))
            return 'timer';
        const symbol = functionSymbol(fn, ctx);
        if (!symbol)
            continue;
        if (callsItself(fn, symbol, ctx))
            return 'recursion';
        if (scheduledCallbacks(ctx).some((cb) => refersTo(cb, symbol, ctx)))
            return 'timer';
    }
    return undefined;
}
function calleeName(call) {
    const callee = (0, clients_1.unwrap)(call.expression);
    if (typescript_1.default.isIdentifier(callee))
        return callee.text;
    if (typescript_1.default.isPropertyAccessExpression(callee))
        return callee.name.text;
    return undefined;
}
/** `fn` or `fn.bind(x)` → `fn`. */
function stripBind(expr) {
    const e = (0, clients_1.unwrap)(expr);
    if (typescript_1.default.isCallExpression(e) && typescript_1.default.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'bind')
        return (0, clients_1.unwrap)(e.expression.expression);
    return e;
}
function isSchedulerCall(n) {
    if (!typescript_1.default.isCallExpression(n) && !typescript_1.default.isNewExpression(n))
        return false;
    const name = calleeName(n);
    return name !== undefined && SCHEDULERS.has(name);
}
function isSchedulerArgument(fn) {
    let n = fn;
    while (n.parent && typescript_1.default.isParenthesizedExpression(n.parent))
        n = n.parent;
    const bind = n.parent && typescript_1.default.isPropertyAccessExpression(n.parent) && n.parent.name.text === 'bind' && typescript_1.default.isCallExpression(n.parent.parent) ? n.parent.parent : undefined;
    const arg = bind ?? n;
    const call = arg.parent;
    return call !== undefined && isSchedulerCall(call) && (call.arguments ?? []).some((a) => a === arg);
}
/** The symbol other code calls this function by: its name, or the variable/property/field holding it. */
function functionSymbol(fn, ctx) {
    let name;
    if ((typescript_1.default.isFunctionDeclaration(fn) || typescript_1.default.isMethodDeclaration(fn) || typescript_1.default.isFunctionExpression(fn)) && fn.name)
        name = fn.name;
    else if (typescript_1.default.isArrowFunction(fn) || typescript_1.default.isFunctionExpression(fn)) {
        let n = fn;
        while (n.parent && typescript_1.default.isParenthesizedExpression(n.parent))
            n = n.parent;
        const holder = n.parent;
        if (holder && (typescript_1.default.isVariableDeclaration(holder) || typescript_1.default.isPropertyAssignment(holder) || typescript_1.default.isPropertyDeclaration(holder)) && holder.initializer === n)
            name = holder.name;
    }
    return name ? symbolAt(name, ctx) : undefined;
}
function symbolAt(node, ctx) {
    try {
        let s = ctx.checker.getSymbolAtLocation(typescript_1.default.isPropertyAccessExpression(node) ? node.name : node);
        if (s && s.flags & typescript_1.default.SymbolFlags.Alias)
            s = ctx.checker.getAliasedSymbol(s);
        return s;
    }
    catch {
        return undefined;
    }
}
/** The function calls itself, directly or by handing itself to a callback (`setTimeout(poll)`, `.then(poll)`). */
function callsItself(fn, symbol, ctx) {
    const body = fn.body;
    if (!body)
        return false;
    let found = false;
    const visit = (n) => {
        if (found)
            return;
        if (typescript_1.default.isCallExpression(n)) {
            const targets = [n.expression, ...n.arguments].map(stripBind);
            if (targets.some((t) => (typescript_1.default.isIdentifier(t) || typescript_1.default.isPropertyAccessExpression(t)) && symbolAt(t, ctx) === symbol)) {
                found = true;
                return;
            }
        }
        n.forEachChild(visit);
    };
    visit(body);
    return found;
}
/** Does this scheduler callback name the function, or call it from an inline wrapper? */
function refersTo(callback, symbol, ctx) {
    const cb = stripBind(callback);
    if (typescript_1.default.isIdentifier(cb) || typescript_1.default.isPropertyAccessExpression(cb))
        return symbolAt(cb, ctx) === symbol;
    if (!typescript_1.default.isArrowFunction(cb) && !typescript_1.default.isFunctionExpression(cb))
        return false;
    let found = false;
    const visit = (n) => {
        if (found || (typescript_1.default.isFunctionLike(n) && n !== cb))
            return;
        if (typescript_1.default.isCallExpression(n)) {
            const callee = stripBind(n.expression);
            if ((typescript_1.default.isIdentifier(callee) || typescript_1.default.isPropertyAccessExpression(callee)) && symbolAt(callee, ctx) === symbol) {
                found = true;
                return;
            }
        }
        n.forEachChild(visit);
    };
    visit(cb.body);
    return found;
}
const callbackCache = new WeakMap();
/** Every function-valued argument of a timer/scheduler call in the workspace. */
function scheduledCallbacks(ctx) {
    const cached = callbackCache.get(ctx.index);
    if (cached)
        return cached;
    const out = [];
    const visit = (n) => {
        if (isSchedulerCall(n)) {
            for (const a of n.arguments ?? []) {
                const e = stripBind(a);
                if (typescript_1.default.isIdentifier(e) || typescript_1.default.isPropertyAccessExpression(e) || typescript_1.default.isArrowFunction(e) || typescript_1.default.isFunctionExpression(e))
                    out.push(a);
            }
        }
        n.forEachChild(visit);
    };
    for (const facts of ctx.index.files.values())
        visit(facts.sourceFile);
    callbackCache.set(ctx.index, out);
    return out;
}
// --- suggestion: BLMOVE / LMOVE into a processing list ---
function moveSuggestion(fact, ctx) {
    const blocking = BLOCKING.has(fact.command);
    if (!fact.argsComplete || fact.args.length !== (blocking ? 2 : 1) || fact.args[0].kind === 'array')
        return [];
    const key = (0, shared_1.argNode)(fact, 0);
    if (!key || (blocking && !(0, shared_1.argNode)(fact, 1)))
        return [];
    const rename = renameEdit(fact, blocking);
    if (!rename)
        return [];
    const q = (0, shared_1.quote)(ctx, key);
    const fromSide = fact.command === 'BRPOP' || fact.command === 'RPOP' ? 'RIGHT' : 'LEFT';
    const dest = processingKey(key, ctx);
    const move = blocking ? 'BLMOVE' : 'LMOVE';
    const returns = blocking
        ? `it returns the element itself instead of ${fact.client.kind === 'node-redis' && !fact.generic ? '{ key, element }' : '[key, element]'}, so adjust the code that reads the result`
        : 'it returns the element, as the pop did';
    return [
        {
            desc: `Move the job into ${dest} with ${move} instead (${returns}); LREM it from there once it is processed`,
            edits: [rename, { range: [key.getEnd(), key.getEnd()], text: `, ${dest}, ${q(fromSide)}, ${q('LEFT')}` }],
        },
    ];
}
/** Rename the method (`brpop` → `blmove`, `rPop` → `lMove`) or the command string of a generic call. */
function renameEdit(fact, blocking) {
    const callee = (0, clients_1.unwrap)(fact.node.expression);
    if (!typescript_1.default.isPropertyAccessExpression(callee))
        return undefined;
    if (!fact.generic) {
        const node = callee.name;
        const buffer = fact.method.endsWith('Buffer') ? 'Buffer' : '';
        const base = fact.client.kind === 'node-redis' ? (blocking ? 'blMove' : 'lMove') : blocking ? 'blmove' : 'lmove';
        return { range: [node.getStart(), node.getEnd()], text: `${base}${buffer}` };
    }
    const first = fact.node.arguments[0] && (0, clients_1.unwrap)(fact.node.arguments[0]);
    const command = first && typescript_1.default.isArrayLiteralExpression(first) ? first.elements[0] : first;
    if (!command || !typescript_1.default.isStringLiteral(command))
        return undefined;
    const name = blocking ? 'BLMOVE' : 'LMOVE';
    const text = command.text === command.text.toLowerCase() ? name.toLowerCase() : name;
    const q = command.getText()[0];
    return { range: [command.getStart(), command.getEnd()], text: `${q}${text}${q}` };
}
/** `'q:email'` → `'q:email:processing'`; any other expression E → `${E}:processing`. */
function processingKey(key, ctx) {
    const text = key.getText(ctx.sourceFile);
    if (typescript_1.default.isStringLiteral(key) || typescript_1.default.isNoSubstitutionTemplateLiteral(key) || typescript_1.default.isTemplateExpression(key))
        return `${text.slice(0, -1)}:processing${text.slice(-1)}`;
    return `\`\${${text}}:processing\``;
}
//# sourceMappingURL=list-queue-without-ack.js.map