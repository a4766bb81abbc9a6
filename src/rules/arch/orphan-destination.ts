// arch/orphan-destination: a statically named channel, stream or topic that the workspace only produces or only consumes.
import ts from 'typescript';
import { unwrap } from '../../core/clients';
import { mayBeSame, type DestinationKind, type Endpoint } from '../../core/destinations';
import { globMatches, globParts } from '../../core/patterns';
import type { CallFact } from '../../core/facts';
import { defineRule, type RuleContext } from '../../core/rule';
import { patternOf, propOf, stringOf, type Value } from '../../core/values';
import type { WorkspaceIndex } from '../../core/workspace';

const meta = {
  id: 'arch/orphan-destination',
  description: 'A channel, stream or topic with a static name is produced but never consumed in the workspace, or consumed but never produced.',
  defaultSeverity: 'info' as const,
  fixKind: 'none' as const,
  docs: 'rules/arch/orphan-destination.md',
  options: {},
};

type Kind = Extract<DestinationKind, 'channel' | 'stream' | 'topic'>;
type Role = Endpoint['role'];

interface Data {
  kind: Kind;
  role: Role;
  name: string;
}

const KINDS = new Set<DestinationKind>(['channel', 'stream', 'topic']);
const REDIS_KINDS: Kind[] = ['channel', 'stream'];
const ALL_KINDS: Kind[] = ['channel', 'stream', 'topic'];

/** A name the messaging map does not model as an endpoint but that may be the other side. */
interface Counterpart {
  kinds: Kind[];
  role: Role;
  name: Pick<Endpoint, 'name' | 'match'>;
}

/** A destination named at a wrapper's call site: `publishEvent('orders', …)` forwarding to `send({ topic })`. */
interface Site {
  kind: Kind;
  role: Role;
  name: Value;
  match: Endpoint['match'];
  file: string;
  /** The argument at the call site. */
  node: ts.Node;
}

/** Evidence beyond the endpoints, gathered once per workspace. */
interface Extras {
  /** `kind:role` pairs with a call whose destination is hidden (spread, unknown command layout): may be anything. */
  anything: Set<string>;
  counterparts: Counterpart[];
  /** Endpoints whose parameter name is known at every call site of their wrapper; `sites` stand in for them. */
  forwarded: Set<Endpoint>;
  sites: Site[];
}

const extrasCache = new WeakMap<WorkspaceIndex, Extras>();
const exact = (name: Value): Pick<Endpoint, 'name' | 'match'> => ({ name, match: 'exact' });
const UNKNOWN: Value = { kind: 'unknown', names: [] };

function extrasOf(ctx: RuleContext): Extras {
  let extras = extrasCache.get(ctx.index);
  if (!extras) {
    extras = { anything: new Set(), counterparts: [], forwarded: new Set(), sites: [] };
    collectHiddenCalls(ctx.index, extras);
    collectForwarded(ctx, extras);
    collectCreations(ctx.index, extras);
    collectFrameworkPatterns(ctx.index, extras);
    extrasCache.set(ctx.index, extras);
  }
  return extras;
}

const SUBSCRIBES = new Set(['SUBSCRIBE', 'SSUBSCRIBE', 'PSUBSCRIBE']);
const STREAM_READS = new Set(['XREAD', 'XREADGROUP']);
/** Consumer-side stream commands that prove the stream is read even when the read itself is hidden. */
const STREAM_CONSUMER_COMMANDS = new Set(['XACK', 'XAUTOCLAIM', 'XCLAIM']);
const SCRIPT_COMMANDS = new Set(['EVAL', 'EVALSHA', 'EVAL_RO', 'EVALSHA_RO', 'FCALL', 'FCALL_RO']);

