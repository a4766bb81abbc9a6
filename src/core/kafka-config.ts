// Kafka producer configuration readers: which creation arguments hold librdkafka or KafkaJS-style settings, and when a setting is certain.
import ts from 'typescript';
import { isLibrdkafka, kindOfDeclarationFile, type ClientKind } from './clients';
import type { CreationFact, FileFacts } from './facts';
import type { Value, ValueResolver } from './values';

/** `librdkafka`: dotted librdkafka properties (`linger.ms`); `kafkajs`: camelCase KafkaJS options (`acks`, `idempotent`). */
export type ConfigDialect = 'librdkafka' | 'kafkajs';

export interface ProducerConfig {
  creation: CreationFact;
  dialect: ConfigDialect;
  /** The resolved config object. */
  value: Value & { kind: 'object' };
  /** The creation argument this config comes from (always in the creation's file). */
  argNode: ts.Expression;
}

/**
 * The configuration objects that apply to producers made by this creation: node-rdkafka and
 * confluent rdkafka producers (global and topic config), confluent KafkaJS `kafka.producer(cfg)`
 * and the `new KafkaJS.Kafka(cfg)` common config its producers inherit (librdkafka keys at top
 * level, KafkaJS options under `kafkaJS`). kafkajs itself takes no librdkafka keys.
 */
export function producerConfigs(creation: CreationFact): ProducerConfig[] {
  const { client, node, args } = creation;
  if (!isLibrdkafka(client.kind)) return [];
  const argNodes = node.arguments ?? ts.factory.createNodeArray<ts.Expression>();
  const out: ProducerConfig[] = [];
  const add = (i: number, dialect: ConfigDialect, v: Value | undefined = args[i]) => {
    const arg = argNodes[i];
    if (v?.kind === 'object' && arg && !argNodes.slice(0, i + 1).some(ts.isSpreadElement)) out.push({ creation, dialect, value: v, argNode: arg });
  };
  if (client.kind === 'confluent-kafkajs') {
    const common = client.role === 'kafka' && ts.isNewExpression(node);
    if (client.role !== 'producer' && !common) return [];
    add(0, 'librdkafka');
    const config = args[0];
    if (config?.kind === 'object') add(0, 'kafkajs', config.props.get('kafkaJS'));
    return out;
  }
  if (client.role !== 'producer') return [];
  // new Producer(globalConf, topicConf) and createWriteStream(globalConf, topicConf, streamOptions)
  add(0, 'librdkafka');
  add(1, 'librdkafka');
  return out;
}

/**
 * Is `key` certainly set to `obj.props.get(key)`? Not when an unresolved spread written after
 * it (`{ acks: 1, ...overrides }`) may replace it.
 */
export function settingIsCertain(obj: Value, key: string, values: ValueResolver, depth = 0): boolean {
  if (obj.kind !== 'object' || !obj.props.has(key)) return false;
  if (obj.complete) return true;
  const literal = obj.node && unwrapExpr(obj.node);
  if (!literal || !ts.isObjectLiteralExpression(literal) || depth > 4) return false;
  let from = -1;
  let fromSpread: Value | undefined;
  literal.properties.forEach((p, i) => {
    if (ts.isSpreadAssignment(p)) {
      const spread = values.resolve(p.expression);
      if (spread.kind === 'object' && spread.props.has(key)) {
        from = i;
        fromSpread = spread;
      }
    } else if (values.propertyKey(p.name) === key) {
      from = i;
      fromSpread = undefined;
    }
  });
  if (from < 0) return false;
  if (fromSpread && !settingIsCertain(fromSpread, key, values, depth + 1)) return false;
  return literal.properties.slice(from + 1).every((p) => {
    if (!ts.isSpreadAssignment(p)) return values.propertyKey(p.name) !== undefined;
    const spread = values.resolve(p.expression);
    return spread.kind === 'object' && spread.complete && !spread.props.has(key);
  });
}

/** What an object literal is, going by the Kafka typings that type it by context. */
export type TypedLiteralUse = 'producer-config' | 'send' | 'message';

export interface TypedLiteral {
  literal: ts.ObjectLiteralExpression;
  use: TypedLiteralUse;
  dialect: ConfigDialect;
}

/** (package, type name) → what a literal of that contextual type is. */
const TYPED_LITERALS: Array<[ClientKind[], string[], TypedLiteralUse, ConfigDialect]> = [
  [['node-rdkafka', 'confluent-rdkafka'], ['ProducerGlobalConfig', 'ProducerTopicConfig'], 'producer-config', 'librdkafka'],
  [['confluent-kafkajs'], ['ProducerConstructorConfig', 'CommonConstructorConfig'], 'producer-config', 'librdkafka'],
  [['confluent-kafkajs'], ['ProducerConfig'], 'producer-config', 'kafkajs'],
  [['kafkajs'], ['ProducerRecord', 'ProducerBatch'], 'send', 'kafkajs'],
  [['kafkajs', 'confluent-kafkajs'], ['Message'], 'message', 'kafkajs'],
];

