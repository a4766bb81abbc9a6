// Builds one TypeScript program over the in-memory workspace, typed (through a ModuleHost) or untyped.
import ts from 'typescript';
import type { ModuleHost, SourceFile } from './types';

/** The lib files typed analysis loads (no DOM: messaging code is server code); the VSIX ships exactly these and their references. */
export const TYPED_ANALYSIS_LIBS = ['lib.es2022.d.ts'] as const;

export interface BuiltProgram {
  program: ts.Program;
  checker: ts.TypeChecker;
  typed: boolean;
}

const baseOptions: ts.CompilerOptions = {
  allowJs: true,
  checkJs: false,
  noEmit: true,
  skipLibCheck: true,
  skipDefaultLibCheck: true,
  strict: false,
  jsx: ts.JsxEmit.Preserve,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  esModuleInterop: true,
  allowSyntheticDefaultImports: true,
  resolveJsonModule: false,
  maxNodeModuleJsDepth: 0,
  types: [],
  allowNonTsExtensions: true,
};

export function scriptKindFor(path: string): ts.ScriptKind {
  const lower = path.toLowerCase();
  if (lower.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (lower.endsWith('.jsx')) return ts.ScriptKind.JSX;
  if (lower.endsWith('.js') || lower.endsWith('.mjs') || lower.endsWith('.cjs')) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

/** Parses one file the way the engine does; shared with callers that only need syntax. */
export function parseSource(path: string, text: string): ts.SourceFile {
  return ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true, scriptKindFor(path));
}

/**
 * Typings and lib files are immutable and large; parsing them once per process makes
 * re-linting cheap. Entries are checked against the current text before reuse.
 */
const externalFiles = new Map<string, ts.SourceFile>();

function cachedExternal(fileName: string, text: string, languageVersion: ts.ScriptTarget | ts.CreateSourceFileOptions): ts.SourceFile {
  const hit = externalFiles.get(fileName);
  if (hit && hit.text === text) return hit;
  const sf = ts.createSourceFile(fileName, text, languageVersion, false, scriptKindFor(fileName));
  externalFiles.set(fileName, sf);
  return sf;
}

export function buildProgram(files: SourceFile[], moduleHost: ModuleHost | undefined, oldProgram?: ts.Program): BuiltProgram {
  const typed = moduleHost !== undefined;
  const workspace = new Map<string, string>();
  for (const f of files) workspace.set(f.path, f.text);
  const workspaceDirs = new Set<string>();
  for (const path of workspace.keys()) {
    let dir = path;
    for (let i = dir.lastIndexOf('/'); i > 0; i = dir.lastIndexOf('/')) {
      dir = dir.slice(0, i);
      if (workspaceDirs.has(dir)) break;
      workspaceDirs.add(dir);
    }
  }

  const options: ts.CompilerOptions = typed
    ? { ...baseOptions, lib: [...TYPED_ANALYSIS_LIBS] }
    : { ...baseOptions, noLib: true, noResolve: false };

  const host: ts.CompilerHost = {
    getSourceFile(fileName, languageVersion) {
      const text = workspace.get(fileName);
      if (text !== undefined) {
        // An unchanged file keeps its parsed (and bound) tree, so the old program's structure is reused.
        const previous = oldProgram?.getSourceFile(fileName);
        if (previous && previous.text === text) return previous;
        return ts.createSourceFile(fileName, text, languageVersion, true, scriptKindFor(fileName));
      }
      if (!typed) return undefined;
      const external = moduleHost.readFile(fileName);
      return external === undefined ? undefined : cachedExternal(fileName, external, languageVersion);
    },
    getDefaultLibFileName: (o) => (typed ? `${moduleHost.libDirectory}/${ts.getDefaultLibFileName(o)}` : '/__nolib__/lib.d.ts'),
    getDefaultLibLocation: () => (typed ? moduleHost.libDirectory : '/__nolib__'),
    writeFile: () => undefined,
    getCurrentDirectory: () => '/',
    getDirectories: (p) => (typed ? moduleHost.getDirectories(p) : []),
    getCanonicalFileName: (f) => f,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: (f) => workspace.has(f) || (typed && moduleHost.fileExists(f)),
    readFile: (f) => workspace.get(f) ?? (typed ? moduleHost.readFile(f) : undefined),
    directoryExists: (d) => workspaceDirs.has(d) || (typed && moduleHost.directoryExists(d)),
    realpath: typed && moduleHost.realpath ? (p) => (workspace.has(p) ? p : moduleHost.realpath!(p)) : undefined,
  };

  const program = ts.createProgram({ rootNames: [...workspace.keys()], options, host, oldProgram });
  return { program, checker: program.getTypeChecker(), typed };
}
