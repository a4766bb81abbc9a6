"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.FactExtractor = void 0;
exports.isCandidateMethod = isCandidateMethod;
// The fact model: every recognised Redis/Kafka call and client creation, normalised once per file.
const typescript_1 = __importDefault(require("typescript"));
const clients_1 = require("./clients");
const redis_commands_1 = require("./redis-commands");
const values_1 = require("./values");
const KAFKA_METHODS = new Set([
    'send', 'sendBatch', 'produce', 'subscribe', 'run', 'connect', 'disconnect', 'commitOffsets', 'commit', 'commitSync',
    'consume', 'on', 'once', 'flush', 'producer', 'consumer', 'admin', 'transaction', 'createTopics',
]);
const GENERIC_REDIS = new Set(['call', 'callBuffer', 'send_command', 'sendCommand']);
const CREATION_METHODS = new Set(['producer', 'consumer', 'admin', 'duplicate', 'createClient', 'createCluster', 'createSentinel', 'createWriteStream', 'createReadStream']);
/** node-redis spellings that differ from `command.toLowerCase()`. */
const NODE_REDIS_VARIANTS = { xaddnomkstream: 'XADD', xautoclaimjustid: 'XAUTOCLAIM', xclaimjustid: 'XCLAIM', xackdel: 'XACKDEL', rpopcount: 'RPOP', lpopcount: 'LPOP' };
/** Cheap syntactic test: could this method name be a messaging call at all? */
function isCandidateMethod(name) {
    const lower = name.toLowerCase();
    return redis_commands_1.REDIS_COMMANDS.has(lower) || redis_commands_1.REDIS_COMMANDS.has(lower.replace(/buffer$/, '')) || NODE_REDIS_VARIANTS[lower] !== undefined || GENERIC_REDIS.has(name) || KAFKA_METHODS.has(name) || CREATION_METHODS.has(name);
}
class FactExtractor {
    values;
    clients;
    constructor(checker, typed) {
        this.values = new values_1.ValueResolver(checker, typed);
        this.clients = new clients_1.ClientRecognizer(checker, typed);
    }
    extract(sourceFile) {
        const facts = { file: sourceFile.fileName, sourceFile, calls: [], creations: [] };
        const visit = (node) => {
            if (typescript_1.default.isCallExpression(node))
                this.onCall(node, facts);
            else if (typescript_1.default.isNewExpression(node))
                this.onNew(node, facts);
            node.forEachChild(visit);
        };
        visit(sourceFile);
        return facts;
    }
    onNew(node, facts) {
        const client = this.clients.creationOf(node);
        if (client)
            facts.creations.push({ file: facts.file, node, client, args: this.values.resolveArgs(node.arguments ?? []).values });
    }
    onCall(node, facts) {
        const callee = (0, clients_1.unwrap)(node.expression);
        const name = typescript_1.default.isPropertyAccessExpression(callee) ? callee.name.text : typescript_1.default.isIdentifier(callee) ? callee.text : undefined;
        if (!name || !isCandidateMethod(name))
            return;
        if (CREATION_METHODS.has(name)) {
            const created = this.clients.creationOf(node);
            if (created)
                facts.creations.push({ file: facts.file, node, client: created, args: this.values.resolveArgs(node.arguments).values });
        }
        if (!typescript_1.default.isPropertyAccessExpression(callee))
            return;
        const client = this.clients.clientOfCall(node);
        if (!client)
            return;
        const fact = this.normalise(node, callee, client, facts.file);
        if (fact)
            facts.calls.push(fact);
    }
    normalise(node, callee, client, file) {
        const family = (0, clients_1.familyOf)(client.kind);
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
                const flat = typescript_1.default.isArrayLiteralExpression((0, clients_1.unwrap)(inner)) ? this.values.resolveArgs((0, clients_1.unwrap)(inner).elements) : undefined;
                values = [...values.slice(0, nested), ...(array.kind === 'array' ? array.elements : [])];
                complete = complete && (flat ? flat.complete : array.kind === 'array' && array.complete);
                knownPrefix = flat ? nested + flat.knownPrefix : complete ? values.length : nested;
            }
            const command = (0, values_1.stringOf)(values[0])?.toUpperCase();
            if (!command)
                return undefined;
            const args = values.slice(1).filter((v) => v.kind !== 'function');
            return { ...base, command, args, argsComplete: complete, knownPrefix: Math.max(0, Math.min(knownPrefix - 1, args.length)), generic: true };
        }
        const lower = method.toLowerCase();
        const command = NODE_REDIS_VARIANTS[lower] ?? (redis_commands_1.REDIS_COMMANDS.has(lower) ? lower.toUpperCase() : redis_commands_1.REDIS_COMMANDS.has(lower.replace(/buffer$/, '')) ? lower.replace(/buffer$/, '').toUpperCase() : method);
        const offset = client.kind === 'node-redis' && isCommandOptions(node.arguments[0]) ? 1 : 0;
        const { values, complete, knownPrefix } = this.values.resolveArgs(node.arguments.slice(offset));
        // ioredis accepts a trailing Node-style callback; it is not a command argument.
        const args = client.kind === 'ioredis' && values.length > 0 && values[values.length - 1].kind === 'function' ? values.slice(0, -1) : values;
        return { ...base, command, args, argsComplete: complete, knownPrefix: Math.min(knownPrefix, args.length), generic: false, ...(offset ? { argOffset: offset } : {}) };
    }
}
exports.FactExtractor = FactExtractor;
/** node-redis v4 `client.blPop(commandOptions({ isolated: true }), key, 0)`: per-call options, not a command argument. */
function isCommandOptions(arg) {
    const e = arg && (0, clients_1.unwrap)(arg);
    if (!e || !typescript_1.default.isCallExpression(e))
        return false;
    const callee = (0, clients_1.unwrap)(e.expression);
    return (typescript_1.default.isIdentifier(callee) && callee.text === 'commandOptions') || (typescript_1.default.isPropertyAccessExpression(callee) && callee.name.text === 'commandOptions');
}
//# sourceMappingURL=facts.js.map