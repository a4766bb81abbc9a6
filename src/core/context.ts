// Where a node runs: inside a loop, a request handler, a per-message callback; awaited or floating.
import ts from 'typescript';
import { unwrap } from './clients';

export function enclosingFunction(node: ts.Node): ts.SignatureDeclaration | undefined {
  for (let n = node.parent; n; n = n.parent) {
    if (ts.isFunctionLike(n)) return n;
  }
  return undefined;
}

/** The loop whose body contains `node`, without crossing a function boundary. */
export function enclosingLoop(node: ts.Node): ts.IterationStatement | undefined {
  let child: ts.Node = node;
  for (let n = node.parent; n; child = n, n = n.parent) {
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return undefined;
    if (ts.isIterationStatement(n, false) && n.statement === child) return n;
    if ((ts.isWhileStatement(n) || ts.isDoStatement(n)) && n.expression === child) return n;
    if (ts.isForStatement(n) && (n.condition === child || n.incrementor === child)) return n;
  }
  return undefined;
}

/** `await x`, `return await x`, `await Promise.all([x])` — the value is waited for here. */
export function isAwaited(node: ts.Expression): boolean {
  let n: ts.Node = node;
  while (n.parent && (ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent) || ts.isNonNullExpression(n.parent))) n = n.parent;
  return ts.isAwaitExpression(n.parent);
}

const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'head', 'options', 'use', 'route']);
const REQUEST_TYPES = /^(Request|Response|NextRequest|NextApiRequest|NextApiResponse|FastifyRequest|FastifyReply|IncomingMessage|ServerResponse|Context|ParameterizedContext|HttpRequest|APIGatewayProxyEvent)$/;
const ROUTE_DECORATORS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', 'All', 'Head', 'Options', 'MessagePattern', 'EventPattern']);
const NEXT_ROUTE_EXPORTS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
const MESSAGE_EVENTS = new Set(['message', 'messageBuffer', 'pmessage', 'pmessageBuffer', 'smessage', 'data']);

export type HandlerKind = 'request' | 'message';

/** Is this function a request handler or a per-message callback (called once per request/message)? */
export function handlerKind(fn: ts.SignatureDeclaration): HandlerKind | undefined {
  const parent = fn.parent;
  // Callback argument: app.get('/x', handler), consumer.on('data', cb), createServer(cb)
  if (parent && ts.isCallExpression(parent) && parent.arguments.includes(fn as ts.Expression)) {
    const callee = unwrap(parent.expression);
    const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
    const first = parent.arguments[0];
    if (HTTP_METHODS.has(name) && parent.arguments.length >= 2 && first && (ts.isStringLiteralLike(first) || ts.isTemplateExpression(first) || ts.isRegularExpressionLiteral(first))) return 'request';
    if (name === 'createServer') return 'request';
    if ((name === 'on' || name === 'once' || name === 'addListener') && first && ts.isStringLiteralLike(first)) {
      if (first.text === 'request') return 'request';
      if (MESSAGE_EVENTS.has(first.text)) return 'message';
    }
    // node-redis listeners get (message, channel); ioredis' (err, count) callback runs once, when subscribed.
    const completion = fn.parameters[0] && ts.isIdentifier(fn.parameters[0].name) && /^(err|error)$/i.test(fn.parameters[0].name.text);
    if ((name === 'subscribe' || name === 'pSubscribe' || name === 'sSubscribe') && parent.arguments.indexOf(fn as ts.Expression) > 0 && !completion) return 'message';
  }
  // { eachMessage: async () => … } / { eachBatch() { … } }, and { handler: … } route objects
  const prop = ts.isPropertyAssignment(parent) ? parent : ts.isMethodDeclaration(fn) && ts.isObjectLiteralExpression(fn.parent) ? fn : undefined;
  if (prop && prop.name && ts.isIdentifier(prop.name)) {
    if (prop.name.text === 'eachMessage' || prop.name.text === 'eachBatch') return 'message';
  }
  // NestJS route decorators, Next.js route exports
  if (ts.isMethodDeclaration(fn)) {
    const decorators = ts.canHaveDecorators(fn) ? ts.getDecorators(fn) ?? [] : [];
    for (const d of decorators) {
      const e = ts.isCallExpression(d.expression) ? d.expression.expression : d.expression;
      if (ts.isIdentifier(e) && ROUTE_DECORATORS.has(e.text)) return e.text.endsWith('Pattern') ? 'message' : 'request';
    }
  }
  if (ts.isFunctionDeclaration(fn) && fn.name && NEXT_ROUTE_EXPORTS.has(fn.name.text) && fn.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return 'request';
  // Typed request parameters: (req: Request, res: Response)
  for (const p of fn.parameters) {
    const t = p.type;
    if (t && ts.isTypeReferenceNode(t)) {
      const n = ts.isIdentifier(t.typeName) ? t.typeName.text : t.typeName.right.text;
      if (REQUEST_TYPES.test(n)) return 'request';
    }
  }
  return conventionalHandlerKind(fn);
}

const MESSAGE_DECORATORS = new Set(['SubscribeMessage', 'Process', 'OnEvent', 'RabbitSubscribe', 'RabbitRPC', 'SqsMessageHandler']);
const RESOLVER_DECORATORS = new Set(['Query', 'Mutation', 'ResolveField', 'Sse']);

function calleeName(call: ts.CallExpression | ts.NewExpression): string {
  const callee = unwrap(call.expression);
  return ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
}

const isPathLike = (e: ts.Expression | undefined) => !!e && (ts.isStringLiteralLike(e) || ts.isTemplateExpression(e) || ts.isRegularExpressionLiteral(e));

/** `app.get('/x', …)`, `router.post(`/x`, …)`: a route registration. */
function isRouteCall(call: ts.CallExpression): boolean {
  return HTTP_METHODS.has(calleeName(call)) && call.arguments.length >= 2 && isPathLike(call.arguments[0]);
}

/** The name a function is exported under: `export function X`, `export const X = () => …`, `exports.X = …`. */
function exportedName(fn: ts.SignatureDeclaration): string | undefined {
  const isExport = (m: ts.ModifierLike) => m.kind === ts.SyntaxKind.ExportKeyword;
  if (ts.isFunctionDeclaration(fn)) return fn.name && fn.modifiers?.some(isExport) ? fn.name.text : undefined;
  const parent = fn.parent;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name) && ts.isVariableStatement(parent.parent.parent)) {
    return parent.parent.parent.modifiers?.some(isExport) ? parent.name.text : undefined;
  }
  if (ts.isBinaryExpression(parent) && parent.right === fn && ts.isPropertyAccessExpression(parent.left)) {
    const target = parent.left.expression;
    const isExports = (ts.isIdentifier(target) && target.text === 'exports') || (ts.isPropertyAccessExpression(target) && target.name.text === 'exports' && ts.isIdentifier(target.expression) && target.expression.text === 'module');
    return isExports ? parent.left.name.text : undefined;
  }
  return undefined;
}

