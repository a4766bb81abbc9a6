// redis/subscriber-connection-reuse: one connection that both subscribes and sends regular commands.
import path from 'node:path';
import ts from 'typescript';
import { unwrap } from '../../core/clients';
import type { CallFact } from '../../core/facts';
import { REDIS_COMMANDS } from '../../core/redis-commands';
import { defineRule, type RuleContext } from '../../core/rule';
import { indentOf } from '../../core/text';
import type { Suggestion, TextEdit } from '../../core/types';
import { numberOf, propOf } from '../../core/values';
import { inFile } from '../shared';

const SUBSCRIBE = new Set(['SUBSCRIBE', 'PSUBSCRIBE', 'SSUBSCRIBE']);
const SUBSCRIBER_FAMILY = new Set([...SUBSCRIBE, 'UNSUBSCRIBE', 'PUNSUBSCRIBE', 'SUNSUBSCRIBE']);
/** What Redis accepts on a RESP2 connection in subscriber mode. */
const ALLOWED_IN_SUBSCRIBER_MODE = new Set([...SUBSCRIBER_FAMILY, 'PING', 'QUIT', 'RESET']);
const MESSAGE_EVENTS = new Set(['message', 'messageBuffer', 'pmessage', 'pmessageBuffer', 'smessage', 'smessageBuffer']);
const LISTENER_METHODS = new Set(['on', 'once', 'addListener', 'prependListener']);

interface Data {
  fact: CallFact;
  connection: ts.Declaration;
  offender: CallFact;
}

/** A Redis command sent on the wire, as opposed to client plumbing (`on`, `connect`, `duplicate`). */
function isRedisCommand(fact: CallFact): boolean {
  return fact.family === 'redis' && fact.command === fact.command.toUpperCase() && REDIS_COMMANDS.has(fact.command.toLowerCase());
}

const connections = new WeakMap<CallFact, ts.Declaration | null>();

/** The binding of the connection a call runs on, through aliases, `redis.multi()` and lazy singleton getters. */
function connectionOf(fact: CallFact, ctx: RuleContext): ts.Declaration | undefined {
  let found = connections.get(fact);
  if (found === undefined) {
    found = followAliases(fact.binding ?? singletonBinding(fact.receiver, ctx), ctx, 0) ?? null;
    connections.set(fact, found);
  }
  return found ?? undefined;
}

/** `const tx = redis.multi()`, `const r = this.redis`, `const c = await getClient()`: the same connection under another name. */
function followAliases(decl: ts.Declaration | undefined, ctx: RuleContext, depth: number): ts.Declaration | undefined {
  if (!decl || depth > 4 || !ts.isVariableDeclaration(decl) || !decl.initializer || !(ts.getCombinedNodeFlags(decl) & ts.NodeFlags.Const)) return decl;
  let init = unwrap(decl.initializer);
  if (ts.isAwaitExpression(init)) init = unwrap(init.expression);
  let target: ts.Declaration | undefined;
  if (ts.isIdentifier(init) || ts.isPropertyAccessExpression(init)) target = ctx.clients.bindingOf(init);
  else if (ts.isCallExpression(init)) {
    const method = ts.isPropertyAccessExpression(init.expression) ? init.expression.name.text : undefined;
    target = method === 'multi' || method === 'pipeline' ? ctx.clients.bindingOf(init) : singletonBinding(init, ctx);
  }
  return target && target !== decl ? followAliases(target, ctx, depth + 1) : decl;
}

/**
 * `getRedis().subscribe(…)`: a getter without parameters whose every return yields the same
 * long-lived binding (`return client ??= new Redis()`) hands out one shared connection.
 */
function singletonBinding(receiver: ts.Expression, ctx: RuleContext): ts.Declaration | undefined {
  let e = unwrap(receiver);
  if (ts.isAwaitExpression(e)) e = unwrap(e.expression);
  if (!ts.isCallExpression(e) || e.arguments.length > 0) return undefined;
  const fn = functionOf(e.expression, ctx);
  if (!fn?.body) return undefined;
  const returned = ts.isBlock(fn.body) ? returnsOf(fn.body) : [fn.body];
  let binding: ts.Declaration | undefined;
  for (const r of returned) {
    let v = r && unwrap(r);
    if (v && ts.isAwaitExpression(v)) v = unwrap(v.expression);
    if (v && ts.isBinaryExpression(v) && isAssignment(v.operatorToken.kind)) v = unwrap(v.left);
    const b = v && (ts.isIdentifier(v) || ts.isPropertyAccessExpression(v)) ? ctx.clients.bindingOf(v) : undefined;
    // A connection created inside the getter is a new one per call.
    if (!b || (binding && b !== binding) || (b.pos >= fn.pos && b.end <= fn.end && b.getSourceFile() === fn.getSourceFile())) return undefined;
    binding = b;
  }
  return binding;
}

