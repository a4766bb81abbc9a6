// Whether the last structure program still answers for the workspace: no edit since changed what any file loads.
import ts from 'typescript';
import { sameStub, stoodFor } from './import-stub';
import { traitsFromText } from './prefilter';
import { workspaceFilesOf } from './program';
import { changedSpan } from './text';
import type { ModuleHost, SourceFile } from './types';
import { augments, isModule } from './units';

/**
 * Can `structure`, built over an earlier state of the workspace, stand for a structure program over
 * `files`? It can when the file set and the installed packages are the same and every file changed
 * since keeps what the structure is read for: the files it loads (imports, `require`, `import()`
 * types, JSDoc imports, triple-slash references, module declarations) and whether it is a module or
 * an augmentation (what the cache decides from the tree the structure holds, see LintCache.begin).
 * The structure then holds outdated trees of the changed files: readers that want a file's tree
 * check its text first, and the cache asks them only what is compared here. A stand-in tree
 * (import-stub.ts) holds while the file's text still shows nothing to analyse and its scan writes
 * the same stand-in. `tree` is a changed file's current tree.
 */
export function structureStillHolds(structure: ts.Program, files: readonly SourceFile[], moduleHost: ModuleHost, tree: (path: string) => ts.SourceFile): boolean {
  if (hostOf.get(structure) !== moduleHost) return false;
  const paths = workspaceFilesOf(structure);
  if (!paths || paths.size !== files.length) return false;
  const changed: Array<{ before: ts.SourceFile; path: string; text: string }> = [];
  for (const f of files) {
    const before = structure.getSourceFile(f.path);
    if (!paths.has(f.path)) return false;
    if (before === undefined) {
      // Left out of the structure (TypeScript did not take it): only its text could say why; ask again.
      return false;
    }
    const stoodText = stoodFor(before);
    if (stoodText !== undefined) {
      // A stand-in (import-stub.ts): it still holds while the text still shows nothing to analyse and scans alike.
      if (stoodText !== f.text && !(traitsFromText(f.path, f.text) && sameStub(before, f.path, f.text))) return false;
    } else if (before.text !== f.text) changed.push({ before, path: f.path, text: f.text });
  }
  return changed.every(({ before, path }) => sameStructure(before, tree(path)));
}

/** The module host each structure program was built with: another host may see other packages. */
const hostOf = new WeakMap<ts.Program, ModuleHost>();

export function rememberHost(structure: ts.Program, moduleHost: ModuleHost): void {
  hostOf.set(structure, moduleHost);
}

/** Does `after` load the same files as `before`, and is it a module or augmentation exactly when `before` is? */
function sameStructure(before: ts.SourceFile, after: ts.SourceFile): boolean {
  if (!sameReferences(before.referencedFiles, after.referencedFiles)) return false;
  if (!sameReferences(before.typeReferenceDirectives, after.typeReferenceDirectives)) return false;
  if (!sameReferences(before.libReferenceDirectives, after.libReferenceDirectives)) return false;
  if (isModule(before) !== isModule(after) || augments(before) !== augments(after)) return false;
  const span = changedSpan(before.text, after.text);
  return !loadsIn(before, span.start, span.oldEnd) && !loadsIn(after, span.start, span.newEnd);
}

function sameReferences(a: readonly ts.FileReference[], b: readonly ts.FileReference[]): boolean {
  return a.length === b.length && a.every((r, i) => r.fileName === b[i].fileName && r.resolutionMode === b[i].resolutionMode && r.preserve === b[i].preserve);
}

/**
 * May the top-level statements touching [start, end) load a file? TypeScript finds `import()`,
 * `require()` and import types by searching the text for `import` and `require`, so the same search
 * over those statements (leading comments included) cannot miss one; module declarations and
 * `export … from` are told by their kind. A change past the last statement reaches the end of the file.
 */
function loadsIn(sf: ts.SourceFile, start: number, end: number): boolean {
  let from = Number.POSITIVE_INFINITY;
  let to = -1;
  for (const statement of sf.statements) {
    if (statement.end < start || statement.pos > end) continue;
    if (ts.isModuleDeclaration(statement) || ts.isExportDeclaration(statement) || ts.isImportDeclaration(statement) || ts.isImportEqualsDeclaration(statement)) return true;
    from = Math.min(from, statement.pos);
    to = Math.max(to, statement.end);
  }
  const last = sf.statements.length > 0 ? sf.statements[sf.statements.length - 1].end : 0;
  if (end >= last) to = sf.text.length;
  from = Math.min(start, from);
  return /import|require/.test(sf.text.slice(from, Math.max(to, end)));
}
