"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.rangeOf = rangeOf;
exports.quoteOf = quoteOf;
exports.indentOf = indentOf;
// Offsets to 1-based line/column ranges, and small helpers for building edits.
const typescript_1 = __importDefault(require("typescript"));
function rangeOf(sf, start, end) {
    const s = sf.getLineAndCharacterOfPosition(start);
    const e = sf.getLineAndCharacterOfPosition(end);
    return { start, end, line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
}
/** The quote character a string literal node uses, for edits that add strings beside it. */
function quoteOf(sf, node) {
    if (node && typescript_1.default.isStringLiteral(node))
        return sf.text[node.getStart(sf)];
    const firstString = findFirstString(sf);
    return firstString ?? "'";
}
function findFirstString(sf) {
    let quote;
    const visit = (n) => {
        if (quote)
            return;
        if (typescript_1.default.isStringLiteral(n) && !typescript_1.default.isImportDeclaration(n.parent) && !typescript_1.default.isExternalModuleReference(n.parent)) {
            quote = sf.text[n.getStart(sf)];
            return;
        }
        n.forEachChild(visit);
    };
    visit(sf);
    return quote;
}
/** The indentation of the line a node starts on. */
function indentOf(sf, node) {
    const start = node.getStart(sf);
    const lineStart = sf.text.lastIndexOf('\n', start - 1) + 1;
    return /^[ \t]*/.exec(sf.text.slice(lineStart, start))[0];
}
//# sourceMappingURL=text.js.map