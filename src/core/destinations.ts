// Channels, lists, streams and topics each call produces to or consumes from, and when two names may be the same.
import type { CallFact } from './facts';
import { globMatches, globParts, MAX_TESTED_NAME, safeRegExp, templateParts } from './patterns';
import { popKeys, subscribedChannels, xreadgroupInfo } from './redis-args';
import { patternOf, propOf, stringOf, type Value } from './values';

export type DestinationKind = 'channel' | 'list' | 'stream' | 'topic';

export interface Endpoint {
  kind: DestinationKind;
  role: 'produce' | 'consume';
  name: Value;
  /** How `name` matches: literally, as a Redis glob (PSUBSCRIBE) or as a RegExp (kafkajs topics). */
  match: 'exact' | 'glob' | 'regexp';
  fact: CallFact;
}

const LIST_PUSH = new Set(['LPUSH', 'RPUSH', 'LPUSHX', 'RPUSHX']);
const LIST_POP = new Set(['BRPOP', 'BLPOP', 'RPOP', 'LPOP']);
const LIST_MOVE = new Set(['BLMOVE', 'LMOVE', 'BRPOPLPUSH', 'RPOPLPUSH']);

export function endpointsOf(fact: CallFact): Endpoint[] {
  const out: Endpoint[] = [];
  const add = (kind: DestinationKind, role: Endpoint['role'], name: Value | undefined, match: Endpoint['match'] = 'exact') => {
    // librdkafka subscribes by regular expression when a topic name starts with `^`.
    if (kind === 'topic' && role === 'consume' && name?.kind === 'string' && name.value.startsWith('^')) name = { kind: 'regexp', source: `/${name.value}/`, node: name.node };
    if (name) out.push({ kind, role, name, match: name.kind === 'regexp' ? 'regexp' : match, fact });
  };
  if (fact.family === 'redis') {
    const c = fact.command;
    if (c === 'PUBLISH' || c === 'SPUBLISH') add('channel', 'produce', fact.args[0]);
    else if (c === 'SUBSCRIBE' || c === 'SSUBSCRIBE') subscribedChannels(fact).forEach((v) => add('channel', 'consume', v));
    else if (c === 'PSUBSCRIBE') subscribedChannels(fact).forEach((v) => add('channel', 'consume', v, 'glob'));
    else if (c === 'XADD') add('stream', 'produce', fact.args[0]);
    else if (c === 'XREADGROUP') xreadgroupInfo(fact).keys.forEach((k) => add('stream', 'consume', k));
    else if (c === 'XREAD') xreadKeys(fact).forEach((k) => add('stream', 'consume', k));
    else if (c === 'XRANGE' || c === 'XREVRANGE') add('stream', 'consume', fact.args[0]);
    else if (LIST_PUSH.has(c)) add('list', 'produce', fact.args[0]);
    else if (LIST_POP.has(c)) popKeys(fact).forEach((k) => add('list', 'consume', k));
    else if (LIST_MOVE.has(c)) {
      add('list', 'consume', fact.args[0]);
      add('list', 'produce', fact.args[1]);
    }
    return out;
  }
  const m = fact.command;
  if ((m === 'send' || m === 'sendBatch') && fact.client.role !== 'consumer') {
    const record = fact.args[0];
    if (m === 'send') add('topic', 'produce', propOf(record, 'topic') ?? unknownFrom(record));
    else {
      const batches = propOf(record, 'topicMessages');
      if (batches?.kind === 'array') batches.elements.forEach((b) => add('topic', 'produce', propOf(b, 'topic') ?? unknownFrom(b)));
      else add('topic', 'produce', unknownFrom(record));
    }
  } else if (m === 'produce') add('topic', 'produce', fact.args[0]);
  else if (m === 'subscribe' && fact.client.role !== 'producer') {
    const arg = fact.args[0];
    if (arg?.kind === 'array') arg.elements.forEach((t) => add('topic', 'consume', t));
    else if (arg?.kind === 'object') {
      const one = arg.props.get('topic');
      const many = arg.props.get('topics');
      if (one) add('topic', 'consume', one);
      if (many?.kind === 'array') many.elements.forEach((t) => add('topic', 'consume', t));
      else if (many) add('topic', 'consume', many);
      if (!one && !many) add('topic', 'consume', unknownFrom(arg));
    } else add('topic', 'consume', arg ?? unknownFrom(undefined));
  }
  return out;
}

function unknownFrom(v: Value | undefined): Value {
  return { kind: 'unknown', names: [], node: v?.node };
}

function xreadKeys(fact: CallFact): Value[] {
  if (fact.client.kind === 'node-redis' && !fact.generic) {
    const streams = fact.args[0];
    const list = streams?.kind === 'array' ? streams.elements : streams ? [streams] : [];
    return list.map((s) => propOf(s, 'key') ?? unknownFrom(s));
  }
  const tokens = fact.args.map((a) => stringOf(a)?.toUpperCase());
  const at = tokens.indexOf('STREAMS');
  if (at < 0) return [unknownFrom(undefined)];
  const rest = fact.args.slice(at + 1);
  return fact.argsComplete ? rest.slice(0, Math.floor(rest.length / 2)) : [unknownFrom(undefined)];
}

/** A test of names against a known-or-partly-known name; `undefined` when nothing is known (or the pattern is not understood). */
function matcherOf(v: Value, match: Endpoint['match']): ((name: string) => boolean) | undefined {
  if (v.kind === 'regexp') {
    const m = /^\/(.*)\/([a-z]*)$/s.exec(v.source);
    const pattern = m ? safeRegExp(m[1], m[2]) : undefined;
    // A name too long to test safely may match, as a pattern not understood may.
    return pattern ? (name) => name.length > MAX_TESTED_NAME || pattern.test(name) : undefined;
  }
  const p = patternOf(v);
  if (p === undefined) return undefined;
  if (match === 'glob') {
    const parts = globParts(p);
    return (name) => globMatches(parts, name);
  }
  if (v.kind === 'template') {
    const parts = templateParts(v.parts);
    return (name) => globMatches(parts, name);
  }
  return (name) => name === p;
}

/** Could these two endpoints name the same destination? Unknown names may be anything. */
export function mayBeSame(a: Pick<Endpoint, 'name' | 'match'>, b: Pick<Endpoint, 'name' | 'match'>): boolean {
  const sa = stringOf(a.name);
  const sb = stringOf(b.name);
  const ma = matcherOf(a.name, a.match);
  const mb = matcherOf(b.name, b.match);
  if (!ma || !mb) return true;
  if (sa !== undefined && a.match === 'exact') return mb(sa);
  if (sb !== undefined && b.match === 'exact') return ma(sb);
  // Two patterns: compare their literal prefixes.
  const prefix = (v: Value) => (v.kind === 'template' ? v.parts[0] ?? '' : (patternOf(v) ?? '').split('*')[0]);
  const pa = a.name.kind === 'regexp' ? '' : prefix(a.name);
  const pb = b.name.kind === 'regexp' ? '' : prefix(b.name);
  return pa.startsWith(pb) || pb.startsWith(pa);
}

/** A destination name worth showing: the known text with `*` for unknown parts. */
export function displayName(v: Value): string | undefined {
  if (v.kind === 'regexp') return v.source;
  return patternOf(v);
}
