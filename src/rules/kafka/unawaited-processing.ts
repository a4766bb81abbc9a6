// kafka/unawaited-processing: work a consumer's eachMessage/eachBatch starts but does not await, so auto-commit outruns it.
import ts from 'typescript';
import { unwrap, type ClientKind } from '../../core/clients';
import { enclosingFunction } from '../../core/context';
import type { CallFact } from '../../core/facts';
import { REDIS_COMMANDS } from '../../core/redis-commands';
import { defineRule, type RuleContext, type Signal } from '../../core/rule';
import type { Suggestion } from '../../core/types';
import { propOf, type Value } from '../../core/values';
import type { WorkspaceIndex } from '../../core/workspace';
import { inFile } from '../shared';

const meta = {
  id: 'kafka/unawaited-processing',
  description: 'Work started in eachMessage/eachBatch is not awaited, so offsets are committed before it finishes and a crash loses it.',
  defaultSeverity: 'error' as const,
  fixKind: 'suggestion' as const,
  docs: 'rules/kafka/unawaited-processing.md',
  options: {},
};

type HandlerName = 'eachMessage' | 'eachBatch';
/** promise: a floating call; then: an unreturned `.then()` chain; queue: pushed to an outer array; deferred: a timer; callbacks: `forEach(async …)`. */
type Shape = 'promise' | 'then' | 'queue' | 'deferred' | 'callbacks';

interface Data {
  shape: Shape;
  handler: HandlerName;
  /** Which client library commits: wording only. */
  library: string;
  /** The statement an `await` can be put in front of, when the suggestion is safe. */
  awaitable?: ts.ExpressionStatement;
}

interface Handler {
  fn: ts.FunctionLikeDeclaration;
  name: HandlerName;
  library: string;
  /** Parameters carrying the message: all of them for the run() callback, by argument for delegates. */
  messageParams: (p: ts.ParameterDeclaration, i: number) => boolean;
  direct: boolean;
}

const HANDLERS: HandlerName[] = ['eachMessage', 'eachBatch'];
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

export default defineRule<Data>({
  meta,
  *check(ctx) {
    const seen = new Set<ts.Node>();
    for (const handler of handlersIn(ctx)) {
      for (const signal of analyse(handler, ctx)) {
        if (seen.has(signal.node)) continue;
        seen.add(signal.node);
        yield signal;
      }
    }
  },
  message: ({ shape, handler, library }) => {
    const what: Record<Shape, string> = {
      promise: `This promise is started but not awaited in ${handler}.`,
      then: `This .then() chain runs on its own: ${handler} neither awaits nor returns it.`,
      queue: `The message is pushed onto an in-memory queue and processed after ${handler} has returned.`,
      deferred: `Processing of the message is deferred with a timer, after ${handler} has returned.`,
      callbacks: `The async callbacks started here are not awaited: forEach/map do not wait for them, so ${handler} returns first.`,
    };
    return (
      `${what[shape]} With autoCommit on (the default), ${library} commits the offset once ${handler} resolves, so this work can still be running — or fail — after the commit, and a crash or error loses the message: Kafka's at-least-once processing becomes at-most-once, no better than Redis Pub/Sub. ` +
      'Await the work (or return it), or disable autoCommit and commit offsets only after processing.'
    );
  },
  suggest({ data }, ctx): Suggestion[] {
    const stmt = data.awaitable;
    if (!stmt || !inFile(stmt, ctx)) return [];
    const start = stmt.expression.getStart(ctx.sourceFile);
    return [{ desc: 'Await the work before the handler returns', edits: [{ range: [start, start], text: 'await ' }] }];
  },
});

// ---------------------------------------------------------------------------------------------
// Finding the handlers: eachMessage/eachBatch of run() calls on auto-committing consumers.

/** Handlers depend on the whole workspace, not on the file asking: found once per index. */
const handlerCache = new WeakMap<WorkspaceIndex, Handler[]>();

function handlersIn(ctx: RuleContext): Handler[] {
  let all = handlerCache.get(ctx.index);
  if (!all) handlerCache.set(ctx.index, (all = allHandlers(ctx)));
  return all.filter((h) => h.fn.getSourceFile() === ctx.sourceFile);
}

