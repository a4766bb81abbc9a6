// `--stdin --stdin-filename NAME`: the text to lint comes from standard input and stands in for NAME in its project.
import fs from 'node:fs';
import path from 'node:path';
import { findProjectRoot, toPosix } from './files';
import { UsageError } from './io';

export interface StdinSource {
  /** Absolute path with forward slashes; the file need not exist. */
  path: string;
  text: string;
  /** The project root NAME belongs to: cross-file rules see the rest of it. */
  root: string;
}

function readAllStdin(): string {
  const chunks: Buffer[] = [];
  const buffer = Buffer.alloc(64 * 1024);
  for (;;) {
    let n: number;
    try {
      n = fs.readSync(0, buffer, 0, buffer.length, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // A non-blocking pipe with no data yet: try again rather than lose input.
      if (code === 'EAGAIN') continue;
      if (code === 'EOF') break;
      throw error;
    }
    if (n === 0) break;
    chunks.push(Buffer.from(buffer.subarray(0, n)));
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function readStdinSource(name: string | undefined, positionals: readonly string[], read: () => string = readAllStdin): StdinSource {
  if (!name) throw new UsageError('--stdin needs --stdin-filename NAME: the path the text is linted as.');
  if (positionals.length > 0) throw new UsageError('--stdin lints standard input; do not pass paths as well.');
  const abs = path.resolve(name);
  return { path: toPosix(abs), text: read(), root: stdinRoot(abs, name) };
}

/** NAME's project root; NAME and its folder need not exist, but then a project must be found above them. */
function stdinRoot(abs: string, name: string): string {
  const folder = path.dirname(abs);
  if (fs.existsSync(folder)) return findProjectRoot(folder);
  for (let dir = path.dirname(folder); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) || fs.existsSync(path.join(dir, '.git'))) return dir;
    // Without a project, the nearest existing folder could be / or a home folder: far too much to scan.
    if (path.dirname(dir) === dir) throw new UsageError(`--stdin-filename ${name}: its folder does not exist and no package.json or .git was found above it.`);
  }
}
