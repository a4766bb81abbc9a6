// arch/connection-per-request: a Redis connection or Kafka client created and connected per request, per message or per loop iteration.
import ts from 'typescript';
import { familyOf, unwrap, type ClientRef } from '../../core/clients';
import { enclosingFunction, enclosingHandler, enclosingLoop } from '../../core/context';
import type { CreationFact } from '../../core/facts';
import { defineRule, type RuleContext } from '../../core/rule';
import type { Value } from '../../core/values';

const meta = {
  id: 'arch/connection-per-request',
  description: 'A Kafka client or Redis connection is created and connected per request, per message or per loop iteration instead of once.',
  defaultSeverity: 'warning' as const,
  fixKind: 'none' as const,
  docs: 'rules/arch/connection-per-request.md',
  options: {},
};

type Where = 'request' | 'message' | 'loop' | 'timer';

interface Data {
  client: ClientRef;
  where: Where;
}

/** Where the creation repeats, and the node a value must leave to outlive one repetition. */
interface Repeat {
  where: Where;
  scope: ts.Node;
}

const ITERATION_METHODS = new Set(['forEach', 'map', 'flatMap']);
/** Methods that keep what they are given: a cache or pool of clients. */
const STORE_METHODS = new Set(['push', 'unshift', 'set', 'add', 'splice', 'register']);
const CHAIN_METHODS = new Set(['on', 'once', 'addListener', 'prependListener']);
const TEARDOWN_METHODS = new Set(['disconnect', 'quit', 'close', 'destroy']);
/** Uses that keep a client alive on purpose: a consumer's run loop, a subscriber. */
const LONG_LIVED_METHODS = new Set(['run', 'consume', 'subscribe', 'psubscribe', 'ssubscribe', 'pSubscribe', 'sSubscribe']);
const MAX_DEPTH = 4;

/** A callback of `items.forEach(…)` / `items.map(…)`: runs once per element. */
function iterationCallback(node: ts.Node): ts.SignatureDeclaration | undefined {
  const fn = enclosingFunction(node);
  if (!fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) return undefined;
  const call = fn.parent;
  if (!ts.isCallExpression(call) || call.arguments[0] !== fn) return undefined;
  const callee = unwrap(call.expression);
  return ts.isPropertyAccessExpression(callee) && ITERATION_METHODS.has(callee.name.text) ? fn : undefined;
}

const SCHEDULE_METHODS = new Set(['schedule', 'scheduleJob']);
const SCHEDULE_DECORATORS = new Set(['Cron', 'Interval']);

/** A callback run on every tick: `setInterval(fn)`, node-cron `cron.schedule('* * * * *', fn)`, `new CronJob(…, fn)`, NestJS `@Cron()` / `@Interval()`. */
function scheduledCallback(node: ts.Node): ts.SignatureDeclaration | undefined {
  const fn = enclosingFunction(node);
  if (!fn) return undefined;
  const parent = fn.parent;
  const self = fn as ts.Expression;
  if (ts.isCallExpression(parent) || ts.isNewExpression(parent)) {
    const callee = unwrap(parent.expression);
    const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
    const at = parent.arguments?.indexOf(self) ?? -1;
    if (ts.isCallExpression(parent) && name === 'setInterval' && at === 0) return fn;
    if (ts.isCallExpression(parent) && SCHEDULE_METHODS.has(name) && at > 0) return fn;
    if (ts.isNewExpression(parent) && name === 'CronJob' && at > 0) return fn;
  }
  if (ts.isMethodDeclaration(fn)) {
    for (const d of ts.canHaveDecorators(fn) ? ts.getDecorators(fn) ?? [] : []) {
      const e = ts.isCallExpression(d.expression) ? d.expression.expression : d.expression;
      if (ts.isIdentifier(e) && SCHEDULE_DECORATORS.has(e.text)) return fn;
    }
  }
  return undefined;
}