function allHandlers(ctx: RuleContext): Handler[] {
  const found = new Map<ts.Node, Handler>();
  for (const run of ctx.index.callsOf('run')) {
    if (run.family !== 'kafka' || (run.client.kind !== 'kafkajs' && run.client.kind !== 'confluent-kafkajs')) continue;
    if (run.client.role === 'producer' || run.client.role === 'admin') continue;
    const config = run.args[0];
    if (!config || config.kind !== 'object' || !autoCommitOn(run, config, ctx)) continue;
    for (const name of HANDLERS) {
      const fn = functionOf(config.props.get(name), ctx);
      if (!fn || found.has(fn)) continue;
      const library = run.client.kind === 'kafkajs' ? 'kafkajs' : '@confluentinc/kafka-javascript';
      const handler: Handler = { fn, name, library, messageParams: () => true, direct: true };
      found.set(fn, handler);
      for (const d of delegates(handler, ctx)) if (!found.has(d.fn)) found.set(d.fn, d);
    }
  }
  return [...found.values()];
}

/** Auto-commit is certainly on: nothing in run() or the consumer's creation turns it off or leaves it unknown. */
function autoCommitOn(run: CallFact, config: Extract<Value, { kind: 'object' }>, ctx: RuleContext): boolean {
  const inRun = config.props.get('autoCommit');
  if (inRun) return isTrue(inRun);
  if (!config.complete) return false;
  const creation = run.client.creation;
  if (!creation) return run.client.kind === 'kafkajs';
  const cfg = ctx.values.resolveArgs(creation.arguments ?? []).values[0];
  if (run.client.kind === 'kafkajs') {
    // kafkajs reads autoCommit only in run(); an explicit `autoCommit: false` here still shows intent.
    const own = propOf(cfg, 'autoCommit');
    return !own || isTrue(own);
  }
  return confluentAutoCommit(cfg) && kafkaLevelAutoCommit(creation, ctx);
}

/** @confluentinc/kafka-javascript: `kafkaJS: { autoCommit }` or librdkafka's `enable.auto.commit` in the consumer config. */
function confluentAutoCommit(cfg: Value | undefined): boolean {
  if (!cfg) return true;
  if (cfg.kind !== 'object' || !cfg.complete) return false;
  const rd = cfg.props.get('enable.auto.commit');
  if (rd && !isTrue(rd)) return false;
  const js = cfg.props.get('kafkaJS');
  if (!js) return true;
  if (js.kind !== 'object' || !js.complete) return false;
  const ac = js.props.get('autoCommit');
  return !ac || isTrue(ac);
}

/** `new KafkaJS.Kafka({ 'enable.auto.commit': false })` applies to every consumer it makes. */
function kafkaLevelAutoCommit(creation: ts.CallExpression | ts.NewExpression, ctx: RuleContext): boolean {
  if (!ts.isCallExpression(creation)) return true;
  const callee = unwrap(creation.expression);
  if (!ts.isPropertyAccessExpression(callee)) return true;
  const kafka = ctx.clients.clientOf(callee.expression)?.creation;
  if (!kafka) return true;
  const rd = propOf(ctx.values.resolveArgs(kafka.arguments ?? []).values[0], 'enable.auto.commit');
  return !rd || isTrue(rd);
}

function isTrue(v: Value): boolean {
  return (v.kind === 'boolean' && v.value) || (v.kind === 'string' && v.value === 'true');
}

/** The workspace function a handler value is: inline, declared elsewhere, or `this.handle.bind(this)`. */
function functionOf(v: Value | undefined, ctx: RuleContext): ts.FunctionLikeDeclaration | undefined {
  if (!v) return undefined;
  if (v.kind === 'function') return withBody(v.decl);
  const node = v.node && ts.isExpression(v.node) ? unwrap(v.node) : undefined;
  if (node && ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'bind') {
    const target = ctx.values.resolve(node.expression.expression);
    return target.kind === 'function' ? withBody(target.decl) : undefined;
  }
  return undefined;
}

