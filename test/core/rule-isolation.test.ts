// A rule that throws costs only its own findings on that file: through the real engine with every rule, and through the binary with faults injected from outside, where exit 2 means nothing could be linted.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { defaultConfig } from '../../src/core/config';
import { lint } from '../../src/core/linter';
import type { Rule } from '../../src/core/rule';
import type { LintOutput } from '../../src/core/types';
import { allRules } from '../../src/rules';
import { project, REDIS_SOURCE, resultsByFile, runCli, type EslintResult } from '../helpers/cli';

const FILES = [
  { path: '/w/src/producer.ts', text: "import Redis from 'ioredis';\nconst redis = new Redis();\nexport const add = () => redis.xadd('jobs', 'MAXLEN', 10, '*', 'k', 'v');\nexport const pub = () => redis.publish('orders:paid', '{}');\n" },
  { path: '/w/src/consumer.ts', text: "import Redis from 'ioredis';\nconst redis = new Redis();\nexport async function work() {\n  for (;;) await redis.brpop('queue', 0);\n}\n" },
];

type Failure = 'in check' | 'after its first finding' | 'in message' | 'in fix';

/** A rule that reports every call expression and fails at the given point. */
function failingRule(failure: Failure): Rule<null> {
  const fail = (): never => {
    throw new Error(`boom ${failure}`);
  };
  return {
    meta: { id: 'test/failing', description: 'Fails on purpose.', defaultSeverity: 'error', fixKind: 'fix', docs: 'rules/none.md', options: {} },
    *check(ctx) {
      if (failure === 'in check') fail();
      const calls: ts.Node[] = [];
      const visit = (n: ts.Node): void => {
        if (ts.isCallExpression(n)) calls.push(n);
        n.forEachChild(visit);
      };
      visit(ctx.sourceFile);
      for (const node of calls) {
        yield { node, data: null };
        if (failure === 'after its first finding') fail();
      }
    },
    message: () => (failure === 'in message' ? fail() : 'failing rule finding'),
    fix: () => (failure === 'in fix' ? fail() : undefined),
  };
}

const run = (rules: readonly Rule<unknown>[]): LintOutput => lint({ files: FILES, config: defaultConfig(rules) }, rules);
const others = (out: LintOutput) => out.files.map((f) => ({ path: f.path, findings: f.findings.filter((x) => x.ruleId !== 'test/failing').map((x) => `${x.ruleId}@${x.range.line}`) }));

describe('rule isolation in the engine', () => {
  const baseline = run(allRules);

  it('the baseline has findings from several rules in both files', () => {
    const rules = new Set(baseline.files.flatMap((f) => f.findings.map((x) => x.ruleId)));
    assert.ok(rules.size >= 3, [...rules].join());
    assert.ok(baseline.files.every((f) => f.findings.length > 0 && f.internalErrors.length === 0));
  });

  for (const failure of ['in check', 'after its first finding', 'in message', 'in fix'] as const) {
    it(`a rule failing ${failure} becomes one internal error per file with its id; every other rule and file still reports`, () => {
      // First in the list, so every real rule runs after the failure.
      const out = run([failingRule(failure), ...allRules]);
      for (const f of out.files) assert.deepEqual(f.internalErrors, [{ ruleId: 'test/failing', message: `boom ${failure}` }], f.path);
      assert.deepEqual(others(out), others(baseline));
    });
  }
});

