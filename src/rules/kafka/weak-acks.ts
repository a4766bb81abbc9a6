// kafka/weak-acks: producers that accept a write before the in-sync replicas have it (acks 0 or 1), in kafkajs sends and producer configs.
import ts from 'typescript';
import type { CallFact } from '../../core/facts';
import { inlineLiteral, mayHoldKey, producerConfigs, settingIsCertain, typedLiterals, type ConfigDialect, type InlineLiteral } from '../../core/kafka-config';
import { defineRule, type RuleContext, type Signal } from '../../core/rule';
import type { TextEdit } from '../../core/types';
import { numberOf, type Value } from '../../core/values';
import type { WorkspaceIndex } from '../../core/workspace';
import { argNode, inFile, quote } from '../shared';

interface Data {
  key: string;
  acks: number;
  dialect: ConfigDialect;
  /** The literal the fix may rewrite: written inline at the property, in this file. */
  literal?: InlineLiteral;
}

const LIBRDKAFKA_KEYS = ['acks', 'request.required.acks'];
/** A literal without these sets no acks (in either dialect). */
const ACK_KEYS = new Set(LIBRDKAFKA_KEYS);

export default defineRule<Data>({
  meta: {
    id: 'kafka/weak-acks',
    description: 'Kafka producer configured with acks 0 or 1, so a message the producer saw as sent can still be lost when a broker fails.',
    defaultSeverity: 'warning',
    fixKind: 'fix',
    docs: 'rules/kafka/weak-acks.md',
    options: {},
  },
  *check(ctx) {
    const reported = new Set<string>();
    const once = function* (signal: Signal<Data> | undefined) {
      if (!signal) return;
      const id = `${signal.node.getStart()}:${signal.data.key}`;
      if (reported.has(id)) return;
      reported.add(id);
      yield signal;
    };
    for (const { value, key, dialect, send } of settingsByFile(ctx.index).get(ctx.file.file) ?? []) {
      const at = send?.file === ctx.file.file ? argNode(send, 0) : undefined;
      yield* once(weakSetting(value, key, dialect, at, ctx));
    }
    if (!ctx.typed) return;
    // Configs and send records handed to wrappers, known by the typings that type them.
    for (const use of ['producer-config', 'send'] as const) {
      for (const { literal, dialect } of typedLiterals(ctx.file, ctx.checker, use, (l) => mayHoldKey(l, ACK_KEYS))) {
        const keys = dialect === 'kafkajs' ? ['acks'] : LIBRDKAFKA_KEYS;
        // Only the acks settings are read: the rest of a send (its messages) is left unresolved.
        const value = ctx.values.resolveObjectKeys(literal, new Set(keys));
        for (const key of keys) yield* once(weakSetting(value, key, dialect, literal, ctx));
      }
    }
  },
  message: ({ key, acks }) =>
    (acks === 0
      ? `${key} is 0: the producer does not wait for the broker at all, so a failed or rejected write looks exactly like a successful one. `
      : `${key} is 1: the partition leader confirms the write before any follower has the record, so if the leader fails in that window the acknowledged message is lost. `) +
    "Kafka's durability comes from replication: with acks all (-1) the leader answers only once every in-sync replica has the record. " +
    "Use acks all (remove the override, it is the default) or, if losing messages is acceptable, ask whether Redis fits this path better.",
  fix({ data: { literal, dialect } }, ctx): TextEdit[] | undefined {
    if (!literal || !inFile(literal, ctx)) return undefined;
    const text = dialect === 'librdkafka' && ts.isStringLiteral(literal) ? quote(ctx, literal)('all') : '-1';
    return [{ range: [literal.getStart(), literal.getEnd()], text }];
  },
});

/** An acks setting some file may report: a send's record, or a producer config, with the key it may set. */
interface Setting {
  value: Value | undefined;
  key: string;
  dialect: ConfigDialect;
  /** The send whose record it is: without a property node, the send's own file reports it at the record. */
  send?: CallFact;
}

/**
 * Every acks setting of the workspace, by the file that reports it: the file where the property is
 * written, which may be a config module far from the producer or send it configures (a shared
 * options object); for a send's record without a known property node, the send's file.
 */
function settingsByFile(index: WorkspaceIndex): Map<string, Setting[]> {
  return index.memo('kafka/weak-acks', () => {
    const byFile = new Map<string, Setting[]>();
    const add = (file: string | undefined, setting: Setting) => {
      if (file === undefined) return;
      const list = byFile.get(file) ?? [];
      list.push(setting);
      byFile.set(file, list);
    };
    const fileOf = (value: Value | undefined, key: string) => (value?.kind === 'object' ? value.propNodes.get(key)?.getSourceFile().fileName : undefined);
    for (const send of index.callsOf('send', 'sendBatch')) {
      if (isKafkajsSend(send)) add(fileOf(send.args[0], 'acks') ?? send.file, { value: send.args[0], key: 'acks', dialect: 'kafkajs', send });
    }
    for (const creation of index.creations) {
      for (const config of producerConfigs(creation)) {
        for (const key of config.dialect === 'kafkajs' ? ['acks'] : LIBRDKAFKA_KEYS) add(fileOf(config.value, key), { value: config.value, key, dialect: config.dialect });
      }
    }
    return byFile;
  });
}

/** kafkajs `producer.send(record)` / `sendBatch(batch)` / `transaction.send(record)`: the only sends that take `acks`. */
function isKafkajsSend(fact: CallFact): boolean {
  if (fact.client.kind !== 'kafkajs' || fact.client.role === 'consumer' || fact.client.role === 'admin') return false;
  return fact.command === 'send' || fact.command === 'sendBatch';
}

/** A weak acks setting, at its property when written in this file; `fallback` only when no property node is known. */
function weakSetting(obj: Value | undefined, key: string, dialect: ConfigDialect, fallback: ts.Node | undefined, ctx: RuleContext): Signal<Data> | undefined {
  if (obj?.kind !== 'object') return undefined;
  const prop = obj.propNodes.get(key);
  const here = inFile(prop, ctx);
  // A setting written in another file is that file's finding (asked first: every file sees every send).
  if (!here && (prop !== undefined || !fallback)) return undefined;
  const v = obj.props.get(key);
  const acks = numberOf(v);
  if (acks !== 0 && acks !== 1) return undefined;
  if (!settingIsCertain(obj, key, ctx.values)) return undefined;
  return { node: here ? prop : fallback!, data: { key, acks, dialect, literal: here ? inlineLiteral(prop, v) : undefined } };
}
