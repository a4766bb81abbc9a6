"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.MODES = void 0;
exports.applyEdits = applyEdits;
exports.runCase = runCase;
exports.ruleTester = ruleTester;
// Table-driven rule tests in typescript-eslint's RuleTester style, run typed (real typings) and untyped (no node_modules).
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const config_1 = require("../../src/core/config");
const linter_1 = require("../../src/core/linter");
const virtual_host_1 = require("./virtual-host");
exports.MODES = ['typed', 'untyped'];
function applyEdits(text, edits) {
    const sorted = [...edits].sort((a, b) => b.range[0] - a.range[0]);
    let out = text;
    for (const e of sorted)
        out = out.slice(0, e.range[0]) + e.text + out.slice(e.range[1]);
    return out;
}
/** Lint one case in one mode and return the findings of `rule` for the case's main file. */
function runCase(rule, c, mode) {
    const main = `${virtual_host_1.WORKSPACE_ROOT}/${c.filename ?? 'src/case.ts'}`;
    const files = [{ path: main, text: c.code }, ...Object.entries(c.files ?? {}).map(([p, text]) => ({ path: `${virtual_host_1.WORKSPACE_ROOT}/${p}`, text }))];
    const config = (0, config_1.defaultConfig)([rule]);
    Object.assign(config, c.config ?? {});
    config.rules[rule.meta.id] = { severity: rule.meta.defaultSeverity, options: { ...config.rules[rule.meta.id].options, ...(c.options ?? {}) } };
    const out = (0, linter_1.lint)({ files, targets: [main], moduleHost: mode === 'typed' ? (0, virtual_host_1.createTypingsHost)({ ioredis: c.ioredis }) : undefined, config }, [rule]);
    const result = out.files[0];
    strict_1.default.deepEqual(result.internalErrors, [], 'rule threw');
    return result.findings.filter((f) => f.ruleId === rule.meta.id);
}
function ruleTester(rule, cases) {
    (0, node_test_1.describe)(rule.meta.id, () => {
        for (const mode of exports.MODES) {
            (0, node_test_1.describe)(mode, () => {
                for (const c of cases.valid) {
                    if (c.modes && !c.modes.includes(mode))
                        continue;
                    (0, node_test_1.it)(`valid: ${c.name}`, () => {
                        const findings = runCase(rule, c, mode);
                        strict_1.default.deepEqual(findings.map(describeFinding), [], 'expected no findings');
                    });
                }
                for (const c of cases.invalid) {
                    if (c.modes && !c.modes.includes(mode))
                        continue;
                    (0, node_test_1.it)(`invalid: ${c.name}`, () => {
                        const findings = runCase(rule, c, mode);
                        strict_1.default.deepEqual(findings.map(describeFinding), c.errors.map((e) => `${e.line}:${e.column}-${e.endLine}:${e.endColumn}`), 'finding ranges');
                        c.errors.forEach((expected, i) => {
                            const f = findings[i];
                            strict_1.default.equal(f.severity, rule.meta.defaultSeverity);
                            if (expected.message)
                                strict_1.default.ok(f.message.includes(expected.message), `message "${f.message}" should include "${expected.message}"`);
                            const got = (f.suggestions ?? []).map((s) => ({ desc: s.desc, output: applyEdits(c.code, s.edits) }));
                            const want = expected.suggestions ?? [];
                            strict_1.default.equal(got.length, want.length, `suggestion count for finding ${i + 1}`);
                            want.forEach((s, j) => {
                                strict_1.default.equal(got[j].output, s.output, `suggestion ${j + 1} output`);
                                if (s.desc)
                                    strict_1.default.equal(got[j].desc, s.desc);
                            });
                        });
                        const fixes = findings.flatMap((f) => f.fix ?? []);
                        if (c.output === undefined)
                            strict_1.default.equal(fixes.length, 0, 'expected no fix');
                        else
                            strict_1.default.equal(applyEdits(c.code, fixes), c.output, 'fix output');
                    });
                }
            });
        }
    });
}
function describeFinding(f) {
    return `${f.range.line}:${f.range.column}-${f.range.endLine}:${f.range.endColumn}`;
}
//# sourceMappingURL=rule-tester.js.map