/**
 * With types: object literals the Kafka typings type by context — producer configs, kafkajs send
 * records and messages handed to wrappers (`createProducer(config: ProducerGlobalConfig)`,
 * `publish(messages: Message[])`), which no creation or send in the file shows directly.
 * Only literals `relevant` admits are classified: asking the checker for a literal's contextual
 * type is the costly part, and a rule knows from the syntax which literals could matter to it.
 */
export function typedLiterals(file: FileFacts, checker: ts.TypeChecker, use: TypedLiteralUse, relevant: (literal: ts.ObjectLiteralExpression) => boolean = () => true): TypedLiteral[] {
  // A file no client reaches has no literal typed by client typings either (the pre-filter's invariant): skip the checker.
  if (!file.analysed) return [];
  const sf = file.sourceFile;
  // Shared by the rules that ask, and kept with the facts: a kept analysis meets a new checker with the same answers.
  let known = file.literalTypes;
  if (!known) file.literalTypes = known = new Map();
  const out: TypedLiteral[] = [];
  for (const literal of literalsOf(sf)) {
    if (!relevant(literal)) continue;
    let hit = known.get(literal);
    if (hit === undefined) known.set(literal, (hit = classify(contextualType(checker, literal)) ?? null));
    if (hit && hit[0] === use) out.push({ literal, use: hit[0], dialect: hit[1] });
  }
  return out;
}

const literalCache = new WeakMap<ts.SourceFile, ts.ObjectLiteralExpression[]>();

/** Every object literal of a file, in document order. */
function literalsOf(sf: ts.SourceFile): ts.ObjectLiteralExpression[] {
  let found = literalCache.get(sf);
  if (found) return found;
  const list: ts.ObjectLiteralExpression[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isObjectLiteralExpression(n)) list.push(n);
    n.forEachChild(visit);
  };
  visit(sf);
  literalCache.set(sf, (found = list));
  return found;
}

/** Could this literal's resolved value hold one of `keys`: written there, or brought by a spread or a computed name? */
export function mayHoldKey(literal: ts.ObjectLiteralExpression, keys: ReadonlySet<string>): boolean {
  return literal.properties.some((p) => {
    if (ts.isSpreadAssignment(p) || !p.name || ts.isComputedPropertyName(p.name)) return true;
    return (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) || ts.isNumericLiteral(p.name) || ts.isPrivateIdentifier(p.name)) && keys.has(p.name.text);
  });
}

function contextualType(checker: ts.TypeChecker, n: ts.ObjectLiteralExpression): ts.Type | undefined {
  try {
    return checker.getContextualType(n);
  } catch {
    return undefined;
  }
}

function classify(type: ts.Type | undefined): [TypedLiteralUse, ConfigDialect] | undefined {
  if (!type) return undefined;
  for (const t of type.isUnion() ? type.types : [type]) {
    const sym = t.aliasSymbol ?? t.getSymbol();
    if (!sym) continue;
    const name = sym.getName();
    for (const d of sym.declarations ?? []) {
      const kind = kindOfDeclarationFile(d.getSourceFile().fileName);
      const row = kind && TYPED_LITERALS.find(([kinds, names]) => kinds.includes(kind) && names.includes(name));
      if (row) return [row[2], row[3]];
    }
  }
  return undefined;
}

export type InlineLiteral = ts.NumericLiteral | ts.StringLiteral | ts.PrefixUnaryExpression;

/** The property's own initializer when it is the literal that set the value (not a reference to a constant): what a fix may rewrite. */
export function inlineLiteral(prop: ts.Node, v: Value | undefined): InlineLiteral | undefined {
  if (!ts.isPropertyAssignment(prop) || !v?.node) return undefined;
  let init: ts.Expression = prop.initializer;
  while (ts.isParenthesizedExpression(init)) init = init.expression;
  if (init !== v.node) return undefined;
  if (ts.isNumericLiteral(init) || ts.isStringLiteral(init)) return init;
  if (ts.isPrefixUnaryExpression(init) && init.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(init.operand)) return init;
  return undefined;
}

function unwrapExpr(node: ts.Node): ts.Node {
  let n = node;
  while (ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isSatisfiesExpression(n) || ts.isTypeAssertionExpression(n)) n = n.expression;
  return n;
}
