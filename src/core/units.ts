// A file's top-level statements as the pre-filter sees them: what each declares, exports and assigns, and the text it mentions.
import ts from 'typescript';
import { isJavaScript } from './program';

/** One top-level statement (its leading comments and JSDoc included). */
export interface Unit {
  start: number;
  end: number;
  /** File-level names it declares: what other statements of the file mention it by. */
  declares: string[];
  /** Names other files import it by (all declared names in a script, whose top level is global). */
  exports: string[];
  /** `export default`, `export =`, `module.exports =`: importers name it by the module's path. */
  exportsModule: boolean;
}

export interface FileUnits {
  path: string;
  units: Unit[];
  /** The text matched against words: the source, plus the cooked spelling of escaped identifiers and strings. */
  matchText(unit: Unit): string;
  /** File-level names the statement assigns (`client = …`, `state.redis = …`, `this.x = …`), and property names assigned. */
  assigns(unit: Unit): string[];
  /** The identifier-like words of `matchText(unit)`. */
  words(unit: Unit): ReadonlySet<string>;
}

/** Identifier-like runs of text: every word a word pattern (reach.ts) can find in it, and possibly more. */
export function identifierWords(text: string): Set<string> {
  return new Set(text.match(/[A-Za-z_$\u0080-\uffff][\w$\u0080-\uffff]*/g));
}

/** Identifier and string escapes (`\u0072edis`, `'io\x72edis'`, line continuations) spell a word differently in the text. */
const ESCAPE = /\\(?:u|x|[0-7]|\r|\n)/i;

export function unitsOf(sf: ts.SourceFile): FileUnits {
  const escaped = hasEscapes(sf.text);
  const module = isModule(sf);
  const units: Unit[] = [];
  const nodes = new Map<Unit, ts.Statement>();
  for (const statement of sf.statements) {
    const unit = describe(statement, module, isJavaScript(sf.fileName));
    units.push(unit);
    nodes.set(unit, statement);
  }
  const assigned = new Map<Unit, string[]>();
  const wordSets = new Map<Unit, Set<string>>();
  const matchText = (unit: Unit) => {
    const text = sf.text.slice(unit.start, unit.end);
    return escaped ? `${text}\n${cookedWords(nodes.get(unit)!).join(' ')}` : text;
  };
  return {
    path: sf.fileName,
    units,
    matchText,
    words(unit) {
      let words = wordSets.get(unit);
      if (!words) wordSets.set(unit, (words = identifierWords(matchText(unit))));
      return words;
    },
    assigns(unit) {
      let names = assigned.get(unit);
      if (!names) assigned.set(unit, (names = assignmentTargets(nodes.get(unit)!)));
      return names;
    },
  };
}

/** Full text of the file for matching, with escaped spellings cooked (only files with escapes need a parse for this). */
export function fileMatchText(sf: ts.SourceFile): string {
  return hasEscapes(sf.text) ? `${sf.text}\n${cookedWords(sf).join(' ')}` : sf.text;
}

export function hasEscapes(text: string): boolean {
  return text.includes('\\') && ESCAPE.test(text);
}

function describe(statement: ts.Statement, module: boolean, javascript: boolean): Unit {
  const declares = declaredNames(statement);
  let exports: string[] = [];
  let exportsModule = false;
  const modifiers = ts.canHaveModifiers(statement) ? ts.getModifiers(statement) ?? [] : [];
  const exported = modifiers.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  const isDefault = modifiers.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
  if (!module) exports = [...declares];
  else if (exported) {
    if (isDefault) exportsModule = true;
    else exports = [...declares];
  }
  if (ts.isExportDeclaration(statement)) {
    const clause = statement.exportClause;
    if (clause && ts.isNamedExports(clause)) exports = clause.elements.map((e) => textOf(e.name));
    else if (clause && ts.isNamespaceExport(clause)) exports = [textOf(clause.name)];
    if (clause && ts.isNamedExports(clause) && clause.elements.some((e) => textOf(e.name) === 'default')) exportsModule = true;
  } else if (ts.isExportAssignment(statement)) {
    exportsModule = true;
  } else if (ts.isModuleDeclaration(statement) && (ts.isStringLiteral(statement.name) || statement.flags & ts.NodeFlags.GlobalAugmentation)) {
    // Names declared inside `declare global` / `declare module 'x'` join the global scope or another module.
    exports = [...exports, ...namesInside(statement)];
  }
  if (javascript || !module) {
    const cjs = commonJsExports(statement);
    exports = [...exports, ...cjs.names];
    exportsModule ||= cjs.whole;
  }
  return { start: statement.pos, end: statement.end, declares, exports, exportsModule };
}

