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
    if ((name === 'subscribe' || name === 'pSubscribe' || name === 'sSubscribe') && parent.arguments.indexOf(fn as ts.Expression) > 0) return 'message';
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