function repeatOf(node: ts.Node): Repeat | undefined {
  const handler = enclosingHandler(node);
  if (handler) return { where: handler.kind, scope: handler.fn };
  const loop = enclosingLoop(node);
  if (loop) return { where: 'loop', scope: loop };
  const callback = iterationCallback(node);
  if (callback) return { where: 'loop', scope: callback };
  const tick = scheduledCallback(node);
  return tick ? { where: 'timer', scope: tick } : undefined;
}

const contains = (outer: ts.Node, inner: ts.Node) => inner.pos >= outer.pos && inner.end <= outer.end && inner.getSourceFile() === outer.getSourceFile();

/** How the created client is used within the function that creates it. */
interface Usage {
  connected: boolean;
  /** Stored somewhere that outlives one repetition (a lazy singleton, a cache, a pool) or returned. */
  escapes: boolean;
  longLived: boolean;
  closed: boolean;
}

class UsageScan {
  readonly usage: Usage = { connected: false, escapes: false, longLived: false, closed: false };
  private readonly seen = new Set<ts.Symbol>();

  constructor(private readonly ctx: RuleContext, private readonly scope: ts.Node) {}

  /** Follow a value that is (or holds) the client, from the expression producing it. */
  value(expr: ts.Expression, holdsClient: boolean, depth: number): void {
    if (depth > MAX_DEPTH) return;
    let e = this.chain(expr, holdsClient);
    if (e !== expr && !this.isClientChain(expr, e)) holdsClient = false;
    // Containers keep the client: `{ producer }`, `[a, b]`, `new Service(redis)`, `wrap(redis)`.
    for (let p = e.parent; p; p = e.parent) {
      const transparent = ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isNonNullExpression(p) || ts.isSatisfiesExpression(p) || ts.isAwaitExpression(p) || (ts.isConditionalExpression(p) && p.condition !== e) || (ts.isBinaryExpression(p) && p.right === e && isLogical(p.operatorToken.kind));
      if (transparent) e = p as ts.Expression;
      else if (ts.isPropertyAssignment(p) && p.initializer === e) e = p.parent;
      else if (ts.isArrayLiteralExpression(p) || ts.isObjectLiteralExpression(p) || ts.isSpreadElement(p)) e = p;
      else if (ts.isNewExpression(p) && p.arguments?.includes(e)) e = p;
      else if (ts.isCallExpression(p) && p.arguments.includes(e) && !this.isStore(p)) e = p;
      else break;
      if (!transparent) holdsClient = false;
    }
    this.sink(e, holdsClient, depth);
  }

  /** Did the chain from `start` to `end` only go through calls that return the client (`on`, `connect`)? */
  private isClientChain(start: ts.Expression, end: ts.Expression): boolean {
    return !ts.isCallExpression(end) || !ts.isPropertyAccessExpression(end.expression) || end.expression.name.text === 'connect' || CHAIN_METHODS.has(end.expression.name.text) || end === start;
  }

  /** `createClient().on('error', …).connect()`: the chained calls return the client itself. */
  private chain(expr: ts.Expression, holdsClient: boolean): ts.Expression {
    let e = expr;
    for (;;) {
      const p = e.parent;
      if (ts.isParenthesizedExpression(p) || ts.isNonNullExpression(p) || ts.isAsExpression(p)) {
        e = p;
        continue;
      }
      if (!holdsClient || !ts.isPropertyAccessExpression(p) || p.expression !== e || !ts.isCallExpression(p.parent) || p.parent.expression !== p) return e;
      const method = p.name.text;
      if (method === 'connect') this.usage.connected = true;
      else if (!CHAIN_METHODS.has(method)) {
        this.method(method);
        return p.parent;
      }
      e = p.parent;
    }
  }

  private method(name: string): void {
    if (name === 'connect') this.usage.connected = true;
    if (TEARDOWN_METHODS.has(name)) this.usage.closed = true;
    if (LONG_LIVED_METHODS.has(name)) this.usage.longLived = true;
  }

