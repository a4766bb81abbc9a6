// Decides whether an expression is a Redis or Kafka client: by typings first, else by tracing the value to its package.
import ts from 'typescript';
import { isDefaultLib } from './program';
import { isExternalDeclaration } from './values';
import type { WorkspaceScope } from './workspace';

export type ClientKind = 'ioredis' | 'node-redis' | 'kafkajs' | 'confluent-kafkajs' | 'confluent-rdkafka' | 'node-rdkafka';
export type Role = 'redis' | 'pipeline' | 'kafka' | 'producer' | 'consumer' | 'admin';
export type Family = 'redis' | 'kafka';

export interface ClientRef {
  kind: ClientKind;
  role: Role;
  /** The `new`/factory call that made this client, when the trace reached it. */
  creation?: ts.CallExpression | ts.NewExpression;
}

type Pkg = 'ioredis' | 'redis' | 'kafkajs' | 'confluent' | 'node-rdkafka';

/** What a traced expression is: something a package exports, a client instance, or a workspace module. */
type Trace =
  | { t: 'pkg'; pkg: Pkg; path: string[] }
  | { t: 'client'; ref: ClientRef }
  | { t: 'module'; symbol: ts.Symbol };

export function familyOf(kind: ClientKind): Family {
  return kind === 'ioredis' || kind === 'node-redis' ? 'redis' : 'kafka';
}

/** librdkafka-based clients: they batch by `linger.ms` and take librdkafka configuration keys. */
export function isLibrdkafka(kind: ClientKind): boolean {
  return kind === 'confluent-kafkajs' || kind === 'confluent-rdkafka' || kind === 'node-rdkafka';
}

export function packageOfModule(specifier: string): Pkg | undefined {
  if (specifier === 'ioredis' || specifier.startsWith('ioredis/')) return 'ioredis';
  if (specifier === 'redis' || specifier === '@redis/client' || specifier.startsWith('@redis/client/')) return 'redis';
  if (specifier === 'kafkajs') return 'kafkajs';
  if (specifier === '@confluentinc/kafka-javascript' || specifier.startsWith('@confluentinc/kafka-javascript/')) return 'confluent';
  if (specifier === 'node-rdkafka') return 'node-rdkafka';
  return undefined;
}

/** The client kind whose typings declare something in this file, from the path's last `node_modules/<pkg>`. */
export function kindOfDeclarationFile(fileName: string): ClientKind | undefined {
  const idx = fileName.lastIndexOf('/node_modules/');
  if (idx < 0) return undefined;
  const rest = fileName.slice(idx + '/node_modules/'.length);
  const parts = rest.split('/');
  const name = parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  const pkg = packageOfModule(name) ?? (name.startsWith('@redis/') ? 'redis' : undefined);
  switch (pkg) {
    case 'ioredis':
      return 'ioredis';
    case 'redis':
      return 'node-redis';
    case 'kafkajs':
      return 'kafkajs';
    case 'node-rdkafka':
      return 'node-rdkafka';
    case 'confluent':
      return rest.endsWith('types/kafkajs.d.ts') ? 'confluent-kafkajs' : 'confluent-rdkafka';
    default:
      return undefined;
  }
}

const stripDefault = (path: string[]) => (path[0] === 'default' ? path.slice(1) : path);
const key = (path: string[]) => stripDefault(path).join('.');

/** `new <export>(...)` → client. */
const CONSTRUCTORS: Record<Pkg, Record<string, [ClientKind, Role]>> = {
  ioredis: { '': ['ioredis', 'redis'], Redis: ['ioredis', 'redis'], Cluster: ['ioredis', 'redis'], 'Redis.Cluster': ['ioredis', 'redis'], 'Redis.Redis': ['ioredis', 'redis'] },
  redis: {},
  kafkajs: { Kafka: ['kafkajs', 'kafka'] },
  confluent: {
    'KafkaJS.Kafka': ['confluent-kafkajs', 'kafka'],
    Producer: ['confluent-rdkafka', 'producer'],
    HighLevelProducer: ['confluent-rdkafka', 'producer'],
    KafkaConsumer: ['confluent-rdkafka', 'consumer'],
    'RdKafka.Producer': ['confluent-rdkafka', 'producer'],
    'RdKafka.HighLevelProducer': ['confluent-rdkafka', 'producer'],
    'RdKafka.KafkaConsumer': ['confluent-rdkafka', 'consumer'],
  },
  'node-rdkafka': { Producer: ['node-rdkafka', 'producer'], HighLevelProducer: ['node-rdkafka', 'producer'], KafkaConsumer: ['node-rdkafka', 'consumer'] },
};

/** `<export>(...)` → client. */
const FACTORIES: Record<Pkg, Record<string, [ClientKind, Role]>> = {
  ioredis: {},
  redis: { createClient: ['node-redis', 'redis'], createCluster: ['node-redis', 'redis'], createSentinel: ['node-redis', 'redis'] },
  kafkajs: {},
  confluent: {
    'Producer.createWriteStream': ['confluent-rdkafka', 'producer'],
    'RdKafka.Producer.createWriteStream': ['confluent-rdkafka', 'producer'],
    createWriteStream: ['confluent-rdkafka', 'producer'],
    'RdKafka.createWriteStream': ['confluent-rdkafka', 'producer'],
    'KafkaConsumer.createReadStream': ['confluent-rdkafka', 'consumer'],
    'RdKafka.KafkaConsumer.createReadStream': ['confluent-rdkafka', 'consumer'],
    createReadStream: ['confluent-rdkafka', 'consumer'],
    'RdKafka.createReadStream': ['confluent-rdkafka', 'consumer'],
  },
  'node-rdkafka': { 'Producer.createWriteStream': ['node-rdkafka', 'producer'], 'KafkaConsumer.createReadStream': ['node-rdkafka', 'consumer'], createWriteStream: ['node-rdkafka', 'producer'], createReadStream: ['node-rdkafka', 'consumer'] },
};

