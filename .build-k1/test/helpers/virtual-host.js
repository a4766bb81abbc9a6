"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.WORKSPACE_ROOT = void 0;
exports.createTypingsHost = createTypingsHost;
// A ModuleHost that shows this repository's installed typings under a virtual workspace's node_modules.
const node_fs_1 = __importDefault(require("node:fs"));
const node_path_1 = __importDefault(require("node:path"));
const module_host_1 = require("../../src/cli/module-host");
exports.WORKSPACE_ROOT = '/ws';
const REPO_NODE_MODULES = findNodeModules(__dirname);
function findNodeModules(from) {
    for (let dir = from;; dir = node_path_1.default.dirname(dir)) {
        if (node_fs_1.default.existsSync(node_path_1.default.join(dir, 'node_modules', 'ioredis6')))
            return node_path_1.default.join(dir, 'node_modules').split(node_path_1.default.sep).join('/');
        if (node_path_1.default.dirname(dir) === dir)
            throw new Error('typings for tests are not installed: run npm install');
    }
}
/** Packages visible to typed test programs; `ioredis` may be served from the ioredis 6 install. */
function createTypingsHost(options = {}) {
    const real = (0, module_host_1.createFsModuleHost)();
    const prefix = `${exports.WORKSPACE_ROOT}/node_modules/`;
    const map = (p) => {
        if (!p.startsWith(prefix))
            return `${REPO_NODE_MODULES}/__outside__${p}`;
        let rest = p.slice(prefix.length);
        if (options.ioredis === 6 && (rest === 'ioredis' || rest.startsWith('ioredis/')))
            rest = `ioredis6${rest.slice('ioredis'.length)}`;
        return `${REPO_NODE_MODULES}/${rest}`;
    };
    return {
        fileExists: (p) => (p.startsWith(real.libDirectory) ? real.fileExists(p) : real.fileExists(map(p))),
        directoryExists: (p) => p === exports.WORKSPACE_ROOT || p === `${exports.WORKSPACE_ROOT}/node_modules` || real.directoryExists(map(p)),
        readFile: (p) => (p.startsWith(real.libDirectory) ? real.readFile(p) : real.readFile(map(p))),
        getDirectories: (p) => real.getDirectories(map(p)),
        realpath: (p) => p,
        libDirectory: real.libDirectory,
    };
}
//# sourceMappingURL=virtual-host.js.map