// The files of one run: which to lint, which the workspace holds, and reading them safely.
import fs from 'node:fs';
import path from 'node:path';
import type { SourceFile } from '../core/types';
import type { ConfigFiles } from './config';
import { discoverFiles } from './files';

const MAX_FILE_BYTES = 2 * 1024 * 1024;
const CLIENT_PACKAGES = ['ioredis', 'redis', '@redis/client', 'kafkajs', '@confluentinc/kafka-javascript', 'node-rdkafka'];

/** Typings are worth loading only when some client package is installed where the workspace resolves modules. */
export function hasClientTypings(root: string): boolean {
  for (let dir = root; ; dir = path.dirname(dir)) {
    if (CLIENT_PACKAGES.some((p) => fs.existsSync(path.join(dir, 'node_modules', p, 'package.json')))) return true;
    if (path.dirname(dir) === dir) return false;
  }
}

export function readSources(paths: string[], notices: Map<string, string>): SourceFile[] {
  const files: SourceFile[] = [];
  for (const p of paths) {
    try {
      const size = fs.statSync(p).size;
      if (size > MAX_FILE_BYTES) {
        notices.set(p, `File skipped: ${size} bytes is over the ${MAX_FILE_BYTES}-byte limit.`);
        continue;
      }
      const buffer = fs.readFileSync(p);
      if (buffer.includes(0)) {
        notices.set(p, 'File skipped: it looks binary (contains NUL bytes).');
        continue;
      }
      files.push({ path: p, text: buffer.toString('utf8') });
    } catch (error) {
      notices.set(p, `File could not be read: ${(error as Error).message}`);
    }
  }
  return files;
}

/**
 * Files to lint (under `inputs`) and every workspace file cross-file rules see (under `root`),
 * each kept only when the config file that applies to it includes it.
 */
export function discoverWorkspace(inputs: string[], root: string, configFiles: ConfigFiles): { targets: string[]; workspacePaths: string[] } {
  const targets = discoverFiles(inputs, root).filter((f) => configFiles.includes(f));
  return { targets, workspacePaths: workspaceWith(targets, root, configFiles) };
}

/** Standard input linted as `stdinPath`: the only target, seen alongside the rest of the workspace. */
export function withStdin(stdinPath: string, root: string, configFiles: ConfigFiles): { targets: string[]; workspacePaths: string[] } {
  return { targets: [stdinPath], workspacePaths: workspaceWith([stdinPath], root, configFiles) };
}

function workspaceWith(targets: string[], root: string, configFiles: ConfigFiles): string[] {
  return [...new Set([...discoverFiles([root], root).filter((f) => configFiles.includes(f)), ...targets])];
}