/** Type names (as imported) → client. */
const TYPES: Record<Pkg, Record<string, [ClientKind, Role]>> = {
  ioredis: { ...CONSTRUCTORS.ioredis, Pipeline: ['ioredis', 'pipeline'], ChainableCommander: ['ioredis', 'pipeline'], RedisCommander: ['ioredis', 'redis'] },
  redis: { RedisClientType: ['node-redis', 'redis'], RedisClusterType: ['node-redis', 'redis'], RedisSentinelType: ['node-redis', 'redis'] },
  kafkajs: { Kafka: ['kafkajs', 'kafka'], Producer: ['kafkajs', 'producer'], Transaction: ['kafkajs', 'producer'], Consumer: ['kafkajs', 'consumer'], Admin: ['kafkajs', 'admin'] },
  confluent: {
    ...CONSTRUCTORS.confluent,
    'KafkaJS.Producer': ['confluent-kafkajs', 'producer'],
    'KafkaJS.Consumer': ['confluent-kafkajs', 'consumer'],
    'KafkaJS.Admin': ['confluent-kafkajs', 'admin'],
  },
  'node-rdkafka': CONSTRUCTORS['node-rdkafka'],
};

/** Methods of a client that return another client (same kind). */
const DERIVED: Record<Role, Record<string, Role>> = {
  redis: { duplicate: 'redis', pipeline: 'pipeline', multi: 'pipeline' },
  pipeline: {},
  kafka: { producer: 'producer', consumer: 'consumer', admin: 'admin' },
  producer: { transaction: 'producer' },
  consumer: {},
  admin: {},
};

/** Methods whose result is a new connection (for connection-lifecycle rules). */
export function createsConnection(role: Role, method: string): boolean {
  return (role === 'redis' && method === 'duplicate') || (role === 'kafka' && (method === 'producer' || method === 'consumer' || method === 'admin'));
}

const MAX_DEPTH = 16;

/** Tracing ran past the current file's deadline: passes through every fallback of recognition up to the linter. */
export class AnalysisTimeout extends Error {}

export class ClientRecognizer {
  private readonly cache = new Map<ts.Node, Trace | null>();
  private readonly active = new Set<ts.Node>();
  private readonly activeSymbols = new Set<ts.Symbol>();
  /** `performance.now()` after which tracing throws AnalysisTimeout: the linter's per-file time cap, reaching inside one file's recognition. */
  deadline = Infinity;
  private readonly assignments = new Map<ts.SourceFile, Map<ts.Symbol, ts.Expression[]>>();

  private readonly sitesByFile = new Map<ts.SourceFile, Map<string, Array<ts.CallExpression | ts.NewExpression>>>();
  /** Per cached trace, the files whose call sites it read (see `scannedDuring`). */
  private readonly scannedBy = new Map<ts.Node, ReadonlySet<string>>();
  private readonly scanning: Set<string>[] = [];
  /** Trace steps one `clientRecipient` question may take (the tracer's cost grows fast on some graphs); spent: the answer is "maybe". */
  private steps = 0;
  private stepLimit = Infinity;
  private exhausted = false;

  /**
   * `workspace`: the workspace's source files, searched for call sites of untyped parameters; with a
   * `scope`, only the files it says may mention the function's name are searched.
   */
  constructor(private readonly checker: ts.TypeChecker, readonly typed: boolean, private readonly workspace: readonly ts.SourceFile[] = [], private readonly scope?: WorkspaceScope) {}

  /**
   * The client a method call is made on. `undefined` when not a client; with types, a
   * method the typings place outside the client packages is never a client call.
   */
  clientOfCall(call: ts.CallExpression): ClientRef | undefined {
    const callee = unwrap(call.expression);
    if (!ts.isPropertyAccessExpression(callee) && !ts.isElementAccessExpression(callee)) return undefined;
    const typedKind = this.typed ? this.kindFromTypings(callee) : undefined;
    if (typedKind === null) return undefined;
    const traced = this.clientOf(callee.expression);
    if (typedKind) {
      if (traced && traced.kind === typedKind) return traced;
      return { kind: typedKind, role: this.typedRole(callee, typedKind) };
    }
    return traced;
  }

  /** The client an expression evaluates to, if it can be traced (types first). */
  clientOf(expr: ts.Expression): ClientRef | undefined {
    const t = this.trace(expr, 0);
    if (t?.t === 'client') return t.ref;
    if (this.typed) return this.clientFromType(expr);
    return undefined;
  }

  /** `new X()` or `factory()` creating a client, with what it creates. */
  creationOf(node: ts.CallExpression | ts.NewExpression): ClientRef | undefined {
    const t = this.trace(node, 0);
    if (t?.t === 'client' && t.ref.creation === node) return t.ref;
    return undefined;
  }

