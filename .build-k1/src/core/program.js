"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.scriptKindFor = scriptKindFor;
exports.parseSource = parseSource;
exports.buildProgram = buildProgram;
// Builds one TypeScript program over the in-memory workspace, typed (through a ModuleHost) or untyped.
const typescript_1 = __importDefault(require("typescript"));
const baseOptions = {
    allowJs: true,
    checkJs: false,
    noEmit: true,
    skipLibCheck: true,
    skipDefaultLibCheck: true,
    strict: false,
    jsx: typescript_1.default.JsxEmit.Preserve,
    target: typescript_1.default.ScriptTarget.ES2022,
    module: typescript_1.default.ModuleKind.CommonJS,
    moduleResolution: typescript_1.default.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    allowSyntheticDefaultImports: true,
    resolveJsonModule: false,
    maxNodeModuleJsDepth: 0,
    types: [],
    allowNonTsExtensions: true,
};
function scriptKindFor(path) {
    const lower = path.toLowerCase();
    if (lower.endsWith('.tsx'))
        return typescript_1.default.ScriptKind.TSX;
    if (lower.endsWith('.jsx'))
        return typescript_1.default.ScriptKind.JSX;
    if (lower.endsWith('.js') || lower.endsWith('.mjs') || lower.endsWith('.cjs'))
        return typescript_1.default.ScriptKind.JS;
    return typescript_1.default.ScriptKind.TS;
}
/** Parses one file the way the engine does; shared with callers that only need syntax. */
function parseSource(path, text) {
    return typescript_1.default.createSourceFile(path, text, typescript_1.default.ScriptTarget.ES2022, true, scriptKindFor(path));
}
/**
 * Typings and lib files are immutable and large; parsing them once per process makes
 * re-linting cheap. Entries are checked against the current text before reuse.
 */
const externalFiles = new Map();
function cachedExternal(fileName, text, languageVersion) {
    const hit = externalFiles.get(fileName);
    if (hit && hit.text === text)
        return hit;
    const sf = typescript_1.default.createSourceFile(fileName, text, languageVersion, false, scriptKindFor(fileName));
    externalFiles.set(fileName, sf);
    return sf;
}
function buildProgram(files, moduleHost, oldProgram) {
    const typed = moduleHost !== undefined;
    const workspace = new Map();
    for (const f of files)
        workspace.set(f.path, f.text);
    const workspaceDirs = new Set();
    for (const path of workspace.keys()) {
        let dir = path;
        for (let i = dir.lastIndexOf('/'); i > 0; i = dir.lastIndexOf('/')) {
            dir = dir.slice(0, i);
            if (workspaceDirs.has(dir))
                break;
            workspaceDirs.add(dir);
        }
    }
    const options = typed
        ? { ...baseOptions, lib: ['lib.es2022.d.ts'] }
        : { ...baseOptions, noLib: true, noResolve: false };
    const host = {
        getSourceFile(fileName, languageVersion) {
            const text = workspace.get(fileName);
            if (text !== undefined)
                return typescript_1.default.createSourceFile(fileName, text, languageVersion, true, scriptKindFor(fileName));
            if (!typed)
                return undefined;
            const external = moduleHost.readFile(fileName);
            return external === undefined ? undefined : cachedExternal(fileName, external, languageVersion);
        },
        getDefaultLibFileName: (o) => (typed ? `${moduleHost.libDirectory}/${typescript_1.default.getDefaultLibFileName(o)}` : '/__nolib__/lib.d.ts'),
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
        realpath: typed && moduleHost.realpath ? (p) => (workspace.has(p) ? p : moduleHost.realpath(p)) : undefined,
    };
    const program = typescript_1.default.createProgram({ rootNames: [...workspace.keys()], options, host, oldProgram });
    return { program, checker: program.getTypeChecker(), typed };
}
//# sourceMappingURL=program.js.map