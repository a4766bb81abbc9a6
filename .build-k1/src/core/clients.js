"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.ClientRecognizer = void 0;
exports.familyOf = familyOf;
exports.isLibrdkafka = isLibrdkafka;
exports.packageOfModule = packageOfModule;
exports.kindOfDeclarationFile = kindOfDeclarationFile;
exports.createsConnection = createsConnection;
exports.unwrap = unwrap;
// Decides whether an expression is a Redis or Kafka client: by typings first, else by tracing the value to its package.
const typescript_1 = __importDefault(require("typescript"));
function familyOf(kind) {
    return kind === 'ioredis' || kind === 'node-redis' ? 'redis' : 'kafka';
}
/** librdkafka-based clients: they batch by `linger.ms` and take librdkafka configuration keys. */
function isLibrdkafka(kind) {
    return kind === 'confluent-kafkajs' || kind === 'confluent-rdkafka' || kind === 'node-rdkafka';
}
function packageOfModule(specifier) {
    if (specifier === 'ioredis' || specifier.startsWith('ioredis/'))
        return 'ioredis';
    if (specifier === 'redis' || specifier === '@redis/client' || specifier.startsWith('@redis/client/'))
        return 'redis';
    if (specifier === 'kafkajs')
        return 'kafkajs';
    if (specifier === '@confluentinc/kafka-javascript' || specifier.startsWith('@confluentinc/kafka-javascript/'))
        return 'confluent';
    if (specifier === 'node-rdkafka')
        return 'node-rdkafka';
    return undefined;
}
/** The client kind whose typings declare something in this file, from the path's last `node_modules/<pkg>`. */
function kindOfDeclarationFile(fileName) {
    const idx = fileName.lastIndexOf('/node_modules/');
    if (idx < 0)
        return undefined;
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
const stripDefault = (path) => (path[0] === 'default' ? path.slice(1) : path);
const key = (path) => stripDefault(path).join('.');
/** `new <export>(...)` → client. */
const CONSTRUCTORS = {
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
const FACTORIES = {
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
const TYPES = {
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
const DERIVED = {
    redis: { duplicate: 'redis', pipeline: 'pipeline', multi: 'pipeline' },
    pipeline: {},
    kafka: { producer: 'producer', consumer: 'consumer', admin: 'admin' },
    producer: { transaction: 'producer' },
    consumer: {},
    admin: {},
};
/** Methods whose result is a new connection (for connection-lifecycle rules). */
function createsConnection(role, method) {
    return (role === 'redis' && method === 'duplicate') || (role === 'kafka' && (method === 'producer' || method === 'consumer' || method === 'admin'));
}
const MAX_DEPTH = 16;
class ClientRecognizer {
    checker;
    typed;
    cache = new Map();
    active = new Set();
    assignments = new Map();
    constructor(checker, typed) {
        this.checker = checker;
        this.typed = typed;
    }
    /**
     * The client a method call is made on. `undefined` when not a client; with types, a
     * method the typings place outside the client packages is never a client call.
     */
    clientOfCall(call) {
        const callee = unwrap(call.expression);
        if (!typescript_1.default.isPropertyAccessExpression(callee) && !typescript_1.default.isElementAccessExpression(callee))
            return undefined;
        const typedKind = this.typed ? this.kindFromTypings(callee) : undefined;
        if (typedKind === null)
            return undefined;
        const traced = this.clientOf(callee.expression);
        if (typedKind) {
            if (traced && traced.kind === typedKind)
                return traced;
            return { kind: typedKind, role: this.typedRole(callee, typedKind) };
        }
        return traced;
    }
    /** The client an expression evaluates to, if it can be traced (types first). */
    clientOf(expr) {
        const t = this.trace(expr, 0);
        if (t?.t === 'client')
            return t.ref;
        if (this.typed)
            return this.clientFromType(expr);
        return undefined;
    }
    /** `new X()` or `factory()` creating a client, with what it creates. */
    creationOf(node) {
        const t = this.trace(node, 0);
        if (t?.t === 'client' && t.ref.creation === node)
            return t.ref;
        return undefined;
    }
    /**
     * Kind from the typings that declare the method: a ClientKind, `null` when the
     * declaration is the workspace's own (definitely not a client), `undefined` when unknown.
     */
    kindFromTypings(callee) {
        const name = typescript_1.default.isPropertyAccessExpression(callee) ? callee.name : callee.argumentExpression;
        let symbol;
        try {
            symbol = this.checker.getSymbolAtLocation(name);
        }
        catch {
            return undefined;
        }
        const decls = symbol?.declarations ?? [];
        if (decls.length > 0) {
            for (const d of decls) {
                const k = kindOfDeclarationFile(d.getSourceFile().fileName);
                if (k)
                    return k;
            }
            if (decls.every((d) => !isExternalDeclaration(d)))
                return null;
            // Inherited from another package (EventEmitter's `on`): the receiver's own type decides.
            return this.clientFromType(callee.expression)?.kind ?? null;
        }
        const fromType = this.clientFromType(callee.expression);
        return fromType?.kind;
    }
    clientFromType(expr) {
        let type;
        try {
            type = this.checker.getTypeAtLocation(expr);
        }
        catch {
            return undefined;
        }
        const candidates = type.isUnion() ? type.types : [type];
        for (const t of candidates) {
            const sym = t.aliasSymbol ?? t.getSymbol();
            for (const d of sym?.declarations ?? []) {
                const kind = kindOfDeclarationFile(d.getSourceFile().fileName);
                if (kind)
                    return { kind, role: roleFromTypeName(kind, sym.getName()) };
            }
        }
        return undefined;
    }
    typedRole(callee, kind) {
        const fromType = this.clientFromType(callee.expression);
        if (fromType)
            return fromType.role;
        return familyOf(kind) === 'redis' ? 'redis' : 'kafka';
    }
    trace(node, depth) {
        const expr = unwrap(node);
        if (this.cache.has(expr))
            return this.cache.get(expr) ?? undefined;
        if (depth > MAX_DEPTH || this.active.has(expr))
            return undefined;
        this.active.add(expr);
        let result;
        try {
            result = this.traceInner(expr, depth + 1);
        }
        catch {
            result = undefined;
        }
        finally {
            this.active.delete(expr);
        }
        this.cache.set(expr, result ?? null);
        return result;
    }
    traceInner(expr, depth) {
        if (typescript_1.default.isAwaitExpression(expr))
            return this.trace(expr.expression, depth);
        if (typescript_1.default.isIdentifier(expr))
            return this.traceIdentifier(expr, depth);
        if (typescript_1.default.isPropertyAccessExpression(expr))
            return this.traceMember(expr, expr.name.text, depth);
        if (typescript_1.default.isElementAccessExpression(expr) && typescript_1.default.isStringLiteralLike(expr.argumentExpression)) {
            return this.traceMember(expr, expr.argumentExpression.text, depth);
        }
        if (typescript_1.default.isNewExpression(expr))
            return this.traceNew(expr, depth);
        if (typescript_1.default.isCallExpression(expr))
            return this.traceCall(expr, depth);
        if (typescript_1.default.isBinaryExpression(expr)) {
            const op = expr.operatorToken.kind;
            if (op === typescript_1.default.SyntaxKind.EqualsToken)
                return this.trace(expr.right, depth);
            if (op === typescript_1.default.SyntaxKind.QuestionQuestionToken || op === typescript_1.default.SyntaxKind.BarBarToken) {
                return this.trace(expr.left, depth) ?? this.trace(expr.right, depth);
            }
            if (op === typescript_1.default.SyntaxKind.QuestionQuestionEqualsToken || op === typescript_1.default.SyntaxKind.BarBarEqualsToken) {
                return this.trace(expr.left, depth) ?? this.trace(expr.right, depth);
            }
        }
        if (typescript_1.default.isConditionalExpression(expr))
            return this.trace(expr.whenTrue, depth) ?? this.trace(expr.whenFalse, depth);
        return undefined;
    }
    traceIdentifier(id, depth) {
        const symbol = this.symbolAt(id);
        if (!symbol)
            return undefined;
        return this.traceSymbol(symbol, depth);
    }
    traceSymbol(symbol, depth) {
        let requiredModule;
        for (const decl of symbol.declarations ?? []) {
            const fromImport = this.traceImportDeclaration(decl, symbol, depth);
            if (fromImport !== undefined)
                return fromImport ?? undefined;
            // In JavaScript, `const X = require('pkg')` is an alias whose target may not resolve: read the initializer.
            if (typescript_1.default.isVariableDeclaration(decl) || typescript_1.default.isBindingElement(decl)) {
                const fromDecl = this.traceDeclaration(decl, depth);
                // `require('./redis')` of a workspace module: the alias names the exported value (`module.exports = redis`).
                if (fromDecl?.t === 'module' && symbol.flags & typescript_1.default.SymbolFlags.Alias)
                    requiredModule ??= fromDecl;
                else if (fromDecl)
                    return fromDecl;
            }
        }
        if (symbol.flags & typescript_1.default.SymbolFlags.Alias) {
            const target = this.aliased(symbol);
            if (target && target !== symbol)
                return this.traceSymbol(target, depth) ?? requiredModule;
            return requiredModule;
        }
        if (symbol.flags & typescript_1.default.SymbolFlags.ValueModule && symbol.valueDeclaration && typescript_1.default.isSourceFile(symbol.valueDeclaration)) {
            return { t: 'module', symbol };
        }
        const decl = symbol.valueDeclaration ?? symbol.declarations?.[0];
        if (!decl)
            return undefined;
        const fromDecl = this.traceDeclaration(decl, depth);
        if (fromDecl)
            return fromDecl;
        return this.traceAssignments(symbol, decl, depth);
    }
    /** Imports: `undefined` when `decl` is not an import, `null` when it is one of no interest. */
    traceImportDeclaration(decl, symbol, depth) {
        const fromSpecifier = (spec, path) => {
            if (!typescript_1.default.isStringLiteralLike(spec))
                return null;
            const pkg = packageOfModule(spec.text);
            if (pkg)
                return { t: 'pkg', pkg, path };
            const target = this.aliased(symbol);
            if (target && target !== symbol)
                return this.traceSymbol(target, depth) ?? null;
            return null;
        };
        if (typescript_1.default.isImportClause(decl) && decl.name)
            return fromSpecifier(decl.parent.moduleSpecifier, ['default']);
        if (typescript_1.default.isNamespaceImport(decl))
            return fromSpecifier(decl.parent.parent.moduleSpecifier, []);
        if (typescript_1.default.isImportSpecifier(decl)) {
            const imported = (decl.propertyName ?? decl.name).text;
            return fromSpecifier(decl.parent.parent.parent.moduleSpecifier, [imported]);
        }
        if (typescript_1.default.isImportEqualsDeclaration(decl)) {
            const ref = decl.moduleReference;
            if (typescript_1.default.isExternalModuleReference(ref))
                return fromSpecifier(ref.expression, []);
            return null;
        }
        return undefined;
    }
    traceDeclaration(decl, depth) {
        if (typescript_1.default.isVariableDeclaration(decl)) {
            if (typescript_1.default.isIdentifier(decl.name)) {
                return (decl.initializer && this.trace(decl.initializer, depth)) || (decl.type && this.traceType(decl.type, depth)) || undefined;
            }
            return undefined;
        }
        if (typescript_1.default.isBindingElement(decl))
            return this.traceBindingElement(decl, depth);
        if (typescript_1.default.isParameter(decl)) {
            return (decl.type && this.traceType(decl.type, depth)) || (decl.initializer && this.trace(decl.initializer, depth)) || undefined;
        }
        if (typescript_1.default.isPropertyDeclaration(decl) || typescript_1.default.isPropertySignature(decl)) {
            const fromInit = typescript_1.default.isPropertyDeclaration(decl) && decl.initializer ? this.trace(decl.initializer, depth) : undefined;
            return fromInit ?? (decl.type ? this.traceType(decl.type, depth) : undefined) ?? this.traceThisAssignments(decl, depth);
        }
        if (typescript_1.default.isPropertyAssignment(decl))
            return this.trace(decl.initializer, depth);
        if (typescript_1.default.isShorthandPropertyAssignment(decl)) {
            const value = this.checker.getShorthandAssignmentValueSymbol(decl);
            return value ? this.traceSymbol(value, depth) : undefined;
        }
        if (typescript_1.default.isGetAccessorDeclaration(decl))
            return this.traceReturns(decl, depth);
        if (typescript_1.default.isExportAssignment(decl))
            return this.trace(decl.expression, depth);
        if (typescript_1.default.isBinaryExpression(decl))
            return this.trace(decl.right, depth);
        if (typescript_1.default.isPropertyAccessExpression(decl) && typescript_1.default.isBinaryExpression(decl.parent))
            return this.trace(decl.parent.right, depth);
        return undefined;
    }
    traceBindingElement(el, depth) {
        const pattern = el.parent;
        if (!typescript_1.default.isObjectBindingPattern(pattern) || el.dotDotDotToken)
            return undefined;
        const owner = pattern.parent;
        if (!typescript_1.default.isVariableDeclaration(owner) || !owner.initializer)
            return undefined;
        const name = el.propertyName && typescript_1.default.isIdentifier(el.propertyName) ? el.propertyName.text : typescript_1.default.isIdentifier(el.name) ? el.name.text : undefined;
        if (!name)
            return undefined;
        const base = this.trace(owner.initializer, depth);
        return base ? this.member(base, name, depth) : undefined;
    }
    traceMember(expr, name, depth) {
        const nameNode = typescript_1.default.isPropertyAccessExpression(expr) ? expr.name : expr.argumentExpression;
        const symbol = this.symbolAt(nameNode);
        if (symbol) {
            const decl = symbol.valueDeclaration ?? symbol.declarations?.[0];
            if (decl && !isExternalDeclaration(decl)) {
                const t = this.traceSymbol(symbol, depth);
                if (t)
                    return t;
            }
        }
        const base = this.trace(expr.expression, depth);
        return base ? this.member(base, name, depth) : undefined;
    }
    member(base, name, depth) {
        if (base.t === 'pkg')
            return { t: 'pkg', pkg: base.pkg, path: [...base.path, name] };
        if (base.t === 'module') {
            const exported = this.checker.tryGetMemberInModuleExports(name, base.symbol);
            return exported ? this.traceSymbol(exported, depth) : undefined;
        }
        return undefined;
    }
    traceNew(expr, depth) {
        const callee = this.trace(expr.expression, depth);
        if (callee?.t === 'pkg') {
            const hit = CONSTRUCTORS[callee.pkg][key(callee.path)];
            return hit ? { t: 'client', ref: { kind: hit[0], role: hit[1], creation: expr } } : undefined;
        }
        // A workspace class extending a client class.
        const cls = this.classDeclarationOf(expr.expression);
        if (cls) {
            const base = cls.heritageClauses?.find((h) => h.token === typescript_1.default.SyntaxKind.ExtendsKeyword)?.types[0];
            if (base) {
                const t = this.trace(base.expression, depth);
                if (t?.t === 'pkg') {
                    const hit = CONSTRUCTORS[t.pkg][key(t.path)];
                    if (hit)
                        return { t: 'client', ref: { kind: hit[0], role: hit[1], creation: expr } };
                }
            }
        }
        return undefined;
    }
    traceCall(expr, depth) {
        const callee = unwrap(expr.expression);
        if (typescript_1.default.isIdentifier(callee) && callee.text === 'require' && expr.arguments.length === 1) {
            const arg = expr.arguments[0];
            if (!typescript_1.default.isStringLiteralLike(arg))
                return undefined;
            const pkg = packageOfModule(arg.text);
            if (pkg)
                return { t: 'pkg', pkg, path: [] };
            const moduleSymbol = this.symbolAt(arg);
            return moduleSymbol ? { t: 'module', symbol: moduleSymbol } : undefined;
        }
        if (typescript_1.default.isPropertyAccessExpression(callee)) {
            const method = callee.name.text;
            const base = this.trace(callee.expression, depth);
            if (base?.t === 'client') {
                // Pipelines and transactions chain: every queued command returns the pipeline again.
                const chained = base.ref.role === 'pipeline' && method !== 'exec' && method !== 'execBuffer' ? 'pipeline' : undefined;
                const role = DERIVED[base.ref.role][method] ?? chained;
                if (role)
                    return { t: 'client', ref: { kind: base.ref.kind, role, creation: createsConnection(base.ref.role, method) ? expr : base.ref.creation } };
                return undefined;
            }
            if (base?.t === 'pkg')
                return this.factory(base.pkg, [...base.path, method], expr);
        }
        const target = this.trace(callee, depth);
        if (target?.t === 'pkg')
            return this.factory(target.pkg, target.path, expr);
        const fn = this.functionDeclarationOf(callee);
        return fn ? this.traceReturns(fn, depth) : undefined;
    }
    factory(pkg, path, expr) {
        const hit = FACTORIES[pkg][key(path)];
        return hit ? { t: 'client', ref: { kind: hit[0], role: hit[1], creation: expr } } : undefined;
    }
    traceReturns(fn, depth) {
        if (fn.type) {
            const t = this.traceType(fn.type, depth);
            if (t)
                return t;
        }
        const body = fn.body;
        if (!body)
            return undefined;
        if (!typescript_1.default.isBlock(body))
            return this.trace(body, depth);
        let found;
        const visit = (n) => {
            if (found)
                return;
            if (typescript_1.default.isReturnStatement(n) && n.expression) {
                found = this.trace(n.expression, depth);
                return;
            }
            if (typescript_1.default.isFunctionLike(n))
                return;
            n.forEachChild(visit);
        };
        body.forEachChild(visit);
        return found;
    }
    traceType(type, depth) {
        if (typescript_1.default.isUnionTypeNode(type) || typescript_1.default.isIntersectionTypeNode(type)) {
            for (const t of type.types) {
                const r = this.traceType(t, depth);
                if (r)
                    return r;
            }
            return undefined;
        }
        if (typescript_1.default.isParenthesizedTypeNode(type))
            return this.traceType(type.type, depth);
        if (typescript_1.default.isTypeQueryNode(type)) {
            const t = this.traceEntityName(type.exprName, depth);
            return t;
        }
        if (!typescript_1.default.isTypeReferenceNode(type))
            return undefined;
        const name = typescript_1.default.isIdentifier(type.typeName) ? type.typeName.text : type.typeName.right.text;
        const arg = type.typeArguments?.[0];
        if ((name === 'Promise' || name === 'Awaited') && arg)
            return this.traceType(arg, depth);
        if ((name === 'ReturnType' || name === 'InstanceType') && arg && typescript_1.default.isTypeQueryNode(arg)) {
            const t = this.traceEntityName(arg.exprName, depth);
            if (t?.t !== 'pkg')
                return undefined;
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
    traceEntityName(name, depth) {
        if (typescript_1.default.isQualifiedName(name)) {
            const left = this.traceEntityName(name.left, depth);
            return left ? this.member(left, name.right.text, depth) : undefined;
        }
        const symbol = this.symbolAt(name);
        if (!symbol)
            return undefined;
        for (const decl of symbol.declarations ?? []) {
            const fromImport = this.traceImportDeclaration(decl, symbol, depth);
            if (fromImport !== undefined)
                return fromImport ?? undefined;
            if (typescript_1.default.isTypeAliasDeclaration(decl))
                return this.traceType(decl.type, depth);
        }
        const target = symbol.flags & typescript_1.default.SymbolFlags.Alias ? this.aliased(symbol) : symbol;
        if (!target)
            return undefined;
        for (const decl of target.declarations ?? []) {
            if (typescript_1.default.isTypeAliasDeclaration(decl))
                return this.traceType(decl.type, depth);
        }
        if (target.flags & (typescript_1.default.SymbolFlags.Variable | typescript_1.default.SymbolFlags.Property))
            return this.traceSymbol(target, depth);
        return undefined;
    }
    /** Later assignments to a `let` or field: `producer = kafka.producer()` in a lazy getter. */
    traceAssignments(symbol, decl, depth) {
        if (!typescript_1.default.isVariableDeclaration(decl))
            return undefined;
        const sf = decl.getSourceFile();
        for (const right of this.assignmentsIn(sf).get(symbol) ?? []) {
            const t = this.trace(right, depth);
            if (t)
                return t;
        }
        return undefined;
    }
    traceThisAssignments(decl, depth) {
        const symbol = decl.symbol ?? this.symbolAt(decl.name);
        if (!symbol)
            return undefined;
        for (const right of this.assignmentsIn(decl.getSourceFile()).get(symbol) ?? []) {
            const t = this.trace(right, depth);
            if (t)
                return t;
        }
        return undefined;
    }
    assignmentsIn(sf) {
        let map = this.assignments.get(sf);
        if (map)
            return map;
        map = new Map();
        const found = map;
        const visit = (n) => {
            if (typescript_1.default.isBinaryExpression(n) && (n.operatorToken.kind === typescript_1.default.SyntaxKind.EqualsToken || n.operatorToken.kind === typescript_1.default.SyntaxKind.QuestionQuestionEqualsToken || n.operatorToken.kind === typescript_1.default.SyntaxKind.BarBarEqualsToken)) {
                const left = unwrap(n.left);
                const target = typescript_1.default.isIdentifier(left) ? left : typescript_1.default.isPropertyAccessExpression(left) ? left.name : undefined;
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
    classDeclarationOf(expr) {
        const symbol = this.resolvedSymbol(expr);
        const decl = symbol?.valueDeclaration;
        return decl && (typescript_1.default.isClassDeclaration(decl) || typescript_1.default.isClassExpression(decl)) && !isExternalDeclaration(decl) ? decl : undefined;
    }
    functionDeclarationOf(expr) {
        const symbol = this.resolvedSymbol(expr);
        const decl = symbol?.valueDeclaration;
        if (!decl || isExternalDeclaration(decl))
            return undefined;
        if (typescript_1.default.isFunctionDeclaration(decl) || typescript_1.default.isMethodDeclaration(decl) || typescript_1.default.isFunctionExpression(decl) || typescript_1.default.isArrowFunction(decl))
            return decl;
        if ((typescript_1.default.isVariableDeclaration(decl) || typescript_1.default.isPropertyDeclaration(decl) || typescript_1.default.isPropertyAssignment(decl)) && decl.initializer) {
            const init = unwrap(decl.initializer);
            if (typescript_1.default.isArrowFunction(init) || typescript_1.default.isFunctionExpression(init))
                return init;
        }
        return undefined;
    }
    resolvedSymbol(expr) {
        const node = typescript_1.default.isPropertyAccessExpression(expr) ? expr.name : expr;
        const symbol = this.symbolAt(node);
        return symbol && symbol.flags & typescript_1.default.SymbolFlags.Alias ? this.aliased(symbol) : symbol;
    }
    symbolAt(node) {
        try {
            return this.checker.getSymbolAtLocation(node);
        }
        catch {
            return undefined;
        }
    }
    aliased(symbol) {
        try {
            return this.checker.getAliasedSymbol(symbol);
        }
        catch {
            return undefined;
        }
    }
    /**
     * The binding a connection lives in — the variable, field or parameter declaration that
     * receivers share — or undefined for fresh values such as `redis.duplicate()`.
     */
    bindingOf(expr) {
        const e = unwrap(expr);
        if (typescript_1.default.isIdentifier(e) || typescript_1.default.isPropertyAccessExpression(e)) {
            let symbol = this.symbolAt(typescript_1.default.isPropertyAccessExpression(e) ? e.name : e);
            if (symbol && symbol.flags & typescript_1.default.SymbolFlags.Alias)
                symbol = this.aliased(symbol);
            const decl = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
            if (decl && !isExternalDeclaration(decl))
                return decl;
            return undefined;
        }
        if (typescript_1.default.isCallExpression(e) && typescript_1.default.isPropertyAccessExpression(e.expression) && (e.expression.name.text === 'multi' || e.expression.name.text === 'pipeline')) {
            return this.bindingOf(e.expression.expression);
        }
        return undefined;
    }
}
exports.ClientRecognizer = ClientRecognizer;
function roleFromTypeName(kind, name) {
    if (familyOf(kind) === 'redis')
        return /pipeline|multi|chainable/i.test(name) ? 'pipeline' : 'redis';
    if (/consumer/i.test(name))
        return 'consumer';
    if (/admin/i.test(name))
        return 'admin';
    if (/producer|sender|transaction/i.test(name))
        return 'producer';
    return 'kafka';
}
function unwrap(expr) {
    let e = expr;
    while (typescript_1.default.isParenthesizedExpression(e) || typescript_1.default.isAsExpression(e) || typescript_1.default.isNonNullExpression(e) || typescript_1.default.isTypeAssertionExpression(e) || typescript_1.default.isSatisfiesExpression(e)) {
        e = e.expression;
    }
    return e;
}
function isExternalDeclaration(decl) {
    const sf = decl.getSourceFile();
    return sf.isDeclarationFile || sf.fileName.includes('/node_modules/');
}
//# sourceMappingURL=clients.js.map