  /**
   * Kind from the typings that declare the method: a ClientKind, `null` when the
   * declaration is the workspace's own (definitely not a client), `undefined` when unknown.
   */
  private kindFromTypings(callee: ts.PropertyAccessExpression | ts.ElementAccessExpression): ClientKind | null | undefined {
    const name = ts.isPropertyAccessExpression(callee) ? callee.name : callee.argumentExpression;
    let symbol: ts.Symbol | undefined;
    try {
      symbol = this.checker.getSymbolAtLocation(name);
    } catch {
      return undefined;
    }
    const decls = symbol?.declarations ?? [];
    if (decls.length > 0) {
      for (const d of decls) {
        const k = kindOfDeclarationFile(d.getSourceFile().fileName);
        if (k) return k;
      }
      if (decls.every((d) => !isExternalDeclaration(d))) return null;
      // Inherited from another package (EventEmitter's `on`): the receiver's own type decides.
      return this.clientFromType(callee.expression)?.kind ?? null;
    }
    const fromType = this.clientFromType(callee.expression);
    return fromType?.kind;
  }

  private clientFromType(expr: ts.Expression): ClientRef | undefined {
    let type: ts.Type;
    try {
      type = this.checker.getTypeAtLocation(expr);
    } catch {
      return undefined;
    }
    const candidates = type.isUnion() ? type.types : [type];
    for (const t of candidates) {
      const sym = t.aliasSymbol ?? t.getSymbol();
      for (const d of sym?.declarations ?? []) {
        const kind = kindOfDeclarationFile(d.getSourceFile().fileName);
        if (kind) return { kind, role: roleFromTypeName(kind, sym!.getName()) };
      }
    }
    return undefined;
  }

  private typedRole(callee: ts.PropertyAccessExpression | ts.ElementAccessExpression, kind: ClientKind): Role {
    const fromType = this.clientFromType(callee.expression);
    if (fromType) return fromType.role;
    return familyOf(kind) === 'redis' ? 'redis' : 'kafka';
  }

  /** False once a bounded question has used up its steps. */
  private step(): boolean {
    if (this.exhausted) return false;
    if (++this.steps > this.stepLimit) this.exhausted = true;
    return !this.exhausted;
  }

  private trace(node: ts.Expression, depth: number): Trace | undefined {
    const expr = unwrap(node);
    if (this.cache.has(expr)) {
      this.noteScanned(this.scannedBy.get(expr));
      return this.cache.get(expr) ?? undefined;
    }
    if (!this.step()) return undefined;
    if (depth > MAX_DEPTH || this.active.has(expr)) return undefined;
    this.checkDeadline();
    this.active.add(expr);
    this.scanning.push(new Set());
    let result: Trace | undefined;
    try {
      result = this.traceInner(expr, depth + 1);
    } catch (error) {
      if (error instanceof AnalysisTimeout) throw error;
      result = undefined;
    } finally {
      this.active.delete(expr);
      const scanned = this.scanning.pop()!;
      if (scanned.size > 0) this.scannedBy.set(expr, scanned);
      this.noteScanned(scanned);
    }
    this.cache.set(expr, result ?? null);
    return result;
  }

  /**
   * Runs `f` and returns, beside its result, the files whose call sites the traces it made (or
   * reused from the cache) read: what the result depends on beyond the imports of the code traced.
   */
  scannedDuring<T>(f: () => T): { result: T; scanned: ReadonlySet<string> } {
    this.scanning.push(new Set());
    let scanned = new Set<string>();
    try {
      const result = f();
      return { result, scanned: (scanned = this.scanning[this.scanning.length - 1]) };
    } finally {
      this.scanning.pop();
      this.noteScanned(scanned);
    }
  }

  private noteScanned(files: ReadonlySet<string> | undefined): void {
    const top = this.scanning[this.scanning.length - 1];
    if (top && files) for (const f of files) top.add(f);
  }