/** Calls whose destination the endpoints cannot show: spreads, scripts, consumer-side commands. */
function collectHiddenCalls(index: WorkspaceIndex, extras: Extras): void {
  const kindsOf = new Map<CallFact, Set<DestinationKind>>();
  for (const e of index.endpoints) kindsOf.set(e.fact, (kindsOf.get(e.fact) ?? new Set()).add(e.kind));
  for (const fact of index.calls) {
    const c = fact.command;
    const has = (kind: Kind) => kindsOf.get(fact)?.has(kind) ?? false;
    if (fact.family === 'redis') {
      if ((c === 'PUBLISH' || c === 'SPUBLISH') && !has('channel')) extras.anything.add('channel:produce');
      else if (SUBSCRIBES.has(c) && (!fact.argsComplete || !has('channel'))) extras.anything.add('channel:consume');
      else if (c === 'XADD' && !has('stream')) extras.anything.add('stream:produce');
      else if (STREAM_READS.has(c) && (!fact.argsComplete || !has('stream'))) extras.anything.add('stream:consume');
      else if (STREAM_CONSUMER_COMMANDS.has(c)) extras.counterparts.push({ kinds: ['stream'], role: 'consume', name: exact(fact.args[0] ?? UNKNOWN) });
      else if (SCRIPT_COMMANDS.has(c)) collectScript(fact, extras);
    } else if (c === 'produce' && !has('topic')) extras.anything.add('topic:produce');
  }
}

/** A Lua script or function may publish, append or read any key or argument it is given. */
function collectScript(fact: CallFact, extras: Extras): void {
  const source = stringOf(fact.args[0]);
  const roles: Array<[Kind, Role]> = [];
  if (source === undefined || fact.command.startsWith('EVALSHA') || fact.command.startsWith('FCALL')) {
    for (const kind of REDIS_KINDS) roles.push([kind, 'produce'], [kind, 'consume']);
  } else {
    if (/\bpublish\b/i.test(source)) roles.push(['channel', 'produce']);
    if (/\bxadd\b/i.test(source)) roles.push(['stream', 'produce']);
    if (/\bxread(group)?\b|\bxrange\b|\bxrevrange\b/i.test(source)) roles.push(['stream', 'consume']);
  }
  if (roles.length === 0) return;
  const names = leaves(fact.args.slice(1));
  if (!fact.argsComplete) names.push(UNKNOWN);
  for (const [kind, role] of roles) {
    for (const name of names) extras.counterparts.push({ kinds: [kind], role, name: exact(name) });
  }
}

/** Every scalar inside arrays and option objects (node-redis `{ keys, arguments }`). */
function leaves(values: Value[]): Value[] {
  return values.flatMap((v): Value[] => {
    if (v.kind === 'array') return [...leaves(v.elements), ...(v.complete ? [] : [UNKNOWN])];
    if (v.kind === 'object') return [...leaves([...v.props.values()]), ...(v.complete ? [] : [UNKNOWN])];
    if (v.kind === 'function' || v.kind === 'nullish' || v.kind === 'boolean') return [];
    return [v];
  });
}

/** node-rdkafka streams name their topics in the factory call: `createWriteStream(conf, topicConf, { topic })`. */
function collectCreations(index: WorkspaceIndex, extras: Extras): void {
  for (const creation of index.creations) {
    if (!ts.isCallExpression(creation.node)) continue;
    const callee = unwrap(creation.node.expression);
    const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
    const streamOptions = creation.args[2];
    if (method === 'createWriteStream') {
      extras.counterparts.push({ kinds: ['topic'], role: 'produce', name: exact(propOf(streamOptions, 'topic') ?? UNKNOWN) });
    } else if (method === 'createReadStream') {
      const topics = propOf(streamOptions, 'topics') ?? UNKNOWN;
      for (const t of topics.kind === 'array' ? [...topics.elements, ...(topics.complete ? [] : [UNKNOWN])] : [topics]) {
        const regexp = t.kind === 'regexp' || (t.kind === 'string' && t.value.startsWith('^'));
        const name: Value = t.kind === 'string' && regexp ? { kind: 'regexp', source: `/${t.value}/` } : t;
        extras.counterparts.push({ kinds: ['topic'], role: 'consume', name: { name, match: regexp ? 'regexp' : 'exact' } });
      }
    }
  }
}

/**
 * Endpoints of frameworks and libraries the engine does not model as clients (NestJS
 * microservices' `@EventPattern('orders')` and `client.emit('orders', …)`, kafka-node,
 * graphql-redis-subscriptions) may be the other side of any kind of destination.
 */
function collectFrameworkPatterns(index: WorkspaceIndex, extras: Extras): void {
  for (const { role, name } of index.foreign) extras.counterparts.push({ kinds: ALL_KINDS, role, name: { name, match: name.kind === 'regexp' ? 'regexp' : 'exact' } });
}

