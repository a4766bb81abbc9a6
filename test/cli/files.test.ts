// File discovery: which files a walk finds, what .gitignore and the fixed ignores leave out, and what a path named outright adds.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { discoverFiles } from '../../src/cli/files';
import { tempDir } from '../helpers/temp';

describe('discoverFiles', () => {
  let root = '';
  const files = (paths: string[], from = root) => discoverFiles(paths.map((p) => path.join(root, p)), from).map((f) => path.relative(root, f).split(path.sep).join('/'));

  before(() => {
    root = tempDir('sw-files-');
    const write = (p: string, text = 'export const x = 1;\n') => {
      fs.mkdirSync(path.dirname(path.join(root, p)), { recursive: true });
      fs.writeFileSync(path.join(root, p), text);
    };
    for (const p of [
      'src/a.ts', 'src/b.tsx', 'src/c.mts', 'src/d.cts', 'src/e.js', 'src/f.jsx', 'src/g.mjs', 'src/h.cjs', 'src/with space[1].ts',
      'src/upper.TS', 'src/notes.md', 'src/types.d.ts', 'src/bundle.min.js', 'src/.dot.ts', 'src/.hidden/inside.ts',
      'src/node_modules/pkg/index.js', 'src/dist/out.js', 'src/build/out.js', 'src/out/out.js', 'src/coverage/c.js', 'src/.next/n.js',
      'src/Build/kept.ts', 'src/outbox/kept.ts',
      'generated/deep/g.ts', 'generated/keep.ts', 'src/secret.ts', 'src/logs/l.ts',
      'other/o.ts',
    ]) write(p);
    fs.writeFileSync(path.join(root, '.gitignore'), 'generated/deep/\n!generated/deep/g.ts\nsecret.ts\nlogs/\n');
    fs.symlinkSync('a.ts', path.join(root, 'src', 'link-file.ts'));
    fs.symlinkSync('../other', path.join(root, 'src', 'link-dir'));
    fs.symlinkSync('..', path.join(root, 'src', 'loop'));
    fs.symlinkSync('missing.ts', path.join(root, 'src', 'dangling.ts'));
    execFileSync('mkfifo', [path.join(root, 'src', 'pipe.ts')]);
  });

  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('finds regular files with a source extension, sorted, and nothing else', () => {
    assert.deepEqual(files(['src']), [
      'src/Build/kept.ts', 'src/a.ts', 'src/b.tsx', 'src/c.mts', 'src/d.cts', 'src/e.js', 'src/f.jsx', 'src/g.mjs', 'src/h.cjs', 'src/outbox/kept.ts', 'src/with space[1].ts',
    ]);
  });

  it('honours .gitignore below the root: an ignored folder is not entered, and a negation cannot re-include from inside it', () => {
    assert.deepEqual(files(['generated', 'src/logs']), ['generated/keep.ts']);
    assert.ok(!files(['src']).includes('src/secret.ts'));
  });

  it('applies .gitignore relative to the root it is given, and not to paths outside that root', () => {
    assert.deepEqual(files(['generated'], path.join(root, 'src')), ['generated/deep/g.ts', 'generated/keep.ts']);
  });

  it('lints a path named outright, even inside an always-ignored folder or when it is not a regular file', () => {
    assert.deepEqual(files(['src/dist', 'src/pipe.ts', 'src/types.d.ts']), ['src/dist/out.js', 'src/pipe.ts', 'src/types.d.ts']);
  });

  it('walks into a symlinked folder only when it is named outright', () => {
    assert.deepEqual(files(['src/link-dir']), ['src/link-dir/o.ts']);
  });

  it('finds each file once when paths overlap', () => {
    assert.deepEqual(files(['src/outbox', 'src', 'src/outbox/kept.ts']).filter((f) => f.includes('outbox')), ['src/outbox/kept.ts']);
  });
});
