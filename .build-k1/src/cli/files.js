"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.toPosix = exports.SOURCE_EXTENSIONS = void 0;
exports.findProjectRoot = findProjectRoot;
exports.discoverFiles = discoverFiles;
// Finds the files to lint: walks paths with fast-glob, honouring .gitignore, node_modules, build output and excludes.
const fast_glob_1 = __importDefault(require("fast-glob"));
const ignore_1 = __importDefault(require("ignore"));
const node_fs_1 = __importDefault(require("node:fs"));
const node_path_1 = __importDefault(require("node:path"));
exports.SOURCE_EXTENSIONS = ['ts', 'tsx', 'mts', 'cts', 'js', 'jsx', 'mjs', 'cjs'];
const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**', '**/dist/**', '**/build/**', '**/out/**', '**/coverage/**', '**/.next/**', '**/*.d.ts', '**/*.min.js'];
const toPosix = (p) => p.split(node_path_1.default.sep).join('/');
exports.toPosix = toPosix;
/** The project root for a path: the nearest ancestor (or itself) holding package.json or .git. */
function findProjectRoot(start) {
    let dir = node_fs_1.default.existsSync(start) && node_fs_1.default.statSync(start).isDirectory() ? start : node_path_1.default.dirname(start);
    for (;;) {
        if (node_fs_1.default.existsSync(node_path_1.default.join(dir, 'package.json')) || node_fs_1.default.existsSync(node_path_1.default.join(dir, '.git')))
            return dir;
        const parent = node_path_1.default.dirname(dir);
        if (parent === dir)
            return node_fs_1.default.existsSync(start) && node_fs_1.default.statSync(start).isDirectory() ? start : node_path_1.default.dirname(start);
        dir = parent;
    }
}
function gitignoreOf(root) {
    const ig = (0, ignore_1.default)();
    try {
        ig.add(node_fs_1.default.readFileSync(node_path_1.default.join(root, '.gitignore'), 'utf8'));
    }
    catch {
        // No .gitignore: nothing extra to skip.
    }
    return ig;
}
/** Source files under `paths` (files given explicitly are kept even when ignored by globs). */
function discoverFiles(paths, root, exclude = []) {
    const ig = gitignoreOf(root);
    const found = new Set();
    for (const p of paths) {
        const abs = node_path_1.default.resolve(p);
        const stat = node_fs_1.default.statSync(abs);
        if (stat.isFile()) {
            found.add((0, exports.toPosix)(abs));
            continue;
        }
        const entries = fast_glob_1.default.sync(`**/*.{${exports.SOURCE_EXTENSIONS.join(',')}}`, { cwd: abs, absolute: true, ignore: [...ALWAYS_IGNORED, ...exclude], dot: false, followSymbolicLinks: false, suppressErrors: true });
        for (const e of entries) {
            const rel = (0, exports.toPosix)(node_path_1.default.relative(root, e));
            if (rel && !rel.startsWith('..') && ig.ignores(rel))
                continue;
            found.add((0, exports.toPosix)(e));
        }
    }
    return [...found].sort();
}
//# sourceMappingURL=files.js.map