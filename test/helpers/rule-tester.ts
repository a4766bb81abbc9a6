// Table-driven rule tests in typescript-eslint's RuleTester style, run typed (real typings) and untyped (no node_modules).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig } from '../../src/core/config';
import { lint } from '../../src/core/linter';
import type { Rule } from '../../src/core/rule';
import type { EngineConfig, Finding, TextEdit } from '../../src/core/types';
import { createTypingsHost, WORKSPACE_ROOT } from './virtual-host';
import { assertSameAsExhaustive } from './exhaustive';

export type Mode = 'typed' | 'untyped';
export const MODES: Mode[] = ['typed', 'untyped'];

export interface BaseCase {
  name: string;
  code: string;
  /** Defaults to `src/case.ts` (use `.js` for JavaScript cases). */
  filename?: string;
  /** Other workspace files, by path relative to the workspace root. */
  files?: Record<string, string>;
  /** Rule options (as in `"rules": { id: [severity, options] }`). */
  options?: Record<string, unknown>;
  config?: Partial<Omit<EngineConfig, 'rules'>>;
  /** Restrict to one mode when the other cannot decide by design. */
  modes?: Mode[];
  /** Serve ioredis 6 typings instead of ioredis 5 in typed mode. */
  ioredis?: 5 | 6;
  /** Serve node-redis 4 typings instead of node-redis 5 in typed mode. */
  redis?: 4 | 5;
}

export type ValidCase = BaseCase;

export interface ExpectedSuggestion {
  desc?: string;
  /** The whole file after applying this suggestion. */
  output: string;
}

export interface ExpectedError {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Substring the message must contain. */
  message?: string;
  suggestions?: ExpectedSuggestion[];
}

export interface InvalidCase extends BaseCase {
  errors: ExpectedError[];
  /** The file after applying every safe fix; omit to assert that there is no fix. */
  output?: string;
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.range[0] - a.range[0]);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.range[0]) + e.text + out.slice(e.range[1]);
  return out;
}

/** Lint one case in one mode and return the findings of `rule` for the case's main file. */
export function runCase(rule: Rule<unknown>, c: BaseCase, mode: Mode): Finding[] {
  const main = `${WORKSPACE_ROOT}/${c.filename ?? 'src/case.ts'}`;
  const files = [{ path: main, text: c.code }, ...Object.entries(c.files ?? {}).map(([p, text]) => ({ path: `${WORKSPACE_ROOT}/${p}`, text }))];
  const config = defaultConfig([rule]);
  Object.assign(config, c.config ?? {});
  config.rules[rule.meta.id] = { severity: rule.meta.defaultSeverity, options: { ...config.rules[rule.meta.id].options, ...(c.options ?? {}) } };
  const input = { files, targets: [main], moduleHost: mode === 'typed' ? createTypingsHost({ ioredis: c.ioredis, redis: c.redis }) : undefined, config };
  const out = lint(input, [rule]);
  // The pre-filter must never change a result: every case also runs with every file analysed.
  assertSameAsExhaustive(out, lint(input, [rule], undefined, { exhaustive: true }));
  const result = out.files[0];
  assert.deepEqual(result.internalErrors, [], 'rule threw');
  return result.findings.filter((f) => f.ruleId === rule.meta.id);
}

export function ruleTester(rule: Rule<unknown>, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(rule.meta.id, () => {
    for (const mode of MODES) {
      describe(mode, () => {
        for (const c of cases.valid) {
          if (c.modes && !c.modes.includes(mode)) continue;
          it(`valid: ${c.name}`, () => {
            const findings = runCase(rule, c, mode);
            assert.deepEqual(findings.map(describeFinding), [], 'expected no findings');
          });
        }
        for (const c of cases.invalid) {
          if (c.modes && !c.modes.includes(mode)) continue;
          it(`invalid: ${c.name}`, () => {
            const findings = runCase(rule, c, mode);
            assert.deepEqual(findings.map(describeFinding), c.errors.map((e) => `${e.line}:${e.column}-${e.endLine}:${e.endColumn}`), 'finding ranges');
            c.errors.forEach((expected, i) => {
              const f = findings[i];
              assert.equal(f.severity, rule.meta.defaultSeverity);
              if (expected.message) assert.ok(f.message.includes(expected.message), `message "${f.message}" should include "${expected.message}"`);
              const got = (f.suggestions ?? []).map((s) => ({ desc: s.desc, output: applyEdits(c.code, s.edits) }));
              const want = expected.suggestions ?? [];
              assert.equal(got.length, want.length, `suggestion count for finding ${i + 1}`);
              want.forEach((s, j) => {
                assert.equal(got[j].output, s.output, `suggestion ${j + 1} output`);
                if (s.desc) assert.equal(got[j].desc, s.desc);
              });
            });
            const fixes = findings.flatMap((f) => f.fix ?? []);
            if (c.output === undefined) assert.equal(fixes.length, 0, 'expected no fix');
            else assert.equal(applyEdits(c.code, fixes), c.output, 'fix output');
          });
        }
      });
    }
  });
}

function describeFinding(f: Finding): string {
  return `${f.range.line}:${f.range.column}-${f.range.endLine}:${f.range.endColumn}`;
}