function isAssignment(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.EqualsToken || kind === ts.SyntaxKind.QuestionQuestionEqualsToken || kind === ts.SyntaxKind.BarBarEqualsToken;
}

function functionOf(callee: ts.Expression, ctx: RuleContext): ts.FunctionLikeDeclaration | undefined {
  const c = unwrap(callee);
  let symbol: ts.Symbol | undefined;
  try {
    symbol = ctx.checker.getSymbolAtLocation(ts.isPropertyAccessExpression(c) ? c.name : c);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = ctx.checker.getAliasedSymbol(symbol);
  } catch {
    return undefined;
  }
  const decl = symbol?.valueDeclaration;
  if (!decl || decl.getSourceFile().isDeclarationFile) return undefined;
  if (ts.isFunctionDeclaration(decl) || ts.isMethodDeclaration(decl) || ts.isGetAccessorDeclaration(decl)) return decl.parameters.length === 0 ? decl : undefined;
  if ((ts.isVariableDeclaration(decl) || ts.isPropertyDeclaration(decl)) && decl.initializer) {
    const init = unwrap(decl.initializer);
    if ((ts.isArrowFunction(init) || ts.isFunctionExpression(init)) && init.parameters.length === 0) return init;
  }
  return undefined;
}

function returnsOf(body: ts.Block): Array<ts.Expression | undefined> {
  const out: Array<ts.Expression | undefined> = [];
  const visit = (n: ts.Node): void => {
    if (ts.isReturnStatement(n)) out.push(n.expression);
    else if (!ts.isFunctionLike(n) && !ts.isClassLike(n)) n.forEachChild(visit);
  };
  body.forEachChild(visit);
  return out;
}

/** node-redis `createClient({ RESP: 3 })`: RESP3 frames pushes apart, so regular commands keep working. */
function isResp3(fact: CallFact, ctx: RuleContext): boolean {
  const creation = fact.client.creation;
  if (fact.client.kind !== 'node-redis' || !creation || !ts.isCallExpression(creation)) return false;
  return numberOf(propOf(ctx.values.resolve(creation.arguments[0]), 'RESP')) === 3;
}

/** A regular command on the same connection, preferring one in the current file. */
function offenderFor(fact: CallFact, connection: ts.Declaration, ctx: RuleContext): CallFact | undefined {
  let elsewhere: CallFact | undefined;
  for (const other of ctx.index.calls) {
    if (!isRedisCommand(other) || ALLOWED_IN_SUBSCRIBER_MODE.has(other.command)) continue;
    if (connectionOf(other, ctx) !== connection) continue;
    if (other.file === fact.file) return other;
    elsewhere ??= other;
  }
  return elsewhere;
}

function locationOf(offender: CallFact, fromFile: string): string {
  const sf = offender.node.getSourceFile();
  const line = sf.getLineAndCharacterOfPosition(offender.node.getStart(sf)).line + 1;
  return `${path.posix.relative(path.posix.dirname(fromFile), offender.file)}:${line}`;
}

function isMessageListener(fact: CallFact): boolean {
  const event = fact.args[0];
  return LISTENER_METHODS.has(fact.method) && event?.kind === 'string' && MESSAGE_EVENTS.has(event.value);
}

/** `redis` or `this.redis`: receivers the suggestion can swap for the new connection. */
function isSimpleReceiver(expr: ts.Expression): boolean {
  const e = unwrap(expr);
  return ts.isIdentifier(e) || (ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword && ts.isIdentifier(e.name));
}