const textOf = (name: ts.ModuleExportName | ts.Identifier) => name.text;

function bindingNames(name: ts.BindingName, out: string[]): void {
  if (ts.isIdentifier(name)) out.push(name.text);
  else for (const el of name.elements) if (!ts.isOmittedExpression(el)) bindingNames(el.name, out);
}

/** Names a top-level statement puts in the file's scope, `var`s hoisted out of blocks and loops included. */
function declaredNames(statement: ts.Statement): string[] {
  const out: string[] = [];
  if (ts.isVariableStatement(statement)) {
    for (const d of statement.declarationList.declarations) bindingNames(d.name, out);
  } else if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isEnumDeclaration(statement)) {
    if (statement.name) out.push(statement.name.text);
  } else if (ts.isModuleDeclaration(statement)) {
    if (ts.isIdentifier(statement.name)) out.push(statement.name.text);
  } else if (ts.isImportDeclaration(statement)) {
    const clause = statement.importClause;
    if (clause?.name) out.push(clause.name.text);
    const bindings = clause?.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) out.push(bindings.name.text);
    else if (bindings) for (const e of bindings.elements) out.push(e.name.text);
  } else if (ts.isImportEqualsDeclaration(statement)) {
    out.push(statement.name.text);
  } else {
    // Blocks, loops, `if`, `try`, labels: `var` and function declarations inside them still live at file level.
    const visit = (n: ts.Node): void => {
      if (ts.isVariableDeclarationList(n)) {
        for (const d of n.declarations) bindingNames(d.name, out);
      } else if (ts.isFunctionDeclaration(n) && n.name) out.push(n.name.text);
      if (ts.isFunctionLike(n) || ts.isClassLike(n)) return;
      n.forEachChild(visit);
    };
    statement.forEachChild(visit);
  }
  return out;
}

function namesInside(decl: ts.ModuleDeclaration): string[] {
  const out: string[] = [];
  const visit = (body: ts.ModuleBody | undefined): void => {
    if (!body) return;
    if (ts.isModuleDeclaration(body)) {
      if (ts.isIdentifier(body.name)) out.push(body.name.text);
      visit(body.body);
      return;
    }
    if (!ts.isModuleBlock(body)) return;
    for (const s of body.statements) {
      out.push(...declaredNames(s));
      if (ts.isModuleDeclaration(s)) visit(s.body);
      if (ts.isExportDeclaration(s) && s.exportClause && ts.isNamedExports(s.exportClause)) out.push(...s.exportClause.elements.map((e) => textOf(e.name)));
    }
  };
  visit(decl.body);
  return out;
}

/** Does the file add to another module or to the global scope (`declare module '…'`, `declare global`)? */
export function augments(sf: ts.SourceFile): boolean {
  return sf.statements.some(isAugmentation);
}

function isAugmentation(statement: ts.Statement): boolean {
  return ts.isModuleDeclaration(statement) && (ts.isStringLiteral(statement.name) || (statement.flags & ts.NodeFlags.GlobalAugmentation) !== 0);
}

const isIdent = (e: ts.Expression, name: string) => ts.isIdentifier(e) && e.text === name;
const isModuleExports = (e: ts.Expression) => ts.isPropertyAccessExpression(e) && isIdent(e.expression, 'module') && e.name.text === 'exports';