function withBody(decl: ts.SignatureDeclaration): ts.FunctionLikeDeclaration | undefined {
  const fn = decl as ts.FunctionLikeDeclaration;
  if (!fn.body || fn.getSourceFile().isDeclarationFile) return undefined;
  return fn;
}

/**
 * Workspace functions the handler hands the message to and waits for
 * (`await this.handle(message)`, `(p) => processOrder(p)`): their floating work floats past the commit too.
 */
function delegates(handler: Handler, ctx: RuleContext): Handler[] {
  const tainted = messageBindings(handler, ctx);
  const out: Handler[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isFunctionLike(n) && n !== handler.fn) return;
    if (ts.isCallExpression(n) && waitedFor(n, handler.fn)) {
      const fn = functionOf(ctx.values.resolve(unwrap(n.expression)), ctx);
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
function waitedFor(call: ts.CallExpression, fn: ts.FunctionLikeDeclaration): boolean {
  let n: ts.Node = call;
  while (ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent) || ts.isNonNullExpression(n.parent)) n = n.parent;
  return ts.isAwaitExpression(n.parent) || ts.isReturnStatement(n.parent) || n.parent === fn;
}

// ---------------------------------------------------------------------------------------------
// Which bindings hold the message (or something decoded from it).

function messageBindings(handler: Handler, ctx: RuleContext): Set<ts.Node> {
  const tainted = new Set<ts.Node>();
  const bind = (name: ts.BindingName, whole: boolean): void => {
    if (ts.isIdentifier(name)) {
      if (whole) tainted.add(name.parent);
      return;
    }
    for (const el of name.elements) {
      if (ts.isOmittedExpression(el)) continue;
      const key = el.propertyName && (ts.isIdentifier(el.propertyName) || ts.isStringLiteral(el.propertyName)) ? el.propertyName.text : ts.isIdentifier(el.name) ? el.name.text : undefined;
      const carries = handler.direct && name === handler.fn.parameters[0]?.name ? key !== undefined && PAYLOAD_FIELDS.has(key) : !(key && METADATA.has(key));
      if (carries || (whole && ts.isArrayBindingPattern(name))) bind(el.name, true);
    }
  };
  handler.fn.parameters.forEach((p, i) => {
    if (handler.messageParams(p, i)) bind(p.name, true);
  });
  const visit = (n: ts.Node): void => {
    if (ts.isVariableDeclaration(n) && n.initializer && isMessageLike(n.initializer, tainted, ctx)) bindDeclared(n.name, tainted, bind);
    if ((ts.isForOfStatement(n) || ts.isForInStatement(n)) && ts.isVariableDeclarationList(n.initializer) && isMessageLike(n.expression, tainted, ctx)) {
      for (const d of n.initializer.declarations) bindDeclared(d.name, tainted, bind);
    }
    if ((ts.isArrowFunction(n) || ts.isFunctionExpression(n)) && isIteratorCallback(n)) {
      const receiver = ((n.parent as ts.CallExpression).expression as ts.PropertyAccessExpression).expression;
      const first = n.parameters[0];
      if (first && isMessageLike(receiver, tainted, ctx)) bind(first.name, true);
    }
    n.forEachChild(visit);
  };
  if (handler.fn.body) visit(handler.fn.body);
  return tainted;
}

function bindDeclared(name: ts.BindingName, tainted: Set<ts.Node>, bind: (n: ts.BindingName, whole: boolean) => void): void {
  if (ts.isIdentifier(name)) tainted.add(name.parent);
  else bind(name, false);
}

/** Does this expression carry the message itself, its payload, or work derived from it? */
function isMessageLike(expr: ts.Expression, tainted: Set<ts.Node>, ctx: RuleContext): boolean {
  const e = unwrap(expr);
  if (ts.isAwaitExpression(e)) return isMessageLike(e.expression, tainted, ctx);
  if (ts.isIdentifier(e)) return isTainted(symbolDecls(ctx.checker.getSymbolAtLocation(e)), tainted);
  if (ts.isPropertyAccessExpression(e)) return !METADATA.has(e.name.text) && isMessageLike(e.expression, tainted, ctx);
  if (ts.isElementAccessExpression(e)) return isMessageLike(e.expression, tainted, ctx);
  if (ts.isCallExpression(e) || ts.isNewExpression(e)) {
    const callee = unwrap(e.expression);
    if (ts.isIdentifier(callee) && NUMERIC.has(callee.text)) return false;
    if (ts.isPropertyAccessExpression(callee) && METADATA.has(callee.name.text)) return false;
    if ((e.arguments ?? []).some((a) => !ts.isSpreadElement(a) && isMessageLike(a, tainted, ctx))) return true;
    return ts.isPropertyAccessExpression(callee) && isMessageLike(callee.expression, tainted, ctx);
  }
  if (ts.isObjectLiteralExpression(e)) {
    return e.properties.some((p) => {
      if (ts.isPropertyAssignment(p)) return isMessageLike(p.initializer, tainted, ctx);
      if (ts.isShorthandPropertyAssignment(p)) return isTainted(symbolDecls(ctx.checker.getShorthandAssignmentValueSymbol(p)), tainted);
      if (ts.isSpreadAssignment(p)) return isMessageLike(p.expression, tainted, ctx);
      return false;
    });
  }
  if (ts.isArrayLiteralExpression(e)) return e.elements.some((x) => isMessageLike(ts.isSpreadElement(x) ? x.expression : x, tainted, ctx));
  if (ts.isConditionalExpression(e)) return isMessageLike(e.whenTrue, tainted, ctx) || isMessageLike(e.whenFalse, tainted, ctx);
  return false;
}

function symbolDecls(symbol: ts.Symbol | undefined): readonly ts.Declaration[] {
  return symbol?.declarations ?? [];
}

function isTainted(decls: readonly ts.Declaration[], tainted: Set<ts.Node>): boolean {
  return decls.some((d) => tainted.has(d));
}

/** forEach drops what its callback returns; so does a map whose array is thrown away. */
function discardsResult(fn: ts.Node): boolean {
  const call = fn.parent as ts.CallExpression;
  const method = (call.expression as ts.PropertyAccessExpression).name.text;
  return method === 'forEach' || (method === 'map' && ts.isExpressionStatement(call.parent));
}

function isIteratorCallback(fn: ts.Node): boolean {
  const call = fn.parent;
  return !!call && ts.isCallExpression(call) && call.arguments[0] === fn && ts.isPropertyAccessExpression(call.expression) && SYNC_ITERATORS.has(call.expression.name.text);
}

// ---------------------------------------------------------------------------------------------
// Finding work that outlives the handler.

function* analyse(handler: Handler, ctx: RuleContext): Generator<Signal<Data>> {
  const tainted = messageBindings(handler, ctx);
  const body = handler.fn.body;
  if (!body) return;
  const out: Signal<Data>[] = [];
  const report = (node: ts.Node, shape: Shape, stmt?: ts.ExpressionStatement): void => {
    const fn = stmt && enclosingFunction(stmt);
    const awaitable = stmt && fn && isAsync(fn) ? stmt : undefined;
    out.push({ node, data: { shape, handler: handler.name, library: handler.library, awaitable } });
  };
  const visit = (n: ts.Node): void => {
    if (ts.isFunctionLike(n)) {
      // Callbacks of forEach/map run now, inside the handler; other nested functions run later or never.
      if (isIteratorCallback(n) && !isAsync(n)) {
        const cbBody = (n as ts.FunctionLikeDeclaration).body;
        // `list.forEach((m) => handle(m))`: the callback's result is dropped.
        if (cbBody && !ts.isBlock(cbBody) && discardsResult(n)) inspect(cbBody, undefined);
        cbBody?.forEachChild(visit);
      }
      return;
    }
    if (ts.isExpressionStatement(n)) inspect(n.expression, n);
    n.forEachChild(visit);
  };
  const inspect = (expr: ts.Expression, stmt: ts.ExpressionStatement | undefined): void => {
    const e = unwrap(expr);
    if (ts.isNewExpression(e)) {
      if (isPromiseConstructor(e) && stmt) report(e, 'promise', stmt);
      return;
    }
    if (!ts.isCallExpression(e)) return;
    const shape = shapeOf(e, tainted, handler, ctx);
    if (shape) report(e, shape, shape === 'promise' || shape === 'then' ? stmt : undefined);
  };
  if (ts.isBlock(body)) body.forEachChild(visit);
  else {
    // `async ({ message }) => queue.push(message)`: the returned promise is waited for, side effects are not.
    const e = unwrap(body);
    if (ts.isCallExpression(e)) {
      const shape = shapeOf(e, tainted, handler, ctx);
      if (shape === 'queue' || shape === 'deferred' || shape === 'callbacks') report(e, shape);
    }
  }
  yield* out;
}

function shapeOf(call: ts.CallExpression, tainted: Set<ts.Node>, handler: Handler, ctx: RuleContext): Shape | undefined {
  const callee = unwrap(call.expression);
  const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
  if (ts.isPropertyAccessExpression(callee) && THEN_METHODS.has(callee.name.text) && call.arguments.length > 0 && thenable(callee.expression, ctx) !== false) return 'then';
  if (ts.isPropertyAccessExpression(callee) && QUEUE_METHODS.has(callee.name.text) && isOuterQueue(callee.expression, handler, ctx)) {
    if (call.arguments.some((a) => !ts.isSpreadElement(a) && isMessageLike(a, tainted, ctx))) return 'queue';
  }
  if (isTimer(callee) && defersMessage(call, tainted, ctx)) return 'deferred';
  if (ts.isPropertyAccessExpression(callee) && (name === 'forEach' || name === 'map')) {
    const cb = call.arguments[0] && unwrap(call.arguments[0]);
    if (cb && (ts.isArrowFunction(cb) || ts.isFunctionExpression(cb)) && isAsync(cb)) return 'callbacks';
  }
  if (name && PAYLOAD_HELPERS.has(name)) return undefined;
  return returnsPromise(call, ctx) ? 'promise' : undefined;
}

/** `queue.push(…)` on an array that lives outside the handler: a field, a module variable, an outer local. */
function isOuterQueue(receiver: ts.Expression, handler: Handler, ctx: RuleContext): boolean {
  let root = unwrap(receiver);
  while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root)) {
    if (root.expression.kind === ts.SyntaxKind.ThisKeyword) return true;
    root = unwrap(root.expression);
  }
  if (!ts.isIdentifier(root)) return false;
  const decls = symbolDecls(ctx.checker.getSymbolAtLocation(root));
  if (decls.length === 0) return false;
  const fn = handler.fn;
  return decls.every((d) => d.getSourceFile() !== fn.getSourceFile() || d.getStart() < fn.getStart() || d.getEnd() > fn.getEnd());
}

