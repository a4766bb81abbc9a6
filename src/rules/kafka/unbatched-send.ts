// kafka/unbatched-send: a single-message produce awaited on every loop iteration, one broker round trip per message.
import ts from 'typescript';
import { unwrap, type ClientKind } from '../../core/clients';
import { enclosingFunction, enclosingLoop, isAwaited } from '../../core/context';
import type { CallFact } from '../../core/facts';
import { defineRule, type RuleContext } from '../../core/rule';
import { propOf, type Value } from '../../core/values';

const meta = {
  id: 'kafka/unbatched-send',
  description: 'A Kafka producer awaits one single-message send per loop iteration, paying a full broker round-trip for every message.',
  defaultSeverity: 'warning' as const,
  fixKind: 'none' as const,
  docs: 'rules/kafka/unbatched-send.md',
  options: {},
};

interface Data {
  kind: ClientKind;
  method: string;
}

const MUTATORS = new Set(['push', 'unshift', 'splice', 'concat']);

export default defineRule<Data>({
  meta,
  *check(ctx) {
    for (const fact of ctx.file.calls) {
      if (fact.family !== 'kafka' || fact.client.role === 'consumer' || fact.client.role === 'admin') continue;
      const waited = awaitedSend(fact, ctx);
      if (!waited) continue;
      const loop = enclosingLoop(waited);
      if (!loop || exitsAfter(waited, loop)) continue;
      yield { node: fact.node, data: { kind: fact.client.kind, method: fact.method } };
    }
  },
  message: ({ kind, method }) => {
    const why =
      kind === 'kafkajs'
        ? `Each awaited ${method}() in this loop is its own produce request and broker round trip: kafkajs has no linger and never batches messages across calls, so N messages cost N sequential round trips (each also waiting for replication with acks=-1).`
        : `Each awaited ${method}() in this loop waits for its own delivery report, so librdkafka never holds more than one message to batch and every iteration pays the linger delay plus a broker round trip.`;
    const todo =
      method === 'produce'
        ? 'Call produce() for every message without waiting on each delivery, then wait for the delivery reports (or flush()) once after the loop.'
        : 'Collect the messages and send them in one send({ topic, messages }) (or sendBatch for several topics), or start the sends and await them together.';
    return `${why} Kafka's throughput comes from batching many records per request; one call per item is a Redis habit that is cheap there, not here. ${todo}`;
  },
});

/** The expression that is awaited inside the loop for a single-message send, if this is one. */
function awaitedSend(fact: CallFact, ctx: RuleContext): ts.Expression | undefined {
  if (fact.method === 'produce') return awaitedProduce(fact.node);
  if (fact.method !== 'send' && fact.method !== 'sendBatch') return undefined;
  if (!isAwaited(fact.node)) return undefined;
  const count = fact.method === 'send' ? sendCount(fact, ctx) : sendBatchCount(fact, ctx);
  return count === 1 ? fact.node : undefined;
}

/**
 * librdkafka `produce()` only queues the message; it is serial only when each call's
 * delivery is awaited: directly, or inside `await new Promise((res, rej) => producer.produce(…, cb))`.
 */
function awaitedProduce(call: ts.CallExpression): ts.Expression | undefined {
  if (isAwaited(call)) return call;
  const fn = enclosingFunction(call);
  if (!fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) return undefined;
  let outer: ts.Node = fn;
  while (ts.isParenthesizedExpression(outer.parent)) outer = outer.parent;
  const created = outer.parent;
  if (!created || !ts.isNewExpression(created) || created.arguments?.[0] !== outer) return undefined;
  const callee = unwrap(created.expression);
  if (!ts.isIdentifier(callee) || callee.text !== 'Promise') return undefined;
  return isAwaited(created) ? created : undefined;
}

function sendCount(fact: CallFact, ctx: RuleContext): number | undefined {
  if (fact.args.length < 1 || fact.knownPrefix < 1) return undefined;
  return messageCount(propOf(fact.args[0], 'messages'), ctx);
}

function sendBatchCount(fact: CallFact, ctx: RuleContext): number | undefined {
  if (fact.args.length < 1 || fact.knownPrefix < 1) return undefined;
  const topics = propOf(fact.args[0], 'topicMessages');
  if (!topics || topics.kind !== 'array' || !topics.complete || isMutated(topics, ctx)) return undefined;
  let total = 0;
  for (const t of topics.elements) {
    const n = messageCount(propOf(t, 'messages'), ctx);
    if (n === undefined) return undefined;
    total += n;
  }
  return total;
}

/** How many messages an array value certainly holds; unknown arrays could be a whole batch. */
function messageCount(v: Value | undefined, ctx: RuleContext): number | undefined {
  if (!v || v.kind !== 'array' || !v.complete || isMutated(v, ctx)) return undefined;
  return v.elements.length;
}

/** A `const messages = [m]` that is later pushed to is not a one-message array. */
function isMutated(v: Value, ctx: RuleContext): boolean {
  const literal = v.node;
  if (!literal || !ts.isArrayLiteralExpression(literal)) return false;
  const decl = literal.parent;
  if (!ts.isVariableDeclaration(decl) || decl.initializer !== literal || !ts.isIdentifier(decl.name)) return false;
  const symbol = ctx.checker.getSymbolAtLocation(decl.name);
  let mutated = false;
  const visit = (n: ts.Node): void => {
    if (mutated) return;
    if (ts.isPropertyAccessExpression(n) && MUTATORS.has(n.name.text) && ts.isIdentifier(n.expression) && n.expression.text === decl.name.getText()) {
      const s = ctx.checker.getSymbolAtLocation(n.expression);
      if (!symbol || !s || s === symbol) mutated = true;
    }
    n.forEachChild(visit);
  };
  visit(decl.getSourceFile());
  return mutated;
}

/**
 * A retry loop, not a per-message loop: after the send succeeds the loop is left
 * (`break`/`return`) or its condition flag is set (`sent = true`).
 */
function exitsAfter(node: ts.Node, loop: ts.IterationStatement): boolean {
  const flags = conditionNames(loop);
  for (let child: ts.Node = node, n = node.parent; n && n !== loop; child = n, n = n.parent) {
    if (!ts.isBlock(n)) continue;
    const at = n.statements.indexOf(child as ts.Statement);
    for (const s of n.statements.slice(at + 1)) {
      if (ts.isReturnStatement(s) || (ts.isBreakStatement(s) && (!s.label || labelOf(loop) === s.label.text))) return true;
      if (ts.isExpressionStatement(s) && setsFlag(s.expression, flags)) return true;
    }
  }
  return false;
}

function labelOf(loop: ts.IterationStatement): string | undefined {
  return ts.isLabeledStatement(loop.parent) ? loop.parent.label.text : undefined;
}

function conditionNames(loop: ts.IterationStatement): Set<string> {
  const names = new Set<string>();
  const cond = ts.isWhileStatement(loop) || ts.isDoStatement(loop) ? loop.expression : ts.isForStatement(loop) ? loop.condition : undefined;
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n)) names.add(n.text);
    n.forEachChild(visit);
  };
  if (cond) visit(cond);
  return names;
}

function setsFlag(expr: ts.Expression, flags: Set<string>): boolean {
  const e = unwrap(expr);
  if (!ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isIdentifier(e.left)) return false;
  const right = e.right.kind;
  return flags.has(e.left.text) && (right === ts.SyntaxKind.TrueKeyword || right === ts.SyntaxKind.FalseKeyword);
}
