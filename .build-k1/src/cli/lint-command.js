"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.toPosix = void 0;
exports.runLint = runLint;
// `streamwise lint`: reads files, runs the engine, prints a format, and sets the exit code.
const node_fs_1 = __importDefault(require("node:fs"));
const node_path_1 = __importDefault(require("node:path"));
const node_util_1 = require("node:util");
const config_1 = require("../core/config");
const linter_1 = require("../core/linter");
const rules_1 = require("../rules");
const files_1 = require("./files");
Object.defineProperty(exports, "toPosix", { enumerable: true, get: function () { return files_1.toPosix; } });
const stylish_1 = require("./formats/stylish");
const json_1 = require("./formats/json");
const module_host_1 = require("./module-host");
const io_1 = require("./io");
const MAX_FILE_BYTES = 2 * 1024 * 1024;
const CLIENT_PACKAGES = ['ioredis', 'redis', '@redis/client', 'kafkajs', '@confluentinc/kafka-javascript', 'node-rdkafka'];
/** Typings are worth loading only when some client package is installed where the workspace resolves modules. */
function hasClientTypings(root) {
    for (let dir = root;; dir = node_path_1.default.dirname(dir)) {
        if (CLIENT_PACKAGES.some((p) => node_fs_1.default.existsSync(node_path_1.default.join(dir, 'node_modules', p, 'package.json'))))
            return true;
        if (node_path_1.default.dirname(dir) === dir)
            return false;
    }
}
function readSources(paths, notices) {
    const files = [];
    for (const p of paths) {
        try {
            const size = node_fs_1.default.statSync(p).size;
            if (size > MAX_FILE_BYTES) {
                notices.set(p, `File skipped: ${size} bytes is over the ${MAX_FILE_BYTES}-byte limit.`);
                continue;
            }
            const buffer = node_fs_1.default.readFileSync(p);
            if (buffer.includes(0)) {
                notices.set(p, 'File skipped: it looks binary (contains NUL bytes).');
                continue;
            }
            files.push({ path: p, text: buffer.toString('utf8') });
        }
        catch (error) {
            notices.set(p, `File could not be read: ${error.message}`);
        }
    }
    return files;
}
function runLint(argv, io) {
    const { values, positionals } = (0, node_util_1.parseArgs)({
        args: argv,
        allowPositionals: true,
        strict: true,
        options: {
            format: { type: 'string', short: 'f', default: 'stylish' },
            'output-file': { type: 'string', short: 'o' },
            'no-type-info': { type: 'boolean', default: false },
            'max-warnings': { type: 'string' },
            rule: { type: 'string', multiple: true },
            quiet: { type: 'boolean', default: false },
        },
    });
    const format = values.format;
    if (!['stylish', 'json'].includes(format))
        throw new io_1.UsageError(`Unknown format "${format}". Use stylish or json.`);
    const maxWarnings = values['max-warnings'] === undefined ? -1 : Number(values['max-warnings']);
    if (!Number.isInteger(maxWarnings))
        throw new io_1.UsageError('--max-warnings expects an integer.');
    const inputs = positionals.length > 0 ? positionals : ['.'];
    for (const p of inputs)
        if (!node_fs_1.default.existsSync(p))
            throw new io_1.UsageError(`No such file or directory: ${p}`);
    const root = (0, files_1.findProjectRoot)(node_path_1.default.resolve(inputs[0]));
    const targets = (0, files_1.discoverFiles)(inputs, root);
    const workspacePaths = [...new Set([...(0, files_1.discoverFiles)([root], root), ...targets])];
    const notices = new Map();
    const files = readSources(workspacePaths, notices);
    const targetSet = new Set(targets);
    for (const key of [...notices.keys()])
        if (!targetSet.has(key))
            notices.delete(key);
    const config = (0, config_1.defaultConfig)(rules_1.allRules);
    for (const spec of values.rule ?? []) {
        const m = /^([a-z-]+\/[a-z-]+)=(off|info|warning|error)$/.exec(spec);
        if (!m || !config.rules[m[1]])
            throw new io_1.UsageError(`--rule expects <id>=off|info|warning|error with a known rule id, got "${spec}".`);
        config.rules[m[1]].severity = m[2];
    }
    const typed = !values['no-type-info'] && hasClientTypings(root);
    const output = (0, linter_1.lint)({ files, targets: targets.filter((t) => !notices.has(t)), moduleHost: typed ? (0, module_host_1.createFsModuleHost)() : undefined, config }, rules_1.allRules);
    const sources = new Map(files.map((f) => [f.path, f.text]));
    let results = (0, json_1.toEslintResults)(output.files, sources, notices);
    if (values.quiet)
        results = results.map((r) => ({ ...r, messages: r.messages.filter((m) => m.severity === 2), warningCount: 0, fixableWarningCount: 0 }));
    const text = format === 'json' ? JSON.stringify(results) : (0, stylish_1.formatStylish)(results, { color: io.color, cwd: process.cwd() });
    if (values['output-file'])
        node_fs_1.default.writeFileSync(values['output-file'], text);
    else if (text)
        io.out(text);
    const errors = results.reduce((n, r) => n + r.errorCount, 0);
    const warnings = results.reduce((n, r) => n + r.warningCount, 0);
    if (files.length === 0 && targets.length > 0)
        return 2;
    return errors > 0 || (maxWarnings >= 0 && warnings > maxWarnings) ? 1 : 0;
}
//# sourceMappingURL=lint-command.js.map