// Static argument resolution: turns expressions into known values, partially known templates, or "unknown".
import ts from 'typescript';

export type Value =
  | { kind: 'string'; value: string; node?: ts.Node }
  | { kind: 'number'; value: number; node?: ts.Node }
  | { kind: 'boolean'; value: boolean; node?: ts.Node }
  | { kind: 'nullish'; node?: ts.Node }
  /** A string with some unknown parts (`null`), e.g. `orders:${id}`. */
  | { kind: 'template'; parts: Array<string | null>; node?: ts.Node }
  | { kind: 'object'; props: Map<string, Value>; propNodes: Map<string, ts.Node>; complete: boolean; node?: ts.Node }
  | { kind: 'array'; elements: Value[]; complete: boolean; node?: ts.Node }
  | { kind: 'regexp'; source: string; node?: ts.Node }
  | { kind: 'function'; decl: ts.SignatureDeclaration; node?: ts.Node }
  /** `JSON.stringify(x)` and similar encodings of a value. */
  | { kind: 'encoded'; of: Value; node?: ts.Node }
  /** Not statically known; `names` are the identifiers the expression mentions (hints, never proof). */
  | { kind: 'unknown'; names: string[]; node?: ts.Node };

export interface ResolvedArgs {
  values: Value[];
  complete: boolean;
  knownPrefix: number;
}

export const UNKNOWN: Value = { kind: 'unknown', names: [] };

const MAX_DEPTH = 12;

export class ValueResolver {
  private readonly visiting = new Set<ts.Node>();
  /**
   * Values of expressions resolved from the top (depth 0, nothing being resolved): `kept` holds
   * earlier runs' still-valid answers (see LintCache.values), `found` receives this run's.
   */
  memo: { kept: ReadonlyMap<ts.Node, Value>; found: Map<ts.Node, Value> } | undefined;
  constructor(private readonly checker: ts.TypeChecker, private readonly typed: boolean) {}

  /**
   * Runs `f` as if resolving `node` at `depth`: `undefined` (an unknown value) where `resolve` would
   * give up on it, else with `node` marked as being resolved, so cycles through it end the same way.
   * For readers that resolve only the parts of a literal they need.
   */
  within<T>(node: ts.Node, depth: number, f: () => T): T | undefined {
    if (depth > MAX_DEPTH || this.visiting.has(node)) return undefined;
    this.visiting.add(node);
    try {
      return f();
    } finally {
      this.visiting.delete(node);
    }
  }

  /**
   * `resolve(literal)` with only the properties named in `keys` resolved, the others unknown: a
   * reader of a few settings need not resolve the rest (a send's messages). Spreads, computed
   * names, depths and cycle marks are as `resolve` has them, so the properties read are the same.
   */
  resolveObjectKeys(literal: ts.ObjectLiteralExpression, keys: ReadonlySet<string>): Value {
    return this.within(literal, 0, () => this.object(literal, 1, keys)) ?? unknownOf(literal);
  }

  resolve(expr: ts.Expression | undefined, depth = 0): Value {
    if (!expr) return UNKNOWN;
    if (depth > MAX_DEPTH || this.visiting.has(expr)) return unknownOf(expr);
    const top = depth === 0 && this.visiting.size === 0 && this.memo;
    if (top) {
      const known = top.kept.get(expr) ?? top.found.get(expr);
      if (known) return known;
    }
    this.visiting.add(expr);
    try {
      const v = this.resolveInner(expr, depth);
      if (v.node === undefined) (v as { node?: ts.Node }).node = expr;
      if (top) top.found.set(expr, v);
      return v;
    } finally {
      this.visiting.delete(expr);
    }
  }

  /**
   * Arguments with spreads flattened. `complete` is false when a spread could not be
   * resolved; `knownPrefix` counts the values whose position is certain (those before it).
   */
  resolveArgs(args: readonly ts.Expression[]): ResolvedArgs {
    const values: Value[] = [];
    let knownPrefix = -1;
    for (const arg of args) {
      if (ts.isSpreadElement(arg)) {
        const spread = this.resolve(arg.expression);
        if (spread.kind === 'array' && spread.complete) values.push(...spread.elements);
        else {
          if (knownPrefix < 0) knownPrefix = values.length;
          if (spread.kind === 'array') values.push(...spread.elements);
        }
      } else values.push(this.resolve(arg));
    }
    const complete = knownPrefix < 0;
    return { values, complete, knownPrefix: complete ? values.length : knownPrefix };
  }

