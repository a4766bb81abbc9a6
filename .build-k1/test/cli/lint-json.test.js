"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
// End-to-end: the streamwise binary on the bundled examples and on small fixtures — ESLint JSON, exit codes.
const strict_1 = __importDefault(require("node:assert/strict"));
const node_child_process_1 = require("node:child_process");
const node_fs_1 = __importDefault(require("node:fs"));
const node_os_1 = __importDefault(require("node:os"));
const node_path_1 = __importDefault(require("node:path"));
const node_test_1 = require("node:test");
const ROOT = node_path_1.default.resolve(__dirname, '..', '..', '..');
const BIN = node_path_1.default.join(ROOT, 'bin', 'streamwise.js');
function run(args, cwd = ROOT) {
    const r = (0, node_child_process_1.spawnSync)(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
function expectedExampleFindings() {
    const readme = node_fs_1.default.readFileSync(node_path_1.default.join(ROOT, 'examples', 'README.md'), 'utf8');
    return [...readme.matchAll(/^\| (src\/[^|]+?:\d+) \| ([a-z]+\/[a-z-]+) \|$/gm)].map((m) => `${m[1]} ${m[2]}`).sort();
}
(0, node_test_1.describe)('streamwise lint --format json', () => {
    for (const mode of ['typed', 'untyped']) {
        (0, node_test_1.it)(`reports exactly the documented findings of examples/ (${mode})`, () => {
            const r = run(['lint', 'examples', '--format', 'json', ...(mode === 'untyped' ? ['--no-type-info'] : [])]);
            strict_1.default.equal(r.stderr, '');
            const results = JSON.parse(r.stdout);
            const got = results.flatMap((res) => res.messages.map((m) => `${node_path_1.default.relative(node_path_1.default.join(ROOT, 'examples'), res.filePath)}:${m.line} ${m.ruleId}`)).sort();
            strict_1.default.deepEqual(got, expectedExampleFindings());
            strict_1.default.equal(r.code, 1, 'errors in examples make exit code 1');
        });
    }
    (0, node_test_1.it)('emits ESLint-shaped results with 1-based positions', () => {
        const dir = node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'sw-cli-'));
        node_fs_1.default.writeFileSync(node_path_1.default.join(dir, 'package.json'), '{}');
        node_fs_1.default.writeFileSync(node_path_1.default.join(dir, 'a.ts'), "import Redis from 'ioredis';\nconst redis = new Redis();\nredis.xadd('s', 'MAXLEN', 100, '*', 'k', 'v');\n");
        const r = run(['lint', dir, '--format', 'json']);
        const [result] = JSON.parse(r.stdout);
        strict_1.default.equal(result.filePath, node_path_1.default.join(dir, 'a.ts'));
        strict_1.default.deepEqual(Object.keys(result).sort(), ['errorCount', 'fatalErrorCount', 'filePath', 'fixableErrorCount', 'fixableWarningCount', 'messages', 'suppressedMessages', 'usedDeprecatedRules', 'warningCount']);
        const m = result.messages.find((x) => x.ruleId === 'redis/exact-stream-trim');
        strict_1.default.deepEqual([m.severity, m.severityName, m.line, m.column, m.endLine, m.endColumn], [1, 'info', 3, 17, 3, 25]);
        strict_1.default.deepEqual(m.fix, { range: [80, 80], text: ", '~'" });
        strict_1.default.equal(r.code, 0);
    });
    (0, node_test_1.it)('exits 2 on bad usage and on a missing path', () => {
        strict_1.default.equal(run(['lint', '--format', 'nope']).code, 2);
        strict_1.default.equal(run(['lint', '--bogus']).code, 2);
        strict_1.default.equal(run(['lint', 'no/such/dir']).code, 2);
        strict_1.default.equal(run(['frobnicate']).code, 2);
    });
    (0, node_test_1.it)('lists the rules', () => {
        const r = run(['rules']);
        strict_1.default.equal(r.code, 0);
        strict_1.default.match(r.stdout, /redis\/unbounded-stream\s+warning\s+suggestion/);
    });
});
//# sourceMappingURL=lint-json.test.js.map