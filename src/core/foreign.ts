// Endpoints of messaging libraries the engine does not model as clients (NestJS microservices, kafka-node, graphql-redis-subscriptions): names the other side of a destination may use.
import ts from 'typescript';
import { unwrap } from './clients';
import { hasEscapes } from './units';
import { stringOf, ValueResolver, type Value } from './values';

/** A destination name such a library produces to or consumes from (a string, number or RegExp value). */
export interface ForeignEndpoint {
  role: 'produce' | 'consume';
  name: Value;
}

const PATTERN_DECORATORS = new Set(['EventPattern', 'MessagePattern']);
/** Methods of other messaging libraries (NestJS ClientProxy, kafka-node, graphql-redis-subscriptions …). */
const OTHER_PRODUCE = new Set(['emit', 'send', 'publish', 'produce']);
const OTHER_CONSUME = new Set(['subscribe', 'psubscribe', 'asyncIterator', 'asyncIterableIterator']);

/** The words another library's endpoint is called or declared by, as a pattern alternation. */
export const FOREIGN_WORDS = 'emit|send|publish|produce|subscribe|psubscribe|asyncIterator|asyncIterableIterator|EventPattern|MessagePattern';
const WORDS = `(?<![\\w$\\u0080-\\uffff])(?:${FOREIGN_WORDS})(?![\\w$\\u0080-\\uffff])`;
/**
 * A file without one of these words has no foreign endpoint (a necessary condition, tested on the
 * text). A character class before the word, not a lookbehind: the same yes/no, in two thirds the time.
 */
const FOREIGN_TEXT = new RegExp(WORDS.replace('(?<![\\w$\\u0080-\\uffff])', '(?:^|[^\\w$\\u0080-\\uffff])'));

/** Could the text hold another library's endpoint? False proves it holds none. */
export function mayHaveForeignEndpoints(text: string): boolean {
  return FOREIGN_TEXT.test(text);
}

/** Destination names another library's call mentions: `'orders'`, `{ topic: 'orders' }`, `[{ topic: 'orders' }]`, `['orders']`. */
function namesIn(v: Value): Value[] {
  if (stringOf(v) !== undefined) return [v];
  if (v.kind === 'object') {
    const topic = v.props.get('topic') ?? v.props.get('channel');
    const topics = v.props.get('topics');
    return [...(topic ? [topic] : []), ...(topics ? namesIn(topics) : [])].filter((n) => stringOf(n) !== undefined || n.kind === 'regexp');
  }
  if (v.kind === 'array') return v.elements.flatMap(namesIn);
  return [];
}

/**
 * `namesIn(values.resolve(expr, depth))`, resolving only what `namesIn` reads: of an object literal
 * only its `topic`, `channel` and `topics` properties, so `res.send({ ok: true, q: req.query })`
 * needs no checker. Depths and cycle marks follow `resolve` step by step, so the result is the same.
 */
function namesOf(values: ValueResolver, expr: ts.Expression, depth: number): Value[] {
  if (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr) || ts.isNonNullExpression(expr) || ts.isTypeAssertionExpression(expr) || ts.isSatisfiesExpression(expr)) {
    return values.within(expr, depth, () => namesOf(values, expr.expression, depth + 1)) ?? [];
  }
  if (ts.isObjectLiteralExpression(expr) && expr.properties.every((p) => !ts.isSpreadAssignment(p) && p.name !== undefined && !ts.isComputedPropertyName(p.name))) {
    return values.within(expr, depth, () => objectNames(values, expr, depth + 1)) ?? [];
  }
  if (ts.isArrayLiteralExpression(expr) && !expr.elements.some(ts.isSpreadElement)) {
    // Array elements resolve afresh (depth 0), as `resolveArgs` does.
    return values.within(expr, depth, () => expr.elements.filter((e) => !ts.isOmittedExpression(e)).flatMap((e) => namesOf(values, e, 0))) ?? [];
  }
  return namesIn(values.resolve(expr, depth));
}

function objectNames(values: ValueResolver, obj: ts.ObjectLiteralExpression, depth: number): Value[] {
  // The last property of a name wins, as in a resolved object.
  const last = new Map<string, ts.ObjectLiteralElementLike>();
  for (const p of obj.properties) last.set(values.propertyKey(p.name)!, p);
  const valueOf = (p: ts.ObjectLiteralElementLike): Value => {
    if (ts.isPropertyAssignment(p)) return values.resolve(p.initializer, depth);
    if (ts.isShorthandPropertyAssignment(p)) return values.resolve(p.name, depth);
    if (ts.isMethodDeclaration(p)) return { kind: 'function', decl: p, node: p };
    return { kind: 'unknown', names: [] };
  };
  const topicProp = last.get('topic') ?? last.get('channel');
  const topicsProp = last.get('topics');
  const topics = topicsProp && ts.isPropertyAssignment(topicsProp) ? namesOf(values, topicsProp.initializer, depth) : topicsProp ? namesIn(valueOf(topicsProp)) : [];
  return [...(topicProp ? [valueOf(topicProp)] : []), ...topics].filter((n) => stringOf(n) !== undefined || n.kind === 'regexp');
}

