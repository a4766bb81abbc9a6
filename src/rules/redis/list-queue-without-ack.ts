// redis/list-queue-without-ack: list pops that consume a queue, losing the job if the worker dies before finishing it.
import ts from 'typescript';
import { unwrap } from '../../core/clients';
import { enclosingFunction, enclosingLoop } from '../../core/context';
import { mayBeSame } from '../../core/destinations';
import type { CallFact } from '../../core/facts';
import { popKeys } from '../../core/redis-args';
import { defineRule, type RuleContext } from '../../core/rule';
import type { Suggestion } from '../../core/types';
import type { Value } from '../../core/values';
import { argNode, quote, showName } from '../shared';

type Why = 'blocking' | 'loop' | 'timer' | 'recursion' | 'pushed';

interface Data {
  fact: CallFact;
  key: string;
  why: Why;
}

const BLOCKING = new Set(['BRPOP', 'BLPOP']);
const POPS = new Set(['BRPOP', 'BLPOP', 'RPOP', 'LPOP']);
/** Calls that run a function later or periodically: timers and cron-style schedulers. */
const SCHEDULERS = new Set(['setInterval', 'setTimeout', 'setImmediate', 'nextTick', 'schedule', 'scheduleJob', 'CronJob']);

export default defineRule<Data>({
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
      if (fact.family !== 'redis' || !POPS.has(fact.command)) continue;
      const why = queueConsumption(fact, ctx);
      if (why) yield { node: fact.node, data: { fact, key: describeKeys(popKeys(fact)), why } };
    }
  },
  message: ({ fact, key, why }) =>
    `${fact.command} takes the job off ${key} ${REASONS[why]}, so from then on it exists only in this worker's memory: if the process crashes before finishing, the job is gone. ` +
    'A Redis list has no acknowledgement and no redelivery, unlike Kafka offsets (committed after processing) or a Stream consumer group (entries stay pending until XACK). ' +
    'Move the job atomically into a processing list with BLMOVE/LMOVE and LREM it after success, or use a Stream with a consumer group.',
  suggest({ data: { fact } }, ctx): Suggestion[] {
    return moveSuggestion(fact, ctx);
  },
});

const REASONS: Record<Why, string> = {
  blocking: '(a blocking pop, the shape of a queue consumer)',
  loop: 'inside a loop',
  timer: 'in a worker run by a timer or scheduler',
  recursion: 'in a worker that keeps calling itself',
  pushed: 'while the workspace also fills that list with LPUSH/RPUSH',
};

/** Why this pop consumes a queue, or undefined for a one-off pop (a stack, housekeeping). */
function queueConsumption(fact: CallFact, ctx: RuleContext): Why | undefined {
  if (BLOCKING.has(fact.command)) return 'blocking';
  // A popped value thrown away is trimming, not a job being handed to a worker.
  if (isDiscarded(fact.node)) return undefined;
  if (enclosingLoop(fact.node)) return 'loop';
  const worker = workerKind(fact.node, ctx);
  if (worker) return worker;
  return isPushedElsewhere(fact, ctx) ? 'pushed' : undefined;
}

function isDiscarded(call: ts.CallExpression): boolean {
  let n: ts.Node = call;
  while (n.parent && (ts.isParenthesizedExpression(n.parent) || ts.isAwaitExpression(n.parent) || ts.isAsExpression(n.parent) || ts.isNonNullExpression(n.parent))) n = n.parent;
  return ts.isExpressionStatement(n.parent) || ts.isVoidExpression(n.parent);
}

/** A key the workspace pushes to (both names known well enough to compare). */
function isPushedElsewhere(fact: CallFact, ctx: RuleContext): boolean {
  const keys = popKeys(fact).filter(isKnownKey);
  if (keys.length === 0) return false;
  return ctx.index.endpointsWhere('list', 'produce').some(
    (e) => e.fact !== fact && isKnownKey(e.name) && keys.some((k) => comparable(k, e.name) && mayBeSame({ name: k, match: 'exact' }, { name: e.name, match: 'exact' })),
  );
}

function isKnownKey(v: Value): boolean {
  if (v.kind === 'string' || v.kind === 'number') return true;
  return v.kind === 'template' && v.parts.some((p) => p !== null && p.length > 0);
}

