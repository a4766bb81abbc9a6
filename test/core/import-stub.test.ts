// The structure program's stand-in trees load exactly what the files they stand for load, over every text-proven file at hand.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import ts from 'typescript';
import { createFsModuleHost } from '../../src/cli/module-host';
import { defaultConfig } from '../../src/core/config';
import { importStub } from '../../src/core/import-stub';
import { LintCache } from '../../src/core/cache';
import { lint } from '../../src/core/linter';
import { traitsFromText } from '../../src/core/prefilter';
import { buildStructure, parseOutsideFile, parseWorkspaceFile } from '../../src/core/program';
import type { SourceFile } from '../../src/core/types';
import { allRules } from '../../src/rules';
import { tempDir } from '../helpers/temp';

const root = path.resolve(__dirname, '..', '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { generateWorkspace } = require(path.join(root, 'scripts', 'bench', 'generate')) as { generateWorkspace: (dir: string, options: object) => { dir: string } };

/** What a tree loads, as a program collects it (imports, augmentations, triple-slash references). */
function loadsOf(sf: ts.SourceFile): string[] {
  const host: ts.CompilerHost = {
    getSourceFile: (f) => (f === sf.fileName ? sf : undefined),
    getDefaultLibFileName: () => '/__nolib__/lib.d.ts',
    writeFile: () => undefined,
    getCurrentDirectory: () => '/',
    getCanonicalFileName: (f) => f,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: (f) => f === sf.fileName,
    readFile: (f) => (f === sf.fileName ? sf.text : undefined),
  };
  const program = ts.createProgram({ rootNames: [sf.fileName], options: { noResolve: true, noLib: true, types: [], allowJs: true, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10 }, host });
  const own = program.getSourceFile(sf.fileName) as ts.SourceFile & { imports: readonly ts.StringLiteralLike[]; moduleAugmentations: readonly ts.Node[] };
  return [
    ...new Set([
      ...own.imports.map((i) => `import ${i.text}`),
      ...own.moduleAugmentations.map((m) => `augments ${ts.isStringLiteral(m) ? m.text : m.getText(own)}`),
      ...own.referencedFiles.map((r) => `path ${r.fileName}`),
      ...own.typeReferenceDirectives.map((r) => `types ${r.fileName} ${r.resolutionMode ?? ''}`),
      ...own.libReferenceDirectives.map((r) => `lib ${r.fileName}`),
    ]),
  ].sort();
}

function sameLoads(file: string, text: string): void {
  const stub = importStub(file, text);
  assert.ok(stub, `${file} gets a stand-in`);
  assert.deepEqual(loadsOf(stub), loadsOf(parseWorkspaceFile(file, text)), file);
}

function typeScriptFiles(dir: string, out: string[] = []): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) typeScriptFiles(full, out);
    else if (/\.(?:ts|tsx)$/.test(e.name) && !/\.d\.ts$/.test(e.name)) out.push(full);
  }
  return out;
}