  private traceInner(expr: ts.Expression, depth: number): Trace | undefined {
    if (ts.isAwaitExpression(expr)) return this.trace(expr.expression, depth);
    if (ts.isIdentifier(expr)) return this.traceIdentifier(expr, depth);
    if (ts.isPropertyAccessExpression(expr)) return this.traceMember(expr, expr.name.text, depth);
    if (ts.isElementAccessExpression(expr) && ts.isStringLiteralLike(expr.argumentExpression)) {
      return this.traceMember(expr, expr.argumentExpression.text, depth);
    }
    if (ts.isNewExpression(expr)) return this.traceNew(expr, depth);
    if (ts.isCallExpression(expr)) return this.traceCall(expr, depth);
    if (ts.isBinaryExpression(expr)) {
      const op = expr.operatorToken.kind;
      if (op === ts.SyntaxKind.EqualsToken) return this.trace(expr.right, depth);
      if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) {
        return this.trace(expr.left, depth) ?? this.trace(expr.right, depth);
      }
      if (op === ts.SyntaxKind.QuestionQuestionEqualsToken || op === ts.SyntaxKind.BarBarEqualsToken) {
        return this.trace(expr.left, depth) ?? this.trace(expr.right, depth);
      }
    }
    if (ts.isConditionalExpression(expr)) return this.trace(expr.whenTrue, depth) ?? this.trace(expr.whenFalse, depth);
    return undefined;
  }

  private traceIdentifier(id: ts.Identifier, depth: number): Trace | undefined {
    const symbol = this.symbolAt(id);
    if (!symbol) return undefined;
    return this.traceSymbol(symbol, depth);
  }

  private traceSymbol(symbol: ts.Symbol, depth: number): Trace | undefined {
    if (!this.step()) return undefined;
    // TypeScript's own lib declares only lib things: tracing through them (JSON, Date, Promise…, whose
    // var and interface declarations lead to each other) ends nowhere, after a long detour.
    const decls = symbol.declarations ?? [];
    if (decls.length > 0 && decls.every((d) => isDefaultLib(d.getSourceFile()))) return undefined;
    // Declarations that name each other's types (`declare var X: X` merged across declaration files)
    // lead back to the same symbol without passing through `trace`: cut the cycle here.
    if (this.activeSymbols.has(symbol)) return undefined;
    this.checkDeadline();
    this.activeSymbols.add(symbol);
    try {
      return this.traceSymbolOnce(symbol, depth);
    } finally {
      this.activeSymbols.delete(symbol);
    }
  }

  private checkDeadline(): void {
    if (this.deadline !== Infinity && performance.now() > this.deadline) throw new AnalysisTimeout('the analysis time limit ran out');
  }

  private traceSymbolOnce(symbol: ts.Symbol, depth: number): Trace | undefined {
    let requiredModule: Trace | undefined;
    for (const decl of symbol.declarations ?? []) {
      const fromImport = this.traceImportDeclaration(decl, symbol, depth);
      if (fromImport !== undefined) return fromImport ?? undefined;
      // In JavaScript, `const X = require('pkg')` is an alias whose target may not resolve: read the initializer.
      if (ts.isVariableDeclaration(decl) || ts.isBindingElement(decl)) {
        const fromDecl = this.withAssignments(this.traceDeclaration(decl, depth), () => this.traceAssignments(symbol, decl, depth));
        // `require('./redis')` of a workspace module: the alias names the exported value (`module.exports = redis`).
        if (fromDecl?.t === 'module' && symbol.flags & ts.SymbolFlags.Alias) requiredModule ??= fromDecl;
        else if (fromDecl) return fromDecl;
      }
    }
    if (symbol.flags & ts.SymbolFlags.Alias) {
      const target = this.aliased(symbol);
      if (target && target !== symbol) return this.traceSymbol(target, depth) ?? requiredModule;
      return requiredModule;
    }
    if (symbol.flags & ts.SymbolFlags.ValueModule && symbol.valueDeclaration && ts.isSourceFile(symbol.valueDeclaration)) {
      return { t: 'module', symbol };
    }
    const decl = symbol.valueDeclaration ?? symbol.declarations?.[0];
    if (!decl) return undefined;
    return this.withAssignments(this.traceDeclaration(decl, depth), () => this.traceAssignments(symbol, decl, depth));
  }

  /**
   * A declared type (`let producer: Producer | undefined`) says what a binding holds; a later
   * assignment (`producer = kafka.producer(cfg)`) also says how it was created, which rules
   * reading the creation config need. Prefer the assignment when it adds that.
   */
  private withAssignments(declared: Trace | undefined, assigned: () => Trace | undefined): Trace | undefined {
    if (declared && !(declared.t === 'client' && !declared.ref.creation)) return declared;
    const later = assigned();
    if (!declared) return later;
    return later?.t === 'client' && later.ref.creation && later.ref.kind === declared.ref.kind ? later : declared;
  }

  /** Imports: `undefined` when `decl` is not an import, `null` when it is one of no interest. */
  private traceImportDeclaration(decl: ts.Declaration, symbol: ts.Symbol, depth: number): Trace | null | undefined {
    const fromSpecifier = (spec: ts.Expression, path: string[]): Trace | null => {
      if (!ts.isStringLiteralLike(spec)) return null;
      const pkg = packageOfModule(spec.text);
      if (pkg) return { t: 'pkg', pkg, path };
      const target = this.aliased(symbol);
      if (target && target !== symbol) return this.traceSymbol(target, depth) ?? null;
      return null;
    };
    if (ts.isImportClause(decl) && decl.name) return fromSpecifier(decl.parent.moduleSpecifier, ['default']);
    if (ts.isNamespaceImport(decl)) return fromSpecifier(decl.parent.parent.moduleSpecifier, []);
    if (ts.isImportSpecifier(decl)) {
      const imported = (decl.propertyName ?? decl.name).text;
      return fromSpecifier(decl.parent.parent.parent.moduleSpecifier, [imported]);
    }
    if (ts.isImportEqualsDeclaration(decl)) {
      const ref = decl.moduleReference;
      if (ts.isExternalModuleReference(ref)) return fromSpecifier(ref.expression, []);
      return null;
    }
    return undefined;
  }

  private traceDeclaration(decl: ts.Declaration, depth: number): Trace | undefined {
    if (ts.isVariableDeclaration(decl)) {
      if (ts.isIdentifier(decl.name)) {
        return (decl.initializer && this.trace(decl.initializer, depth)) || (decl.type && this.traceType(decl.type, depth)) || undefined;
      }
      return undefined;
    }
    if (ts.isBindingElement(decl)) return this.traceBindingElement(decl, depth);
    if (ts.isParameter(decl)) {
      return (decl.type && this.traceType(decl.type, depth)) || (decl.initializer && this.trace(decl.initializer, depth)) || this.traceFromCallSites(decl, [], depth);
    }
    if (ts.isPropertyDeclaration(decl) || ts.isPropertySignature(decl)) {
      const fromInit = ts.isPropertyDeclaration(decl) && decl.initializer ? this.trace(decl.initializer, depth) : undefined;
      return fromInit ?? this.withAssignments(decl.type ? this.traceType(decl.type, depth) : undefined, () => this.traceThisAssignments(decl, depth));
    }
    if (ts.isPropertyAssignment(decl)) return this.trace(decl.initializer, depth);
    if (ts.isShorthandPropertyAssignment(decl)) {
      const value = this.checker.getShorthandAssignmentValueSymbol(decl);
      return value ? this.traceSymbol(value, depth) : undefined;
    }
    if (ts.isGetAccessorDeclaration(decl)) return this.traceReturns(decl, depth);
    if (ts.isExportAssignment(decl)) return this.trace(decl.expression, depth);
    if (ts.isBinaryExpression(decl)) return this.trace(decl.right, depth);
    if (ts.isPropertyAccessExpression(decl) && ts.isBinaryExpression(decl.parent)) return this.trace(decl.parent.right, depth);
    return undefined;
  }

  private traceBindingElement(el: ts.BindingElement, depth: number): Trace | undefined {
    const pattern = el.parent;
    if (!ts.isObjectBindingPattern(pattern) || el.dotDotDotToken) return undefined;
    const owner = pattern.parent;
    const name = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : ts.isIdentifier(el.name) ? el.name.text : undefined;
    if (!name) return undefined;
    // constructor({ redis, producer }) — injected through an options object
    if (ts.isParameter(owner) && !owner.type) return this.traceFromCallSites(owner, [name], depth);
    if (!ts.isVariableDeclaration(owner) || !owner.initializer) return undefined;
    const base = this.trace(owner.initializer, depth);
    return base ? this.member(base, name, depth) : undefined;
  }

  /**
   * An untyped parameter holds a client when every call site in the workspace passes the
   * same kind of client there (hand-written dependency injection: `new Service({ redis })`).
   * `path` picks a property of an options-object argument.
   */
  private traceFromCallSites(param: ts.ParameterDeclaration, path: string[], depth: number): Trace | undefined {
    const fn = param.parent;
    const index = fn.parameters.indexOf(param);
    if (param.dotDotDotToken || index < 0) return undefined;
    const sites = this.callSitesOf(fn);
    if (sites.length === 0 || sites.length > 25) return undefined;
    let found: Trace | undefined;
    for (const site of sites) {
      const args = site.arguments ?? [];
      if (args.slice(0, index + 1).some(ts.isSpreadElement)) return undefined;
      let arg: ts.Expression | undefined = args[index];
      for (const key of path) arg = arg && propertyInitializer(unwrap(arg), key);
      const t = arg && this.trace(arg, depth);
      if (t?.t !== 'client' || (found?.t === 'client' && found.ref.kind !== t.ref.kind)) return undefined;
      // Which call made the client differs per site; keep only what they share.
      found = found ?? { t: 'client', ref: { kind: t.ref.kind, role: t.ref.role } };
    }
    return found;
  }

  /** Calls (`f(…)`, `obj.f(…)`) and constructions (`new C(…)`) that reach this function. */
  private callSitesOf(fn: ts.SignatureDeclaration): Array<ts.CallExpression | ts.NewExpression> {
    const target = ts.isConstructorDeclaration(fn) ? fn.parent : fn;
    const nameNode = (target as { name?: ts.Node }).name ?? (ts.isVariableDeclaration(fn.parent) ? fn.parent.name : undefined);
    if (!nameNode || !ts.isIdentifier(nameNode)) return [];
    const symbol = this.symbolAt(nameNode) ?? (target as { symbol?: ts.Symbol }).symbol;
    if (!symbol) return [];
    return this.callSitesNamed(nameNode.text).filter((site) => {
      const callee = unwrap(site.expression);
      const at = ts.isPropertyAccessExpression(callee) ? callee.name : callee;
      const s = this.symbolAt(at);
      return s !== undefined && (s === symbol || (s.flags & ts.SymbolFlags.Alias && this.aliased(s) === symbol));
    });
  }

  /** Calls and constructions whose callee is written `name(…)` or `x.name(…)`, in workspace order. */
  private callSitesNamed(name: string): Array<ts.CallExpression | ts.NewExpression> {
    const files = this.scope ? this.scope.filesMentioning([name]) : this.workspace;
    this.noteScanned(new Set(files.map((sf) => sf.fileName)));
    return files.flatMap((sf) => this.callSitesIn(sf).get(name) ?? []);
  }

  private callSitesIn(sf: ts.SourceFile): Map<string, Array<ts.CallExpression | ts.NewExpression>> {
    let index = this.sitesByFile.get(sf);
    if (index) return index;
    const found = new Map<string, Array<ts.CallExpression | ts.NewExpression>>();
    const visit = (n: ts.Node): void => {
      if ((ts.isCallExpression(n) || ts.isNewExpression(n)) && n.arguments && n.arguments.length > 0) {
        const callee = unwrap(n.expression);
        const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
        if (name) {
          const list = found.get(name) ?? [];
          list.push(n);
          found.set(name, list);
        }
      }
      n.forEachChild(visit);
    };
    visit(sf);
    index = found;
    this.sitesByFile.set(sf, index);
    return index;
  }

  /** Could any argument (or object-literal argument's property) trace to a client at all? Mirrors what `traceInner` follows. */
  static mayHandClient(site: ts.CallExpression | ts.NewExpression): boolean {
    return (site.arguments ?? []).some((arg) => {
      const e = unwrap(arg);
      if (ts.isObjectLiteralExpression(e)) return e.properties.some((p) => (ts.isPropertyAssignment(p) ? traceable(p.initializer) : ts.isShorthandPropertyAssignment(p)));
      return traceable(e);
    });
  }

  /** The workspace declaration a call or construction invokes (function, method or class), when it resolves to one. */
  calleeDeclaration(site: ts.CallExpression | ts.NewExpression): ts.Declaration | undefined {
    const symbol = this.resolvedSymbol(unwrap(site.expression));
    const decl = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
    return decl && !isExternalDeclaration(decl) ? decl : undefined;
  }

  /**
   * Does an argument, or a property of an object-literal argument, trace to a client? Then the
   * callee's untyped parameter holds one (see `traceFromCallSites`). A question that outgrows
   * `stepLimit` trace steps is answered yes: not knowing must not lose the callee.
   */
  handsClient(site: ts.CallExpression | ts.NewExpression, stepLimit = 5000): boolean {
    this.steps = 0;
    this.stepLimit = stepLimit;
    this.exhausted = false;
    const carries = (site.arguments ?? []).some((arg) => {
      if (ts.isSpreadElement(arg)) return false;
      if (this.trace(arg, 0)?.t === 'client') return true;
      const obj = unwrap(arg);
      if (!ts.isObjectLiteralExpression(obj)) return false;
      return obj.properties.some((p) => {
        const value = ts.isPropertyAssignment(p) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? p.name : undefined;
        return value !== undefined && this.trace(value, 0)?.t === 'client';
      });
    });
    const unsure = this.exhausted;
    this.stepLimit = Infinity;
    this.exhausted = false;
    // Traces cut short were cached as "no client": forget them.
    if (unsure) this.cache.clear();
    return carries || unsure;
  }

  private traceMember(expr: ts.PropertyAccessExpression | ts.ElementAccessExpression, name: string, depth: number): Trace | undefined {
    const nameNode = ts.isPropertyAccessExpression(expr) ? expr.name : expr.argumentExpression;
    const symbol = this.symbolAt(nameNode);
    if (symbol) {
      const decl = symbol.valueDeclaration ?? symbol.declarations?.[0];
      if (decl && !isExternalDeclaration(decl)) {
        const t = this.traceSymbol(symbol, depth);
        if (t) return t;
      }
    }
    const base = this.trace(expr.expression, depth);
    return base ? this.member(base, name, depth) : undefined;
  }

  private member(base: Trace, name: string, depth: number): Trace | undefined {
    if (base.t === 'pkg') return { t: 'pkg', pkg: base.pkg, path: [...base.path, name] };
    if (base.t === 'module') {
      const exported = this.checker.tryGetMemberInModuleExports(name, base.symbol);
      return exported ? this.traceSymbol(exported, depth) : undefined;
    }
    return undefined;
  }

  private traceNew(expr: ts.NewExpression, depth: number): Trace | undefined {
    const callee = this.trace(expr.expression, depth);
    if (callee?.t === 'pkg') {
      const hit = CONSTRUCTORS[callee.pkg][key(callee.path)];
      return hit ? { t: 'client', ref: { kind: hit[0], role: hit[1], creation: expr } } : undefined;
    }
    // A workspace class extending a client class.
    const cls = this.classDeclarationOf(expr.expression);
    if (cls) {
      const base = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
      if (base) {
        const t = this.trace(base.expression, depth);
        if (t?.t === 'pkg') {
          const hit = CONSTRUCTORS[t.pkg][key(t.path)];
          if (hit) return { t: 'client', ref: { kind: hit[0], role: hit[1], creation: expr } };
        }
      }
    }
    return undefined;
  }

  private traceCall(expr: ts.CallExpression, depth: number): Trace | undefined {
    const callee = unwrap(expr.expression);
    if (ts.isIdentifier(callee) && callee.text === 'require' && expr.arguments.length === 1) {
      const arg = expr.arguments[0];
      if (!ts.isStringLiteralLike(arg)) return undefined;
      const pkg = packageOfModule(arg.text);
      if (pkg) return { t: 'pkg', pkg, path: [] };
      const moduleSymbol = this.symbolAt(arg);
      return moduleSymbol ? { t: 'module', symbol: moduleSymbol } : undefined;
    }
    if (ts.isPropertyAccessExpression(callee)) {
      const method = callee.name.text;
      const base = this.trace(callee.expression, depth);
      if (base?.t === 'client') {
        // Pipelines and transactions chain: every queued command returns the pipeline again.
        const chained = base.ref.role === 'pipeline' && method !== 'exec' && method !== 'execBuffer' ? 'pipeline' : undefined;
        const role = DERIVED[base.ref.role][method] ?? chained;
        if (role) return { t: 'client', ref: { kind: base.ref.kind, role, creation: createsConnection(base.ref.role, method) ? expr : base.ref.creation } };
        return undefined;
      }
      if (base?.t === 'pkg') return this.factory(base.pkg, [...base.path, method], expr);
    }
    const target = this.trace(callee, depth);
    if (target?.t === 'pkg') return this.factory(target.pkg, target.path, expr);
    const fn = this.functionDeclarationOf(callee);
    return fn ? this.traceReturns(fn, depth) : undefined;
  }

  private factory(pkg: Pkg, path: string[], expr: ts.CallExpression): Trace | undefined {
    const hit = FACTORIES[pkg][key(path)];
    return hit ? { t: 'client', ref: { kind: hit[0], role: hit[1], creation: expr } } : undefined;
  }

  private traceReturns(fn: ts.SignatureDeclaration, depth: number): Trace | undefined {
    if (fn.type) {
      const t = this.traceType(fn.type, depth);
      if (t) return t;
    }
    const body = (fn as ts.FunctionLikeDeclaration).body;
    if (!body) return undefined;
    if (!ts.isBlock(body)) return this.trace(body, depth);
    let found: Trace | undefined;
    const visit = (n: ts.Node): void => {
      if (found) return;
      if (ts.isReturnStatement(n) && n.expression) {
        found = this.trace(n.expression, depth);
        return;
      }
      if (ts.isFunctionLike(n)) return;
      n.forEachChild(visit);
    };
    body.forEachChild(visit);
    return found;
  }

  private traceType(type: ts.TypeNode, depth: number): Trace | undefined {
    if (!this.step()) return undefined;
    if (ts.isUnionTypeNode(type) || ts.isIntersectionTypeNode(type)) {
      for (const t of type.types) {
        const r = this.traceType(t, depth);
        if (r) return r;
      }
      return undefined;
    }
    if (ts.isParenthesizedTypeNode(type)) return this.traceType(type.type, depth);
    if (ts.isTypeQueryNode(type)) {
      const t = this.traceEntityName(type.exprName, depth);
      return t;
    }
    if (!ts.isTypeReferenceNode(type)) return undefined;
    const name = ts.isIdentifier(type.typeName) ? type.typeName.text : type.typeName.right.text;
    const arg = type.typeArguments?.[0];
    if ((name === 'Promise' || name === 'Awaited') && arg) return this.traceType(arg, depth);
    if ((name === 'ReturnType' || name === 'InstanceType') && arg && ts.isTypeQueryNode(arg)) {
      const t = this.traceEntityName(arg.exprName, depth);
      if (t?.t !== 'pkg') return undefined;
      const table = name === 'ReturnType' ? FACTORIES : CONSTRUCTORS;
      const hit = table[t.pkg][key(t.path)];
      return hit ? { t: 'client', ref: { kind: hit[0], role: hit[1] } } : undefined;
    }
    const base = this.traceEntityName(type.typeName, depth);
    if (base?.t === 'pkg') {
      const hit = TYPES[base.pkg][key(base.path)];
      return hit ? { t: 'client', ref: { kind: hit[0], role: hit[1] } } : undefined;
    }
    return base?.t === 'client' ? base : undefined;
  }

  private traceEntityName(name: ts.EntityName, depth: number): Trace | undefined {
    if (ts.isQualifiedName(name)) {
      const left = this.traceEntityName(name.left, depth);
      return left ? this.member(left, name.right.text, depth) : undefined;
    }
    const symbol = this.symbolAt(name);
    if (!symbol) return undefined;
    for (const decl of symbol.declarations ?? []) {
      const fromImport = this.traceImportDeclaration(decl, symbol, depth);
      if (fromImport !== undefined) return fromImport ?? undefined;
      if (ts.isTypeAliasDeclaration(decl)) return this.traceType(decl.type, depth);
    }
    const target = symbol.flags & ts.SymbolFlags.Alias ? this.aliased(symbol) : symbol;
    if (!target) return undefined;
    for (const decl of target.declarations ?? []) {
      if (ts.isTypeAliasDeclaration(decl)) return this.traceType(decl.type, depth);
    }
    if (target.flags & (ts.SymbolFlags.Variable | ts.SymbolFlags.Property)) return this.traceSymbol(target, depth);
    return undefined;
  }

  /** Later assignments to a `let` or field: `producer = kafka.producer()` in a lazy getter. */
  private traceAssignments(symbol: ts.Symbol, decl: ts.Declaration, depth: number): Trace | undefined {
    if (!ts.isVariableDeclaration(decl)) return undefined;
    const sf = decl.getSourceFile();
    // Declaration files assign nothing.
    if (sf.isDeclarationFile) return undefined;
    for (const right of this.assignmentsIn(sf).get(symbol) ?? []) {
      const t = this.trace(right, depth);
      if (t) return t;
    }
    return undefined;
  }

  private traceThisAssignments(decl: ts.PropertyDeclaration | ts.PropertySignature, depth: number): Trace | undefined {
    const symbol = (decl as { symbol?: ts.Symbol }).symbol ?? this.symbolAt(decl.name);
    if (!symbol || decl.getSourceFile().isDeclarationFile) return undefined;
    for (const right of this.assignmentsIn(decl.getSourceFile()).get(symbol) ?? []) {
      const t = this.trace(right, depth);
      if (t) return t;
    }
    return undefined;
  }

  private assignmentsIn(sf: ts.SourceFile): Map<ts.Symbol, ts.Expression[]> {
    let map = this.assignments.get(sf);
    if (map) return map;
    map = new Map();
    const found = map;
    const visit = (n: ts.Node): void => {
      if (ts.isBinaryExpression(n) && (n.operatorToken.kind === ts.SyntaxKind.EqualsToken || n.operatorToken.kind === ts.SyntaxKind.QuestionQuestionEqualsToken || n.operatorToken.kind === ts.SyntaxKind.BarBarEqualsToken)) {
        const left = unwrap(n.left);
        const target = ts.isIdentifier(left) ? left : ts.isPropertyAccessExpression(left) ? left.name : undefined;
        const s = target && this.symbolAt(target);
        if (s) {
          const list = found.get(s) ?? [];
          list.push(n.right);
          found.set(s, list);
        }
      }
      n.forEachChild(visit);
    };
    visit(sf);
    this.assignments.set(sf, map);
    return map;
  }

  private classDeclarationOf(expr: ts.Expression): ts.ClassLikeDeclaration | undefined {
    const symbol = this.resolvedSymbol(expr);
    const decl = symbol?.valueDeclaration;
    return decl && (ts.isClassDeclaration(decl) || ts.isClassExpression(decl)) && !isExternalDeclaration(decl) ? decl : undefined;
  }

  private functionDeclarationOf(expr: ts.Expression): ts.SignatureDeclaration | undefined {
    const symbol = this.resolvedSymbol(expr);
    const decl = symbol?.valueDeclaration;
    if (!decl || isExternalDeclaration(decl)) return undefined;
    if (ts.isFunctionDeclaration(decl) || ts.isMethodDeclaration(decl) || ts.isFunctionExpression(decl) || ts.isArrowFunction(decl)) return decl;
    if ((ts.isVariableDeclaration(decl) || ts.isPropertyDeclaration(decl) || ts.isPropertyAssignment(decl)) && decl.initializer) {
      const init = unwrap(decl.initializer);
      if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init;
    }
    return undefined;
  }

  private resolvedSymbol(expr: ts.Expression): ts.Symbol | undefined {
    const node = ts.isPropertyAccessExpression(expr) ? expr.name : expr;
    const symbol = this.symbolAt(node);
    return symbol && symbol.flags & ts.SymbolFlags.Alias ? this.aliased(symbol) : symbol;
  }

  private symbolAt(node: ts.Node): ts.Symbol | undefined {
    try {
      return this.checker.getSymbolAtLocation(node);
    } catch {
      return undefined;
    }
  }

  private aliased(symbol: ts.Symbol): ts.Symbol | undefined {
    try {
      return this.checker.getAliasedSymbol(symbol);
    } catch {
      return undefined;
    }
  }

  /**
   * The binding a connection lives in — the variable, field or parameter declaration that
   * receivers share — or undefined for fresh values such as `redis.duplicate()`.
   */
  bindingOf(expr: ts.Expression): ts.Declaration | undefined {
    const e = unwrap(expr);
    if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e)) {
      let symbol = this.symbolAt(ts.isPropertyAccessExpression(e) ? e.name : e);
      if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.aliased(symbol);
      const decl = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
      if (decl && !isExternalDeclaration(decl)) return decl;
      return undefined;
    }
    if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && (e.expression.name.text === 'multi' || e.expression.name.text === 'pipeline')) {
      return this.bindingOf(e.expression.expression);
    }
    return undefined;
  }
}