/** A wrapper parameter used as the destination, with where it sits in the wrapper's signature. */
interface Forwarding {
  endpoint: Endpoint;
  param: ts.ParameterDeclaration;
  index: number;
  /** kafkajs `send(record)`: the parameter is the whole record and the topic is one of its properties. */
  record: boolean;
}

/** The function's own name symbol: `function f`, `method()`, `const f = () => …`. */
function nameOf(fn: ts.SignatureDeclaration): ts.Identifier | undefined {
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name && ts.isIdentifier(fn.name)) return fn.name;
  if (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) {
    const p = fn.parent;
    if ((ts.isVariableDeclaration(p) || ts.isPropertyDeclaration(p) || ts.isPropertyAssignment(p)) && p.initializer === fn && ts.isIdentifier(p.name)) return p.name;
  }
  return undefined;
}

function symbolAt(node: ts.Node, ctx: RuleContext): ts.Symbol | undefined {
  try {
    let symbol = ts.isShorthandPropertyAssignment(node.parent) && node.parent.name === node ? ctx.checker.getShorthandAssignmentValueSymbol(node.parent) : ctx.checker.getSymbolAtLocation(node);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = ctx.checker.getAliasedSymbol(symbol);
    return symbol;
  } catch {
    return undefined;
  }
}

/** Is the destination a parameter the function never reassigns? */
function forwardingOf(endpoint: Endpoint, ctx: RuleContext): Forwarding | undefined {
  const node = endpoint.name.node && unwrap(endpoint.name.node as ts.Expression);
  if (!node || !ts.isIdentifier(node)) return undefined;
  const symbol = symbolAt(node, ctx);
  const param = symbol?.valueDeclaration;
  if (!param || !ts.isParameter(param) || !ts.isIdentifier(param.name) || param.dotDotDotToken) return undefined;
  const fn = param.parent;
  let reassigned = false;
  const visit = (n: ts.Node): void => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
      const left = unwrap(n.left);
      if (ts.isIdentifier(left) && symbolAt(left, ctx) === symbol) reassigned = true;
    }
    n.forEachChild(visit);
  };
  fn.forEachChild(visit);
  if (reassigned || !nameOf(fn)) return undefined;
  const first = endpoint.fact.node.arguments[0];
  const record = endpoint.fact.family === 'kafka' && endpoint.fact.command === 'send' && first !== undefined && unwrap(first) === node;
  return { endpoint, param, index: fn.parameters.indexOf(param), record };
}

const declarationOf = (symbol: ts.Symbol | undefined) => symbol?.valueDeclaration ?? symbol?.declarations?.[0];

const IMPORT_EXPORT = (n: ts.Node) => ts.isImportSpecifier(n) || ts.isExportSpecifier(n) || ts.isImportClause(n) || ts.isNamespaceImport(n) || ts.isImportEqualsDeclaration(n);

/**
 * Every call of each wrapper in the workspace, or `undefined` for a wrapper that is also
 * used in a way that hides calls (passed as a value, called through an interface, a name
 * that does not resolve).
 */
