// Typings in node_modules are the workspace's too: one too large to parse is left out, and the run stays small.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { MAX_TYPINGS_SIZE } from '../../src/cli/module-host';
import { project, resultsByFile, ROOT, runCli } from '../helpers/cli';

const maxRssMb = (stderr: string) => Number(/max-rss-kb=(\d+)/.exec(stderr)?.[1] ?? NaN) / 1024;

describe('hostile typings', () => {
  it('a declaration file over the typings cap is not read: what it declares is unknown, the rest is linted typed', () => {
    const dir = project({
      'src/audit.ts': "import Redis from 'ioredis';\nimport { level } from 'huge-typings';\nconst redis = new Redis();\nexport const audit = (e: string) => redis.xadd('audit', '*', 'e', e, 'level', String(level));\n",
      'src/reader.ts': "import Redis from 'ioredis';\nconst redis = new Redis();\nexport const tail = () => redis.xread('BLOCK', 0, 'STREAMS', 'audit', '$');\n",
    });
    const modules = path.join(dir, 'node_modules');
    fs.mkdirSync(path.join(modules, 'huge-typings'), { recursive: true });
    fs.symlinkSync(path.join(ROOT, 'node_modules', 'ioredis'), path.join(modules, 'ioredis'), 'dir');
    fs.writeFileSync(path.join(modules, 'huge-typings', 'package.json'), JSON.stringify({ name: 'huge-typings', version: '1.0.0', types: 'index.d.ts' }));
    // Valid declarations, just too many: parsing them would take gigabytes.
    const line = 'export declare const level: number;\n';
    const declarations = path.join(modules, 'huge-typings', 'index.d.ts');
    fs.writeFileSync(declarations, line.repeat(Math.ceil((MAX_TYPINGS_SIZE + 1024 * 1024) / line.length)));
    assert.ok(fs.statSync(declarations).size > MAX_TYPINGS_SIZE);

    const r = runCli(['lint', '.', '--format', 'json'], { cwd: dir, preload: ['max-rss.js'], timeoutMs: 120_000 });
    const results = resultsByFile(r.stdout, dir);
    assert.deepEqual(results.get('src/audit.ts')!.messages.map((m) => m.ruleId), ['redis/unbounded-stream']);
    const rss = maxRssMb(r.stderr);
    assert.ok(rss > 0 && rss < 400, `peak memory ${Math.round(rss)} MB`);
    assert.equal(r.code, 0, `warnings only: ${r.stderr}`);
  });
});
