"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.enclosingFunction = enclosingFunction;
exports.enclosingLoop = enclosingLoop;
exports.isAwaited = isAwaited;
exports.handlerKind = handlerKind;
exports.enclosingHandler = enclosingHandler;
// Where a node runs: inside a loop, a request handler, a per-message callback; awaited or floating.
const typescript_1 = __importDefault(require("typescript"));
const clients_1 = require("./clients");
function enclosingFunction(node) {
    for (let n = node.parent; n; n = n.parent) {
        if (typescript_1.default.isFunctionLike(n))
            return n;
    }
    return undefined;
}
/** The loop whose body contains `node`, without crossing a function boundary. */
function enclosingLoop(node) {
    let child = node;
    for (let n = node.parent; n; child = n, n = n.parent) {
        if (typescript_1.default.isFunctionLike(n) || typescript_1.default.isClassLike(n))
            return undefined;
        if (typescript_1.default.isIterationStatement(n, false) && n.statement === child)
            return n;
        if ((typescript_1.default.isWhileStatement(n) || typescript_1.default.isDoStatement(n)) && n.expression === child)
            return n;
        if (typescript_1.default.isForStatement(n) && (n.condition === child || n.incrementor === child))
            return n;
    }
    return undefined;
}
/** `await x`, `return await x`, `await Promise.all([x])` — the value is waited for here. */
function isAwaited(node) {
    let n = node;
    while (n.parent && (typescript_1.default.isParenthesizedExpression(n.parent) || typescript_1.default.isAsExpression(n.parent) || typescript_1.default.isNonNullExpression(n.parent)))
        n = n.parent;
    return typescript_1.default.isAwaitExpression(n.parent);
}
const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'head', 'options', 'use', 'route']);
const REQUEST_TYPES = /^(Request|Response|NextRequest|NextApiRequest|NextApiResponse|FastifyRequest|FastifyReply|IncomingMessage|ServerResponse|Context|ParameterizedContext|HttpRequest|APIGatewayProxyEvent)$/;
const ROUTE_DECORATORS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', 'All', 'Head', 'Options', 'MessagePattern', 'EventPattern']);
const NEXT_ROUTE_EXPORTS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
const MESSAGE_EVENTS = new Set(['message', 'messageBuffer', 'pmessage', 'pmessageBuffer', 'smessage', 'data']);
/** Is this function a request handler or a per-message callback (called once per request/message)? */
function handlerKind(fn) {
    const parent = fn.parent;
    // Callback argument: app.get('/x', handler), consumer.on('data', cb), createServer(cb)
    if (parent && typescript_1.default.isCallExpression(parent) && parent.arguments.includes(fn)) {
        const callee = (0, clients_1.unwrap)(parent.expression);
        const name = typescript_1.default.isPropertyAccessExpression(callee) ? callee.name.text : typescript_1.default.isIdentifier(callee) ? callee.text : '';
        const first = parent.arguments[0];
        if (HTTP_METHODS.has(name) && parent.arguments.length >= 2 && first && (typescript_1.default.isStringLiteralLike(first) || typescript_1.default.isTemplateExpression(first) || typescript_1.default.isRegularExpressionLiteral(first)))
            return 'request';
        if (name === 'createServer')
            return 'request';
        if ((name === 'on' || name === 'once' || name === 'addListener') && first && typescript_1.default.isStringLiteralLike(first)) {
            if (first.text === 'request')
                return 'request';
            if (MESSAGE_EVENTS.has(first.text))
                return 'message';
        }
        // node-redis listeners get (message, channel); ioredis' (err, count) callback runs once, when subscribed.
        const completion = fn.parameters[0] && typescript_1.default.isIdentifier(fn.parameters[0].name) && /^(err|error)$/i.test(fn.parameters[0].name.text);
        if ((name === 'subscribe' || name === 'pSubscribe' || name === 'sSubscribe') && parent.arguments.indexOf(fn) > 0 && !completion)
            return 'message';
    }
    // { eachMessage: async () => … } / { eachBatch() { … } }, and { handler: … } route objects
    const prop = typescript_1.default.isPropertyAssignment(parent) ? parent : typescript_1.default.isMethodDeclaration(fn) && typescript_1.default.isObjectLiteralExpression(fn.parent) ? fn : undefined;
    if (prop && prop.name && typescript_1.default.isIdentifier(prop.name)) {
        if (prop.name.text === 'eachMessage' || prop.name.text === 'eachBatch')
            return 'message';
    }
    // NestJS route decorators, Next.js route exports
    if (typescript_1.default.isMethodDeclaration(fn)) {
        const decorators = typescript_1.default.canHaveDecorators(fn) ? typescript_1.default.getDecorators(fn) ?? [] : [];
        for (const d of decorators) {
            const e = typescript_1.default.isCallExpression(d.expression) ? d.expression.expression : d.expression;
            if (typescript_1.default.isIdentifier(e) && ROUTE_DECORATORS.has(e.text))
                return e.text.endsWith('Pattern') ? 'message' : 'request';
        }
    }
    if (typescript_1.default.isFunctionDeclaration(fn) && fn.name && NEXT_ROUTE_EXPORTS.has(fn.name.text) && fn.modifiers?.some((m) => m.kind === typescript_1.default.SyntaxKind.ExportKeyword))
        return 'request';
    // Typed request parameters: (req: Request, res: Response)
    for (const p of fn.parameters) {
        const t = p.type;
        if (t && typescript_1.default.isTypeReferenceNode(t)) {
            const n = typescript_1.default.isIdentifier(t.typeName) ? t.typeName.text : t.typeName.right.text;
            if (REQUEST_TYPES.test(n))
                return 'request';
        }
    }
    return conventionalHandlerKind(fn);
}
const MESSAGE_DECORATORS = new Set(['SubscribeMessage', 'Process', 'OnEvent', 'RabbitSubscribe', 'RabbitRPC', 'SqsMessageHandler']);
const RESOLVER_DECORATORS = new Set(['Query', 'Mutation', 'ResolveField', 'Sse']);
function calleeName(call) {
    const callee = (0, clients_1.unwrap)(call.expression);
    return typescript_1.default.isPropertyAccessExpression(callee) ? callee.name.text : typescript_1.default.isIdentifier(callee) ? callee.text : '';
}
const isPathLike = (e) => !!e && (typescript_1.default.isStringLiteralLike(e) || typescript_1.default.isTemplateExpression(e) || typescript_1.default.isRegularExpressionLiteral(e));
/** `app.get('/x', …)`, `router.post(`/x`, …)`: a route registration. */
function isRouteCall(call) {
    return HTTP_METHODS.has(calleeName(call)) && call.arguments.length >= 2 && isPathLike(call.arguments[0]);
}
/** The name a function is exported under: `export function X`, `export const X = () => …`, `exports.X = …`. */
function exportedName(fn) {
    const isExport = (m) => m.kind === typescript_1.default.SyntaxKind.ExportKeyword;
    if (typescript_1.default.isFunctionDeclaration(fn))
        return fn.name && fn.modifiers?.some(isExport) ? fn.name.text : undefined;
    const parent = fn.parent;
    if (typescript_1.default.isVariableDeclaration(parent) && typescript_1.default.isIdentifier(parent.name) && typescript_1.default.isVariableStatement(parent.parent.parent)) {
        return parent.parent.parent.modifiers?.some(isExport) ? parent.name.text : undefined;
    }
    if (typescript_1.default.isBinaryExpression(parent) && parent.right === fn && typescript_1.default.isPropertyAccessExpression(parent.left)) {
        const target = parent.left.expression;
        const isExports = (typescript_1.default.isIdentifier(target) && target.text === 'exports') || (typescript_1.default.isPropertyAccessExpression(target) && target.name.text === 'exports' && typescript_1.default.isIdentifier(target.expression) && target.expression.text === 'module');
        return isExports ? parent.left.name.text : undefined;
    }
    return undefined;
}
const paramName = (p) => (p && typescript_1.default.isIdentifier(p.name) ? p.name.text : undefined);
/** Handler shapes beyond the common ones: wrapped route callbacks, route objects, serverless exports, job workers, conventional parameters. */
function conventionalHandlerKind(fn) {
    const parent = fn.parent;
    const self = fn;
    if (parent && typescript_1.default.isCallExpression(parent) && parent.arguments.includes(self)) {
        const name = calleeName(parent);
        const callee = (0, clients_1.unwrap)(parent.expression);
        // router.get('/x', asyncHandler(async (req, res) => …))
        const outer = parent.parent;
        if (outer && typescript_1.default.isCallExpression(outer) && outer.arguments.includes(parent) && isRouteCall(outer))
            return 'request';
        // app.route('/x').get(fn)
        if (HTTP_METHODS.has(name) && typescript_1.default.isPropertyAccessExpression(callee) && typescript_1.default.isCallExpression(callee.expression) && calleeName(callee.expression) === 'route')
            return 'request';
        // Middleware runs per request: app.use((req, res, next) => …), Koa's app.use(async (ctx, next) => …)
        if (name === 'use' && fn.parameters.length >= 2)
            return 'request';
        // tRPC procedures: .query(({ input }) => …), .mutation(…)
        if ((name === 'query' || name === 'mutation') && parent.arguments.length === 1 && fn.parameters[0] && typescript_1.default.isObjectBindingPattern(fn.parameters[0].name))
            return 'request';
        // AMQP channel.consume('queue', (msg) => …)
        if (name === 'consume' && parent.arguments.indexOf(self) > 0)
            return 'message';
    }
    // BullMQ: new Worker('queue', async (job) => …)
    if (parent && typescript_1.default.isNewExpression(parent) && calleeName(parent) === 'Worker' && (parent.arguments?.indexOf(self) ?? -1) > 0 && isPathLike(parent.arguments?.[0]))
        return 'message';
    // Route objects: { method: 'GET', url: '/x', handler } (Fastify, Hapi); sqs-consumer's { handleMessage }
    const prop = typescript_1.default.isPropertyAssignment(parent) ? parent : typescript_1.default.isMethodDeclaration(fn) && typescript_1.default.isObjectLiteralExpression(fn.parent) ? fn : undefined;
    if (prop && typescript_1.default.isIdentifier(prop.name) && typescript_1.default.isObjectLiteralExpression(prop.parent)) {
        const keys = prop.parent.properties.map((p) => (p.name && typescript_1.default.isIdentifier(p.name) ? p.name.text : ''));
        if (prop.name.text === 'handler' && (keys.includes('url') || keys.includes('path')))
            return 'request';
        if (prop.name.text === 'handleMessage' || prop.name.text === 'handleMessageBatch')
            return 'message';
    }
    if (typescript_1.default.isMethodDeclaration(fn)) {
        for (const d of typescript_1.default.canHaveDecorators(fn) ? typescript_1.default.getDecorators(fn) ?? [] : []) {
            const e = typescript_1.default.isCallExpression(d.expression) ? d.expression.expression : d.expression;
            if (typescript_1.default.isIdentifier(e) && RESOLVER_DECORATORS.has(e.text))
                return 'request';
            if (typescript_1.default.isIdentifier(e) && MESSAGE_DECORATORS.has(e.text))
                return 'message';
        }
    }
    // Next.js `export const GET = async (req) => …`; serverless `export const handler = async (event) => …`
    const exported = exportedName(fn);
    if (exported && NEXT_ROUTE_EXPORTS.has(exported))
        return 'request';
    const first = fn.parameters[0];
    const typeName = first?.type && typescript_1.default.isTypeReferenceNode(first.type) ? (typescript_1.default.isIdentifier(first.type.typeName) ? first.type.typeName.text : first.type.typeName.right.text) : '';
    if (exported === 'handler' && (/^(event|evt)$/.test(paramName(first) ?? '') || /Event$/.test(typeName)))
        return 'request';
    // Conventional parameter names: (req, res), (request, reply), (request, h), Koa's (ctx, next)
    const a = paramName(first);
    const b = paramName(fn.parameters[1]);
    if (a && b && ((/^(req|request)$/.test(a) && /^(res|response|reply|h)$/.test(b)) || (a === 'ctx' && b === 'next')))
        return 'request';
    return undefined;
}
/** The nearest enclosing function that is a handler, and which kind. */
function enclosingHandler(node) {
    for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
        const kind = handlerKind(fn);
        if (kind)
            return { fn, kind };
    }
    return undefined;
}
//# sourceMappingURL=context.js.map