describe('stand-in trees for the structure program', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  const cases: Array<[string, string]> = [
    ['static imports of every kind', "import a from 'a';\nimport type { B } from 'b';\nimport { type C, d } from './c';\nimport * as e from '@scope/e';\nimport 'side-effect';\nimport f = require('f');\nexport const x = 1;\n"],
    ['re-exports', "export { a } from './a';\nexport * from 'b';\nexport type { C } from './c';\nexport { default } from 'd';\n"],
    ['dynamic imports and import types', "export async function load() {\n  const m = await import('./lazy');\n  const t: typeof import('kafkajs') | import('ioredis').Redis | undefined = undefined;\n  return `${await import('./in-template')}` + String(m) + String(t);\n}\n"],
    ['triple-slash references', '/// <reference path="./globals.d.ts" />\n/// <reference types="node" />\n/// <reference types="x" resolution-mode="import" />\n/// <reference lib="es2022" />\nimport a from \'a\';\nexport default a;\n'],
    ['import attributes and strings that only look like imports', "import data from './data.json' with { type: 'json' };\nexport const s = \"import x from 'not-a-module'\";\n// import y from 'in-a-comment';\nexport const r = /import\\('z'\\)/;\nexport const o = { import: 1 }.import;\nexport { data };\n"],
    ['directive values with backslashes and quotes, specifiers with escapes', "/// <reference path='..\\types\\a\"b.d.ts' />\n/// <reference types=\"c\\d\" />\nimport x from 'e\\u0066';\nimport y from \"g'h\";\nexport { x, y };\n"],
    ['no imports at all', 'export function f(a: number) {\n  return a + 1;\n}\n'],
  ];
  for (const [what, text] of cases) it(`loads the same as the file: ${what}`, () => sameLoads('/w/src/file.ts', text));

  it('is not made where the scan reads differently or cannot see, so the file is parsed', () => {
    assert.equal(importStub('/w/src/a.ts', "export * as ns from './ns';\n"), undefined);
    assert.equal(importStub('/w/src/a.ts', '/// <reference no-default-lib="true"/>\nexport const a = 1;\n'), undefined);
    assert.equal(importStub('/w/src/a.js', "/** @import { A } from 'a' */\nexport const a = 1;\n"), undefined);
  });

  it("loads the same as the parser's tree for every text-proven TypeScript file of the repository, its packages and a generated workspace", () => {
    const dir = tempDir('streamwise-stub-');
    dirs.push(dir);
    const ws = generateWorkspace(dir, { files: 200, seed: 4, bigFileLines: 300, typings: false });
    const files = [...typeScriptFiles(ws.dir), ...typeScriptFiles(path.join(root, 'test')), ...typeScriptFiles(path.join(root, 'src')), ...typeScriptFiles(path.join(root, 'examples')), ...typeScriptFiles(path.join(root, 'node_modules'))];
    let compared = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const posix = file.split(path.sep).join('/');
      if (text.length > 1_000_000 || !traitsFromText(posix, text)) continue;
      const stub = importStub(posix, text);
      if (!stub) continue;
      assert.deepEqual(loadsOf(stub), loadsOf(parseWorkspaceFile(posix, text)), posix);
      compared += 1;
    }
    assert.ok(compared > 500, `compared ${compared} files`);
  });

  it('gives a typed structure program the same typings as parsed trees, and a one-off run the findings of a kept-cache run', () => {
    const dir = tempDir('streamwise-stub-');
    dirs.push(dir);
    const ws = generateWorkspace(dir, { files: 60, seed: 9, bigFileLines: 300, typings: true });
    const sources: SourceFile[] = typeScriptFiles(path.join(ws.dir, 'src'))
      .sort()
      .map((f) => ({ path: f.split(path.sep).join('/'), text: fs.readFileSync(f, 'utf8') }));
    const host = createFsModuleHost();
    const text = (p: string) => sources.find((f) => f.path === p)!.text;
    const external = (program: ts.Program) => program.getSourceFiles().map((sf) => sf.fileName).filter((f) => !sources.some((s) => s.path === f)).sort();
    const parsed = buildStructure(sources, host, undefined, (p) => parseOutsideFile(p, text(p)), () => undefined);
    let stubbed = 0;
    const scanned = buildStructure(sources, host, undefined, (p) => (traitsFromText(p, text(p)) && importStub(p, text(p)) && ++stubbed ? importStub(p, text(p))! : parseOutsideFile(p, text(p))), () => undefined);
    assert.ok(stubbed > 30, `${stubbed} files stood in for`);
    assert.ok(external(parsed).some((f) => f.includes('/node_modules/')), 'the workspace loads typings');
    assert.deepEqual(external(scanned), external(parsed));

    const config = defaultConfig(allRules);
    const strip = (o: ReturnType<typeof lint>) => o.files.map((f) => ({ path: f.path, findings: f.findings.map((x) => [x.ruleId, x.range.start, x.message]) }));
    const oneOff = lint({ files: sources, moduleHost: host, config }, allRules);
    const kept = lint({ files: sources, moduleHost: host, config }, allRules, undefined, { cache: new LintCache() });
    assert.ok(oneOff.files.some((f) => f.findings.length > 0));
    assert.deepEqual(strip(oneOff), strip(kept));
  });
});
