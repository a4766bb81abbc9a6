// kafka/tiny-linger: librdkafka producer configs that switch batching off (linger.ms below minLingerMs, batch.num.messages ≤ 1).
import ts from 'typescript';
import { inlineLiteral, mayHoldKey, producerConfigs, settingIsCertain, typedLiterals, type InlineLiteral } from '../../core/kafka-config';
import { defineRule, numberOption, type RuleContext } from '../../core/rule';
import type { TextEdit } from '../../core/types';
import { numberOf, type Value } from '../../core/values';
import { inFile, quote } from '../shared';

const meta = {
  id: 'kafka/tiny-linger',
  description: 'A librdkafka producer sets linger.ms below minLingerMs or batch.num.messages to 1 or less, which defeats Kafka batching.',
  defaultSeverity: 'warning' as const,
  fixKind: 'fix' as const,
  docs: 'rules/kafka/tiny-linger.md',
  options: {
    minLingerMs: { type: 'number' as const, default: 5, minimum: 0, description: "Smallest accepted linger.ms / queue.buffering.max.ms (librdkafka's own default is 5); the fix sets this value." },
  },
};

type ObjectValue = Extract<Value, { kind: 'object' }>;

const LINGER_KEYS = ['linger.ms', 'queue.buffering.max.ms'];
const BATCH_KEY = 'batch.num.messages';
/** A literal without these can set no linger or batch size. */
const CONFIG_KEYS = new Set([...LINGER_KEYS, BATCH_KEY]);

interface Data {
  key: string;
  value: number;
  min: number;
  /** The literal the fix may rewrite: written inline at the property, in this file. */
  literal?: InlineLiteral;
}

export default defineRule<Data>({
  meta,
  *check(ctx) {
    const min = numberOption(ctx, meta, 'minLingerMs');
    const reported = new Set<string>();
    for (const { value } of librdkafkaConfigs(ctx)) {
      for (const key of [...LINGER_KEYS, BATCH_KEY]) {
        const v = value.props.get(key);
        const n = numberOf(v);
        if (n === undefined || (key === BATCH_KEY ? n > 1 : n >= min)) continue;
        if (!settingIsCertain(value, key, ctx.values)) continue;
        const prop = value.propNodes.get(key);
        // Reported where the setting is written: a config module is linted on its own.
        if (!inFile(prop, ctx)) continue;
        const node = prop;
        const id = `${node.getStart()}:${key}`;
        if (reported.has(id)) continue;
        reported.add(id);
        const literal = key !== BATCH_KEY && inFile(prop, ctx) ? inlineLiteral(prop, v) : undefined;
        yield { node, data: { key, value: n, min, literal } };
      }
    }
  },
  message: ({ key, value, min }) =>
    key === BATCH_KEY
      ? `batch.num.messages is ${value} on this librdkafka producer, so every request to the broker carries a single message whatever linger.ms says. ` +
        "Kafka's throughput comes from batching, compression and sequential writes; one message per request pays a full round-trip and replication step each time. " +
        "Remove the override (librdkafka's default is 10000) or set a realistic batch size."
      : `${key} is ${value} on this librdkafka producer: librdkafka waits ${key} for a batch to fill, and at ${value} ms most messages go out in a request of their own, cutting throughput. ` +
        "Kafka's design relies on batching (and compression works per batch), while the latency saved is usually only a few milliseconds — if sub-millisecond delivery really matters, that is Redis territory. " +
        `Use at least ${min} ms, or remove the override (librdkafka's default is 5 ms).`,
  fix({ data: { literal, min } }, ctx): TextEdit[] | undefined {
    if (!literal || !inFile(literal, ctx)) return undefined;
    const text = ts.isStringLiteral(literal) ? quote(ctx, literal)(String(min)) : String(min);
    return [{ range: [literal.getStart(), literal.getEnd()], text }];
  },
});

/** librdkafka producer configs: given to a producer created in this file, or typed as one (with types). */
function* librdkafkaConfigs(ctx: RuleContext): Iterable<{ value: ObjectValue; argNode: ts.Node }> {
  for (const creation of ctx.index.creations) {
    for (const config of producerConfigs(creation)) if (config.dialect === 'librdkafka') yield config;
  }
  if (!ctx.typed) return;
  for (const { literal, dialect } of typedLiterals(ctx.file, ctx.checker, 'producer-config', (l) => mayHoldKey(l, CONFIG_KEYS))) {
    const value = ctx.values.resolve(literal);
    if (dialect === 'librdkafka' && value.kind === 'object') yield { value, argNode: literal };
  }
}
