// Delivery semantics of each recognised Redis/Kafka call family, for hovers on calls no rule flagged.
import type { CallFact } from '../core/facts';

export interface SemanticsNote {
  /** Short headline, e.g. "Redis Pub/Sub: at-most-once, no replay". */
  title: string;
  detail: string;
}

const PUBSUB: SemanticsNote = {
  title: 'Redis Pub/Sub: at-most-once, no replay',
  detail: 'A message reaches only the subscribers connected at that moment. Nothing is stored: a subscriber that is down or reconnecting misses it for good.',
};
const LIST_PUSH: SemanticsNote = {
  title: 'Redis list queue: kept in memory until popped, no ack',
  detail: 'Items wait in the list until a worker pops them. Popping removes them at once, so there is no acknowledgement and no replay.',
};
const LIST_POP: SemanticsNote = {
  title: 'Redis list pop: no ack',
  detail: 'The item leaves the list when it is popped. If the worker crashes before finishing, the item is lost; use BLMOVE into a processing list for a reliable queue.',
};
const LIST_MOVE: SemanticsNote = {
  title: 'Redis reliable queue (LMOVE/BLMOVE): at-least-once if the processing list is drained',
  detail: 'The item moves atomically into a processing list; remove it (LREM) when the work is done and re-queue items left there by crashed workers.',
};
const STREAM_ADD: SemanticsNote = {
  title: 'Redis Streams append: retained until trimmed, replayable',
  detail: 'Entries stay in the stream until MAXLEN/MINID trimming removes them; readers and consumer groups can re-read anything still retained.',
};
const STREAM_GROUP: SemanticsNote = {
  title: 'Redis Streams with consumer groups: at-least-once with XACK, replay while retained',
  detail: 'Delivered entries stay in the group\'s pending list until XACK; entries of crashed consumers can be claimed (XAUTOCLAIM) and re-processed.',
};
const STREAM_READ: SemanticsNote = {
  title: 'Redis Streams read without a group: reader tracks its own position, replay while retained',
  detail: 'XREAD/XRANGE do not acknowledge anything; the reader decides where to resume, which allows replay of retained entries.',
};
const KAFKA_PRODUCER: SemanticsNote = {
  title: 'Kafka producer: durable replicated log, durability set by acks',
  detail: 'Records are appended to a partition log replicated across brokers. With acks -1 (all) a send completes once the in-sync replicas have it; records are retained by time/size, not by consumption.',
};
const KAFKA_CONSUMER: SemanticsNote = {
  title: 'Kafka consumer: offsets committed per group, replay by seeking',
  detail: 'The group commits how far it has read; processing before the commit gives at-least-once. Any retained record can be read again by seeking or resetting offsets.',
};

const REDIS: Record<string, SemanticsNote> = {
  PUBLISH: PUBSUB, SPUBLISH: PUBSUB, SUBSCRIBE: PUBSUB, PSUBSCRIBE: PUBSUB, SSUBSCRIBE: PUBSUB,
  LPUSH: LIST_PUSH, RPUSH: LIST_PUSH, LPUSHX: LIST_PUSH, RPUSHX: LIST_PUSH,
  LPOP: LIST_POP, RPOP: LIST_POP, BLPOP: LIST_POP, BRPOP: LIST_POP, LMPOP: LIST_POP, BLMPOP: LIST_POP,
  LMOVE: LIST_MOVE, BLMOVE: LIST_MOVE, RPOPLPUSH: LIST_MOVE, BRPOPLPUSH: LIST_MOVE,
  XADD: STREAM_ADD,
  XREADGROUP: STREAM_GROUP, XACK: STREAM_GROUP, XAUTOCLAIM: STREAM_GROUP, XCLAIM: STREAM_GROUP, XPENDING: STREAM_GROUP, XGROUP: STREAM_GROUP,
  XREAD: STREAM_READ, XRANGE: STREAM_READ, XREVRANGE: STREAM_READ,
};
const KAFKA_PRODUCING = new Set(['send', 'sendBatch', 'produce', 'producer', 'transaction']);
const KAFKA_CONSUMING = new Set(['consumer', 'subscribe', 'run', 'consume', 'commitOffsets', 'commit', 'commitSync']);

/** The note for a recognised call, or undefined for calls without delivery semantics (GET, connect, …). */
export function semanticsOf(call: Pick<CallFact, 'family' | 'command'>): SemanticsNote | undefined {
  if (call.family === 'redis') return REDIS[call.command.toUpperCase()];
  if (KAFKA_PRODUCING.has(call.command)) return KAFKA_PRODUCER;
  if (KAFKA_CONSUMING.has(call.command)) return KAFKA_CONSUMER;
  return undefined;
}
