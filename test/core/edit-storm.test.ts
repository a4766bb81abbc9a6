// Random edits to one large messaging file of a generated workspace, one after another: the kept cache and program give a fresh run's results after every one.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type ts from 'typescript';
import { createFsModuleHost } from '../../src/cli/module-host';
import { LintCache } from '../../src/core/cache';
import { defaultConfig } from '../../src/core/config';
import { lint } from '../../src/core/linter';
import type { SourceFile } from '../../src/core/types';
import { allRules } from '../../src/rules';
import { MODES } from '../helpers/rule-tester';
import { tempDir } from '../helpers/temp';

const root = path.resolve(__dirname, '..', '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { generateWorkspace } = require(path.join(root, 'scripts', 'bench', 'generate')) as { generateWorkspace: (dir: string, options: object) => { dir: string; bigFile: { path: string } } };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createRandom } = require(path.join(root, 'scripts', 'bench', 'random')) as { createRandom: (seed: number) => { int: (min: number, max: number) => number; pick: <T>(list: T[]) => T; chance: (p: number) => boolean } };

const TOKENS = [' ', 'x', '(', ')', '{', '}', "'", '"', '\n', ';', ',', 'redis', 'MAXLEN', 'await ', 'const ', 'acks: 0, ', '// ', '/*', '*/', '`'];

function sourcesOf(dir: string): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.ts')) out.push({ path: full.split(path.sep).join('/'), text: fs.readFileSync(full, 'utf8') });
    }
  };
  walk(path.join(dir, 'src'));
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** One random edit as a user makes them: characters typed or deleted, lines duplicated or removed, an undo to the start. */
function edit(text: string, original: string, random: ReturnType<typeof createRandom>): string {
  const at = random.int(0, text.length);
  const lines = text.split('\n');
  const line = random.int(0, Math.max(0, lines.length - 1));
  switch (random.int(0, 5)) {
    case 0:
      return text.slice(0, at) + random.pick(TOKENS) + text.slice(at);
    case 1:
      return text.slice(0, at) + text.slice(at + random.int(1, 4));
    case 2:
      return [...lines.slice(0, line + 1), lines[line], ...lines.slice(line + 1)].join('\n');
    case 3:
      return [...lines.slice(0, line), ...lines.slice(line + 1)].join('\n');
    case 4:
      // A string or number changed in place: the edits an editor sends most.
      return text.replace(new RegExp(`'([\\w:.-]+)'`, 'g'), (m, s: string) => (random.chance(0.02) ? `'${s}2'` : m));
    default:
      return random.chance(0.3) ? original : text.slice(0, at) + random.pick(TOKENS) + text.slice(at);
  }
}

describe('an edit storm on one file', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  for (const mode of MODES) {
    it(`${mode}: after every random edit, the kept cache and program give the results of a fresh run`, () => {
      const dir = tempDir('streamwise-storm-');
      dirs.push(dir);
      const ws = generateWorkspace(dir, { files: 40, seed: 11, bigFileLines: 400, typings: mode === 'typed' });
      const files = sourcesOf(ws.dir);
      const big = files.findIndex((f) => f.path === ws.bigFile.path.split(path.sep).join('/'));
      assert.ok(big >= 0);
      const host = mode === 'typed' ? createFsModuleHost() : undefined;
      const cache = new LintCache();
      let old: ts.Program | undefined;
      const input = (list: SourceFile[]) => ({ files: list, moduleHost: host, config: defaultConfig(allRules) });
      const kept = (list: SourceFile[]) => lint(input(list), allRules, undefined, { cache, oldProgram: old, onProgram: (p) => (old = p) });
      kept(files);
      const random = createRandom(mode === 'typed' ? 5 : 6);
      const original = files[big].text;
      let current = files;
      let findings = 0;
      for (let step = 1; step <= 40; step++) {
        const text = edit(current[big].text, original, random);
        current = current.map((f, i) => (i === big ? { ...f, text } : f));
        const fresh = lint(input(current), allRules);
        assert.deepEqual(kept(current), fresh, `after edit ${step}`);
        findings += fresh.files.reduce((n, f) => n + f.findings.length, 0);
      }
      assert.ok(findings > 0, 'the edits left findings to compare');
    });
  }
});
