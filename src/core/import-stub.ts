// A stand-in tree for the structure program: a file's module references without parsing the file.
import ts from 'typescript';
import { isJavaScript, scriptKindFor, sourceFileOptions } from './program';

/**
 * Forms TypeScript's import scan (`ts.preProcessFile`) reads differently from the parser: it misses
 * `export * as ns from '…'`, and a `no-default-lib` reference changes how the program treats a
 * file beyond its references. A text holding either is parsed.
 */
const SCAN_DIFFERS = /export\s*\*\s*as(?![\w$\u0080-\uffff])|no-default-lib/;

/**
 * A tree that loads exactly what `text` loads, for a TypeScript module whose text shows it holds no
 * augmentation, namespace or directive (`traitsFromText` in prefilter.ts): its triple-slash
 * references, then one `import` per module it names. The structure program reads nothing else of
 * such a file (Node10 resolution gives every kind of import the same answer), and a tree whose text
 * is not the file's is never taken for the file's tree by anyone who checks. Undefined for
 * JavaScript (whose JSDoc imports the scan cannot see) and for texts the scan may read differently.
 * `test/core/import-stub.test.ts` holds the scan to the parser over every such file at hand.
 */
export function importStub(path: string, text: string): ts.SourceFile | undefined {
  if (!scannable(path, text)) return undefined;
  const sf = ts.createSourceFile(path, stubText(text), sourceFileOptions(path), false, scriptKindFor(path));
  stood.set(sf, text);
  return sf;
}

/** Each stand-in's file text. */
const stood = new WeakMap<ts.SourceFile, string>();

/** The text of the file a tree stands in for; undefined for a file's own tree. */
export function stoodFor(sf: ts.SourceFile): string | undefined {
  return stood.get(sf);
}

/**
 * Would a stand-in for `text` load what `stub` loads? Two scans that find the same references
 * write the same stand-in, so the texts are compared.
 */
export function sameStub(stub: ts.SourceFile, path: string, text: string): boolean {
  return scannable(path, text) && stubText(text) === stub.text;
}

/** Can the scan alone tell what this file loads? */
function scannable(path: string, text: string): boolean {
  return !isJavaScript(path) && !SCAN_DIFFERS.test(text);
}

function stubText(text: string): string {
  const scan = ts.preProcessFile(text, true, false);
  // A directive's value is taken as written (no escapes), a module specifier as a string literal.
  const attribute = (s: string) => (s.includes('"') ? `'${s}'` : `"${s}"`);
  const lines = [
    ...scan.referencedFiles.map((r) => `/// <reference path=${attribute(r.fileName)} />`),
    ...scan.typeReferenceDirectives.map((r) => `/// <reference types=${attribute(r.fileName)}${modeOf(r.resolutionMode)} />`),
    ...scan.libReferenceDirectives.map((r) => `/// <reference lib=${attribute(r.fileName)} />`),
    ...scan.importedFiles.map((i) => `import ${JSON.stringify(i.fileName)};`),
    'export {};',
  ];
  return lines.join('\n');
}

function modeOf(mode: ts.ResolutionMode): string {
  if (mode === ts.ModuleKind.ESNext) return ' resolution-mode="import"';
  if (mode === ts.ModuleKind.CommonJS) return ' resolution-mode="require"';
  return '';
}
