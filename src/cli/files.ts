// Finds source files: walks paths with fast-glob, honouring .gitignore and skipping node_modules and build output.
import fg from 'fast-glob';
import ignore, { type Ignore } from 'ignore';
import fs from 'node:fs';
import path from 'node:path';

export const SOURCE_EXTENSIONS = ['ts', 'tsx', 'mts', 'cts', 'js', 'jsx', 'mjs', 'cjs'];
const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**', '**/dist/**', '**/build/**', '**/out/**', '**/coverage/**', '**/.next/**', '**/*.d.ts', '**/*.min.js'];

export const toPosix = (p: string) => p.split(path.sep).join('/');

/** The project root for a path: the nearest ancestor (or itself) holding package.json or .git. */
export function findProjectRoot(start: string): string {
  let dir = fs.existsSync(start) && fs.statSync(start).isDirectory() ? start : path.dirname(start);
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json')) || fs.existsSync(path.join(dir, '.git'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return fs.existsSync(start) && fs.statSync(start).isDirectory() ? start : path.dirname(start);
    dir = parent;
  }
}

/**
 * The repository root (nearest ancestor holding .git), else the project root: code scanning
 * resolves SARIF paths against the repository, not against a package inside it.
 */
export function findRepositoryRoot(projectRoot: string): string {
  for (let dir = projectRoot; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return projectRoot;
  }
}

function gitignoreOf(root: string): Ignore {
  const ig = ignore();
  try {
    ig.add(fs.readFileSync(path.join(root, '.gitignore'), 'utf8'));
  } catch {
    // No .gitignore: nothing extra to skip.
  }
  return ig;
}

/** Source files under `paths`, without .gitignored files, node_modules and build output. */
export function discoverFiles(paths: string[], root: string): string[] {
  const ig = gitignoreOf(root);
  const found = new Set<string>();
  for (const p of paths) {
    const abs = path.resolve(p);
    const stat = fs.statSync(abs);
    if (stat.isFile()) {
      found.add(toPosix(abs));
      continue;
    }
    const entries = fg.sync(`**/*.{${SOURCE_EXTENSIONS.join(',')}}`, { cwd: abs, absolute: true, ignore: ALWAYS_IGNORED, dot: false, followSymbolicLinks: false, suppressErrors: true });
    for (const e of entries) {
      const rel = toPosix(path.relative(root, e));
      if (rel && !rel.startsWith('..') && ig.ignores(rel)) continue;
      found.add(toPosix(e));
    }
  }
  return [...found].sort();
}