/** The statement list entry `[await] recv.subscribe(…);` is, when the call is the whole statement. */
function statementOf(call: ts.CallExpression): ts.ExpressionStatement | undefined {
  let top: ts.Node = call;
  while (top.parent && (ts.isParenthesizedExpression(top.parent) || ts.isAwaitExpression(top.parent) || ts.isVoidExpression(top.parent))) top = top.parent;
  const stmt = top.parent;
  if (!stmt || !ts.isExpressionStatement(stmt) || !(ts.isBlock(stmt.parent) || ts.isSourceFile(stmt.parent))) return undefined;
  return stmt;
}

function freeName(sf: ts.SourceFile, base: string): string {
  const used = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n) && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n)) used.add(n.text);
    n.forEachChild(visit);
  };
  visit(sf);
  if (!used.has(base)) return base;
  let i = 2;
  while (used.has(`${base}${i}`)) i++;
  return `${base}${i}`;
}

function dedicatedConnection({ fact, connection }: Data, ctx: RuleContext): Suggestion[] {
  const stmt = statementOf(fact.node);
  if (!stmt || !inFile(stmt, ctx) || !isSimpleReceiver(fact.receiver)) return [];
  const sf = ctx.sourceFile;
  const block = stmt.parent;
  const from = stmt.getStart(sf);
  const moved = ctx.file.calls.filter((c) => {
    if (c === fact || c.node.getStart(sf) < from || c.node.getEnd() > block.getEnd()) return false;
    if (!SUBSCRIBER_FAMILY.has(c.command) && !isMessageListener(c)) return false;
    return connectionOf(c, ctx) === connection && isSimpleReceiver(c.receiver);
  });
  // A message listener left on the old connection would stop hearing anything.
  const listeners = ctx.index.calls.filter((c) => isMessageListener(c) && connectionOf(c, ctx) === connection);
  if (listeners.some((l) => !moved.includes(l))) return [];
  const name = freeName(sf, 'subscriber');
  const lines = [`const ${name} = ${unwrap(fact.receiver).getText(sf)}.duplicate();`];
  if (fact.client.kind === 'node-redis') lines.push(ts.isAwaitExpression(stmt.expression) ? `await ${name}.connect();` : `void ${name}.connect();`);
  // On lines of their own when the statement starts its line, else beside it.
  const lineStart = sf.text.lastIndexOf('\n', from - 1) + 1;
  const separator = /^[ \t]*$/.test(sf.text.slice(lineStart, from)) ? `\n${indentOf(sf, stmt)}` : ' ';
  const declaration = `${lines.join(separator)}${separator}`;
  const edits: TextEdit[] = [];
  for (const c of [fact, ...moved]) {
    const recv = unwrap(c.receiver);
    // `redis.subscribe(…);` starts where the declaration goes: one edit, so they cannot overlap.
    const start = recv.getStart(sf);
    edits.push({ range: [start, recv.getEnd()], text: start === from ? `${declaration}${name}` : name });
  }
  if (!edits.some((e) => e.range[0] === from)) edits.unshift({ range: [from, from], text: declaration });
  return [{ desc: `Subscribe on a dedicated connection: const ${name} = ${unwrap(fact.receiver).getText(sf)}.duplicate()`, edits }];
}

export default defineRule<Data>({
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
      if (fact.family !== 'redis' || !SUBSCRIBE.has(fact.command)) continue;
      const connection = connectionOf(fact, ctx);
      if (!connection || isResp3(fact, ctx)) continue;
      const offender = offenderFor(fact, connection, ctx);
      if (!offender) continue;
      const callee = unwrap(fact.node.expression);
      yield { node: fact.generic ? fact.node : callee, data: { fact, connection, offender } };
    }
  },
  message: ({ fact, offender }, ctx) =>
    `This connection enters subscriber mode with ${fact.command} but also sends ${offender.command} (${locationOf(offender, ctx.file.file)}). ` +
    'A connection in subscriber mode only accepts (P|S)SUBSCRIBE, (P|S)UNSUBSCRIBE, PING and QUIT, and ioredis rejects any other command at run time ("Connection in subscriber mode, only subscriber commands may be used"). ' +
    "Pub/Sub pushes messages onto the subscriber's socket, unlike a Kafka consumer that pulls on a connection of its own: give the subscriber a dedicated connection with duplicate() and keep this one for commands.",
  suggest: (signal, ctx) => dedicatedConnection(signal.data, ctx),
});
