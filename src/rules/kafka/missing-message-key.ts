// kafka/missing-message-key: messages produced without a key although their value names the entity (orderId, user.id, …) they belong to.
import ts from 'typescript';
import { unwrap } from '../../core/clients';
import type { CallFact } from '../../core/facts';
import { mayHoldKey, typedLiterals } from '../../core/kafka-config';
import { defineRule, type RuleContext } from '../../core/rule';
import { numberOf, type Value } from '../../core/values';
import { wordsOf } from '../../core/vocabulary';
import { argNode, inFile } from '../shared';

/** A message literal without a value (written or spread in) carries no entity id. */
const VALUE_KEY = new Set(['value']);

/**
 * `<word>Id` names whose word is not a business entity: tracing, messaging and infrastructure ids,
 * reference data. Their events have no per-entity order to protect.
 */
const NOT_ENTITIES = new Set([
  'request', 'req', 'trace', 'span', 'parent', 'root', 'correlation', 'corr', 'causation', 'cause', 'message', 'msg', 'event', 'evt',
  'idempotency', 'idempotence', 'idempotent', 'dedup', 'dedupe', 'deduplication', 'batch', 'session', 'schema', 'client', 'producer',
  'consumer', 'group', 'partition', 'offset', 'topic', 'broker', 'cluster', 'run', 'job', 'transactional', 'instance', 'node', 'worker',
  'process', 'host', 'pod', 'container', 'thread', 'connection', 'conn', 'socket', 'sequence', 'seq', 'version', 'revision', 'build',
  'deployment', 'operation', 'op', 'command', 'cmd', 'context', 'ctx', 'log', 'record', 'entry', 'unique', 'external', 'internal',
  'local', 'remote', 'source', 'target', 'reference', 'ref', 'nonce', 'trigger', 'execution', 'invocation', 'attempt', 'retry', 'key',
  'api', 'token', 'app', 'application', 'service', 'region', 'zone', 'shard', 'replica', 'leader', 'stream', 'queue', 'packet', 'frame',
  'chunk', 'page', 'cursor', 'snapshot', 'checkpoint', 'type', 'kind', 'status', 'state', 'locale', 'language', 'lang', 'currency',
  'country', 'timezone', 'template', 'format', 'environment', 'env', 'commit', 'tab', 'window', 'config', 'setting', 'feature', 'flag',
  'experiment', 'variant', 'tag', 'label',
]);

/** Names of holders too generic to say which entity `<holder>.id` identifies (`data.id`, `payload.id`). */
const GENERIC_HOLDERS = new Set([
  'data', 'payload', 'body', 'e', 'res', 'response', 'result', 'params', 'param', 'args', 'arg', 'options', 'opts', 'input', 'output',
  'query', 'props', 'meta', 'metadata', 'info', 'detail', 'details', 'x', 'it', 'el', 'v', 'value', 'val', 'obj', 'object', 'rec', 'row',
  'doc', 'document', 'item', 'element', 'model', 'dto', 'json', 'raw', 'parsed', 'rest', 'first', 'last', 'current', 'prev', 'next', 'self',
  'err', 'error', 'new', 'old', 'saved', 'created', 'updated', 'existing',
]);

const ID_WORDS = new Set(['id', 'uuid', 'guid']);

interface Data {
  /** The entity the value names (`order`) and the name that showed it (`orderId`, `order.id`). */
  entity: string;
  evidence: string;
}

