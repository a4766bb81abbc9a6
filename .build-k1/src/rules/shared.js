"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.argNode = argNode;
exports.inFile = inFile;
exports.localNode = localNode;
exports.quote = quote;
exports.textOf = textOf;
exports.showName = showName;
// Helpers rules share for locating argument nodes and building edits safely within the current file.
const typescript_1 = __importDefault(require("typescript"));
const clients_1 = require("../core/clients");
const text_1 = require("../core/text");
/**
 * The syntax node of command argument `i` inside the call itself (not where a const was
 * declared), when its position is certain.
 */
function argNode(fact, i) {
    if (i >= fact.knownPrefix)
        return undefined;
    const args = fact.node.arguments;
    if (!fact.generic) {
        const at = i + (fact.argOffset ?? 0);
        const a = args[at];
        return a && !args.slice(0, at + 1).some(typescript_1.default.isSpreadElement) ? a : undefined;
    }
    // call('XADD', key, …) or sendCommand(['XADD', key, …]) / call('XADD', [key, …])
    const first = args[0] && (0, clients_1.unwrap)(args[0]);
    if (first && typescript_1.default.isArrayLiteralExpression(first))
        return plainElement(first.elements, i + 1);
    const second = args[1] && (0, clients_1.unwrap)(args[1]);
    if (args.length === 2 && second && typescript_1.default.isArrayLiteralExpression(second))
        return plainElement(second.elements, i);
    return plainElement(args, i + 1);
}
function plainElement(list, i) {
    const e = list[i];
    return e && !list.slice(0, i + 1).some(typescript_1.default.isSpreadElement) ? e : undefined;
}
/** A node edits may touch: it is in the file being linted. */
function inFile(node, ctx) {
    return node !== undefined && node.getSourceFile() === ctx.sourceFile;
}
/** The node of a value when it was written in this file (so edits can target it). */
function localNode(v, ctx) {
    return v?.node && inFile(v.node, ctx) ? v.node : undefined;
}
function quote(ctx, near) {
    const q = (0, text_1.quoteOf)(ctx.sourceFile, near);
    return (s) => `${q}${s}${q}`;
}
/** Source text of a node, trimmed. */
function textOf(node, ctx) {
    return node.getText(ctx.sourceFile);
}
/** A short display name for a destination value: `'orders'`, `'orders:*'`, or "a computed key". */
function showName(v) {
    if (!v)
        return 'an unknown key';
    if (v.kind === 'string')
        return `'${v.value}'`;
    if (v.kind === 'number')
        return `'${v.value}'`;
    if (v.kind === 'template')
        return `'${v.parts.map((p) => p ?? '*').join('')}'`;
    return 'a computed key';
}
//# sourceMappingURL=shared.js.map