// The files of one run: which to lint, which the workspace holds, and reading them safely.
import fs from 'node:fs';
import path from 'node:path';
import type { SourceFile } from '../core/types';
import type { ConfigFiles } from './config';
import { discoverFiles } from './files';
import { DEFAULT_MAX_FILE_SIZE, tooLargeNotice, type LimitsFor } from './limits';

const CLIENT_PACKAGES = ['ioredis', 'redis', '@redis/client', 'kafkajs', '@confluentinc/kafka-javascript', 'node-rdkafka'];

/** Typings are worth loading only when some client package is installed where the workspace resolves modules. */
export function hasClientTypings(root: string): boolean {
  for (let dir = root; ; dir = path.dirname(dir)) {
    if (CLIENT_PACKAGES.some((p) => fs.existsSync(path.join(dir, 'node_modules', p, 'package.json')))) return true;
    if (path.dirname(dir) === dir) return false;
  }
}

export interface ReadOptions {
  /** Each file's caps; the defaults when omitted. */
  limits?: LimitsFor;
  /** Receives files whose bytes are not valid UTF-8: they are linted, but a rewrite would change bytes nobody edited. */
  lossy?: Set<string>;
}

/**
 * Reads the files of a run. A file that cannot be linted gets a notice instead of a result:
 * over its size cap (checked on the open file, so one that grows meanwhile is still capped),
 * binary, not a regular file, removed since it was found, or unreadable.
 */
export function readSources(paths: string[], notices: Map<string, string>, options: ReadOptions = {}): SourceFile[] {
  const files: SourceFile[] = [];
  for (const p of paths) {
    const limit = options.limits?.(p).maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
    try {
      const read = readCapped(p, limit);
      if (typeof read === 'string') {
        notices.set(p, read);
        continue;
      }
      if (read.includes(0)) {
        notices.set(p, 'File skipped: it looks binary (contains NUL bytes).');
        continue;
      }
      const text = read.toString('utf8');
      if (options.lossy && text.includes('\uFFFD') && !read.equals(Buffer.from(text, 'utf8'))) options.lossy.add(p);
      files.push({ path: p, text });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      notices.set(p, code === 'ENOENT' ? 'File skipped: it was removed before it could be read.' : `File could not be read: ${(error as Error).message}`);
    }
  }
  return files;
}

/** The file's bytes, or the reason it is skipped; never reads more than `limit` + 1 bytes. */
function readCapped(p: string, limit: number): Buffer | string {
  // O_NONBLOCK: opening a FIFO that happens to be named like a source file must not wait for a writer.
  const fd = fs.openSync(p, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return 'File skipped: it is not a regular file.';
    const tooLarge = (size: number) => tooLargeNotice(size, limit);
    if (stat.size > limit) return tooLarge(stat.size);
    // One byte more than expected tells a file that grew since fstat; reading stops past the cap.
    let buffer = Buffer.alloc(stat.size + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > limit) break;
        const bigger = Buffer.alloc(Math.min(limit + 1, buffer.length * 2));
        buffer.copy(bigger);
        buffer = bigger;
      }
      const n = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > limit) return tooLarge(Math.max(fs.fstatSync(fd).size, length));
    return buffer.subarray(0, length);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Files to lint (under `inputs`) and every workspace file cross-file rules see (under `root`),
 * each kept only when the config file that applies to it includes it. Folders under `inputs`
 * that cannot be read go to `unreadable`.
 */
export function discoverWorkspace(inputs: string[], root: string, configFiles: ConfigFiles, unreadable?: Map<string, string>): { targets: string[]; workspacePaths: string[] } {
  const targets = discoverFiles(inputs, root, unreadable).filter((f) => configFiles.includes(f));
  // Linting the project root itself (the usual run): its files are the workspace, found once.
  const wholeRoot = inputs.length === 1 && path.resolve(inputs[0]) === path.resolve(root);
  return { targets, workspacePaths: wholeRoot ? targets : workspaceWith(targets, root, configFiles) };
}

/** Standard input linted as `stdinPath`: the only target, seen alongside the rest of the workspace. */
export function withStdin(stdinPath: string, root: string, configFiles: ConfigFiles): { targets: string[]; workspacePaths: string[] } {
  return { targets: [stdinPath], workspacePaths: workspaceWith([stdinPath], root, configFiles) };
}

function workspaceWith(targets: string[], root: string, configFiles: ConfigFiles): string[] {
  return [...new Set([...discoverFiles([root], root).filter((f) => configFiles.includes(f)), ...targets])];
}
