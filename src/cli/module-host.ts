// A ModuleHost on the real file system, so the engine can read node_modules typings and TypeScript's lib files.
import fs from 'node:fs';
import path from 'node:path';
import { TYPED_ANALYSIS_LIBS } from '../core/program';
import type { ModuleHost } from '../core/types';

/** Where the VSIX ships TypeScript's lib files: it bundles the engine and carries no node_modules. Same relative place in the tsc layout and the bundle. */
export const SHIPPED_LIB_DIRECTORY = path.join(__dirname, '..', '..', 'typescript-lib');

export function typescriptLibDirectory(): string {
  const directory = fs.existsSync(path.join(SHIPPED_LIB_DIRECTORY, TYPED_ANALYSIS_LIBS[0])) ? SHIPPED_LIB_DIRECTORY : path.dirname(require.resolve('typescript/lib/lib.d.ts'));
  return directory.split(path.sep).join('/');
}

/**
 * Largest typings or lib file read. Real ones stay far below (TypeScript's own lib.dom.d.ts is
 * 2.3 MB); a larger one, whoever put it into node_modules, would cost gigabytes to parse. It reads
 * as missing, so what it declares is unknown.
 */
export const MAX_TYPINGS_SIZE = 32 * 1024 * 1024;

export function createFsModuleHost(): ModuleHost {
  const stat = (p: string) => {
    try {
      return fs.statSync(p);
    } catch {
      return undefined;
    }
  };
  return {
    fileExists: (p) => stat(p)?.isFile() ?? false,
    directoryExists: (p) => stat(p)?.isDirectory() ?? false,
    readFile: (p) => {
      try {
        if (fs.statSync(p).size > MAX_TYPINGS_SIZE) return undefined;
        return fs.readFileSync(p, 'utf8');
      } catch {
        return undefined;
      }
    },
    getDirectories: (p) => {
      try {
        return fs.readdirSync(p, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
      } catch {
        return [];
      }
    },
    realpath: (p) => {
      try {
        return fs.realpathSync(p).split(path.sep).join('/');
      } catch {
        return p;
      }
    },
    libDirectory: typescriptLibDirectory(),
  };
}

/**
 * The same host answering each question from memory after the first time: installed packages do
 * not change between two keystrokes, and a program rebuilt per edit asks about every typings file.
 * A long-lived caller drops it when packages may have changed (a manifest or lock file did).
 */
export function rememberingModuleHost(host: ModuleHost): ModuleHost {
  const remember = <T>(ask: (p: string) => T): ((p: string) => T) => {
    const answers = new Map<string, T>();
    return (p) => {
      if (answers.has(p)) return answers.get(p)!;
      const answer = ask(p);
      answers.set(p, answer);
      return answer;
    };
  };
  const realpath = host.realpath;
  return {
    fileExists: remember((p) => host.fileExists(p)),
    directoryExists: remember((p) => host.directoryExists(p)),
    readFile: remember((p) => host.readFile(p)),
    getDirectories: remember((p) => host.getDirectories(p)),
    realpath: realpath ? remember((p) => realpath(p)) : undefined,
    libDirectory: host.libDirectory,
  };
}
