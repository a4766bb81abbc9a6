// Every rule has a doc in rules/ whose front matter matches its metadata and whose examples behave as they claim.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { allRules } from '../src/rules';
import { MODES, runCase } from './helpers/rule-tester';

const ROOT = path.resolve(__dirname, '..', '..');
const SECTIONS = ['## What it flags', '## Why it matters', '## How to fix', '## Examples', '### Incorrect', '### Correct', '## Options', '## When not to use it'];

export function parseDoc(text: string): { front: Record<string, string>; incorrect: string[]; correct: string[] } {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(text);
  const front: Record<string, string> = {};
  for (const line of (m?.[1] ?? '').split('\n')) {
    const kv = /^(\w+):\s*(.*)$/.exec(line);
    if (kv) front[kv[1]] = kv[2].replace(/^"(.*)"$/, '$1');
  }
  const blocksUnder = (heading: string): string[] => {
    const start = text.indexOf(`\n${heading}\n`);
    if (start < 0) return [];
    const rest = text.slice(start + heading.length + 2);
    const end = rest.search(/\n#{2,3} /);
    const section = end < 0 ? rest : rest.slice(0, end);
    return [...section.matchAll(/```(?:ts|typescript|js|javascript)\n([\s\S]*?)```/g)].map((b) => b[1]);
  };
  return { front, incorrect: blocksUnder('### Incorrect'), correct: blocksUnder('### Correct') };
}

describe('rule docs', () => {
  it('every doc in rules/ belongs to a registered rule', () => {
    const ids = new Set(allRules.map((r) => r.meta.id));
    for (const group of fs.readdirSync(path.join(ROOT, 'rules'))) {
      for (const file of fs.readdirSync(path.join(ROOT, 'rules', group))) {
        assert.ok(ids.has(`${group}/${file.replace(/\.md$/, '')}`), `rules/${group}/${file} has no rule`);
      }
    }
  });

  for (const rule of allRules) {
    describe(rule.meta.id, () => {
      const file = path.join(ROOT, rule.meta.docs);
      const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
      const doc = parseDoc(text);

      it('has a doc with matching front matter and every section', () => {
        assert.ok(text, `missing ${rule.meta.docs}`);
        assert.equal(rule.meta.docs, `rules/${rule.meta.id}.md`);
        assert.equal(doc.front.id, rule.meta.id);
        assert.equal(doc.front.severity, rule.meta.defaultSeverity);
        assert.equal(doc.front.fix, rule.meta.fixKind);
        assert.ok(doc.front.description, 'description');
        let at = 0;
        for (const s of SECTIONS) {
          const i = text.indexOf(`\n${s}\n`, at);
          assert.ok(i >= 0, `section "${s}" missing or out of order`);
          at = i;
        }
        assert.ok(doc.incorrect.length > 0 && doc.correct.length > 0, 'needs incorrect and correct examples');
      });

      for (const mode of MODES) {
        doc.incorrect.forEach((code, i) => {
          it(`incorrect example ${i + 1} fires (${mode})`, () => {
            assert.ok(runCase(rule, { name: 'doc', code }, mode).length > 0, `expected ${rule.meta.id} to fire on:\n${code}`);
          });
        });
        doc.correct.forEach((code, i) => {
          it(`correct example ${i + 1} stays quiet (${mode})`, () => {
            const findings = runCase(rule, { name: 'doc', code }, mode);
            assert.deepEqual(findings.map((f) => `${f.range.line}: ${f.message}`), []);
          });
        });
      }
    });
  }
});