function isTimer(callee: ts.Expression): boolean {
  if (ts.isIdentifier(callee)) return TIMERS.has(callee.text);
  return ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'process' && callee.name.text === 'nextTick';
}

/** The timer's callback or arguments carry the message. */
function defersMessage(call: ts.CallExpression, tainted: Set<ts.Node>, ctx: RuleContext): boolean {
  const [cb, ...rest] = call.arguments;
  if (rest.some((a) => !ts.isSpreadElement(a) && isMessageLike(a, tainted, ctx))) return true;
  const fn = cb && unwrap(cb);
  if (!fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) return false;
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(n) && isTainted(symbolDecls(ctx.checker.getSymbolAtLocation(n)), tainted)) {
      // Judge the whole `message.value` chain, so `message.offset` alone stays bookkeeping.
      let chain: ts.Expression = n;
      while ((ts.isPropertyAccessExpression(chain.parent) || ts.isElementAccessExpression(chain.parent)) && chain.parent.expression === chain) chain = chain.parent;
      if (isMessageLike(chain, tainted, ctx)) found = true;
    }
    n.forEachChild(visit);
  };
  visit(fn.body);
  return found;
}

// ---------------------------------------------------------------------------------------------
// Does a call return a promise?

function returnsPromise(call: ts.CallExpression, ctx: RuleContext): boolean {
  // On a Kafka client only a produce is work; pause/stop/disconnect are flow control.
  const kafka = ctx.clients.clientOfCall(call);
  if (kafka && kafka.kind !== 'ioredis' && kafka.kind !== 'node-redis') return isSend(kafka.kind, call);
  const typed = thenable(call, ctx);
  if (typed !== undefined) return typed;
  const callee = unwrap(call.expression);
  if (ts.isIdentifier(callee) && callee.text === 'fetch') return true;
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'Promise' && PROMISE_COMBINATORS.has(callee.name.text)) return true;
  if ((ts.isArrowFunction(callee) || ts.isFunctionExpression(callee)) && isAsync(callee)) return true;
  const fact = ctx.file.calls.find((c) => c.node === call);
  if (fact) return clientPromise(fact);
  return declaredAsync(callee, ctx);
}