  private isStore(call: ts.CallExpression): boolean {
    const callee = unwrap(call.expression);
    if (ts.isIdentifier(callee)) return callee.text === 'resolve';
    return ts.isPropertyAccessExpression(callee) && STORE_METHODS.has(callee.name.text);
  }

  /** Where the value ends up: a local variable, an outer variable or field, a collection, a return. */
  private sink(e: ts.Expression, holdsClient: boolean, depth: number): void {
    const p = e.parent;
    if (ts.isVariableDeclaration(p) && p.initializer === e) {
      if (!ts.isIdentifier(p.name)) return;
      if (!contains(this.scope, p)) this.usage.escapes = true;
      else this.variable(p.name, holdsClient, depth);
      return;
    }
    if (ts.isBinaryExpression(p) && p.right === e && isAssignment(p.operatorToken.kind)) {
      const target = unwrap(p.left);
      if (ts.isIdentifier(target) && this.declaredInScope(target)) this.variable(target, holdsClient, depth);
      else if (!this.rootInScope(target)) this.usage.escapes = true;
      return;
    }
    if (ts.isCallExpression(p) && p.arguments.includes(e)) {
      const callee = unwrap(p.expression);
      if (ts.isPropertyAccessExpression(callee) ? !this.rootInScope(callee.expression) : true) this.usage.escapes = true;
      return;
    }
    if (ts.isReturnStatement(p) || (ts.isArrowFunction(p) && p.body === e) || ts.isExportAssignment(p)) this.usage.escapes = true;
  }

  /** Every use of a local variable holding the client in the function that declares it. */
  private variable(name: ts.Identifier, holdsClient: boolean, depth: number): void {
    const symbol = this.symbolOf(name);
    if (!symbol || this.seen.has(symbol)) return;
    this.seen.add(symbol);
    const decl = symbol.valueDeclaration ?? symbol.declarations?.[0];
    const body = (decl && enclosingFunction(decl)) ?? name.getSourceFile();
    const visit = (n: ts.Node): void => {
      if (ts.isIdentifier(n) && n !== name && this.symbolOf(n) === symbol) this.reference(n, holdsClient, depth);
      n.forEachChild(visit);
    };
    body.forEachChild(visit);
  }

  private reference(ref: ts.Identifier, holdsClient: boolean, depth: number): void {
    const p = ref.parent;
    if (ts.isBinaryExpression(p) && p.left === ref) return;
    if (ts.isPropertyAccessExpression(p) && p.expression === ref) {
      if (holdsClient && ts.isCallExpression(p.parent) && p.parent.expression === p) this.method(p.name.text);
      if (holdsClient && p.name.text !== 'connect' && ts.isCallExpression(p.parent) && CHAIN_METHODS.has(p.name.text)) this.value(p.parent, true, depth + 1);
      return;
    }
    if (ts.isShorthandPropertyAssignment(p)) {
      this.value(p.parent, false, depth + 1);
      return;
    }
    this.value(ref, holdsClient, depth + 1);
  }

  private declaredInScope(id: ts.Identifier): boolean {
    const decl = this.symbolOf(id)?.valueDeclaration;
    return !!decl && contains(this.scope, decl);
  }

  /** `this.x`, `outer.clients[k]` live outside the repetition; `local.x`, `req.x` do not. */
  private rootInScope(expr: ts.Expression): boolean {
    let e = unwrap(expr);
    while (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) || ts.isCallExpression(e)) e = unwrap(e.expression);
    return ts.isIdentifier(e) && this.declaredInScope(e);
  }

  private symbolOf(id: ts.Identifier): ts.Symbol | undefined {
    try {
      if (ts.isShorthandPropertyAssignment(id.parent) && id.parent.name === id) return this.ctx.checker.getShorthandAssignmentValueSymbol(id.parent);
      return this.ctx.checker.getSymbolAtLocation(id);
    } catch {
      return undefined;
    }
  }
}