/** CommonJS exports a statement makes: `exports.x =`, `module.exports.x =`, `this.x =` at top level, `Object.defineProperty(exports, 'x', …)`; `whole` for `module.exports =`. */
function commonJsExports(statement: ts.Statement): { names: string[]; whole: boolean; marksModule: boolean } {
  const names: string[] = [];
  let whole = false;
  let marksModule = false;
  const visit = (n: ts.Node, topLevel: boolean): void => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const left = skipParens(n.left);
      if (isModuleExports(left)) {
        whole = true;
        marksModule ||= topLevel;
        const right = skipParens(n.right);
        if (ts.isObjectLiteralExpression(right)) for (const p of right.properties) if (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) names.push(p.name.text);
      } else if (ts.isPropertyAccessExpression(left) || ts.isElementAccessExpression(left)) {
        const target = skipParens(left.expression);
        const key = ts.isPropertyAccessExpression(left) ? left.name.text : ts.isStringLiteralLike(left.argumentExpression) ? left.argumentExpression.text : undefined;
        const exportsObject = isIdent(target, 'exports') || isModuleExports(target) || (topLevel && target.kind === ts.SyntaxKind.ThisKeyword);
        if (exportsObject) {
          if (key === undefined) whole = true;
          else names.push(key);
          marksModule ||= topLevel && target.kind !== ts.SyntaxKind.ThisKeyword;
        }
      }
    } else if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && isIdent(n.expression.expression, 'Object') && n.expression.name.text === 'defineProperty') {
      const [target, key] = n.arguments;
      if (target && (isIdent(target, 'exports') || isModuleExports(target))) {
        if (key && ts.isStringLiteralLike(key)) names.push(key.text);
        else whole = true;
        marksModule ||= topLevel;
      }
    }
    n.forEachChild((c) => visit(c, topLevel && !ts.isFunctionLike(c) && !ts.isClassLike(c)));
  };
  visit(statement, true);
  return { names, whole, marksModule };
}

function skipParens(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  return e;
}

const ASSIGNMENT = new Set([ts.SyntaxKind.EqualsToken, ts.SyntaxKind.QuestionQuestionEqualsToken, ts.SyntaxKind.BarBarEqualsToken, ts.SyntaxKind.AmpersandAmpersandEqualsToken]);

/** Every identifier on the left of an assignment: the assigned binding, the object whose property is assigned, and that property's name. */
function assignmentTargets(statement: ts.Statement): string[] {
  const out: string[] = [];
  const collect = (e: ts.Node): void => {
    if (ts.isIdentifier(e) || ts.isPrivateIdentifier(e)) out.push(e.text);
    e.forEachChild(collect);
  };
  const visit = (n: ts.Node): void => {
    if (ts.isBinaryExpression(n) && ASSIGNMENT.has(n.operatorToken.kind)) collect(n.left);
    n.forEachChild(visit);
  };
  visit(statement);
  return out;
}

/** Identifier texts and string contents as the compiler reads them, for files whose source spells some with escapes. */
function cookedWords(root: ts.Node): string[] {
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n) || ts.isPrivateIdentifier(n)) out.push(n.text);
    else if (ts.isStringLiteralLike(n) || ts.isTemplateLiteralToken(n)) out.push(`'${n.text}'`);
    n.forEachChild(visit);
  };
  visit(root);
  return out;
}

/**
 * Does the binder treat this file as a module? ES syntax decides at parse time; a JavaScript file is a
 * CommonJS module once it calls `require(x)` or assigns `module.exports`/`exports.x`. Anything not
 * proven a module counts as a script, whose globals any file may use.
 */
export function isModule(sf: ts.SourceFile): boolean {
  if (ts.isExternalModule(sf)) return true;
  if (!isJavaScript(sf.fileName)) return false;
  if (!/\b(?:require|exports)\b/.test(sf.text)) return false;
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n) && isIdent(n.expression, 'require') && n.arguments.length === 1) found = true;
    else n.forEachChild(visit);
  };
  visit(sf);
  if (found) return true;
  // Only assignments outside functions: those the binder certainly takes as the module's exports.
  return sf.statements.some((s) => commonJsExports(s).marksModule);
}
