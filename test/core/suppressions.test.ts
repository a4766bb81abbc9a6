// Suppression comments: the directive parser (all forms, ids, reasons, unknown ids, strings/templates/JSX) and how directives apply to findings.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { defaultConfig } from '../../src/core/config';
import { lint } from '../../src/core/linter';
import { applyDirectives, parseDirectives } from '../../src/core/suppressions';
import { rangeOf } from '../../src/core/text';
import type { Finding } from '../../src/core/types';
import { allRules } from '../../src/rules';

const KNOWN = new Set(['redis/a', 'redis/b', 'kafka/c']);

function sourceOf(code: string, filename = 'case.ts'): ts.SourceFile {
  const kind = filename.endsWith('x') ? (filename.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.JSX) : filename.endsWith('.js') ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  return ts.createSourceFile(`/ws/${filename}`, code, ts.ScriptTarget.Latest, true, kind);
}

/** `kind@line[-endLine] ids -- reason`, ids `*` for all rules. */
function parsed(code: string, filename?: string): { directives: string[]; problems: string[] } {
  const { directives, problems } = parseDirectives(sourceOf(code, filename), KNOWN);
  return {
    directives: directives.map((d) => {
      const at = d.range.line === d.range.endLine ? `${d.range.line}` : `${d.range.line}-${d.range.endLine}`;
      return `${d.kind}@${at} ${d.ruleIds === null ? '*' : d.ruleIds.join(',')}${d.justification ? ` -- ${d.justification}` : ''}`;
    }),
    problems: problems.map((p) => `${p.range.line}:${p.range.column} ${p.ruleId ?? 'null'} ${p.message}`),
  };
}

const parserCases: { name: string; code: string; filename?: string; directives: string[]; problems?: string[] }[] = [
  { name: 'disable-next-line with one id', code: '// streamwise-disable-next-line redis/a\nx();', directives: ['disable-next-line@1 redis/a'] },
  { name: 'several ids, spaces around commas', code: '// streamwise-disable-next-line redis/a ,redis/b,  kafka/c\nx();', directives: ['disable-next-line@1 redis/a,redis/b,kafka/c'] },
  { name: 'a reason after --', code: '// streamwise-disable-next-line redis/a, redis/b -- dashboard ping, order is in Kafka\nx();', directives: ['disable-next-line@1 redis/a,redis/b -- dashboard ping, order is in Kafka'] },
  { name: 'a reason with no ids means all rules', code: '// streamwise-disable-line -- generated code\nx();', directives: ['disable-line@1 * -- generated code'] },
  { name: 'a longer dash run also separates the reason', code: '// streamwise-disable-line redis/a --- why', directives: ['disable-line@1 redis/a -- why'] },
  { name: 'no ids: all rules', code: 'x(); // streamwise-disable-line', directives: ['disable-line@1 *'] },
  { name: 'trailing line comment on code', code: 'const a = 1;\nx(); // streamwise-disable-line redis/b', directives: ['disable-line@2 redis/b'] },
  { name: 'block comment forms', code: '/* streamwise-disable redis/a */\nx();\n/* streamwise-enable redis/a */\n/* streamwise-disable-line */ y();', directives: ['disable@1 redis/a', 'enable@3 redis/a', 'disable-line@4 *'] },
  { name: 'range directives as line comments', code: '// streamwise-disable kafka/c -- legacy module\nx();\n// streamwise-enable kafka/c', directives: ['disable@1 kafka/c -- legacy module', 'enable@3 kafka/c'] },
  { name: 'file-wide, block and line', code: 'x();\n/* streamwise-disable-file redis/a -- fixtures */\n// streamwise-disable-file', directives: ['disable-file@2 redis/a -- fixtures', 'disable-file@3 *'] },
  { name: 'multi-line block reason collapses whitespace', code: '/* streamwise-disable redis/a --\n   owned by the\n   billing team */\nx();', directives: ['disable@1-3 redis/a -- owned by the billing team'] },
  { name: 'duplicate ids collapse', code: '// streamwise-disable-line redis/a, redis/a', directives: ['disable-line@1 redis/a'] },
  {
    name: 'unknown id: an error naming it (ESLint: "Definition for rule … was not found."), the known ids still apply',
    code: 'x(); // streamwise-disable-line redis/nope, redis/a',
    directives: ['disable-line@1 redis/a'],
    problems: ["1:6 redis/nope Definition for rule 'redis/nope' was not found."],
  },
  {
    name: 'only unknown ids: no directive at all (never "all rules")',
    code: '// streamwise-disable-next-line redis/nope\nx();',
    directives: [],
    problems: ["1:1 redis/nope Definition for rule 'redis/nope' was not found."],
  },
  {
    name: 'text without -- is read as ids, so it is an unknown rule',
    code: '// streamwise-disable-line redis/a because reasons',
    directives: [],
    problems: ["1:1 redis/a because reasons Definition for rule 'redis/a because reasons' was not found."],
  },
  {
    name: 'a line directive spanning lines is an error and ignored',
    code: '/* streamwise-disable-next-line\n   redis/a */\nx();',
    directives: [],
    problems: ['1:1 null streamwise-disable-next-line comment should not span multiple lines.'],
  },
  { name: 'not a directive: other words, prefixes, JSDoc', code: '// streamwise-disabled redis/a\n// see streamwise-disable-line\n/** streamwise-disable */\n// eslint-disable-line', directives: [] },
  { name: 'inside a string literal', code: "const s = '// streamwise-disable-line redis/a';\nconst t = \"/* streamwise-disable */\";", directives: [] },
  { name: 'inside a template literal, also around substitutions', code: 'const s = `// streamwise-disable-file ${a} /* streamwise-disable */ ${b} // streamwise-disable-line`;', directives: [] },
  { name: 'a real comment inside a template substitution is a directive', code: 'const s = `a ${x /* streamwise-disable-line redis/a */} b`;', directives: ['disable-line@1 redis/a'] },
  { name: 'inside a regular expression', code: 'const r = /\\/\\/ streamwise-disable-line/;', directives: [] },
  { name: 'JSX comment in braces', filename: 'view.tsx', code: 'const v = (\n  <div>\n    {/* streamwise-disable-next-line redis/a -- demo */}\n    <span />\n  </div>\n);', directives: ['disable-next-line@3 redis/a -- demo'] },
  { name: 'JSX line-style text is text, not a comment', filename: 'view.jsx', code: 'const v = <div>// streamwise-disable-line redis/a</div>;\nconst w = <p>/* streamwise-disable */</p>;', directives: [] },
  { name: 'JSX disable-line in braces on the same line', filename: 'view.tsx', code: 'const v = <div>{x()}{/* streamwise-disable-line */}</div>;', directives: ['disable-line@1 *'] },
  { name: 'after a shebang', filename: 'bin.js', code: '#!/usr/bin/env node\n// streamwise-disable-file kafka/c\nx();', directives: ['disable-file@2 kafka/c'] },
  { name: 'at the end of the file', code: 'x();\n// streamwise-enable', directives: ['enable@2 *'] },
];