const FOLLOWED_OPERATORS = new Set([ts.SyntaxKind.EqualsToken, ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionEqualsToken, ts.SyntaxKind.BarBarEqualsToken]);

/** Expressions `traceInner` follows; anything else (literals, functions, arithmetic) is never a client. */
function traceable(expr: ts.Expression): boolean {
  const e = unwrap(expr);
  return (
    ts.isAwaitExpression(e) ||
    ts.isIdentifier(e) ||
    ts.isPropertyAccessExpression(e) ||
    (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression)) ||
    ts.isNewExpression(e) ||
    ts.isCallExpression(e) ||
    (ts.isBinaryExpression(e) && FOLLOWED_OPERATORS.has(e.operatorToken.kind)) ||
    ts.isConditionalExpression(e)
  );
}

function roleFromTypeName(kind: ClientKind, name: string): Role {
  if (familyOf(kind) === 'redis') return /pipeline|multi|chainable/i.test(name) ? 'pipeline' : 'redis';
  if (/consumer/i.test(name)) return 'consumer';
  if (/admin/i.test(name)) return 'admin';
  if (/producer|sender|transaction/i.test(name)) return 'producer';
  return 'kafka';
}

/** The value an object literal gives `key` (`{ redis }`, `{ redis: client }`). */
function propertyInitializer(obj: ts.Expression, key: string): ts.Expression | undefined {
  if (!ts.isObjectLiteralExpression(obj)) return undefined;
  for (const p of obj.properties) {
    if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === key) return p.initializer;
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === key) return p.name;
  }
  return undefined;
}

export function unwrap(expr: ts.Expression): ts.Expression {
  let e = expr;
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isTypeAssertionExpression(e) || ts.isSatisfiesExpression(e)) {
    e = e.expression;
  }
  return e;
}
