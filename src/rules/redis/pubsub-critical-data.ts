// redis/pubsub-critical-data: PUBLISH/SPUBLISH whose channel or payload names data the business cannot afford to lose.
import ts from 'typescript';
import { unwrap } from '../../core/clients';
import type { CallFact } from '../../core/facts';
import { defineRule, type RuleContext } from '../../core/rule';
import type { Suggestion, TextEdit } from '../../core/types';
import type { Value } from '../../core/values';
import { DEFAULT_CRITICAL_VOCABULARY, DEFAULT_EPHEMERAL_VOCABULARY, findVocabulary, significantWords, wordsOf } from '../../core/vocabulary';
import { argNode, quote, showName } from '../shared';

const STREAM_MAX_LEN = 10000;
const MAX_DEPTH = 6;

interface Data {
  fact: CallFact;
  word: string;
  where: 'channel' | 'payload';
  channel: string;
}

/** Words of one piece of known text, without idioms such as "sort order" that are not business data. */
function textWords(text: string): string[] {
  return significantWords(wordsOf(text));
}

/**
 * Words of a string or the known parts of a template. A word that runs straight into an
 * unknown part may be a fragment of a longer one (`${prefix}order` could be `reorder`).
 */
function knownTextWords(v: Value | undefined): string[] {
  if (!v) return [];
  if (v.kind === 'string') return textWords(v.value);
  if (v.kind !== 'template') return [];
  const out: string[] = [];
  v.parts.forEach((part, i) => {
    if (part === null) return;
    const words = textWords(part);
    if (i > 0 && v.parts[i - 1] === null && /^[a-z0-9]/.test(part)) words.shift();
    out.push(...words);
  });
  return out;
}

/** Words a payload mentions: object keys, string values, and the names an unresolved expression uses. */
function payloadWords(v: Value | undefined, ctx: RuleContext, depth = 0): string[] {
  if (!v || depth > MAX_DEPTH) return [];
  switch (v.kind) {
    case 'string':
    case 'template':
      return knownTextWords(v);
    case 'encoded':
      return payloadWords(v.of, ctx, depth + 1);
    case 'array':
      return v.elements.flatMap((e) => payloadWords(e, ctx, depth + 1));
    case 'object':
      return [...[...v.props].flatMap(([k, p]) => [...textWords(k), ...payloadWords(p, ctx, depth + 1)]), ...spreadWords(v, ctx, depth)];
    case 'unknown':
      return v.names.flatMap(textWords);
    default:
      return [];
  }
}

/** `{ ...order, status }`: an unresolved spread still tells what the object carries. */
function spreadWords(v: Extract<Value, { kind: 'object' }>, ctx: RuleContext, depth: number): string[] {
  if (v.complete || !v.node || !ts.isObjectLiteralExpression(v.node)) return [];
  return v.node.properties.filter(ts.isSpreadAssignment).flatMap((s) => {
    const spread = ctx.values.resolve(s.expression);
    return spread.kind === 'object' ? [] : payloadWords(spread, ctx, depth + 1);
  });
}

function vocabularies(ctx: RuleContext): { critical: readonly string[]; ephemeral: readonly string[] } {
  return {
    critical: ctx.config.criticalVocabulary ?? DEFAULT_CRITICAL_VOCABULARY,
    ephemeral: ctx.config.ephemeralVocabulary ?? DEFAULT_EPHEMERAL_VOCABULARY,
  };
}

function classify(fact: CallFact, ctx: RuleContext): Data | undefined {
  const channelWords = knownTextWords(fact.args[0]);
  // Nothing known about the channel: it may as well be a cache-invalidation channel.
  if (channelWords.length === 0) return undefined;
  const payload = payloadWords(fact.args[1], ctx);
  const { critical, ephemeral } = vocabularies(ctx);
  if (findVocabulary([...channelWords, ...payload], ephemeral)) return undefined;
  const inChannel = findVocabulary(channelWords, critical);
  const hit = inChannel ?? findVocabulary(payload, critical);
  if (!hit) return undefined;
  return { fact, word: hit.word, where: inChannel ? 'channel' : 'payload', channel: showName(fact.args[0]) };
}

