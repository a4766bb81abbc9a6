// Builds one TypeScript program over (part of) the in-memory workspace, typed (through a ModuleHost) or untyped, and parses files exactly as it does.
import ts from 'typescript';
import type { ModuleHost, SourceFile } from './types';

/** The lib files typed analysis loads (no DOM: messaging code is server code); the VSIX ships exactly these and their references. */
export const TYPED_ANALYSIS_LIBS = ['lib.es2022.d.ts'] as const;

export interface BuiltProgram {
  program: ts.Program;
  checker: ts.TypeChecker;
  typed: boolean;
  /**
   * Workspace files the checker looked for and did not find because they were left out of the
   * program: an import of an included file resolved to them. Empty when every file is included.
   */
  misses: Set<string>;
}

/** Which workspace files the program holds, when not all of them. */
export interface ProgramScope {
  /** Every workspace file: imports still resolve against all of them, so a left-out file is a miss, not a missing module. */
  workspace: readonly SourceFile[];
  /** Files to include (a subset of `workspace`); all of them when omitted. */
  include?: ReadonlySet<string>;
  /** Trees already parsed with `sourceFileOptions` (the pre-filter parses some files first). */
  parsed?: (path: string) => ts.SourceFile | undefined;
  /** Extra root files (paths outside the workspace: typings the whole workspace loads). */
  roots?: readonly string[];
  /**
   * A program only for its structure (which files and typings it loads), never checked: TypeScript
   * files come from `outside` (cheaper trees; their imports do not depend on JSDoc, JavaScript's do).
   */
  structureOnly?: { outside(path: string): ts.SourceFile };
  /** Told the workspace files each file's imports resolve to, for the files whose imports the program resolves anew. */
  onImports?(file: string, resolved: string[]): void;
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

export function compilerOptions(typed: boolean): ts.CompilerOptions {
  return typed ? { ...baseOptions, lib: [...TYPED_ANALYSIS_LIBS] } : { ...baseOptions, noLib: true, noResolve: false };
}

export function scriptKindFor(path: string): ts.ScriptKind {
  const lower = path.toLowerCase();
  if (lower.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (lower.endsWith('.jsx')) return ts.ScriptKind.JSX;
  if (lower.endsWith('.js') || lower.endsWith('.mjs') || lower.endsWith('.cjs')) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

export function isJavaScript(path: string): boolean {
  const kind = scriptKindFor(path);
  return kind === ts.ScriptKind.JS || kind === ts.ScriptKind.JSX;
}

/**
 * The options a program passes to its host when it parses a workspace file: they decide more than
 * the target (whether the file is a module, which changes how top-level `await` parses). Taken from
 * the compiler itself, once, so a file parsed before the program is the tree the program would make.
 */
let probed: { options: ts.CreateSourceFileOptions; program: ts.Program } | undefined;

function probe(): { options: ts.CreateSourceFileOptions; program: ts.Program } {
  if (probed) return probed;
  let seen: ts.ScriptTarget | ts.CreateSourceFileOptions | undefined;
  const probeFile = '/__streamwise_probe__.ts';
  const host: ts.CompilerHost = {
    getSourceFile: (fileName, options) => {
      if (fileName === probeFile) seen = options;
      return ts.createSourceFile(fileName, '', options, false);
    },
    getDefaultLibFileName: () => '/__nolib__/lib.d.ts',
    writeFile: () => undefined,
    getCurrentDirectory: () => '/',
    getCanonicalFileName: (f) => f,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: (f) => f === probeFile,
    readFile: () => undefined,
  };
  // Untyped and typed options differ only in lib settings, which reach neither the parser nor syntax checks.
  const program = ts.createProgram({ rootNames: [probeFile], options: compilerOptions(false), host });
  if (!seen || typeof seen !== 'object') throw new Error('TypeScript did not report its parse options');
  probed = { options: seen, program };
  return probed;
}

/**
 * What `program.getSyntacticDiagnostics` reports for a workspace file, without a program holding it:
 * parse errors, and for JavaScript the TypeScript-only syntax. A program computes these from the
 * tree and its options alone, so the small program above answers for any file.
 */
export function syntacticDiagnostics(sf: ts.SourceFile): readonly ts.Diagnostic[] {
  try {
    return probe().program.getSyntacticDiagnostics(sf);
  } catch (error) {
    // Reporting TypeScript-only syntax in JavaScript walks up parent pointers, which a tree parsed
    // for the program gets only when bound: give this one its own, with parents.
    if (!isJavaScript(sf.fileName)) throw error;
    return probe().program.getSyntacticDiagnostics(ts.createSourceFile(sf.fileName, sf.text, sourceFileOptions(sf.fileName), true, scriptKindFor(sf.fileName)));
  }
}

/** Exact parse options for a workspace file (workspace files never sit in node_modules, so no package.json decides their format). */
export function sourceFileOptions(path: string): ts.CreateSourceFileOptions {
  const base = probe().options;
  const lower = path.toLowerCase();
  const impliedNodeFormat = lower.endsWith('.mjs') || lower.endsWith('.mts') ? ts.ModuleKind.ESNext : lower.endsWith('.cjs') || lower.endsWith('.cts') ? ts.ModuleKind.CommonJS : undefined;
  return { ...base, impliedNodeFormat };
}

/** Parses a workspace file as the program would (parent pointers are set when the program binds it). */
export function parseWorkspaceFile(path: string, text: string): ts.SourceFile {
  return ts.createSourceFile(path, text, sourceFileOptions(path), false, scriptKindFor(path));
}

/**
 * Parses a file that stays out of the program, for its syntax errors and pre-filter traits only.
 * JSDoc comments are left unparsed: their errors never count as syntax errors (the parser keeps
 * them apart), and nothing read from such a tree looks into them. Directives are read from comments
 * through a tree's children, so a file that may hold one is parsed as the program would.
 */
export function parseOutsideFile(path: string, text: string): ts.SourceFile {
  if (text.includes('streamwise-')) return parseWorkspaceFile(path, text);
  return ts.createSourceFile(path, text, { ...sourceFileOptions(path), jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, false, scriptKindFor(path));
}

/**
 * Typings and lib files are immutable and large; parsing them once per process makes
 * re-linting cheap. Entries are checked against the current text before reuse.
 */
const externalFiles = new Map<string, ts.SourceFile>();

function cachedExternal(fileName: string, text: string, languageVersion: ts.ScriptTarget | ts.CreateSourceFileOptions): ts.SourceFile {
  const hit = externalFiles.get(fileName);
  if (hit && hit.text === text) return hit;
  // Their JSDoc is left unparsed where it cannot change a type, as `tsc` itself does: no type in a
  // TypeScript file comes from JSDoc, and nothing here reads a typings file's comments (about 40% of
  // the parse of the client packages' typings and @types/node).
  const options = typeof languageVersion === 'object' ? languageVersion : { languageVersion };
  const sf = ts.createSourceFile(fileName, text, { ...options, jsDocParsingMode: ts.JSDocParsingMode.ParseForTypeErrors }, false, scriptKindFor(fileName));
  externalFiles.set(fileName, sf);
  return sf;
}

/** Can a tree parsed with `sourceFileOptions` stand in for one parsed with `requested`? */
function sameParse(path: string, requested: ts.ScriptTarget | ts.CreateSourceFileOptions): boolean {
  if (typeof requested !== 'object') return false;
  const ours = sourceFileOptions(path);
  return requested.languageVersion === ours.languageVersion && requested.impliedNodeFormat === ours.impliedNodeFormat && requested.jsDocParsingMode === ours.jsDocParsingMode;
}

export function buildProgram(files: SourceFile[], moduleHost: ModuleHost | undefined, oldProgram?: ts.Program, scope?: ProgramScope): BuiltProgram {
  const { program, misses } = createWorkspaceProgram(files, moduleHost, oldProgram, scope);
  return { program, checker: program.getTypeChecker(), typed: moduleHost !== undefined, misses };
}

/**
 * With typings, the program over every workspace file, built only to learn which typings the whole
 * workspace loads (a program over part of it must load the same ones) and what they expose. It is
 * never checked, so its files are never bound.
 */
export function buildStructure(files: SourceFile[], moduleHost: ModuleHost, oldProgram: ts.Program | undefined, outside: (path: string) => ts.SourceFile, parsed: (path: string) => ts.SourceFile | undefined): ts.Program {
  return createWorkspaceProgram(files, moduleHost, oldProgram, { workspace: files, parsed, structureOnly: { outside } }).program;
}

function createWorkspaceProgram(files: SourceFile[], moduleHost: ModuleHost | undefined, oldProgram: ts.Program | undefined, scope: ProgramScope | undefined): { program: ts.Program; misses: Set<string> } {
  const typed = moduleHost !== undefined;
  const workspace = new Map<string, string>();
  for (const f of scope?.workspace ?? files) workspace.set(f.path, f.text);
  const included = scope?.include;
  const workspaceDirs = new Set<string>();
  for (const path of workspace.keys()) {
    let dir = path;
    for (let i = dir.lastIndexOf('/'); i > 0; i = dir.lastIndexOf('/')) {
      dir = dir.slice(0, i);
      if (workspaceDirs.has(dir)) break;
      workspaceDirs.add(dir);
    }
  }

  const options = compilerOptions(typed);
  // A created or deleted workspace file may change what an unchanged file's imports resolve to.
  const previousFiles = oldProgram && workspaceFiles.get(oldProgram);
  const sameFiles = previousFiles !== undefined && previousFiles.size === workspace.size && [...workspace.keys()].every((p) => previousFiles.has(p));
  // TypeScript first asks whether each file the old program missed exists now; a file still left out is
  // still missing, so it must say no then, or the whole structure (resolutions, checker) is redone.
  let checkingReuse = oldProgram !== undefined;
  // What only building needs. The program keeps its host, and through these the host would keep the
  // old program and the caller's trees: every program of a long session would stay alive.
  let building: { oldProgram: ts.Program | undefined; scope: ProgramScope | undefined } | undefined = { oldProgram, scope };

  const host: ts.CompilerHost = {
    getSourceFile(fileName, languageVersion) {
      checkingReuse = false;
      const text = workspace.get(fileName);
      if (text !== undefined) {
        // A file left out of the program: its importers see an unresolved module, which the checker reports as a miss.
        if (included && !included.has(fileName)) return undefined;
        // An unchanged file keeps its parsed (and bound) tree, so the old program's structure is reused.
        const previous = building?.oldProgram?.getSourceFile(fileName);
        if (previous && previous.text === text) return previous;
        const { structureOnly, parsed: parsedBy } = building?.scope ?? {};
        if (structureOnly && !isJavaScript(fileName)) return structureOnly.outside(fileName);
        const parsed = parsedBy?.(fileName);
        if (parsed && parsed.text === text && sameParse(fileName, languageVersion)) return parsed;
        return ts.createSourceFile(fileName, text, languageVersion, false, scriptKindFor(fileName));
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
    fileExists: (f) => (workspace.has(f) ? !(checkingReuse && included && !included.has(f)) : typed && moduleHost.fileExists(f)),
    hasInvalidatedResolutions: () => !sameFiles,
    readFile: (f) => workspace.get(f) ?? (typed ? moduleHost.readFile(f) : undefined),
    directoryExists: (d) => workspaceDirs.has(d) || (typed && moduleHost.directoryExists(d)),
    realpath: typed && moduleHost.realpath ? (p) => (workspace.has(p) ? p : moduleHost.realpath!(p)) : undefined,
  };
  const onImports = scope?.onImports;
  if (typed || onImports) {
    // TypeScript's own resolution, with a cache of installed package.json files that outlives the program (see `packageJsonsOf`).
    const cache = ts.createModuleResolutionCache('/', (f) => f, options, typed ? packageJsonsOf(moduleHost) : undefined);
    host.getModuleResolutionCache = () => cache;
    host.resolveModuleNameLiterals = (literals, containingFile, redirected, opts, containingSourceFile) => {
      const resolved = literals.map((l) => ts.resolveModuleName(l.text, containingFile, opts, host, cache, redirected, ts.getModeForUsageLocation(containingSourceFile, l, opts)));
      // Resolved here also to see the answers: who imports whom, for callers that track dependencies.
      onImports?.(containingFile, resolved.map((r) => r.resolvedModule?.resolvedFileName).filter((f): f is string => f !== undefined && workspace.has(f)));
      return resolved;
    };
  }

  const rootNames = [...(included ? [...workspace.keys()].filter((p) => included.has(p)) : workspace.keys()), ...(scope?.roots ?? [])];
  const program = ts.createProgram({ rootNames, options, host, oldProgram });
  building = undefined;
  checkingReuse = false;
  workspaceFiles.set(program, new Set(workspace.keys()));
  const misses = new Set<string>();
  if (included) {
    // The checker resolves an import by asking its host (the program) for the resolved file, and the
    // program answers only for included files. Listening there is the one public way to learn which
    // left-out files the analysis needed, so the caller can add them and run again.
    const own = program.getSourceFile;
    program.getSourceFile = (fileName: string) => {
      const sf = own(fileName);
      if (!sf && workspace.has(fileName) && !included.has(fileName)) misses.add(fileName);
      return sf;
    };
  }
  for (const sf of program.getSourceFiles()) if (sf.isDeclarationFile && program.isSourceFileDefaultLibrary(sf)) defaultLibs.add(sf);
  return { program, misses };
}

/**
 * Installed packages' package.json files, read and parsed once per module host rather than once per
 * program: every program asks for the package scope of every typings file (to learn its module
 * format), which took about 3 ms of each re-diagnosis in the editor. A module host sees one install
 * (the language server makes a new one when packages change), so its package.json files do not.
 */
const packageJsons = new WeakMap<ModuleHost, ts.PackageJsonInfoCache>();

function packageJsonsOf(moduleHost: ModuleHost): ts.PackageJsonInfoCache {
  let cache = packageJsons.get(moduleHost);
  if (!cache) packageJsons.set(moduleHost, (cache = ts.createModuleResolutionCache('/', (f) => f).getPackageJsonInfoCache()));
  return cache;
}

/** The workspace files each program was built over (see `hasInvalidatedResolutions`). */
const workspaceFiles = new WeakMap<ts.Program, ReadonlySet<string>>();

export function workspaceFilesOf(program: ts.Program): ReadonlySet<string> | undefined {
  return workspaceFiles.get(program);
}

/** TypeScript's lib files of the programs built here (a lib tree is shared by every program, see `cachedExternal`). */
const defaultLibs = new WeakSet<ts.SourceFile>();

export function isDefaultLib(sf: ts.SourceFile): boolean {
  return defaultLibs.has(sf);
}