const paramName = (p: ts.ParameterDeclaration | undefined) => (p && ts.isIdentifier(p.name) ? p.name.text : undefined);

/** Handler shapes beyond the common ones: wrapped route callbacks, route objects, serverless exports, job workers, conventional parameters. */
function conventionalHandlerKind(fn: ts.SignatureDeclaration): HandlerKind | undefined {
  const parent = fn.parent;
  const self = fn as ts.Expression;
  if (parent && ts.isCallExpression(parent) && parent.arguments.includes(self)) {
    const name = calleeName(parent);
    const callee = unwrap(parent.expression);
    // router.get('/x', asyncHandler(async (req, res) => …))
    const outer = parent.parent;
    if (outer && ts.isCallExpression(outer) && outer.arguments.includes(parent) && isRouteCall(outer)) return 'request';
    // app.route('/x').get(fn)
    if (HTTP_METHODS.has(name) && ts.isPropertyAccessExpression(callee) && ts.isCallExpression(callee.expression) && calleeName(callee.expression) === 'route') return 'request';
    // Middleware runs per request: app.use((req, res, next) => …), Koa's app.use(async (ctx, next) => …)
    if (name === 'use' && fn.parameters.length >= 2) return 'request';
    // tRPC procedures: .query(({ input }) => …), .mutation(…)
    if ((name === 'query' || name === 'mutation') && parent.arguments.length === 1 && fn.parameters[0] && ts.isObjectBindingPattern(fn.parameters[0].name)) return 'request';
    // AMQP channel.consume('queue', (msg) => …)
    if (name === 'consume' && parent.arguments.indexOf(self) > 0) return 'message';
  }
  // BullMQ: new Worker('queue', async (job) => …)
  if (parent && ts.isNewExpression(parent) && calleeName(parent) === 'Worker' && (parent.arguments?.indexOf(self) ?? -1) > 0 && isPathLike(parent.arguments?.[0])) return 'message';
  // Route objects: { method: 'GET', url: '/x', handler } (Fastify, Hapi); sqs-consumer's { handleMessage }
  const prop = ts.isPropertyAssignment(parent) ? parent : ts.isMethodDeclaration(fn) && ts.isObjectLiteralExpression(fn.parent) ? fn : undefined;
  if (prop && ts.isIdentifier(prop.name) && ts.isObjectLiteralExpression(prop.parent)) {
    const keys = prop.parent.properties.map((p) => (p.name && ts.isIdentifier(p.name) ? p.name.text : ''));
    if (prop.name.text === 'handler' && (keys.includes('url') || keys.includes('path'))) return 'request';
    if (prop.name.text === 'handleMessage' || prop.name.text === 'handleMessageBatch') return 'message';
  }
  if (ts.isMethodDeclaration(fn)) {
    for (const d of ts.canHaveDecorators(fn) ? ts.getDecorators(fn) ?? [] : []) {
      const e = ts.isCallExpression(d.expression) ? d.expression.expression : d.expression;
      if (ts.isIdentifier(e) && RESOLVER_DECORATORS.has(e.text)) return 'request';
      if (ts.isIdentifier(e) && MESSAGE_DECORATORS.has(e.text)) return 'message';
    }
  }
  // Next.js `export const GET = async (req) => …`; serverless `export const handler = async (event) => …`
  const exported = exportedName(fn);
  if (exported && NEXT_ROUTE_EXPORTS.has(exported)) return 'request';
  const first = fn.parameters[0];
  const typeName = first?.type && ts.isTypeReferenceNode(first.type) ? (ts.isIdentifier(first.type.typeName) ? first.type.typeName.text : first.type.typeName.right.text) : '';
  if (exported === 'handler' && (/^(event|evt)$/.test(paramName(first) ?? '') || /Event$/.test(typeName))) return 'request';
  // Conventional parameter names: (req, res), (request, reply), (request, h), Koa's (ctx, next)
  const a = paramName(first);
  const b = paramName(fn.parameters[1]);
  if (a && b && ((/^(req|request)$/.test(a) && /^(res|response|reply|h)$/.test(b)) || (a === 'ctx' && b === 'next'))) return 'request';
  return undefined;
}

/** The nearest enclosing function that is a handler, and which kind. */
export function enclosingHandler(node: ts.Node): { fn: ts.SignatureDeclaration; kind: HandlerKind } | undefined {
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    const kind = handlerKind(fn);
    if (kind) return { fn, kind };
  }
  return undefined;
}
