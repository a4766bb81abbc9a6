// A ModuleHost that shows this repository's installed typings under a virtual workspace's node_modules.
import fs from 'node:fs';
import path from 'node:path';
import { createFsModuleHost } from '../../src/cli/module-host';
import type { ModuleHost } from '../../src/core/types';

export const WORKSPACE_ROOT = '/ws';
const REPO_NODE_MODULES = findNodeModules(__dirname);

function findNodeModules(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'node_modules', 'ioredis6'))) return path.join(dir, 'node_modules').split(path.sep).join('/');
    if (path.dirname(dir) === dir) throw new Error('typings for tests are not installed: run npm install');
  }
}

/**
 * Packages visible to typed test programs; `ioredis` may be served from the ioredis 6
 * install and `redis` from node-redis 4 (whose own @redis/client 1.x is nested in it).
 */
export function createTypingsHost(options: { ioredis?: 5 | 6; redis?: 4 | 5 } = {}): ModuleHost {
  const real = createFsModuleHost();
  const prefix = `${WORKSPACE_ROOT}/node_modules/`;
  const map = (p: string): string => {
    if (!p.startsWith(prefix)) return `${REPO_NODE_MODULES}/__outside__${p}`;
    let rest = p.slice(prefix.length);
    if (options.ioredis === 6 && (rest === 'ioredis' || rest.startsWith('ioredis/'))) rest = `ioredis6${rest.slice('ioredis'.length)}`;
    if (options.redis === 4 && (rest === 'redis' || rest.startsWith('redis/'))) rest = `redis4${rest.slice('redis'.length)}`;
    return `${REPO_NODE_MODULES}/${rest}`;
  };
  return {
    fileExists: (p) => (p.startsWith(real.libDirectory) ? real.fileExists(p) : real.fileExists(map(p))),
    directoryExists: (p) => p === WORKSPACE_ROOT || p === `${WORKSPACE_ROOT}/node_modules` || real.directoryExists(map(p)),
    readFile: (p) => (p.startsWith(real.libDirectory) ? real.readFile(p) : real.readFile(map(p))),
    getDirectories: (p) => real.getDirectories(map(p)),
    realpath: (p) => p,
    libDirectory: real.libDirectory,
  };
}