  private resolveInner(expr: ts.Expression, depth: number): Value {
    const next = depth + 1;
    if (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr) || ts.isNonNullExpression(expr) || ts.isTypeAssertionExpression(expr) || ts.isSatisfiesExpression(expr)) {
      return this.resolve(expr.expression, next);
    }
    if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return { kind: 'string', value: expr.text, node: expr };
    if (ts.isNumericLiteral(expr)) return { kind: 'number', value: Number(expr.text), node: expr };
    if (ts.isPrefixUnaryExpression(expr) && expr.operator === ts.SyntaxKind.MinusToken) {
      const inner = this.resolve(expr.operand, next);
      return inner.kind === 'number' ? { kind: 'number', value: -inner.value, node: expr } : unknownOf(expr);
    }
    if (expr.kind === ts.SyntaxKind.TrueKeyword) return { kind: 'boolean', value: true, node: expr };
    if (expr.kind === ts.SyntaxKind.FalseKeyword) return { kind: 'boolean', value: false, node: expr };
    if (expr.kind === ts.SyntaxKind.NullKeyword) return { kind: 'nullish', node: expr };
    if (ts.isRegularExpressionLiteral(expr)) return { kind: 'regexp', source: expr.text, node: expr };
    if (ts.isTemplateExpression(expr)) return this.template(expr, next);
    if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      return concat(this.resolve(expr.left, next), this.resolve(expr.right, next), expr);
    }
    if (ts.isObjectLiteralExpression(expr)) return this.object(expr, next);
    if (ts.isArrayLiteralExpression(expr)) {
      const { values, complete } = this.resolveArgs(expr.elements.filter((e) => !ts.isOmittedExpression(e)));
      return { kind: 'array', elements: values, complete, node: expr };
    }
    if (ts.isArrowFunction(expr) || ts.isFunctionExpression(expr)) return { kind: 'function', decl: expr, node: expr };
    if (ts.isIdentifier(expr)) return this.identifier(expr, next);
    if (ts.isPropertyAccessExpression(expr) || ts.isElementAccessExpression(expr)) return this.member(expr, next);
    if (ts.isCallExpression(expr)) return this.call(expr, next);
    return this.fromType(expr);
  }

  private template(expr: ts.TemplateExpression, depth: number): Value {
    const parts: Array<string | null> = [expr.head.text];
    for (const span of expr.templateSpans) {
      const v = this.resolve(span.expression, depth);
      parts.push(...textParts(v));
      parts.push(span.literal.text);
    }
    return fromParts(parts, expr);
  }

  private object(expr: ts.ObjectLiteralExpression, depth: number, only?: ReadonlySet<string>): Value {
    const props = new Map<string, Value>();
    const propNodes = new Map<string, ts.Node>();
    let complete = true;
    for (const p of expr.properties) {
      if (ts.isSpreadAssignment(p)) {
        const spread = this.resolve(p.expression, depth);
        if (spread.kind === 'object') {
          for (const [k, v] of spread.props) props.set(k, v);
          for (const [k, n] of spread.propNodes) propNodes.set(k, n);
          if (!spread.complete) complete = false;
        } else complete = false;
        continue;
      }
      const key = this.propertyKey(p.name, depth);
      if (key === undefined) {
        complete = false;
        continue;
      }
      propNodes.set(key, p);
      if (only && !only.has(key)) props.set(key, unknownOf(p));
      else if (ts.isPropertyAssignment(p)) props.set(key, this.resolve(p.initializer, depth));
      else if (ts.isShorthandPropertyAssignment(p)) props.set(key, this.resolve(p.name, depth));
      else if (ts.isMethodDeclaration(p)) props.set(key, { kind: 'function', decl: p, node: p });
      else props.set(key, unknownOf(p));
    }
    return { kind: 'object', props, propNodes, complete, node: expr };
  }

  propertyKey(name: ts.PropertyName | undefined, depth = 0): string | undefined {
    if (!name) return undefined;
    if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
    if (ts.isComputedPropertyName(name)) {
      const v = this.resolve(name.expression, depth + 1);
      return v.kind === 'string' ? v.value : v.kind === 'number' ? String(v.value) : undefined;
    }
    return undefined;
  }

  private identifier(id: ts.Identifier, depth: number): Value {
    if (id.text === 'undefined') return { kind: 'nullish', node: id };
    const symbol = this.symbolOf(id);
    const decl = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
    if (decl) {
      const v = this.declaration(decl, depth);
      if (v) return v;
    }
    return this.fromType(id);
  }

  /** The value a declaration binds, when it is fixed: const initialisers, enum members, readonly fields. */
  private declaration(decl: ts.Declaration, depth: number): Value | undefined {
    if (ts.isVariableDeclaration(decl)) {
      if (!(ts.getCombinedNodeFlags(decl) & ts.NodeFlags.Const) || !decl.initializer) return undefined;
      return this.resolve(decl.initializer, depth);
    }
    if (ts.isBindingElement(decl)) return this.bindingElement(decl, depth);
    if (ts.isEnumMember(decl)) {
      const c = this.checker.getConstantValue(decl);
      if (typeof c === 'string') return { kind: 'string', value: c, node: decl };
      if (typeof c === 'number') return { kind: 'number', value: c, node: decl };
      return undefined;
    }
    if (ts.isPropertyDeclaration(decl)) {
      const readonly = decl.modifiers?.some((m) => m.kind === ts.SyntaxKind.ReadonlyKeyword);
      if (readonly && decl.initializer) return this.resolve(decl.initializer, depth);
      return undefined;
    }
    if (ts.isPropertyAssignment(decl)) return this.resolve(decl.initializer, depth);
    if (ts.isShorthandPropertyAssignment(decl)) return this.resolve(decl.name, depth);
    if (isCommonJsExport(decl)) return this.resolve(decl.parent.right, depth);
    if (ts.isFunctionDeclaration(decl) || ts.isMethodDeclaration(decl)) return { kind: 'function', decl, node: decl };
    return undefined;
  }

  private bindingElement(el: ts.BindingElement, depth: number): Value | undefined {
    const pattern = el.parent;
    if (!ts.isObjectBindingPattern(pattern) || el.dotDotDotToken) return undefined;
    const owner = pattern.parent;
    if (!ts.isVariableDeclaration(owner) || !(ts.getCombinedNodeFlags(owner) & ts.NodeFlags.Const) || !owner.initializer) return undefined;
    const key = el.propertyName ? this.propertyKey(el.propertyName, depth) : ts.isIdentifier(el.name) ? el.name.text : undefined;
    if (key === undefined) return undefined;
    const obj = this.resolve(owner.initializer, depth);
    if (obj.kind !== 'object') return undefined;
    const v = obj.props.get(key);
    if (v) return v;
    return el.initializer && obj.complete ? this.resolve(el.initializer, depth) : undefined;
  }

  private member(expr: ts.PropertyAccessExpression | ts.ElementAccessExpression, depth: number): Value {
    const nameNode = ts.isPropertyAccessExpression(expr) ? expr.name : expr.argumentExpression;
    const symbol = this.symbolOf(nameNode);
    const decl = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
    if (decl && !isExternalDeclaration(decl)) {
      const v = this.declaration(decl, depth);
      if (v) return v;
    }
    const key = ts.isPropertyAccessExpression(expr) ? expr.name.text : literalKey(this.resolve(expr.argumentExpression, depth));
    if (key !== undefined) {
      const obj = this.resolve(expr.expression, depth);
      if (obj.kind === 'object') {
        const v = obj.props.get(key);
        if (v) return v;
      }
      if (obj.kind === 'array' && key === 'length' && obj.complete) return { kind: 'number', value: obj.elements.length, node: expr };
    }
    return this.fromType(expr);
  }

  private call(expr: ts.CallExpression, depth: number): Value {
    const callee = expr.expression;
    if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
      const target = `${callee.expression.text}.${callee.name.text}`;
      // Object.freeze({...}) is the JavaScript spelling of `as const`.
      if ((target === 'Object.freeze' || target === 'Object.seal') && expr.arguments.length === 1) return this.resolve(expr.arguments[0], depth);
      if (target === 'JSON.stringify' || target === 'Buffer.from' || target === 'msgpack.encode') {
        const of = this.resolve(expr.arguments[0], depth);
        return { kind: 'encoded', of, node: expr };
      }
    }
    if (ts.isIdentifier(callee) && callee.text === 'String' && expr.arguments.length === 1) {
      const v = this.resolve(expr.arguments[0], depth);
      if (v.kind === 'number') return { kind: 'string', value: String(v.value), node: expr };
      if (v.kind === 'string' || v.kind === 'template') return v;
    }
    return this.fromType(expr);
  }

  /** Last resort with types: a literal type is as good as a literal. */
  private fromType(expr: ts.Expression): Value {
    if (this.typed) {
      const type = this.checker.getTypeAtLocation(expr);
      if (type.isStringLiteral()) return { kind: 'string', value: type.value, node: expr };
      if (type.isNumberLiteral()) return { kind: 'number', value: type.value, node: expr };
    }
    return unknownOf(expr);
  }

  private symbolOf(node: ts.Node): ts.Symbol | undefined {
    let symbol: ts.Symbol | undefined;
    try {
      symbol = this.checker.getSymbolAtLocation(node);
      if (symbol && ts.isShorthandPropertyAssignment(node.parent) && node.parent.name === node) {
        symbol = this.checker.getShorthandAssignmentValueSymbol(node.parent) ?? symbol;
      }
      if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
    } catch {
      return undefined;
    }
    return symbol;
  }
}