function callSitesOf(fns: ts.SignatureDeclaration[], ctx: RuleContext): Map<ts.SignatureDeclaration, ts.CallExpression[] | undefined> {
  const result = new Map<ts.SignatureDeclaration, ts.CallExpression[] | undefined>(fns.map((fn) => [fn, []]));
  // Keyed by declaration: a member's symbol at a use may be a different object than at its declaration.
  const byDecl = new Map<ts.Node, ts.SignatureDeclaration>();
  const byName = new Map<string, ts.SignatureDeclaration[]>();
  for (const fn of fns) {
    const name = nameOf(fn)!;
    const decl = declarationOf(symbolAt(name, ctx));
    if (!decl) result.set(fn, undefined);
    else byDecl.set(decl, fn);
    byName.set(name.text, [...(byName.get(name.text) ?? []), fn]);
  }
  const factNodes = new Set<ts.Node>(ctx.index.calls.map((f) => f.node));
  const spoil = (name: string) => byName.get(name)?.forEach((fn) => result.set(fn, undefined));
  const onIdentifier = (id: ts.Identifier): void => {
    const parent = id.parent;
    if (IMPORT_EXPORT(parent)) return;
    const declared = (parent as { name?: ts.Node }).name === id && !ts.isShorthandPropertyAssignment(parent) && !ts.isPropertyAccessExpression(parent);
    if (declared) {
      // Another function of the same name is simply another function; anything else of that name
      // (an interface or abstract member, a variable or property that may alias the wrapper) could hide call sites.
      const isOwn = fns.some((fn) => nameOf(fn) === id);
      const otherFunction = (ts.isFunctionDeclaration(parent) || ts.isMethodDeclaration(parent) || ts.isClassDeclaration(parent)) && !ts.getModifiers(parent)?.some((m) => m.kind === ts.SyntaxKind.AbstractKeyword);
      if (!isOwn && !otherFunction) spoil(id.text);
      return;
    }
    const callee = ts.isPropertyAccessExpression(parent) && parent.name === id ? parent : id;
    const call = ts.isCallExpression(callee.parent) && callee.parent.expression === callee ? callee.parent : undefined;
    const symbol = symbolAt(id, ctx);
    const decl = declarationOf(symbol);
    const fn = decl && byDecl.get(decl);
    if (fn) {
      const list = result.get(fn);
      if (!call) result.set(fn, undefined);
      else list?.push(call);
    } else if (!symbol && !(call && factNodes.has(call))) spoil(id.text);
  };
  for (const sf of ctx.index.scope.filesMentioning(byName.keys())) {
    const visit = (n: ts.Node): void => {
      if (ts.isIdentifier(n) && byName.has(n.text)) onIdentifier(n);
      n.forEachChild(visit);
    };
    visit(sf);
  }
  return result;
}

/** Wrappers that forward a parameter as the destination: their call sites name it. */
function collectForwarded(ctx: RuleContext, extras: Extras): void {
  const forwardings: Forwarding[] = [];
  for (const e of ctx.index.endpoints) {
    if (!KINDS.has(e.kind) || e.name.kind !== 'unknown') continue;
    const f = forwardingOf(e, ctx);
    if (f) forwardings.push(f);
  }
  if (forwardings.length === 0) return;
  const sites = callSitesOf([...new Set(forwardings.map((f) => f.param.parent))], ctx);
  for (const f of forwardings) {
    const calls = sites.get(f.param.parent);
    if (!calls || calls.length === 0) continue;
    extras.forwarded.add(f.endpoint);
    for (const call of calls) {
      const args = call.arguments;
      const hidden = args.slice(0, f.index + 1).some(ts.isSpreadElement);
      const arg = hidden ? undefined : args[f.index];
      let name: Value = arg ? ctx.values.resolve(arg) : f.param.initializer ? ctx.values.resolve(f.param.initializer) : UNKNOWN;
      if (f.record) name = propOf(name, 'topic') ?? UNKNOWN;
      const inCall = (n: ts.Node | undefined) => n !== undefined && n.getSourceFile() === call.getSourceFile() && n.pos >= call.pos && n.end <= call.end;
      const node = f.record && inCall(name.node) ? name.node! : arg ?? call;
      extras.sites.push({ kind: f.endpoint.kind as Kind, role: f.endpoint.role, name, match: f.endpoint.match, file: call.getSourceFile().fileName, node });
    }
  }
}

function hasCounterpart(endpoint: Pick<Endpoint, 'role' | 'name' | 'match'>, kind: Kind, ctx: RuleContext): boolean {
  const role: Role = endpoint.role === 'produce' ? 'consume' : 'produce';
  const extras = extrasOf(ctx);
  if (extras.anything.has(`${kind}:${role}`)) return true;
  // A counterpart must name something. A name with no known text from configuration or the
  // environment is another, configurable destination, not this static one; a wrapper's own
  // parameter (a gateway that may carry any name) still may be this one.
  const names = (v: Value) => v.kind === 'regexp' || patternOf(v) !== undefined || isParameter(v, ctx);
  const same = (o: Pick<Endpoint, 'kind' | 'role' | 'name' | 'match'>) => o.kind === kind && o.role === role && names(o.name) && mayBeSame(endpoint, o);
  if (ctx.index.endpoints.some((o) => !extras.forwarded.has(o) && same(o))) return true;
  if (extras.sites.some(same)) return true;
  return extras.counterparts.some((c) => c.role === role && c.kinds.includes(kind) && names(c.name.name) && mayBeSame(endpoint, c.name));
}