/** The command-name literal of `call('PUBLISH', …)` / `sendCommand(['PUBLISH', …])`, when written here. */
function commandLiteral(fact: CallFact): ts.StringLiteralLike | undefined {
  const first = fact.node.arguments[0] && unwrap(fact.node.arguments[0]);
  const node = first && ts.isArrayLiteralExpression(first) ? first.elements[0] : first;
  return node && ts.isStringLiteralLike(node) ? node : undefined;
}

/** Edits turning the publish into a capped XADD, or undefined when argument positions are not certain. */
function xaddEdits(fact: CallFact, ctx: RuleContext): TextEdit[] | undefined {
  const channel = argNode(fact, 0);
  const payload = argNode(fact, 1);
  if (!channel || !payload || !fact.argsComplete || fact.args.length !== 2) return undefined;
  const q = quote(ctx, ts.isStringLiteral(channel) ? channel : undefined);
  const callee = unwrap(fact.node.expression);
  if (fact.generic) {
    const literal = commandLiteral(fact);
    if (!literal) return undefined;
    const name = literal.text === literal.text.toLowerCase() ? 'xadd' : 'XADD';
    // node-redis sendCommand takes strings only; ioredis call() accepts numbers.
    const max = fact.client.kind === 'node-redis' ? q(String(STREAM_MAX_LEN)) : String(STREAM_MAX_LEN);
    return [
      { range: [literal.getStart(), literal.getEnd()], text: q(name) },
      { range: [channel.getEnd(), channel.getEnd()], text: `, ${q('MAXLEN')}, ${q('~')}, ${max}, ${q('*')}, ${q('payload')}` },
    ];
  }
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const name = callee.name;
  if (fact.client.kind === 'node-redis') {
    if (fact.node.arguments.length !== 2) return undefined;
    const trim = `{ TRIM: { strategy: ${q('MAXLEN')}, strategyModifier: ${q('~')}, threshold: ${STREAM_MAX_LEN} } }`;
    return [
      { range: [name.getStart(), name.getEnd()], text: 'xAdd' },
      { range: [channel.getEnd(), payload.getStart()], text: `, ${q('*')}, { payload: ` },
      { range: [payload.getEnd(), payload.getEnd()], text: ` }, ${trim}` },
    ];
  }
  return [
    { range: [name.getStart(), name.getEnd()], text: 'xadd' },
    { range: [channel.getEnd(), channel.getEnd()], text: `, ${q('MAXLEN')}, ${q('~')}, ${STREAM_MAX_LEN}, ${q('*')}, ${q('payload')}` },
  ];
}

export default defineRule<Data>({
  meta: {
    id: 'redis/pubsub-critical-data',
    description: 'Business-critical data published over Redis Pub/Sub, which delivers at most once and keeps nothing.',
    defaultSeverity: 'warning',
    fixKind: 'suggestion',
    docs: 'rules/redis/pubsub-critical-data.md',
    options: {},
  },
  *check(ctx) {
    for (const fact of ctx.file.calls) {
      if (fact.family !== 'redis' || (fact.command !== 'PUBLISH' && fact.command !== 'SPUBLISH')) continue;
      const data = classify(fact, ctx);
      if (data) yield { node: fact.node, data };
    }
  },
  message: ({ fact, word, where, channel }) =>
    `${fact.command} sends business-critical data over Redis Pub/Sub ('${word}' in ${where === 'channel' ? `the channel name ${channel}` : `the payload published on ${channel}`}). ` +
    'Pub/Sub is at-most-once and fire-and-forget: a subscriber that is down or reconnecting misses the message, and Redis stores nothing that could be replayed. ' +
    "For data that must not be lost, append it to a Stream instead (XADD with MAXLEN '~', read by a consumer group that XACKs each entry) or produce it to a Kafka topic.",
  suggest({ data: { fact } }, ctx): Suggestion[] {
    const edits = xaddEdits(fact, ctx);
    if (!edits) return [];
    return [{ desc: `Append to a capped Stream instead (XADD MAXLEN ~ ${STREAM_MAX_LEN}); consumers must then read it with XREADGROUP in a consumer group and XACK each entry`, edits }];
  },
});