/** Two partly known names are only compared by their literal prefixes: both must have one. */
function comparable(a: Value, b: Value): boolean {
  if (a.kind !== 'template' || b.kind !== 'template') return true;
  return (a.parts[0] ?? '') !== '' && (b.parts[0] ?? '') !== '';
}

function describeKeys(keys: Value[]): string {
  const named = keys.filter((k) => k.kind === 'string' || k.kind === 'number' || k.kind === 'template');
  return named.length > 0 ? `list ${named.map(showName).join(', ')}` : 'its list';
}

// --- worker functions: run by a timer/scheduler, or re-invoking themselves ---

function workerKind(node: ts.Node, ctx: RuleContext): Why | undefined {
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    if (isSchedulerArgument(fn)) return 'timer';
    const symbol = functionSymbol(fn, ctx);
    if (!symbol) continue;
    if (callsItself(fn, symbol, ctx)) return 'recursion';
    if (scheduledCallbacks(fn, ctx).some((cb) => refersTo(cb, symbol, ctx))) return 'timer';
  }
  return undefined;
}

function calleeName(call: ts.CallExpression | ts.NewExpression): string | undefined {
  const callee = unwrap(call.expression);
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}

/** `fn` or `fn.bind(x)` → `fn`. */
function stripBind(expr: ts.Expression): ts.Expression {
  const e = unwrap(expr);
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'bind') return unwrap(e.expression.expression);
  return e;
}

function isSchedulerCall(n: ts.Node): n is ts.CallExpression | ts.NewExpression {
  if (!ts.isCallExpression(n) && !ts.isNewExpression(n)) return false;
  const name = calleeName(n);
  return name !== undefined && SCHEDULERS.has(name);
}

function isSchedulerArgument(fn: ts.SignatureDeclaration): boolean {
  let n: ts.Node = fn;
  while (n.parent && ts.isParenthesizedExpression(n.parent)) n = n.parent;
  const bind = n.parent && ts.isPropertyAccessExpression(n.parent) && n.parent.name.text === 'bind' && ts.isCallExpression(n.parent.parent) ? n.parent.parent : undefined;
  const arg = bind ?? n;
  const call = arg.parent;
  return call !== undefined && isSchedulerCall(call) && (call.arguments ?? []).some((a) => a === arg);
}

/** The symbol other code calls this function by: its name, or the variable/property/field holding it. */
function functionSymbol(fn: ts.SignatureDeclaration, ctx: RuleContext): ts.Symbol | undefined {
  let name: ts.Node | undefined;
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn) || ts.isFunctionExpression(fn)) && fn.name) name = fn.name;
  else if (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) {
    let n: ts.Node = fn;
    while (n.parent && ts.isParenthesizedExpression(n.parent)) n = n.parent;
    const holder = n.parent;
    if (holder && (ts.isVariableDeclaration(holder) || ts.isPropertyAssignment(holder) || ts.isPropertyDeclaration(holder)) && holder.initializer === n) name = holder.name;
  }
  return name ? symbolAt(name, ctx) : undefined;
}

function symbolAt(node: ts.Node, ctx: RuleContext): ts.Symbol | undefined {
  try {
    let s = ctx.checker.getSymbolAtLocation(ts.isPropertyAccessExpression(node) ? node.name : node);
    if (s && s.flags & ts.SymbolFlags.Alias) s = ctx.checker.getAliasedSymbol(s);
    return s;
  } catch {
    return undefined;
  }
}

