"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.parseDoc = parseDoc;
// Every rule has a doc in rules/ whose front matter matches its metadata and whose examples behave as they claim.
const strict_1 = __importDefault(require("node:assert/strict"));
const node_fs_1 = __importDefault(require("node:fs"));
const node_path_1 = __importDefault(require("node:path"));
const node_test_1 = require("node:test");
const rules_1 = require("../src/rules");
const rule_tester_1 = require("./helpers/rule-tester");
const ROOT = node_path_1.default.resolve(__dirname, '..', '..');
const SECTIONS = ['## What it flags', '## Why it matters', '## How to fix', '## Examples', '### Incorrect', '### Correct', '## Options', '## When not to use it'];
function parseDoc(text) {
    const m = /^---\n([\s\S]*?)\n---\n/.exec(text);
    const front = {};
    for (const line of (m?.[1] ?? '').split('\n')) {
        const kv = /^(\w+):\s*(.*)$/.exec(line);
        if (kv)
            front[kv[1]] = kv[2].replace(/^"(.*)"$/, '$1');
    }
    const blocksUnder = (heading) => {
        const start = text.indexOf(`\n${heading}\n`);
        if (start < 0)
            return [];
        const rest = text.slice(start + heading.length + 2);
        const end = rest.search(/\n#{2,3} /);
        const section = end < 0 ? rest : rest.slice(0, end);
        return [...section.matchAll(/```(?:ts|typescript|js|javascript)\n([\s\S]*?)```/g)].map((b) => b[1]);
    };
    return { front, incorrect: blocksUnder('### Incorrect'), correct: blocksUnder('### Correct') };
}
(0, node_test_1.describe)('rule docs', () => {
    (0, node_test_1.it)('every doc in rules/ belongs to a registered rule', () => {
        const ids = new Set(rules_1.allRules.map((r) => r.meta.id));
        for (const group of node_fs_1.default.readdirSync(node_path_1.default.join(ROOT, 'rules'))) {
            for (const file of node_fs_1.default.readdirSync(node_path_1.default.join(ROOT, 'rules', group))) {
                strict_1.default.ok(ids.has(`${group}/${file.replace(/\.md$/, '')}`), `rules/${group}/${file} has no rule`);
            }
        }
    });
    for (const rule of rules_1.allRules) {
        (0, node_test_1.describe)(rule.meta.id, () => {
            const file = node_path_1.default.join(ROOT, rule.meta.docs);
            const text = node_fs_1.default.existsSync(file) ? node_fs_1.default.readFileSync(file, 'utf8') : '';
            const doc = parseDoc(text);
            (0, node_test_1.it)('has a doc with matching front matter and every section', () => {
                strict_1.default.ok(text, `missing ${rule.meta.docs}`);
                strict_1.default.equal(rule.meta.docs, `rules/${rule.meta.id}.md`);
                strict_1.default.equal(doc.front.id, rule.meta.id);
                strict_1.default.equal(doc.front.severity, rule.meta.defaultSeverity);
                strict_1.default.equal(doc.front.fix, rule.meta.fixKind);
                strict_1.default.ok(doc.front.description, 'description');
                let at = 0;
                for (const s of SECTIONS) {
                    const i = text.indexOf(`\n${s}\n`, at);
                    strict_1.default.ok(i >= 0, `section "${s}" missing or out of order`);
                    at = i;
                }
                strict_1.default.ok(doc.incorrect.length > 0 && doc.correct.length > 0, 'needs incorrect and correct examples');
            });
            for (const mode of rule_tester_1.MODES) {
                doc.incorrect.forEach((code, i) => {
                    (0, node_test_1.it)(`incorrect example ${i + 1} fires (${mode})`, () => {
                        strict_1.default.ok((0, rule_tester_1.runCase)(rule, { name: 'doc', code }, mode).length > 0, `expected ${rule.meta.id} to fire on:\n${code}`);
                    });
                });
                doc.correct.forEach((code, i) => {
                    (0, node_test_1.it)(`correct example ${i + 1} stays quiet (${mode})`, () => {
                        const findings = (0, rule_tester_1.runCase)(rule, { name: 'doc', code }, mode);
                        strict_1.default.deepEqual(findings.map((f) => `${f.range.line}: ${f.message}`), []);
                    });
                });
            }
        });
    }
});
//# sourceMappingURL=rule-docs.test.js.map