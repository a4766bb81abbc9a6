// A kept reach is used only where a fresh search would settle on the same state; random edits compare both.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CLIENT_SPECIFIER } from '../../src/core/prefilter';
import { parseWorkspaceFile } from '../../src/core/program';
import { Reach, type ReachState } from '../../src/core/reach';
import { keptReach, moduleNamesIn, type ReachMemo } from '../../src/core/reach-memo';
import { unitsOf, type FileUnits } from '../../src/core/units';
import path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createRandom } = require(path.join(__dirname, '..', '..', '..', 'scripts', 'bench', 'random')) as { createRandom: (seed: number) => { int: (min: number, max: number) => number; pick: <T>(list: T[]) => T; chance: (p: number) => boolean } };

type Files = Record<string, string>;

const base: Files = {
  '/w/src/infra/redis.ts': "import Redis from 'ioredis';\nexport const redis = new Redis();\nexport default redis;\n",
  '/w/src/orders/publish.ts': "import { redis } from '../infra/redis';\n\nexport function publishOrder(id: string) {\n  return redis.publish('orders', id);\n}\n\nexport function label(id: string) {\n  return `order ${id}`;\n}\n",
  '/w/src/orders/worker.ts': "import client from '../infra/redis';\nimport { label } from './publish';\n\nexport async function work() {\n  const job = await client.brpop('jobs', 0);\n  return label(String(job));\n}\n\nconst limit = 10;\nexport function size() {\n  return limit;\n}\n",
  '/w/src/util/strings.ts': "export function upper(s: string) {\n  return s.toUpperCase();\n}\n\nexport function lower(s: string) {\n  return s.toLowerCase();\n}\n",
  '/w/src/util/math.ts': "export const add = (a: number, b: number) => a + b;\n\nexport function twice(n: number) {\n  return add(n, n);\n}\n",
};

function workspace(files: Files) {
  const paths = Object.keys(files).sort();
  const texts = new Map(paths.map((p) => [p, files[p]]));
  const cache = new Map<string, FileUnits>();
  const units = (p: string) => cache.get(p) ?? cache.set(p, unitsOf(parseWorkspaceFile(p, texts.get(p)!))).get(p)!;
  const source = { paths, matchText: (p: string) => texts.get(p)!, units };
  return { paths, texts, units, source };
}

function fresh(files: Files): { memo: ReachMemo; state: ReachState } {
  const ws = workspace(files);
  const reach = new Reach(ws.source);
  reach.seed(CLIENT_SPECIFIER);
  const state = reach.copyState();
  return { memo: { key: 'k', paths: ws.paths, texts: ws.texts, state }, state };
}

/** What a reach state says, by position: comparable across two searches. */
function summary(state: ReachState) {
  const positions = (set: ReadonlySet<{ start: number; end: number }>) => [...set].map((u) => `${u.start}-${u.end}`).sort();
  const files = [...state.files].filter(([, f]) => f.reached.size > 0 || f.entered.size > 0).map(([p, f]) => ({ p, entered: positions(f.entered), reached: positions(f.reached) })).sort((a, b) => (a.p < b.p ? -1 : 1));
  return { files, words: [...state.words].sort(), modules: [...state.modules].sort() };
}

function kept(memo: ReachMemo, files: Files): ReachState | undefined {
  const ws = workspace(files);
  return keptReach(memo, 'k', ws.paths, ws.texts, CLIENT_SPECIFIER, ws.units);
}