export default defineRule<Data>({
  meta: {
    id: 'kafka/missing-message-key',
    description: 'Kafka messages sent without a key although the value carries an entity id, so one entity\'s events can be processed out of order.',
    defaultSeverity: 'info',
    fixKind: 'none',
    docs: 'rules/kafka/missing-message-key.md',
    options: {},
  },
  *check(ctx) {
    const reported = new Set<ts.Node>();
    const report = (node: ts.Node, found: Data | undefined) => {
      if (!found || reported.has(node)) return undefined;
      reported.add(node);
      return { node, data: found };
    };
    for (const fact of ctx.file.calls) {
      if (fact.family !== 'kafka' || fact.client.role === 'consumer' || fact.client.role === 'admin') continue;
      if (isKafkajsLike(fact) && (fact.command === 'send' || fact.command === 'sendBatch')) {
        for (const message of sentMessages(fact, ctx)) {
          const node = message.node && inFile(message.node, ctx) ? message.node : undefined;
          const signal = node && report(node, keylessEntity(message));
          if (signal) yield signal;
        }
      } else if (isRdkafka(fact) && fact.command === 'produce') {
        const signal = report(argNode(fact, 2) ?? fact.node, keylessProduce(fact));
        if (signal) yield signal;
      }
    }
    if (ctx.typed) {
      // Only a message with a value can be found keyless (see keylessEntity).
      for (const { literal } of typedLiterals(ctx.file, ctx.checker, 'message', (l) => mayHoldKey(l, VALUE_KEY))) {
        const signal = report(literal, keylessEntity(ctx.values.resolve(literal)));
        if (signal) yield signal;
      }
    }
  },
  message: ({ entity, evidence }) =>
    `This message has no key, yet its value carries the ${entity} id (${evidence}). ` +
    "Without a key the default partitioner spreads one entity's messages over partitions, and Kafka only orders messages within a partition, so consumers can see this " +
    `${entity}'s events out of order. Set key to the ${entity} id (e.g. key: ${evidence.includes('.') ? evidence : `${entity}.id`}) so all its events share a partition.`,
});

function isKafkajsLike(fact: CallFact): boolean {
  return fact.client.kind === 'kafkajs' || fact.client.kind === 'confluent-kafkajs';
}

function isRdkafka(fact: CallFact): boolean {
  return fact.client.kind === 'node-rdkafka' || fact.client.kind === 'confluent-rdkafka';
}

/** The message objects of `send({ messages })` / `sendBatch({ topicMessages: [{ messages }] })`. */
function sentMessages(fact: CallFact, ctx: RuleContext): Value[] {
  const record = fact.args[0];
  if (record?.kind !== 'object') return [];
  const lists: Value[] = [];
  if (fact.command === 'send') lists.push(record.props.get('messages') ?? { kind: 'nullish' });
  else {
    const batches = record.props.get('topicMessages');
    if (batches?.kind === 'array') for (const b of batches.elements) if (b.kind === 'object') lists.push(b.props.get('messages') ?? { kind: 'nullish' });
  }
  return lists.flatMap((list) => {
    if (list.kind === 'array') return list.elements.filter((m) => m.kind === 'object');
    return mappedMessages(list, ctx).map((literal) => ctx.values.resolve(literal));
  });
}

/** `items.map(x => ({ value: … }))`: the object literals the callback returns. */
function mappedMessages(list: Value, ctx: RuleContext): ts.ObjectLiteralExpression[] {
  const call = list.node && ts.isCallExpression(list.node) ? list.node : undefined;
  if (!call || !ts.isPropertyAccessExpression(call.expression) || call.expression.name.text !== 'map') return [];
  const fn = ctx.values.resolve(call.arguments[0]);
  if (fn.kind !== 'function') return [];
  const body = (fn.decl as ts.FunctionLikeDeclaration).body;
  if (!body) return [];
  if (!ts.isBlock(body)) {
    const e = unwrap(body);
    return ts.isObjectLiteralExpression(e) ? [e] : [];
  }
  const out: ts.ObjectLiteralExpression[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isFunctionLike(n)) return;
    if (ts.isReturnStatement(n) && n.expression) {
      const e = unwrap(n.expression);
      if (ts.isObjectLiteralExpression(e)) out.push(e);
      return;
    }
    n.forEachChild(visit);
  };
  body.forEachChild(visit);
  return out;
}

/** A fully known message with no key (or a null one), no explicit partition, and an entity id in its value. */
function keylessEntity(message: Value): Data | undefined {
  if (message.kind !== 'object' || !message.complete) return undefined;
  const key = message.props.get('key');
  if (key && key.kind !== 'nullish') return undefined;
  if (explicitPartition(message.props.get('partition'))) return undefined;
  const value = message.props.get('value');
  return value ? entityIdIn(value, 0) : undefined;
}