function isAssignment(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.EqualsToken || kind === ts.SyntaxKind.QuestionQuestionEqualsToken || kind === ts.SyntaxKind.BarBarEqualsToken;
}

function isLogical(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.QuestionQuestionToken || kind === ts.SyntaxKind.BarBarToken || kind === ts.SyntaxKind.AmpersandAmpersandToken;
}

/** Does the client open its connection by itself, without an explicit `connect()`? */
function connectsOnCreation(c: CreationFact): boolean {
  const callee = ts.isCallExpression(c.node) ? unwrap(c.node.expression) : undefined;
  const method = callee && ts.isPropertyAccessExpression(callee) ? callee.name.text : callee && ts.isIdentifier(callee) ? callee.text : '';
  // node-rdkafka streams connect the client they wrap.
  if (method === 'createWriteStream' || method === 'createReadStream') return true;
  if (c.client.kind !== 'ioredis') return false;
  // ioredis connects in the constructor unless `lazyConnect` is (or may be) set.
  return !c.args.some((a) => a.kind === 'object' && lazyConnect(a) !== false);
}

function lazyConnect(options: Extract<Value, { kind: 'object' }>): boolean | undefined {
  const v = options.props.get('lazyConnect');
  if (!v) return false;
  return v.kind === 'boolean' ? v.value : undefined;
}

function describeClient(client: ClientRef): string {
  if (client.role === 'producer') return 'A Kafka producer';
  if (client.role === 'consumer') return 'A Kafka consumer';
  if (client.role === 'admin') return 'A Kafka admin client';
  return 'A Redis connection';
}

/** What each new client costs before it does any work. */
const COST: Partial<Record<ClientRef['role'], string>> = {
  redis: 'pays for a TCP (often also TLS and AUTH) handshake before its first command, which costs far more than the sub-millisecond command itself',
  producer: 'pays for a TCP (and TLS/SASL) handshake and a cluster metadata fetch before its first record, and a short-lived producer never fills a batch or keeps requests in flight',
  consumer: 'pays for a TCP (and TLS/SASL) handshake, a metadata fetch and a consumer-group join, and every join rebalances the whole group',
  admin: 'pays for a TCP (and TLS/SASL) handshake and a cluster metadata fetch before its first request',
};

const WHERE: Record<Where, string> = {
  request: 'inside a request handler, so every request',
  message: 'inside a per-message callback, so every message',
  loop: 'inside a loop, so every iteration',
  timer: 'inside a timer or scheduled callback, so every run',
};

export default defineRule<Data>({
  meta,
  *check(ctx) {
    for (const creation of ctx.file.creations) {
      if (creation.client.role === 'kafka' || creation.client.role === 'pipeline') continue;
      const repeat = repeatOf(creation.node);
      if (!repeat) continue;
      const scan = new UsageScan(ctx, repeat.scope);
      scan.value(creation.node, true, 0);
      const { usage } = scan;
      if (usage.escapes) continue;
      if (!usage.connected && !connectsOnCreation(creation)) continue;
      // Long-lived consumers and subscribers started one per item at startup are not per-call clients.
      if ((repeat.where === 'loop' || repeat.where === 'timer') && usage.longLived && !usage.closed) continue;
      yield { node: creation.node, data: { client: creation.client, where: repeat.where } };
    }
  },
  message({ client, where }) {
    const kafka = familyOf(client.kind) === 'kafka';
    return (
      `${describeClient(client)} is created and connected ${WHERE[where]} ${COST[client.role] ?? COST.redis}. ` +
      `Under load this exhausts ${kafka ? 'broker' : 'Redis'} connection limits. ` +
      'Create the client once at startup and reuse it: Redis and Kafka clients are designed to be long-lived and shared.'
    );
  },
});
