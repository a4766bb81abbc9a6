// lint() with oldProgram: unchanged files keep their parsed trees between runs, changed ones are re-parsed, results match a fresh run.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type ts from 'typescript';
import { defaultConfig } from '../../src/core/config';
import { lint } from '../../src/core/linter';
import { allRules } from '../../src/rules';

const producer = "import Redis from 'ioredis';\nconst redis = new Redis();\nexport const add = () => redis.xadd('jobs', 'MAXLEN', 100, '*', 'k', 'v');\n";
const consumer = "import Redis from 'ioredis';\nconst redis = new Redis();\nexport const read = () => redis.xrange('jobs', '-', '+');\n";

describe('lint with oldProgram', () => {
  it('reuses unchanged source files and reports the same findings as a fresh run', () => {
    const config = defaultConfig(allRules);
    let first: ts.Program | undefined;
    lint({ files: [{ path: '/p/a.ts', text: producer }, { path: '/p/b.ts', text: consumer }], config }, allRules, undefined, { onProgram: (p) => (first = p) });
    const edited = [{ path: '/p/a.ts', text: producer.replace("'MAXLEN', 100", "'MAXLEN', '~', 100") }, { path: '/p/b.ts', text: consumer }];
    let second: ts.Program | undefined;
    const reused = lint({ files: edited, config }, allRules, undefined, { oldProgram: first, onProgram: (p) => (second = p) });
    assert.equal(second!.getSourceFile('/p/b.ts'), first!.getSourceFile('/p/b.ts'), 'unchanged file keeps its tree');
    assert.notEqual(second!.getSourceFile('/p/a.ts'), first!.getSourceFile('/p/a.ts'), 'edited file is parsed again');
    const fresh = lint({ files: edited, config }, allRules);
    const strip = (o: typeof fresh) => o.files.map((f) => ({ path: f.path, findings: f.findings.map((x) => [x.ruleId, x.range.start, x.message]) }));
    assert.deepEqual(strip(reused), strip(fresh));
  });
});