/** Typed mode: whether the expression's type is a thenable; undefined when untyped or `any`. */
function thenable(expr: ts.Expression, ctx: RuleContext): boolean | undefined {
  if (!ctx.typed) return undefined;
  let type: ts.Type;
  try {
    type = ctx.checker.getTypeAtLocation(expr);
  } catch {
    return undefined;
  }
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return undefined;
  const parts = type.isUnion() ? type.types : [type];
  return parts.some((t) => {
    const then = t.getProperty('then');
    if (!then) return false;
    return ctx.checker.getTypeOfSymbolAtLocation(then, expr).getCallSignatures().length > 0;
  });
}

function isSend(kind: ClientKind, call: ts.CallExpression): boolean {
  const callee = unwrap(call.expression);
  const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
  return (kind === 'kafkajs' || kind === 'confluent-kafkajs') && KAFKA_SENDS.has(method);
}

function clientPromise(fact: CallFact): boolean {
  if (fact.client.role !== 'redis' || REDIS_NOT_PROMISES.has(fact.method)) return false;
  // ioredis with a trailing callback is callback style.
  const last = fact.node.arguments[fact.node.arguments.length - 1];
  if (last && (ts.isArrowFunction(last) || ts.isFunctionExpression(last))) return false;
  return fact.generic || REDIS_COMMANDS.has(fact.command.toLowerCase());
}

