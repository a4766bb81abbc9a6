// The fact model: every recognised Redis/Kafka call and client creation, normalised once per file.
import ts from 'typescript';
import { ClientRecognizer, familyOf, unwrap, type ClientRef, type Family } from './clients';
import { REDIS_COMMANDS } from './redis-commands';
import { ValueResolver, stringOf, type Value } from './values';
import type { WorkspaceScope } from './workspace';
import type { ConfigDialect, TypedLiteralUse } from './kafka-config';

export interface CallFact {
  file: string;
  node: ts.CallExpression;
  client: ClientRef;
  family: Family;
  /** The method as written: `xAdd`, `call`, `send`. */
  method: string;
  /** Redis: the uppercase command (`XADD`), also for `call('xadd', …)`. Kafka: the method name. */
  command: string;
  /** Command arguments (after the command name for generic forms), spreads flattened. */
  args: Value[];
  /** False when a spread or forwarded array hides some arguments. */
  argsComplete: boolean;
  /** How many leading `args` sit at certain positions (all of them when complete). */
  knownPrefix: number;
  /** `call(...)`, `sendCommand([...])`: arguments are in wire order whatever the client. */
  generic: boolean;
  /** Call arguments before the command's own: 1 for node-redis v4 `commandOptions(…)` passed first. */
  argOffset?: number;
  receiver: ts.Expression;
  /** The variable/field/parameter the receiving connection lives in, when it has one. */
  binding?: ts.Declaration;
}

export interface CreationFact {
  file: string;
  node: ts.CallExpression | ts.NewExpression;
  client: ClientRef;
  args: Value[];
}

export interface FileFacts {
  file: string;
  sourceFile: ts.SourceFile;
  calls: CallFact[];
  creations: CreationFact[];
  /**
   * False for a file the pre-filter proved no client reaches: it has no facts, and no object
   * literal typed by client typings either (in the program only for what other files need of it).
   */
  analysed: boolean;
  /**
   * Object literals classified by their contextual type as rules ask (kafka-config.ts
   * `typedLiterals`): answers that hold as long as these facts do, whatever checker asks next.
   */
  literalTypes?: Map<ts.ObjectLiteralExpression, readonly [TypedLiteralUse, ConfigDialect] | null>;
}

const KAFKA_METHODS = new Set([
  'send', 'sendBatch', 'produce', 'subscribe', 'run', 'connect', 'disconnect', 'commitOffsets', 'commit', 'commitSync',
  'consume', 'on', 'once', 'flush', 'producer', 'consumer', 'admin', 'transaction', 'createTopics',
]);
const GENERIC_REDIS = new Set(['call', 'callBuffer', 'send_command', 'sendCommand']);
const CREATION_METHODS = new Set(['producer', 'consumer', 'admin', 'duplicate', 'createClient', 'createCluster', 'createSentinel', 'createWriteStream', 'createReadStream']);
/** node-redis spellings that differ from `command.toLowerCase()`. */
const NODE_REDIS_VARIANTS: Record<string, string> = { xaddnomkstream: 'XADD', xautoclaimjustid: 'XAUTOCLAIM', xclaimjustid: 'XCLAIM', xackdel: 'XACKDEL', rpopcount: 'RPOP', lpopcount: 'LPOP' };

/** Cheap syntactic test: could this method name be a messaging call at all? */
export function isCandidateMethod(name: string): boolean {
  const lower = name.toLowerCase();
  return REDIS_COMMANDS.has(lower) || REDIS_COMMANDS.has(lower.replace(/buffer$/, '')) || NODE_REDIS_VARIANTS[lower] !== undefined || GENERIC_REDIS.has(name) || KAFKA_METHODS.has(name) || CREATION_METHODS.has(name);
}

export class FactExtractor {
  readonly values: ValueResolver;
  readonly clients: ClientRecognizer;

  constructor(checker: ts.TypeChecker, typed: boolean, workspace: readonly ts.SourceFile[] = [], scope?: WorkspaceScope) {
    this.values = new ValueResolver(checker, typed);
    this.clients = new ClientRecognizer(checker, typed, workspace, scope);
  }

  /**
   * The file's facts. `reached`, when given, says which top-level statements may handle a client
   * (the pre-filter's reach): the others hold no client call or creation, so they are not walked.
   */
  extract(sourceFile: ts.SourceFile, reached?: (statement: ts.Statement) => boolean): FileFacts {
    return this.extractFrom(sourceFile, reached ? sourceFile.statements.filter(reached) : sourceFile.statements);
  }