/** The name without its syntax node: only the value is compared, and the tree need not stay alive. */
function detached(v: Value): Value {
  if (v.kind === 'string' || v.kind === 'number') return { kind: v.kind, value: v.value } as Value;
  if (v.kind === 'regexp') return { kind: 'regexp', source: v.source };
  return { kind: 'unknown', names: [] };
}

/**
 * `@EventPattern('orders')` decorators and `x.emit('orders', …)`-style calls in a file, except calls
 * that are recognised client calls (`facts`): they are endpoints of their own.
 */
export function foreignEndpoints(sf: ts.SourceFile, values: ValueResolver, facts: ReadonlySet<ts.Node>): ForeignEndpoint[] {
  const out: ForeignEndpoint[] = [];
  if (!mayHaveForeignEndpoints(sf.text)) return out;
  const add = (role: ForeignEndpoint['role'], names: Value[]) => {
    for (const name of names) out.push({ role, name: detached(name) });
  };
  const visit = (n: ts.Node): void => {
    if (ts.isDecorator(n) && ts.isCallExpression(n.expression)) {
      const callee = n.expression.expression;
      if (ts.isIdentifier(callee) && PATTERN_DECORATORS.has(callee.text) && n.expression.arguments[0]) add('consume', namesOf(values, n.expression.arguments[0], 0));
    } else if (ts.isCallExpression(n) && n.arguments.length >= 1 && !facts.has(n)) {
      const callee = unwrap(n.expression);
      const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
      if (OTHER_PRODUCE.has(method)) add('produce', namesOf(values, n.arguments[0], 0));
      else if (OTHER_CONSUME.has(method)) add('consume', namesOf(values, n.arguments[0], 0));
    }
  };
  // Where the source spells every identifier plainly, the decorators and calls are found from the
  // words' positions; the counterparts are only compared, so their order does not matter.
  if (hasEscapes(sf.text)) {
    const walk = (n: ts.Node): void => {
      visit(n);
      n.forEachChild(walk);
    };
    walk(sf);
    return out;
  }
  const seen = new Set<ts.Node>();
  for (const m of sf.text.matchAll(new RegExp(WORDS, 'g'))) {
    for (const n of ancestorsAt(sf, m.index!)) {
      if (seen.has(n)) continue;
      seen.add(n);
      visit(n);
    }
  }
  return out;
}

/**
 * The decorator or call an identifier at `pos` may belong to: its enclosing nodes up to the nearest
 * statement (a call's callee or a decorator's expression never crosses one).
 */
function ancestorsAt(sf: ts.SourceFile, pos: number): ts.Node[] {
  const path: ts.Node[] = [];
  let node: ts.Node | undefined = sf;
  while (node) {
    path.push(node);
    node = ts.forEachChild(node, (c) => (c.pos <= pos && pos < c.end ? c : undefined));
  }
  const leaf = path[path.length - 1];
  if (!ts.isIdentifier(leaf)) return [];
  const out: ts.Node[] = [];
  for (let i = path.length - 2; i >= 0 && !ts.isSourceFile(path[i]); i--) {
    out.push(path[i]);
    if (ts.isStatement(path[i]) || ts.isClassElement(path[i])) break;
  }
  return out;
}

/** Thrown by the checker stand-in below: the value depends on what the checker would say. */
class NeedsChecker extends Error {}

/**
 * The foreign endpoints of a file outside the program, when its arguments are literals the resolver
 * reads without a checker (the common case); `undefined` when some argument needs one, because it
 * names a constant or (with types) could have a literal type. Exact: the resolver is the same, and a
 * result is only used when it never consulted the checker.
 */
export function foreignEndpointsWithoutChecker(sf: ts.SourceFile, typed: boolean): ForeignEndpoint[] | undefined {
  if (!mayHaveForeignEndpoints(sf.text)) return [];
  let consulted = false;
  const standIn = new Proxy({} as ts.TypeChecker, {
    get: () => () => {
      consulted = true;
      throw new NeedsChecker();
    },
  });
  try {
    const found = foreignEndpoints(sf, new ValueResolver(standIn, typed), new Set());
    return consulted ? undefined : found;
  } catch (error) {
    if (error instanceof NeedsChecker || consulted) return undefined;
    throw error;
  }
}