describe('rule isolation through the binary (faults injected by a preload)', () => {
  const files = { 'src/a.ts': REDIS_SOURCE, 'src/b.ts': REDIS_SOURCE.replace(/audit/g, 'jobs'), 'src/c.ts': "import Redis from 'ioredis';\nconst redis = new Redis();\nexport const pub = () => redis.publish('orders:paid', '{}');\n" };

  it('a throwing rule: an internal error naming it on each file, the other rules still report, exit 1', () => {
    const dir = project(files);
    const r = runCli(['lint', '.', '--format', 'json'], { cwd: dir, preload: ['faults.js'], env: { STREAMWISE_FAULT_RULE: 'redis/exact-stream-trim' } });
    assert.equal(r.code, 1, r.stderr);
    const results = resultsByFile(r.stdout, dir);
    for (const file of ['src/a.ts', 'src/b.ts', 'src/c.ts']) {
      const internal = results.get(file)!.messages.filter((m) => /^Internal error/.test(m.message));
      assert.deepEqual(internal.map((m) => [m.ruleId, m.severity, m.message]), [['redis/exact-stream-trim', 2, 'Internal error in redis/exact-stream-trim: injected fault in redis/exact-stream-trim']], file);
    }
    assert.ok(results.get('src/c.ts')!.messages.some((m) => m.ruleId === 'redis/pubsub-critical-data'), 'other rules still report');
  });

  it('fact extraction failing on one file: that file reports it, the others are linted as usual', () => {
    const dir = project(files);
    const r = runCli(['lint', '.', '--format', 'json'], { cwd: dir, preload: ['faults.js'], env: { STREAMWISE_FAULT_EXTRACT: "'jobs'" } });
    const results = resultsByFile(r.stdout, dir);
    assert.deepEqual(results.get('src/b.ts')!.messages.map((m) => [m.ruleId, m.message]), [['streamwise/analysis', 'Internal error in streamwise/analysis: injected extraction fault']]);
    assert.deepEqual(results.get('src/a.ts')!.messages.map((m) => m.ruleId), ['redis/exact-stream-trim']);
    assert.equal(r.code, 1);
  });

  it('fact extraction failing on the only reader of a stream: the producer gets exactly its findings without that file, and the failing file only the error', () => {
    const producer = "import Redis from 'ioredis';\nconst redis = new Redis();\nexport const add = () => redis.xadd('jobs', 'MAXLEN', '~', 1000, '*', 'k', 'v');\n";
    const worker = "import Redis from 'ioredis';\nconst redis = new Redis();\nexport const work = () => redis.xread('BLOCK', 0, 'STREAMS', 'jobs', '$');\n";
    const lintOf = (dir: string, env: Record<string, string> = {}) => resultsByFile(runCli(['lint', '.', '--format', 'json'], { cwd: dir, preload: ['faults.js'], env }).stdout, dir);
    const messages = (r: Map<string, EslintResult>, file: string) => r.get(file)!.messages.map((m) => [m.ruleId, m.line, m.message]);
    const both = project({ 'src/producer.ts': producer, 'src/worker.ts': worker });
    assert.deepEqual(messages(lintOf(both), 'src/producer.ts'), [], 'read by the worker, the stream is no orphan');
    const failing = lintOf(both, { STREAMWISE_FAULT_EXTRACT: 'xread' });
    const alone = lintOf(project({ 'src/producer.ts': producer }));
    assert.deepEqual(messages(failing, 'src/producer.ts'), messages(alone, 'src/producer.ts'));
    assert.deepEqual(messages(alone, 'src/producer.ts').map(([id]) => id), ['arch/orphan-destination'], 'without the reader the stream is produced-only');
    assert.deepEqual(messages(failing, 'src/worker.ts'), [['streamwise/analysis', 1, 'Internal error in streamwise/analysis: injected extraction fault']]);
  });

  it('fact extraction failing: a name the file passes to a subscribe-like call still counts as consumed, as one of a library the engine does not model', () => {
    const publisher = "import Redis from 'ioredis';\nconst redis = new Redis();\nexport const pub = () => redis.publish('orders:paid', '{}');\n";
    const subscriber = "import Redis from 'ioredis';\nconst sub = new Redis();\nexport const listen = () => sub.subscribe('orders:paid');\n";
    const dir = project({ 'src/publisher.ts': publisher, 'src/subscriber.ts': subscriber });
    const r = resultsByFile(runCli(['lint', '.', '--format', 'json'], { cwd: dir, preload: ['faults.js'], env: { STREAMWISE_FAULT_EXTRACT: 'sub.subscribe' } }).stdout, dir);
    assert.deepEqual(r.get('src/publisher.ts')!.messages.map((m) => m.ruleId), ['redis/pubsub-critical-data'], 'no orphan finding for the channel');
    assert.deepEqual(r.get('src/subscriber.ts')!.messages.map((m) => m.ruleId), ['streamwise/analysis']);
  });

  it('exit 2 when no file could be linted at all', () => {
    const dir = project(files);
    const r = runCli(['lint', '.', '--format', 'json'], { cwd: dir, preload: ['faults.js'], env: { STREAMWISE_FAULT_EXTRACT: 'ioredis' } });
    assert.equal(r.code, 2);
    assert.equal(resultsByFile(r.stdout, dir).size, 3, 'each file still says what went wrong');
  });
});
