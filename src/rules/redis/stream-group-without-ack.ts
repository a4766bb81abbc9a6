// redis/stream-group-without-ack: consumer-group reads on streams nothing acknowledges, or read with NOACK.
import { mayBeSame } from '../../core/destinations';
import type { CallFact } from '../../core/facts';
import { firstKey, xreadgroupInfo } from '../../core/redis-args';
import { defineRule, type RuleContext } from '../../core/rule';
import type { Value } from '../../core/values';
import type { WorkspaceIndex } from '../../core/workspace';
import { showName } from '../shared';

interface Data {
  noack: boolean;
  keys: string;
}

/** Commands that remove an entry from a group's pending list. */
const ACKS = ['XACK', 'XACKDEL'];
/** Matched only where `redis.` starts (sticky): Lua spells its API in lower case, the command's case is free. */
const LUA_ACK = /redis\.p?call\(\s*['"]xack(del)?['"]/iy;

/**
 * The last answer per file, by text: a long-lived caller (the language server) asks again after
 * every edit, and one edit changes one file. Holds at most one text per workspace file.
 */
const luaAcks = new Map<string, { text: string; acks: boolean }>();

function fileAcksFromLua(path: string, text: string): boolean {
  const known = luaAcks.get(path);
  if (known && known.text === text) return known.acks;
  const acks = acksFromLua(text);
  luaAcks.set(path, { text, acks });
  return acks;
}

/** Does the text call XACK from Lua? A plain search finds the candidates; the pattern runs only there. */
function acksFromLua(text: string): boolean {
  for (let at = text.indexOf('redis.'); at >= 0; at = text.indexOf('redis.', at + 1)) {
    LUA_ACK.lastIndex = at;
    if (LUA_ACK.test(text)) return true;
  }
  return false;
}

export default defineRule<Data>({
  meta: {
    id: 'redis/stream-group-without-ack',
    description: 'Consumer-group reads (XREADGROUP) on a stream that is never XACKed, or read with NOACK, so delivery is never confirmed.',
    defaultSeverity: 'warning',
    fixKind: 'none',
    docs: 'rules/redis/stream-group-without-ack.md',
    options: {},
  },
  *check(ctx) {
    for (const fact of ctx.file.calls) {
      if (fact.family !== 'redis' || fact.command !== 'XREADGROUP') continue;
      const info = xreadgroupInfo(fact);
      if (info.noack === true) {
        yield { node: fact.node, data: { noack: true, keys: describe(info.keys) } };
        continue;
      }
      const unacked = unacknowledgedKeys(info.keys, ctx);
      if (unacked) yield { node: fact.node, data: { noack: false, keys: describe(unacked) } };
    }
  },
  message: ({ noack, keys }) =>
    noack
      ? `XREADGROUP reads ${keys} with NOACK: entries are never added to the group's pending list, so a consumer that crashes after reading loses them — Pub/Sub's at-most-once delivery at the price of a stream. ` +
        'Drop NOACK and XACK each entry after processing it, so an entry stays pending (like an uncommitted Kafka offset) until someone has really handled it.'
      : `XREADGROUP reads ${keys} through a consumer group, but nothing in the workspace XACKs that stream, so every delivered entry stays in the pending list forever. ` +
        'The pending list grows without bound and cannot tell finished work from work lost with a crashed consumer, which defeats the point of a group — acknowledgement is what Kafka does by committing offsets. ' +
        'XACK each entry on the same key and group once it has been processed.',
});

/**
 * Keys of this read that no XACK may match, or undefined when every key may be acknowledged.
 * An unknown read key counts as unacknowledged only when the workspace acknowledges nothing at all.
 */
function unacknowledgedKeys(keys: Value[], ctx: RuleContext): Value[] | undefined {
  const ackKeys = ackedKeys(ctx);
  if (ackKeys.length === 0) return keys;
  const missing = keys.filter((k) => isKnownName(k) && !ackKeys.some((a) => matches(k, a)));
  return missing.length > 0 ? missing : undefined;
}

const ackCache = new WeakMap<WorkspaceIndex, Array<Value | undefined>>();

/** Keys the workspace acknowledges; `undefined` for an acknowledgement whose key is not known. */
function ackedKeys(ctx: RuleContext): Array<Value | undefined> {
  const hit = ackCache.get(ctx.index);
  if (hit) return hit;
  const out: Array<Value | undefined> = ctx.index.callsOf(...ACKS).filter(isRedis).map(firstKey);
  // A Lua script that acknowledges (EVAL, defineCommand, defineScript): its keys arrive as arguments we do not map.
  if ([...ctx.index.texts].some(([path, text]) => fileAcksFromLua(path, text))) out.push(undefined);
  ackCache.set(ctx.index, out);
  return out;
}

function isRedis(fact: CallFact): boolean {
  return fact.family === 'redis';
}

/** A read key and an acknowledged key may be the same; an unknown acknowledged key may be anything. */
function matches(read: Value, acked: Value | undefined): boolean {
  if (!acked || !isKnownName(acked)) return true;
  return mayBeSame({ name: read, match: 'exact' }, { name: acked, match: 'exact' });
}

/** A name with some literal text to compare. */
function isKnownName(v: Value): boolean {
  if (v.kind === 'string' || v.kind === 'number') return true;
  return v.kind === 'template' && v.parts.some((p) => p !== null && p.length > 0);
}

function describe(keys: Value[]): string {
  const known = keys.filter(isKnownName);
  if (known.length === 0) return 'a stream';
  return `stream ${known.map(showName).join(', ')}`;
}