describe('the kept reach', () => {
  const { memo } = fresh(base);

  it('is kept over an edit no question of the reach can see, and equals a fresh search', () => {
    const edited = { ...base, '/w/src/orders/publish.ts': base['/w/src/orders/publish.ts'].replace("redis.publish('orders', id)", "redis.publish('orders-v2', id, 'MAXLEN')") };
    const state = kept(memo, edited);
    assert.ok(state);
    assert.deepEqual(summary(state), summary(fresh(edited).state));
  });

  it('is kept over edits of names no reached statement declares, assigns or exports', () => {
    for (const edited of [
      { ...base, '/w/src/orders/worker.ts': base['/w/src/orders/worker.ts'].replace('return label(String(job));', 'return String(job);') },
      { ...base, '/w/src/orders/worker.ts': base['/w/src/orders/worker.ts'].replace('return limit;', 'return job;') },
    ]) {
      const state = kept(memo, edited);
      assert.ok(state);
      assert.deepEqual(summary(state), summary(fresh(edited).state));
    }
  });

  it('is kept over an edit of a file the reach never looked into', () => {
    const edited = { ...base, '/w/src/util/math.ts': `${base['/w/src/util/math.ts']}export const three = 3;\n` };
    assert.ok(kept(memo, edited));
  });

  const searched: Array<[string, Files]> = [
    ['a statement that now mentions an exported reached name', { ...base, '/w/src/util/strings.ts': base['/w/src/util/strings.ts'].replace('s.toLowerCase()', 'publishOrder(s)') }],
    ['a statement that no longer mentions one', { ...base, '/w/src/orders/worker.ts': base['/w/src/orders/worker.ts'].replace('await client.brpop', 'await other.brpop') }],
    ['a statement that mentions a name of a reached statement of its file', { ...base, '/w/src/orders/worker.ts': base['/w/src/orders/worker.ts'].replace('return limit;', 'return client;') }],
    ['a file the reach never looked into that imports a client package', { ...base, '/w/src/util/math.ts': `import Redis from 'ioredis';\n${base['/w/src/util/math.ts']}` }],
    ['a module path ending in a module name the reach holds', { ...base, '/w/src/util/math.ts': `${base['/w/src/util/math.ts']}export const where = '../infra/redis';\n` }],
    ['a string naming a folder of a default-exporting module, in a file never looked into', { ...base, '/w/src/util/strings.ts': base['/w/src/util/strings.ts'].replace('s.toUpperCase()', "s.concat('infra')") }],
    ['a string naming a folder of a default-exporting module, in a file looked into', { ...base, '/w/src/orders/worker.ts': base['/w/src/orders/worker.ts'].replace('return limit;', "return limit + 'infra';") }],
    ['an escaped spelling of an exported reached name, in a file never looked into', { ...base, '/w/src/util/strings.ts': base['/w/src/util/strings.ts'].replace('s.toLowerCase()', 'publish\\u004frder(s)') }],
    ['an added statement', { ...base, '/w/src/orders/publish.ts': `${base['/w/src/orders/publish.ts']}export const n = 1;\n` }],
    ['a changed declaration', { ...base, '/w/src/orders/worker.ts': base['/w/src/orders/worker.ts'].replace('const limit = 10;', 'const cap = 10;') }],
    ['another file set', { ...base, '/w/src/extra.ts': 'export const x = 1;\n' }],
  ];
  for (const [what, files] of searched) {
    it(`is searched again after ${what}`, () => {
      assert.equal(kept(memo, files), undefined);
    });
  }

  it('matches a fresh search after every random edit where it is kept', () => {
    const random = createRandom(3);
    const tokens = [' ', 'x', ';', '\n', "'", '"', '`', '/', 'redis', 'client', 'label', 'publishOrder', 'limit', 'add', "'ioredis'", "'./publish'", "'../infra/redis'", 'export ', 'const y = ', '// ', '{', '}'];
    let previous = fresh(base);
    let files = base;
    let hits = 0;
    for (let i = 0; i < 400; i++) {
      const file = random.pick(Object.keys(files));
      const text = files[file];
      const at = random.int(0, text.length);
      const next = random.chance(0.2) ? base[file] : text.slice(0, at) + random.pick(tokens) + text.slice(at);
      const edited = { ...files, [file]: next };
      const state = kept(previous.memo, edited);
      const reference = fresh(edited);
      if (state) {
        hits += 1;
        assert.deepEqual(summary(state), summary(reference.state), `edit ${i} of ${file}`);
      }
      // As a long-lived caller keeps it: the kept state when there was one.
      previous = state ? { memo: { ...reference.memo, state }, state } : reference;
      files = edited;
    }
    assert.ok(hits > 50, `the kept reach was used (${hits} of 400 edits)`);
  });
});

describe('module names in a text', () => {
  it('finds the names a module pattern finds: after a quote or slash, before an optional extension and a quote', () => {
    const modules = new Set(['redis', 'infra', 'index', 'v1.2']);
    assert.deepEqual([...moduleNamesIn("import a from '../infra/redis';", modules)].sort(), ['redis']);
    assert.deepEqual([...moduleNamesIn('require("./redis.js")', modules)].sort(), ['redis']);
    assert.deepEqual([...moduleNamesIn("x('infra'); y(`v1.2`); z('redisx')", modules)].sort(), ['infra', 'v1.2']);
    assert.deepEqual([...moduleNamesIn("'redis/index'", modules)].sort(), ['index']);
    assert.equal(moduleNamesIn("const redis = 'other';", modules).size, 0);
  });
});