describe('parseDirectives', () => {
  for (const c of parserCases) {
    it(c.name, () => {
      const got = parsed(c.code, c.filename);
      assert.deepEqual(got.directives, c.directives);
      assert.deepEqual(got.problems, c.problems ?? []);
    });
  }
});

/** A finding of `ruleId` on `line`, spanning the line's code (1-based line). */
function findingAt(sf: ts.SourceFile, ruleId: string, line: number): Finding {
  const start = sf.getPositionOfLineAndCharacter(line - 1, 0);
  const end = sf.getLineEndOfPosition(start);
  return { ruleId, severity: 'warning', message: `${ruleId} here`, range: rangeOf(sf, start, end) };
}

const applyCases: { name: string; code: string; findings: [string, number][]; reported: string[]; suppressed?: string[]; unused?: string[] }[] = [
  {
    name: 'next-line suppresses only the listed rule on the next line',
    code: '// streamwise-disable-next-line redis/a -- cache warm-up\nx();\ny();',
    findings: [['redis/a', 2], ['redis/b', 2], ['redis/a', 3]],
    reported: ['redis/b@2', 'redis/a@3'],
    suppressed: ['redis/a@2 (cache warm-up)'],
  },
  {
    name: 'disable-line with several ids, as a trailing comment',
    code: 'x(); // streamwise-disable-line redis/a, redis/b\ny();',
    findings: [['redis/a', 1], ['redis/b', 1], ['kafka/c', 1], ['redis/a', 2]],
    reported: ['kafka/c@1', 'redis/a@2'],
    suppressed: ['redis/a@1 ()', 'redis/b@1 ()'],
  },
  {
    name: 'no ids: every rule',
    code: '// streamwise-disable-next-line\nx();',
    findings: [['redis/a', 2], ['kafka/c', 2]],
    reported: [],
    suppressed: ['redis/a@2 ()', 'kafka/c@2 ()'],
  },
  {
    name: 'a block range ends at its enable',
    code: 'a();\n/* streamwise-disable redis/a -- legacy */\nb();\nc();\n/* streamwise-enable redis/a */\nd();',
    findings: [['redis/a', 1], ['redis/a', 3], ['redis/b', 4], ['redis/a', 4], ['redis/a', 6]],
    reported: ['redis/a@1', 'redis/b@4', 'redis/a@6'],
    suppressed: ['redis/a@3 (legacy)', 'redis/a@4 (legacy)'],
  },
  {
    name: 'an unclosed range runs to the end of the file',
    code: 'a();\n// streamwise-disable\nb();\nc();',
    findings: [['redis/a', 1], ['redis/b', 3], ['kafka/c', 4]],
    reported: ['redis/a@1'],
    suppressed: ['redis/b@3 ()', 'kafka/c@4 ()'],
  },
  {
    name: 'enable of one rule inside a disable-all range',
    code: '/* streamwise-disable */\na();\n/* streamwise-enable redis/a */\nb();\n/* streamwise-enable */\nc();',
    findings: [['redis/a', 2], ['redis/a', 4], ['redis/b', 4], ['redis/b', 6]],
    reported: ['redis/a@4', 'redis/b@6'],
    suppressed: ['redis/a@2 ()', 'redis/b@4 ()'],
  },
  {
    name: 'file-wide applies before and after the comment',
    code: 'a();\n/* streamwise-disable-file kafka/c -- test fixtures */\nb();',
    findings: [['kafka/c', 1], ['kafka/c', 3], ['redis/a', 3]],
    reported: ['redis/a@3'],
    suppressed: ['kafka/c@1 (test fixtures)', 'kafka/c@3 (test fixtures)'],
  },
  {
    name: 'unused: a listed id that suppressed nothing, and a directive with no ids',
    code: 'x(); // streamwise-disable-line redis/a, redis/b\n// streamwise-disable-next-line\ny();',
    findings: [['redis/a', 1]],
    reported: [],
    suppressed: ['redis/a@1 ()'],
    unused: ["1 redis/b Unused streamwise-disable directive (no problems were reported from 'redis/b').", '2 * Unused streamwise-disable directive (no problems were reported).'],
  },
  {
    name: 'unused: an enable closing nothing, and a range suppressing nothing',
    code: '/* streamwise-enable redis/a */\n/* streamwise-disable kafka/c */\nx();\n/* streamwise-enable kafka/c */',
    findings: [['redis/a', 3]],
    reported: ['redis/a@3'],
    unused: [
      "1 redis/a Unused streamwise-enable directive (no matching streamwise-disable directives were found for 'redis/a').",
      "2 kafka/c Unused streamwise-disable directive (no problems were reported from 'kafka/c').",
    ],
  },
  {
    name: 'the nearest directive takes the finding; a redundant wider one is unused',
    code: '/* streamwise-disable-file redis/a */\nx(); // streamwise-disable-line redis/a -- here',
    findings: [['redis/a', 2]],
    reported: [],
    suppressed: ['redis/a@2 (here)'],
    unused: ["1 redis/a Unused streamwise-disable directive (no problems were reported from 'redis/a')."],
  },
];