/** The function calls itself, directly or by handing itself to a callback (`setTimeout(poll)`, `.then(poll)`). */
function callsItself(fn: ts.SignatureDeclaration, symbol: ts.Symbol, ctx: RuleContext): boolean {
  const body = (fn as ts.FunctionLikeDeclaration).body;
  if (!body) return false;
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n)) {
      const targets = [n.expression, ...n.arguments].map(stripBind);
      if (targets.some((t) => (ts.isIdentifier(t) || ts.isPropertyAccessExpression(t)) && symbolAt(t, ctx) === symbol)) {
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
function refersTo(callback: ts.Expression, symbol: ts.Symbol, ctx: RuleContext): boolean {
  const cb = stripBind(callback);
  if (ts.isIdentifier(cb) || ts.isPropertyAccessExpression(cb)) return symbolAt(cb, ctx) === symbol;
  if (!ts.isArrowFunction(cb) && !ts.isFunctionExpression(cb)) return false;
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || (ts.isFunctionLike(n) && n !== cb)) return;
    if (ts.isCallExpression(n)) {
      const callee = stripBind(n.expression);
      if ((ts.isIdentifier(callee) || ts.isPropertyAccessExpression(callee)) && symbolAt(callee, ctx) === symbol) {
        found = true;
        return;
      }
    }
    n.forEachChild(visit);
  };
  visit(cb.body);
  return found;
}

/** A file that schedules anything names one of these. */
const SCHEDULER_WORDS = new RegExp(`(?<![\\w$])(?:${[...SCHEDULERS].join('|')})(?![\\w$])`);

/** Function-valued arguments of timer/scheduler calls, per file (syntax only, so a tree keeps its list). */
const callbackCache = new WeakMap<ts.SourceFile, ts.Expression[]>();

function callbacksIn(sf: ts.SourceFile): ts.Expression[] {
  const cached = callbackCache.get(sf);
  if (cached) return cached;
  const out: ts.Expression[] = [];
  const visit = (n: ts.Node): void => {
    if (isSchedulerCall(n)) {
      for (const a of n.arguments ?? []) {
        const e = stripBind(a);
        if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e) || ts.isArrowFunction(e) || ts.isFunctionExpression(e)) out.push(a);
      }
    }
    n.forEachChild(visit);
  };
  visit(sf);
  callbackCache.set(sf, out);
  return out;
}

/** Scheduled callbacks in every workspace file that may refer to `fn`, whatever name it is imported under. */
function scheduledCallbacks(fn: ts.SignatureDeclaration, ctx: RuleContext): ts.Expression[] {
  return ctx.index.scope.filesReferencing(fn, SCHEDULER_WORDS).flatMap(callbacksIn);
}

// --- suggestion: BLMOVE / LMOVE into a processing list ---

function moveSuggestion(fact: CallFact, ctx: RuleContext): Suggestion[] {
  const blocking = BLOCKING.has(fact.command);
  if (!fact.argsComplete || fact.args.length !== (blocking ? 2 : 1) || fact.args[0].kind === 'array') return [];
  const key = argNode(fact, 0);
  if (!key || (blocking && !argNode(fact, 1))) return [];
  const rename = renameEdit(fact, blocking);
  if (!rename) return [];
  const q = quote(ctx, key);
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
function renameEdit(fact: CallFact, blocking: boolean): { range: [number, number]; text: string } | undefined {
  const callee = unwrap(fact.node.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  if (!fact.generic) {
    const node = callee.name;
    const buffer = fact.method.endsWith('Buffer') ? 'Buffer' : '';
    const base = fact.client.kind === 'node-redis' ? (blocking ? 'blMove' : 'lMove') : blocking ? 'blmove' : 'lmove';
    return { range: [node.getStart(), node.getEnd()], text: `${base}${buffer}` };
  }
  const first = fact.node.arguments[0] && unwrap(fact.node.arguments[0]);
  const command = first && ts.isArrayLiteralExpression(first) ? first.elements[0] : first;
  if (!command || !ts.isStringLiteral(command)) return undefined;
  const name = blocking ? 'BLMOVE' : 'LMOVE';
  const text = command.text === command.text.toLowerCase() ? name.toLowerCase() : name;
  const q = command.getText()[0];
  return { range: [command.getStart(), command.getEnd()], text: `${q}${text}${q}` };
}

/** `'q:email'` → `'q:email:processing'`; any other expression E → `${E}:processing`. */
function processingKey(key: ts.Expression, ctx: RuleContext): string {
  const text = key.getText(ctx.sourceFile);
  if (ts.isStringLiteral(key) || ts.isNoSubstitutionTemplateLiteral(key) || ts.isTemplateExpression(key)) return `${text.slice(0, -1)}:processing${text.slice(-1)}`;
  return `\`\${${text}}:processing\``;
}
