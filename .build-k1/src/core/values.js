"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.ValueResolver = exports.UNKNOWN = void 0;
exports.unknownOf = unknownOf;
exports.stringOf = stringOf;
exports.numberOf = numberOf;
exports.patternOf = patternOf;
exports.isKnown = isKnown;
exports.propOf = propOf;
// Static argument resolution: turns expressions into known values, partially known templates, or "unknown".
const typescript_1 = __importDefault(require("typescript"));
exports.UNKNOWN = { kind: 'unknown', names: [] };
const MAX_DEPTH = 12;
class ValueResolver {
    checker;
    typed;
    visiting = new Set();
    constructor(checker, typed) {
        this.checker = checker;
        this.typed = typed;
    }
    resolve(expr, depth = 0) {
        if (!expr)
            return exports.UNKNOWN;
        if (depth > MAX_DEPTH || this.visiting.has(expr))
            return unknownOf(expr);
        this.visiting.add(expr);
        try {
            const v = this.resolveInner(expr, depth);
            if (v.node === undefined)
                v.node = expr;
            return v;
        }
        finally {
            this.visiting.delete(expr);
        }
    }
    /**
     * Arguments with spreads flattened. `complete` is false when a spread could not be
     * resolved; `knownPrefix` counts the values whose position is certain (those before it).
     */
    resolveArgs(args) {
        const values = [];
        let knownPrefix = -1;
        for (const arg of args) {
            if (typescript_1.default.isSpreadElement(arg)) {
                const spread = this.resolve(arg.expression);
                if (spread.kind === 'array' && spread.complete)
                    values.push(...spread.elements);
                else {
                    if (knownPrefix < 0)
                        knownPrefix = values.length;
                    if (spread.kind === 'array')
                        values.push(...spread.elements);
                }
            }
            else
                values.push(this.resolve(arg));
        }
        const complete = knownPrefix < 0;
        return { values, complete, knownPrefix: complete ? values.length : knownPrefix };
    }
    resolveInner(expr, depth) {
        const next = depth + 1;
        if (typescript_1.default.isParenthesizedExpression(expr) || typescript_1.default.isAsExpression(expr) || typescript_1.default.isNonNullExpression(expr) || typescript_1.default.isTypeAssertionExpression(expr) || typescript_1.default.isSatisfiesExpression(expr)) {
            return this.resolve(expr.expression, next);
        }
        if (typescript_1.default.isStringLiteral(expr) || typescript_1.default.isNoSubstitutionTemplateLiteral(expr))
            return { kind: 'string', value: expr.text, node: expr };
        if (typescript_1.default.isNumericLiteral(expr))
            return { kind: 'number', value: Number(expr.text), node: expr };
        if (typescript_1.default.isPrefixUnaryExpression(expr) && expr.operator === typescript_1.default.SyntaxKind.MinusToken) {
            const inner = this.resolve(expr.operand, next);
            return inner.kind === 'number' ? { kind: 'number', value: -inner.value, node: expr } : unknownOf(expr);
        }
        if (expr.kind === typescript_1.default.SyntaxKind.TrueKeyword)
            return { kind: 'boolean', value: true, node: expr };
        if (expr.kind === typescript_1.default.SyntaxKind.FalseKeyword)
            return { kind: 'boolean', value: false, node: expr };
        if (expr.kind === typescript_1.default.SyntaxKind.NullKeyword)
            return { kind: 'nullish', node: expr };
        if (typescript_1.default.isRegularExpressionLiteral(expr))
            return { kind: 'regexp', source: expr.text, node: expr };
        if (typescript_1.default.isTemplateExpression(expr))
            return this.template(expr, next);
        if (typescript_1.default.isBinaryExpression(expr) && expr.operatorToken.kind === typescript_1.default.SyntaxKind.PlusToken) {
            return concat(this.resolve(expr.left, next), this.resolve(expr.right, next), expr);
        }
        if (typescript_1.default.isObjectLiteralExpression(expr))
            return this.object(expr, next);
        if (typescript_1.default.isArrayLiteralExpression(expr)) {
            const { values, complete } = this.resolveArgs(expr.elements.filter((e) => !typescript_1.default.isOmittedExpression(e)));
            return { kind: 'array', elements: values, complete, node: expr };
        }
        if (typescript_1.default.isArrowFunction(expr) || typescript_1.default.isFunctionExpression(expr))
            return { kind: 'function', decl: expr, node: expr };
        if (typescript_1.default.isIdentifier(expr))
            return this.identifier(expr, next);
        if (typescript_1.default.isPropertyAccessExpression(expr) || typescript_1.default.isElementAccessExpression(expr))
            return this.member(expr, next);
        if (typescript_1.default.isCallExpression(expr))
            return this.call(expr, next);
        return this.fromType(expr);
    }
    template(expr, depth) {
        const parts = [expr.head.text];
        for (const span of expr.templateSpans) {
            const v = this.resolve(span.expression, depth);
            parts.push(...textParts(v));
            parts.push(span.literal.text);
        }
        return fromParts(parts, expr);
    }
    object(expr, depth) {
        const props = new Map();
        const propNodes = new Map();
        let complete = true;
        for (const p of expr.properties) {
            if (typescript_1.default.isSpreadAssignment(p)) {
                const spread = this.resolve(p.expression, depth);
                if (spread.kind === 'object') {
                    for (const [k, v] of spread.props)
                        props.set(k, v);
                    for (const [k, n] of spread.propNodes)
                        propNodes.set(k, n);
                    if (!spread.complete)
                        complete = false;
                }
                else
                    complete = false;
                continue;
            }
            const key = this.propertyKey(p.name, depth);
            if (key === undefined) {
                complete = false;
                continue;
            }
            propNodes.set(key, p);
            if (typescript_1.default.isPropertyAssignment(p))
                props.set(key, this.resolve(p.initializer, depth));
            else if (typescript_1.default.isShorthandPropertyAssignment(p))
                props.set(key, this.resolve(p.name, depth));
            else if (typescript_1.default.isMethodDeclaration(p))
                props.set(key, { kind: 'function', decl: p, node: p });
            else
                props.set(key, unknownOf(p));
        }
        return { kind: 'object', props, propNodes, complete, node: expr };
    }
    propertyKey(name, depth = 0) {
        if (!name)
            return undefined;
        if (typescript_1.default.isIdentifier(name) || typescript_1.default.isStringLiteral(name) || typescript_1.default.isNumericLiteral(name) || typescript_1.default.isPrivateIdentifier(name))
            return name.text;
        if (typescript_1.default.isComputedPropertyName(name)) {
            const v = this.resolve(name.expression, depth + 1);
            return v.kind === 'string' ? v.value : v.kind === 'number' ? String(v.value) : undefined;
        }
        return undefined;
    }
    identifier(id, depth) {
        if (id.text === 'undefined')
            return { kind: 'nullish', node: id };
        const symbol = this.symbolOf(id);
        const decl = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
        if (decl) {
            const v = this.declaration(decl, depth);
            if (v)
                return v;
        }
        return this.fromType(id);
    }
    /** The value a declaration binds, when it is fixed: const initialisers, enum members, readonly fields. */
    declaration(decl, depth) {
        if (typescript_1.default.isVariableDeclaration(decl)) {
            if (!(typescript_1.default.getCombinedNodeFlags(decl) & typescript_1.default.NodeFlags.Const) || !decl.initializer)
                return undefined;
            return this.resolve(decl.initializer, depth);
        }
        if (typescript_1.default.isBindingElement(decl))
            return this.bindingElement(decl, depth);
        if (typescript_1.default.isEnumMember(decl)) {
            const c = this.checker.getConstantValue(decl);
            if (typeof c === 'string')
                return { kind: 'string', value: c, node: decl };
            if (typeof c === 'number')
                return { kind: 'number', value: c, node: decl };
            return undefined;
        }
        if (typescript_1.default.isPropertyDeclaration(decl)) {
            const readonly = decl.modifiers?.some((m) => m.kind === typescript_1.default.SyntaxKind.ReadonlyKeyword);
            if (readonly && decl.initializer)
                return this.resolve(decl.initializer, depth);
            return undefined;
        }
        if (typescript_1.default.isPropertyAssignment(decl))
            return this.resolve(decl.initializer, depth);
        if (typescript_1.default.isShorthandPropertyAssignment(decl))
            return this.resolve(decl.name, depth);
        if (isCommonJsExport(decl))
            return this.resolve(decl.parent.right, depth);
        if (typescript_1.default.isFunctionDeclaration(decl) || typescript_1.default.isMethodDeclaration(decl))
            return { kind: 'function', decl, node: decl };
        return undefined;
    }
    bindingElement(el, depth) {
        const pattern = el.parent;
        if (!typescript_1.default.isObjectBindingPattern(pattern) || el.dotDotDotToken)
            return undefined;
        const owner = pattern.parent;
        if (!typescript_1.default.isVariableDeclaration(owner) || !(typescript_1.default.getCombinedNodeFlags(owner) & typescript_1.default.NodeFlags.Const) || !owner.initializer)
            return undefined;
        const key = el.propertyName ? this.propertyKey(el.propertyName, depth) : typescript_1.default.isIdentifier(el.name) ? el.name.text : undefined;
        if (key === undefined)
            return undefined;
        const obj = this.resolve(owner.initializer, depth);
        if (obj.kind !== 'object')
            return undefined;
        const v = obj.props.get(key);
        if (v)
            return v;
        return el.initializer && obj.complete ? this.resolve(el.initializer, depth) : undefined;
    }
    member(expr, depth) {
        const nameNode = typescript_1.default.isPropertyAccessExpression(expr) ? expr.name : expr.argumentExpression;
        const symbol = this.symbolOf(nameNode);
        const decl = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
        if (decl && !isExternal(decl)) {
            const v = this.declaration(decl, depth);
            if (v)
                return v;
        }
        const key = typescript_1.default.isPropertyAccessExpression(expr) ? expr.name.text : literalKey(this.resolve(expr.argumentExpression, depth));
        if (key !== undefined) {
            const obj = this.resolve(expr.expression, depth);
            if (obj.kind === 'object') {
                const v = obj.props.get(key);
                if (v)
                    return v;
            }
            if (obj.kind === 'array' && key === 'length' && obj.complete)
                return { kind: 'number', value: obj.elements.length, node: expr };
        }
        return this.fromType(expr);
    }
    call(expr, depth) {
        const callee = expr.expression;
        if (typescript_1.default.isPropertyAccessExpression(callee) && typescript_1.default.isIdentifier(callee.expression)) {
            const target = `${callee.expression.text}.${callee.name.text}`;
            if (target === 'JSON.stringify' || target === 'Buffer.from' || target === 'msgpack.encode') {
                const of = this.resolve(expr.arguments[0], depth);
                return { kind: 'encoded', of, node: expr };
            }
        }
        if (typescript_1.default.isIdentifier(callee) && callee.text === 'String' && expr.arguments.length === 1) {
            const v = this.resolve(expr.arguments[0], depth);
            if (v.kind === 'number')
                return { kind: 'string', value: String(v.value), node: expr };
            if (v.kind === 'string' || v.kind === 'template')
                return v;
        }
        return this.fromType(expr);
    }
    /** Last resort with types: a literal type is as good as a literal. */
    fromType(expr) {
        if (this.typed) {
            const type = this.checker.getTypeAtLocation(expr);
            if (type.isStringLiteral())
                return { kind: 'string', value: type.value, node: expr };
            if (type.isNumberLiteral())
                return { kind: 'number', value: type.value, node: expr };
        }
        return unknownOf(expr);
    }
    symbolOf(node) {
        let symbol;
        try {
            symbol = this.checker.getSymbolAtLocation(node);
            if (symbol && typescript_1.default.isShorthandPropertyAssignment(node.parent) && node.parent.name === node) {
                symbol = this.checker.getShorthandAssignmentValueSymbol(node.parent) ?? symbol;
            }
            if (symbol && symbol.flags & typescript_1.default.SymbolFlags.Alias)
                symbol = this.checker.getAliasedSymbol(symbol);
        }
        catch {
            return undefined;
        }
        return symbol;
    }
}
exports.ValueResolver = ValueResolver;
/** `module.exports.name = …` / `exports.name = …`: what a CommonJS `require` of `name` binds. */
function isCommonJsExport(decl) {
    if (!typescript_1.default.isPropertyAccessExpression(decl) || !typescript_1.default.isBinaryExpression(decl.parent))
        return false;
    if (decl.parent.left !== decl || decl.parent.operatorToken.kind !== typescript_1.default.SyntaxKind.EqualsToken)
        return false;
    const target = decl.expression;
    if (typescript_1.default.isIdentifier(target))
        return target.text === 'exports';
    return typescript_1.default.isPropertyAccessExpression(target) && typescript_1.default.isIdentifier(target.expression) && target.expression.text === 'module' && target.name.text === 'exports';
}
function isExternal(decl) {
    const sf = decl.getSourceFile();
    return sf.isDeclarationFile || sf.fileName.includes('/node_modules/');
}
function literalKey(v) {
    return v.kind === 'string' ? v.value : v.kind === 'number' ? String(v.value) : undefined;
}
function textParts(v) {
    if (v.kind === 'string')
        return [v.value];
    if (v.kind === 'number' || v.kind === 'boolean')
        return [String(v.value)];
    if (v.kind === 'template')
        return v.parts;
    return [null];
}
function fromParts(raw, node) {
    const parts = [];
    for (const p of raw) {
        const last = parts.length - 1;
        if (p !== null && last >= 0 && parts[last] !== null)
            parts[last] = parts[last] + p;
        else if (p === null && last >= 0 && parts[last] === null)
            continue;
        else
            parts.push(p);
    }
    if (parts.every((p) => p !== null))
        return { kind: 'string', value: parts.join(''), node };
    return { kind: 'template', parts, node };
}
function concat(left, right, node) {
    const isText = (v) => v.kind === 'string' || v.kind === 'template';
    if (left.kind === 'number' && right.kind === 'number')
        return { kind: 'number', value: left.value + right.value, node };
    if (!isText(left) && !isText(right))
        return unknownOf(node);
    return fromParts([...textParts(left), ...textParts(right)], node);
}
function unknownOf(node) {
    const names = [];
    const visit = (n) => {
        if (names.length > 32)
            return;
        if (typescript_1.default.isIdentifier(n))
            names.push(n.text);
        else if (typescript_1.default.isStringLiteral(n))
            names.push(n.text);
        n.forEachChild(visit);
    };
    visit(node);
    return { kind: 'unknown', names, node };
}
/** The string a value certainly is, if fully known. */
function stringOf(v) {
    if (!v)
        return undefined;
    if (v.kind === 'string')
        return v.value;
    if (v.kind === 'number')
        return String(v.value);
    return undefined;
}
function numberOf(v) {
    if (!v)
        return undefined;
    if (v.kind === 'number')
        return v.value;
    if (v.kind === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v.value))
        return Number(v.value);
    return undefined;
}
/** Known text with `*` for the unknown parts (`orders:*`), or undefined when nothing is known. */
function patternOf(v) {
    if (!v)
        return undefined;
    const s = stringOf(v);
    if (s !== undefined)
        return s;
    if (v.kind === 'template')
        return v.parts.map((p) => (p === null ? '*' : p)).join('');
    return undefined;
}
function isKnown(v) {
    return v !== undefined && v.kind !== 'unknown';
}
function propOf(v, key) {
    return v && v.kind === 'object' ? v.props.get(key) : undefined;
}
//# sourceMappingURL=values.js.map