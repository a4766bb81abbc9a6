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

/**
 * Source files under `paths`, without .gitignored files, node_modules and build output.
 * Folders that cannot be read are skipped; `unreadable` receives each one with the reason.
 */
export function discoverFiles(paths: string[], root: string, unreadable?: Map<string, string>): string[] {
  const ig = gitignoreOf(root);
  const found = new Set<string>();
  const ignored = (p: string, dir: boolean) => {
    const rel = toPosix(path.relative(root, p));
    return rel !== '' && !rel.startsWith('..') && ig.ignores(dir ? `${rel}/` : rel);
  };
  // fast-glob's suppressErrors skips a folder it cannot read without saying so: record it on the way.
  const readdirSync = ((dir: string, options: { withFileTypes: true }) => {
    try {
      return fs.readdirSync(dir, options);
    } catch (error) {
      if (unreadable && !ignored(dir, true)) unreadable.set(toPosix(dir), `Folder could not be read: ${(error as Error).message}`);
      throw error;
    }
  }) as unknown as typeof fs.readdirSync;
  for (const p of paths) {
    const abs = path.resolve(p);
    const stat = fs.statSync(abs);
    // A path named outright is a file to lint even when it is not a regular one (a FIFO): reading gives it its notice.
    if (!stat.isDirectory()) {
      found.add(toPosix(abs));
      continue;
    }
    const entries = fg.sync(`**/*.{${SOURCE_EXTENSIONS.join(',')}}`, { cwd: abs, absolute: true, ignore: ALWAYS_IGNORED, dot: false, followSymbolicLinks: false, suppressErrors: true, fs: { readdirSync } });
    for (const e of entries) {
      if (ignored(e, false)) continue;
      found.add(toPosix(e));
    }
  }
  return [...found].sort();
}
