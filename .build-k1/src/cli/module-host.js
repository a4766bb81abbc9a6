"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.typescriptLibDirectory = typescriptLibDirectory;
exports.createFsModuleHost = createFsModuleHost;
// A ModuleHost on the real file system, so the engine can read node_modules typings and TypeScript's lib files.
const node_fs_1 = __importDefault(require("node:fs"));
const node_path_1 = __importDefault(require("node:path"));
function typescriptLibDirectory() {
    return node_path_1.default.dirname(require.resolve('typescript/lib/lib.d.ts')).split(node_path_1.default.sep).join('/');
}
function createFsModuleHost() {
    const stat = (p) => {
        try {
            return node_fs_1.default.statSync(p);
        }
        catch {
            return undefined;
        }
    };
    return {
        fileExists: (p) => stat(p)?.isFile() ?? false,
        directoryExists: (p) => stat(p)?.isDirectory() ?? false,
        readFile: (p) => {
            try {
                return node_fs_1.default.readFileSync(p, 'utf8');
            }
            catch {
                return undefined;
            }
        },
        getDirectories: (p) => {
            try {
                return node_fs_1.default.readdirSync(p, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
            }
            catch {
                return [];
            }
        },
        realpath: (p) => {
            try {
                return node_fs_1.default.realpathSync(p).split(node_path_1.default.sep).join('/');
            }
            catch {
                return p;
            }
        },
        libDirectory: typescriptLibDirectory(),
    };
}
//# sourceMappingURL=module-host.js.map