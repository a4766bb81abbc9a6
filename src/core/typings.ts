// Which installed packages' typings reach a Redis or Kafka client's typings, so that importing them may yield a client type.
import ts from 'typescript';
import { kindOfDeclarationFile } from './clients';

/** The package a node_modules file belongs to (`@scope/name` or `name`), from its last `node_modules/`. */
function packageOf(fileName: string): string | undefined {
  const at = fileName.lastIndexOf('/node_modules/');
  if (at < 0) return undefined;
  const parts = fileName.slice(at + '/node_modules/'.length).split('/');
  return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

/** `@types/scope__name` serves `@scope/name`, `@types/x` serves `x`. */
function servedName(pkg: string): string {
  if (!pkg.startsWith('@types/')) return pkg;
  const rest = pkg.slice('@types/'.length);
  return rest.includes('__') ? `@${rest.replace('__', '/')}` : rest;
}

/** Module references in declaration files: `from '…'`, `import('…')`, `require('…')`, `import '…'`, `/// <reference types="…" path="…">`, `declare module '…'`. */
const REFERENCE = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\btypes\s*=\s*|\bpath\s*=\s*|\bmodule\s*|\bimport\s+)(['"])([^'"\n]+)\1/g;

function bareName(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

function join(dir: string, rel: string): string {
  const out = dir.split('/');
  for (const part of rel.split('/')) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return out.join('/');
}

export interface ExposingTypings {
  /** Module specifiers (as written in workspace code) whose typings may hand out a client type. */
  specifiers: string[];
  /** Globals such typings declare (`declare global`, script typings), usable without an import. */
  globals: string[];
}

/**
 * Packages whose typings mention a client package (an import, `import('…')` type or
 * `/// <reference types>`), directly or through other packages' typings in the program.
 * Mentions are read from the text, so a package naming a client package anywhere counts.
 */
export function exposingTypings(program: ts.Program): ExposingTypings {
  const external = program.getSourceFiles().filter((sf) => sf.fileName.includes('/node_modules/'));
  // Programs rebuilt per edit share their typings' trees (see program.ts): the same trees, the same answer.
  if (last && last.external.length === external.length && last.external.every((sf, i) => sf === external[i])) return last.result;
  const result = exposingIn(external);
  last = { external, result };
  return result;
}

let last: { external: readonly ts.SourceFile[]; result: ExposingTypings } | undefined;

function exposingIn(external: readonly ts.SourceFile[]): ExposingTypings {
  const edges = new Map<string, Set<string>>();
  const exposing = new Set<string>();
  const filesOf = new Map<string, ts.SourceFile[]>();
  for (const sf of external) {
    const pkg = packageOf(sf.fileName)!;
    (filesOf.get(pkg) ?? filesOf.set(pkg, []).get(pkg)!).push(sf);
    if (kindOfDeclarationFile(sf.fileName)) exposing.add(pkg);
    const out = edges.get(pkg) ?? edges.set(pkg, new Set()).get(pkg)!;
    const dir = sf.fileName.slice(0, sf.fileName.lastIndexOf('/'));
    for (const m of sf.text.matchAll(REFERENCE)) {
      const spec = m[2];
      if (spec.startsWith('.') || spec.startsWith('/')) {
        const target = packageOf(spec.startsWith('/') ? spec : join(dir, spec));
        if (target && target !== pkg) out.add(target);
        continue;
      }
      const name = bareName(spec);
      out.add(name);
      out.add(`@types/${name.startsWith('@') ? name.slice(1).replace('/', '__') : name}`);
    }
  }
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pkg, targets] of edges) {
      if (exposing.has(pkg)) continue;
      if ([...targets].some((t) => exposing.has(t))) {
        exposing.add(pkg);
        grew = true;
      }
    }
  }
  const specifiers = new Set<string>();
  const globals: string[] = [];
  for (const pkg of exposing) {
    specifiers.add(servedName(pkg));
    for (const sf of filesOf.get(pkg) ?? []) {
      for (const s of sf.statements) {
        // Ambient modules declared by such typings (`declare module 'x' { … }`) hand out the same types under another name.
        if (ts.isModuleDeclaration(s) && ts.isStringLiteral(s.name)) specifiers.add(s.name.text);
      }
      globals.push(...globalNames(sf));
    }
  }
  return { specifiers: [...specifiers], globals };
}

/** Names a declaration file puts in the global scope: every top-level declaration of a script, and `declare global` members. */
function globalNames(sf: ts.SourceFile): string[] {
  const out: string[] = [];
  const named = (s: ts.Statement) => {
    if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) if (ts.isIdentifier(d.name)) out.push(d.name.text);
    } else if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s) || ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s) || ts.isEnumDeclaration(s)) && s.name) {
      out.push(s.name.text);
    } else if (ts.isModuleDeclaration(s) && ts.isIdentifier(s.name)) out.push(s.name.text);
  };
  const script = !ts.isExternalModule(sf);
  for (const s of sf.statements) {
    if (script) named(s);
    if (ts.isModuleDeclaration(s) && s.flags & ts.NodeFlags.GlobalAugmentation && s.body && ts.isModuleBlock(s.body)) s.body.statements.forEach(named);
  }
  return out;
}