/** Is this unknown name a function parameter (`send({ topic })` inside `publish(topic)`)? */
function isParameter(v: Value, ctx: RuleContext): boolean {
  let node = v.node;
  if (!node) return false;
  if (ts.isShorthandPropertyAssignment(node)) node = node.name;
  if (!ts.isIdentifier(node)) return false;
  const decl = symbolAt(node, ctx)?.valueDeclaration;
  return decl !== undefined && (ts.isParameter(decl) || (ts.isBindingElement(decl) && ts.isParameter(ts.walkUpBindingElementsAndPatterns(decl))));
}

/** `externalDestinations` entries: exact names or simple `*` globs. */
function isExternal(name: string, ctx: RuleContext): boolean {
  return (ctx.config.externalDestinations ?? []).some((pattern) => {
    if (!pattern.includes('*')) return pattern === name;
    // Only `*` is a wildcard here: `?` is a character of the name.
    return globMatches(globParts(pattern, false), name);
  });
}

/** Names Redis or Kafka themselves produce or own: keyspace notifications, client tracking, internal topics. */
const isServerOwned = (name: string) => name.startsWith('__');

/** Findings sit on the producing or consuming call, also for a name passed through a wrapper. */
function enclosingCall(node: ts.Node): ts.Node {
  for (let n: ts.Node | undefined = node; n; n = n.parent) {
    if ((ts.isCallExpression(n) || ts.isNewExpression(n)) && n.arguments?.some((a) => a.pos <= node.pos && node.end <= a.end)) return n;
    if (ts.isStatement(n) || ts.isFunctionLike(n)) break;
  }
  return node;
}

const LABEL: Record<Kind, string> = { channel: 'Pub/Sub channel', stream: 'Redis stream', topic: 'Kafka topic' };

const WHY: Record<Kind, Record<Role, string>> = {
  channel: {
    produce: 'Redis Pub/Sub stores nothing, so a message published with no subscriber is simply dropped (PUBLISH returns 0)',
    consume: 'Pub/Sub delivers only what is published while the subscriber listens, so this listener never fires',
  },
  stream: {
    produce: 'a Redis stream keeps every entry in memory until it is trimmed, so it keeps growing with nobody reading it',
    consume: 'the reader waits on a stream that nothing appends to',
  },
  topic: {
    produce: 'Kafka keeps the records on disk until retention expires whether or not anyone reads them',
    consume: 'the consumer waits for records that never arrive, and with topic auto-creation a misspelt name quietly creates an empty topic',
  },
};

export default defineRule<Data>({
  meta,
  *check(ctx) {
    for (const endpoint of ctx.index.endpoints) {
      if (endpoint.fact.file !== ctx.file.file || !KINDS.has(endpoint.kind) || endpoint.match !== 'exact') continue;
      const kind = endpoint.kind as Kind;
      const name = stringOf(endpoint.name);
      if (name === undefined || isServerOwned(name) || isExternal(name, ctx)) continue;
      if (hasCounterpart(endpoint, kind, ctx)) continue;
      yield { node: endpoint.fact.node, data: { kind, role: endpoint.role, name } };
    }
    for (const site of extrasOf(ctx).sites) {
      if (site.file !== ctx.file.file || site.match !== 'exact') continue;
      const name = stringOf(site.name);
      if (name === undefined || isServerOwned(name) || isExternal(name, ctx)) continue;
      if (hasCounterpart(site, site.kind, ctx)) continue;
      yield { node: enclosingCall(site.node), data: { kind: site.kind, role: site.role, name } };
    }
  },
  message({ kind, role, name }) {
    const only = role === 'produce' ? 'produced-only: nothing in this workspace consumes it' : 'consumed-only: nothing in this workspace produces it';
    const other = role === 'produce' ? 'consumes' : 'produces';
    return (
      `${LABEL[kind]} '${name}' is ${only}; ${WHY[kind][role]}. ` +
      `Fix the name if it is a typo or remove the dead side; if another service ${other} it, list '${name}' in \`externalDestinations\`.`
    );
  },
});
