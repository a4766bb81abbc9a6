// Finds source files: walks folders, honouring .gitignore (through `ignore`) and skipping node_modules and build output.
import ignore, { type Ignore } from 'ignore';
import fs from 'node:fs';
import path from 'node:path';

export const SOURCE_EXTENSIONS = ['ts', 'tsx', 'mts', 'cts', 'js', 'jsx', 'mjs', 'cjs'];
/** Folders never walked into, at any depth below a linted folder (dot folders such as .git and .next are skipped anyway). */
const IGNORED_FOLDERS = new Set(['node_modules', 'dist', 'build', 'out', 'coverage']);
const SOURCE_FILE = new RegExp(`\\.(?:${SOURCE_EXTENSIONS.join('|')})$`);
/** Typings and minified bundles: not source anyone edits. */
const IGNORED_FILE = /\.d\.ts$|\.min\.js$/;

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
  for (const p of paths) {
    const abs = path.resolve(p);
    const stat = fs.statSync(abs);
    // A path named outright is a file to lint even when it is not a regular one (a FIFO): reading gives it its notice.
    if (!stat.isDirectory()) {
      found.add(toPosix(abs));
      continue;
    }
    const rel = toPosix(path.relative(root, abs));
    // .gitignore speaks of paths below the root only.
    walk(toPosix(abs), rel.startsWith('..') || path.isAbsolute(rel) ? undefined : rel, { ig, found, unreadable });
  }
  return [...found].sort();
}

interface Walk {
  ig: Ignore;
  found: Set<string>;
  unreadable: Map<string, string> | undefined;
}

/**
 * Adds the source files below `dir` (`rel` is its path from the root, undefined outside it):
 * regular files only (no symlink is followed, so loops and links out of the project are never
 * entered), no dot names, no always-ignored folder or file. A .gitignored folder is not entered:
 * git cannot re-include anything inside it either.
 */
function walk(dir: string, rel: string | undefined, w: Walk): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    if (w.unreadable && !(rel && w.ig.ignores(`${rel}/`))) w.unreadable.set(dir, `Folder could not be read: ${(error as Error).message}`);
    return;
  }
  for (const entry of entries) {
    const name = entry.name;
    if (name.startsWith('.')) continue;
    const childRel = rel === undefined ? undefined : rel === '' ? name : `${rel}/${name}`;
    if (entry.isDirectory()) {
      if (!IGNORED_FOLDERS.has(name) && !(childRel && w.ig.ignores(`${childRel}/`))) walk(`${dir}/${name}`, childRel, w);
    } else if (entry.isFile() && SOURCE_FILE.test(name) && !IGNORED_FILE.test(name) && !(childRel && w.ig.ignores(childRel))) {
      w.found.add(`${dir}/${name}`);
    }
  }
}