describe('applyDirectives', () => {
  for (const c of applyCases) {
    it(c.name, () => {
      const sf = sourceOf(c.code);
      const findings = c.findings.map(([id, line]) => findingAt(sf, id, line));
      const { directives } = parseDirectives(sf, KNOWN);
      const r = applyDirectives(findings, directives);
      assert.deepEqual(r.findings.map((f) => `${f.ruleId}@${f.range.line}`), c.reported);
      assert.deepEqual(r.suppressed.map((f) => `${f.ruleId}@${f.range.line} (${f.suppressions.map((s) => `${s.kind === 'directive' ? '' : s.kind}${s.justification}`).join()})`), c.suppressed ?? []);
      assert.deepEqual(r.unused.map((u) => `${u.range.line} ${u.listedRuleId ?? '*'} ${u.message}`), c.unused ?? []);
    });
  }
});

describe('lint() with suppression comments', () => {
  const run = (text: string, configure?: (rules: ReturnType<typeof defaultConfig>['rules']) => void) => {
    const config = defaultConfig(allRules);
    configure?.(config.rules);
    return lint({ files: [{ path: '/ws/a.ts', text }], config }, allRules).files[0];
  };
  const code = (directive: string) => `import Redis from 'ioredis';\nconst redis = new Redis();\n${directive}\nredis.xadd('s', 'MAXLEN', 100, '*', 'k', 'v');\nredis.xread('STREAMS', 's', '0');\n`;

  it('moves suppressed findings out of findings, with the reason', () => {
    const r = run(code('// streamwise-disable-next-line redis/exact-stream-trim -- benchmark stream'));
    assert.deepEqual(r.findings.map((f) => f.ruleId), []);
    assert.deepEqual(r.suppressed?.map((f) => [f.ruleId, f.range.line, f.suppressions]), [['redis/exact-stream-trim', 4, [{ kind: 'directive', justification: 'benchmark stream' }]]]);
    assert.deepEqual(r.unusedDisables, []);
    assert.deepEqual(r.directiveProblems, []);
  });

  it('reports an id of a rule that is off as unused, and an unknown id as a problem', () => {
    const r = run(code('// streamwise-disable-next-line redis/exact-stream-trim, redis/unknown-thing'), (rules) => (rules['redis/exact-stream-trim'].severity = 'off'));
    assert.deepEqual(r.findings, []);
    assert.deepEqual(r.unusedDisables?.map((u) => u.message), ["Unused streamwise-disable directive (no problems were reported from 'redis/exact-stream-trim')."]);
    assert.deepEqual(r.directiveProblems?.map((p) => [p.ruleId, p.message, p.range.line]), [['redis/unknown-thing', "Definition for rule 'redis/unknown-thing' was not found.", 3]]);
  });
});