/** `producer.produce(topic, partition, value, key?)` with the key missing or null. */
function keylessProduce(fact: CallFact): Data | undefined {
  if (fact.knownPrefix < 3) return undefined;
  const key = fact.knownPrefix >= 4 ? fact.args[3] : fact.argsComplete ? undefined : { kind: 'unknown' as const, names: [] };
  if (key && key.kind !== 'nullish') return undefined;
  if (explicitPartition(fact.args[1])) return undefined;
  return entityIdIn(fact.args[2], 0);
}

/** A partition the producer picks itself: then the key does not decide the routing. */
function explicitPartition(v: Value | undefined): boolean {
  if (!v || v.kind === 'nullish') return false;
  const n = numberOf(v);
  return n === undefined || n >= 0;
}

/** The entity an `<entity>Id` name identifies, if it names a business entity. */
function entityOfIdName(name: string): string | undefined {
  const words = wordsOf(name);
  if (words.length < 2 || !ID_WORDS.has(words[words.length - 1])) return undefined;
  const entity = words[words.length - 2];
  return entity.length > 1 && !NOT_ENTITIES.has(entity) ? entity : undefined;
}

/** The entity `<holder>.id` identifies: `order.id`, `savedOrder.id`, `orderData.id` → order. */
function entityOfHolder(holder: string): string | undefined {
  const words = wordsOf(holder).filter((w) => !GENERIC_HOLDERS.has(w));
  const entity = words[words.length - 1];
  return entity && entity.length > 2 && !NOT_ENTITIES.has(entity) ? entity : undefined;
}

/** An entity id the value carries: a key of an encoded/literal object, or a property access in its expression. */
function entityIdIn(v: Value | undefined, depth: number): Data | undefined {
  if (!v || depth > 4) return undefined;
  if (v.kind === 'encoded') return entityIdIn(v.of, depth + 1);
  if (v.kind === 'array') return firstOf(v.elements, (e) => entityIdIn(e, depth + 1));
  if (v.kind === 'object') {
    for (const k of v.props.keys()) {
      const entity = entityOfIdName(k);
      if (entity) return { entity, evidence: k };
    }
    return firstOf([...v.props.values()], (p) => entityIdIn(p, depth + 1));
  }
  if ((v.kind === 'unknown' || v.kind === 'template') && v.node) return entityIdInSyntax(v.node);
  return undefined;
}

/** Object keys and `x.orderId` / `order.id` accesses written in an expression (not inside nested functions). */
function entityIdInSyntax(root: ts.Node): Data | undefined {
  let found: Data | undefined;
  const visit = (n: ts.Node): void => {
    if (found || (n !== root && ts.isFunctionLike(n))) return;
    if (ts.isPropertyAccessExpression(n)) {
      const name = n.name.text;
      const entity = entityOfIdName(name);
      if (entity) found = { entity, evidence: n.getText() };
      else if (ID_WORDS.has(name.toLowerCase())) {
        const holder = unwrap(n.expression);
        const holderName = ts.isIdentifier(holder) ? holder.text : ts.isPropertyAccessExpression(holder) ? holder.name.text : undefined;
        const e = holderName && entityOfHolder(holderName);
        if (e) found = { entity: e, evidence: n.getText() };
      }
    } else if (ts.isPropertyAssignment(n) || ts.isShorthandPropertyAssignment(n)) {
      const name = ts.isIdentifier(n.name) || ts.isStringLiteral(n.name) ? n.name.text : undefined;
      const entity = name && entityOfIdName(name);
      if (entity) found = { entity, evidence: name };
    }
    if (!found) n.forEachChild(visit);
  };
  visit(root);
  return found;
}

function firstOf<T, R>(items: readonly T[], f: (item: T) => R | undefined): R | undefined {
  for (const item of items) {
    const r = f(item);
    if (r) return r;
  }
  return undefined;
}
