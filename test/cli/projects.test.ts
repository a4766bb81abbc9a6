// Realistic labelled projects: the CLI reports exactly their expected.json findings, typed and untyped.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const PROJECTS = path.join(ROOT, 'test', 'fixtures', 'projects');

interface Label {
  file: string;
  line: number;
  ruleId: string;
}

function findings(dir: string, typed: boolean): string[] {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'streamwise.js'), 'lint', dir, '--format', 'json', ...(typed ? [] : ['--no-type-info'])], { encoding: 'utf8' });
  assert.notEqual(r.status, 2, r.stderr);
  const results = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string | null; line: number }[] }[];
  return results.flatMap((res) => res.messages.map((m) => `${path.relative(dir, res.filePath)}:${m.line} ${m.ruleId}`)).sort();
}

describe('labelled projects', () => {
  for (const name of fs.readdirSync(PROJECTS).sort()) {
    const dir = path.join(PROJECTS, name);
    const expected = (JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Label[]).map((l) => `${l.file}:${l.line} ${l.ruleId}`).sort();
    for (const typed of [true, false]) {
      it(`${name} (${typed ? 'typed' : 'untyped'})`, () => assert.deepEqual(findings(dir, typed), expected));
    }
  }
});