/** `module.exports.name = …` / `exports.name = …`: what a CommonJS `require` of `name` binds. */
function isCommonJsExport(decl: ts.Declaration): decl is ts.PropertyAccessExpression & { parent: ts.BinaryExpression } {
  if (!ts.isPropertyAccessExpression(decl) || !ts.isBinaryExpression(decl.parent)) return false;
  if (decl.parent.left !== decl || decl.parent.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return false;
  const target = decl.expression;
  if (ts.isIdentifier(target)) return target.text === 'exports';
  return ts.isPropertyAccessExpression(target) && ts.isIdentifier(target.expression) && target.expression.text === 'module' && target.name.text === 'exports';
}

/** Declared in typings or a package, not in the workspace's own code. */
export function isExternalDeclaration(decl: ts.Node): boolean {
  const sf = decl.getSourceFile();
  return sf.isDeclarationFile || sf.fileName.includes('/node_modules/');
}

function literalKey(v: Value): string | undefined {
  return v.kind === 'string' ? v.value : v.kind === 'number' ? String(v.value) : undefined;
}

function textParts(v: Value): Array<string | null> {
  if (v.kind === 'string') return [v.value];
  if (v.kind === 'number' || v.kind === 'boolean') return [String(v.value)];
  if (v.kind === 'template') return v.parts;
  return [null];
}

function fromParts(raw: Array<string | null>, node: ts.Node): Value {
  const parts: Array<string | null> = [];
  for (const p of raw) {
    const last = parts.length - 1;
    if (p !== null && last >= 0 && parts[last] !== null) parts[last] = parts[last] + p;
    else if (p === null && last >= 0 && parts[last] === null) continue;
    else parts.push(p);
  }
  if (parts.every((p) => p !== null)) return { kind: 'string', value: parts.join(''), node };
  return { kind: 'template', parts, node };
}

function concat(left: Value, right: Value, node: ts.Node): Value {
  const isText = (v: Value) => v.kind === 'string' || v.kind === 'template';
  if (left.kind === 'number' && right.kind === 'number') return { kind: 'number', value: left.value + right.value, node };
  if (!isText(left) && !isText(right)) return unknownOf(node);
  return fromParts([...textParts(left), ...textParts(right)], node);
}

export function unknownOf(node: ts.Node): Value {
  const names: string[] = [];
  const visit = (n: ts.Node): void => {
    if (names.length > 32) return;
    if (ts.isIdentifier(n)) names.push(n.text);
    else if (ts.isStringLiteral(n)) names.push(n.text);
    n.forEachChild(visit);
  };
  visit(node);
  return { kind: 'unknown', names, node };
}

/** The string a value certainly is, if fully known. */
export function stringOf(v: Value | undefined): string | undefined {
  if (!v) return undefined;
  if (v.kind === 'string') return v.value;
  if (v.kind === 'number') return String(v.value);
  return undefined;
}

export function numberOf(v: Value | undefined): number | undefined {
  if (!v) return undefined;
  if (v.kind === 'number') return v.value;
  if (v.kind === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v.value)) return Number(v.value);
  return undefined;
}

/** Known text with `*` for the unknown parts (`orders:*`), or undefined when nothing is known. */
export function patternOf(v: Value | undefined): string | undefined {
  if (!v) return undefined;
  const s = stringOf(v);
  if (s !== undefined) return s;
  if (v.kind === 'template') return v.parts.map((p) => (p === null ? '*' : p)).join('');
  return undefined;
}

export function isKnown(v: Value | undefined): boolean {
  return v !== undefined && v.kind !== 'unknown';
}

export function propOf(v: Value | undefined, key: string): Value | undefined {
  return v && v.kind === 'object' ? v.props.get(key) : undefined;
}