/** The callee is a workspace function declared `async` or returning a Promise. */
function declaredAsync(callee: ts.Expression, ctx: RuleContext): boolean {
  const target = ts.isPropertyAccessExpression(callee) ? callee.name : callee;
  let symbol: ts.Symbol | undefined;
  try {
    symbol = ctx.checker.getSymbolAtLocation(target);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = ctx.checker.getAliasedSymbol(symbol);
  } catch {
    return false;
  }
  const decls = symbolDecls(symbol);
  if (decls.length === 0) return false;
  return decls.every((d) => {
    const fn = functionDecl(d);
    return fn !== undefined && (isAsync(fn) || returnsPromiseType(fn));
  });
}

function functionDecl(d: ts.Declaration): ts.SignatureDeclaration | undefined {
  if (ts.isFunctionDeclaration(d) || ts.isMethodDeclaration(d) || ts.isMethodSignature(d) || ts.isFunctionExpression(d) || ts.isArrowFunction(d)) return d;
  if ((ts.isVariableDeclaration(d) || ts.isPropertyDeclaration(d) || ts.isPropertyAssignment(d)) && d.initializer) {
    const init = unwrap(d.initializer);
    if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init;
  }
  return undefined;
}

function returnsPromiseType(fn: ts.SignatureDeclaration): boolean {
  const t = fn.type;
  return !!t && ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName) && (t.typeName.text === 'Promise' || t.typeName.text === 'PromiseLike');
}

function isAsync(fn: ts.Node): boolean {
  return ts.canHaveModifiers(fn) && (ts.getModifiers(fn) ?? []).some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
}

function isPromiseConstructor(e: ts.NewExpression): boolean {
  const callee = unwrap(e.expression);
  return ts.isIdentifier(callee) && callee.text === 'Promise';
}