  /** The facts of these top-level statements of the file. */
  extractFrom(sourceFile: ts.SourceFile, statements: readonly ts.Statement[]): FileFacts {
    const facts: FileFacts = { file: sourceFile.fileName, sourceFile, calls: [], creations: [], analysed: true };
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) this.onCall(node, facts);
      else if (ts.isNewExpression(node)) this.onNew(node, facts);
      node.forEachChild(visit);
    };
    for (const statement of statements) visit(statement);
    return facts;
  }

  private onNew(node: ts.NewExpression, facts: FileFacts): void {
    const client = this.clients.creationOf(node);
    if (client) facts.creations.push({ file: facts.file, node, client, args: this.values.resolveArgs(node.arguments ?? []).values });
  }

  private onCall(node: ts.CallExpression, facts: FileFacts): void {
    const callee = unwrap(node.expression);
    const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
    if (!name || !isCandidateMethod(name)) return;
    if (CREATION_METHODS.has(name)) {
      const created = this.clients.creationOf(node);
      if (created) facts.creations.push({ file: facts.file, node, client: created, args: this.values.resolveArgs(node.arguments).values });
    }
    if (!ts.isPropertyAccessExpression(callee)) return;
    const client = this.clients.clientOfCall(node);
    if (!client) return;
    const fact = this.normalise(node, callee, client, facts.file);
    if (fact) facts.calls.push(fact);
  }

  private normalise(node: ts.CallExpression, callee: ts.PropertyAccessExpression, client: ClientRef, file: string): CallFact | undefined {
    const family = familyOf(client.kind);
    const method = callee.name.text;
    const base = { file, node, client, family, method, receiver: callee.expression, binding: this.clients.bindingOf(callee.expression) };
    if (family === 'kafka') {
      const { values, complete, knownPrefix } = this.values.resolveArgs(node.arguments);
      return { ...base, command: method, args: values, argsComplete: complete, knownPrefix, generic: false };
    }
    if (GENERIC_REDIS.has(method)) {
      let { values, complete, knownPrefix } = this.values.resolveArgs(node.arguments);
      // node-redis sendCommand(['XADD', ...]) and ioredis call('XADD', [args]).
      const nested = values.length >= 1 && values[0].kind === 'array' ? 0 : values.length === 2 && values[1].kind === 'array' ? 1 : -1;
      if (nested >= 0 && knownPrefix > nested) {
        const inner = node.arguments[nested];
        const array = values[nested];
        const flat = ts.isArrayLiteralExpression(unwrap(inner)) ? this.values.resolveArgs((unwrap(inner) as ts.ArrayLiteralExpression).elements) : undefined;
        values = [...values.slice(0, nested), ...(array.kind === 'array' ? array.elements : [])];
        complete = complete && (flat ? flat.complete : array.kind === 'array' && array.complete);
        knownPrefix = flat ? nested + flat.knownPrefix : complete ? values.length : nested;
      }
      const command = stringOf(values[0])?.toUpperCase();
      if (!command) return undefined;
      const args = values.slice(1).filter((v) => v.kind !== 'function');
      return { ...base, command, args, argsComplete: complete, knownPrefix: Math.max(0, Math.min(knownPrefix - 1, args.length)), generic: true };
    }
    const lower = method.toLowerCase();
    const command = NODE_REDIS_VARIANTS[lower] ?? (REDIS_COMMANDS.has(lower) ? lower.toUpperCase() : REDIS_COMMANDS.has(lower.replace(/buffer$/, '')) ? lower.replace(/buffer$/, '').toUpperCase() : method);
    const offset = client.kind === 'node-redis' && isCommandOptions(node.arguments[0]) ? 1 : 0;
    const { values, complete, knownPrefix } = this.values.resolveArgs(node.arguments.slice(offset));
    // ioredis accepts a trailing Node-style callback; it is not a command argument.
    const args = client.kind === 'ioredis' && values.length > 0 && values[values.length - 1].kind === 'function' ? values.slice(0, -1) : values;
    return { ...base, command, args, argsComplete: complete, knownPrefix: Math.min(knownPrefix, args.length), generic: false, ...(offset ? { argOffset: offset } : {}) };
  }
}

/** node-redis v4 `client.blPop(commandOptions({ isolated: true }), key, 0)`: per-call options, not a command argument. */
function isCommandOptions(arg: ts.Expression | undefined): boolean {
  const e = arg && unwrap(arg);
  if (!e || !ts.isCallExpression(e)) return false;
  const callee = unwrap(e.expression);
  return (ts.isIdentifier(callee) && callee.text === 'commandOptions') || (ts.isPropertyAccessExpression(callee) && callee.name.text === 'commandOptions');
}
