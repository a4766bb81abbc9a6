// The pre-filter: which files it analyses and keeps in the program, and that leaving the rest out never changes a result.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, it } from 'node:test';
import { LintCache } from '../../src/core/cache';
import { defaultConfig } from '../../src/core/config';
import { lint } from '../../src/core/linter';
import { AnalysisPlan } from '../../src/core/prefilter';
import { parseWorkspaceFile } from '../../src/core/program';
import type { LintOutput, ModuleHost, SourceFile } from '../../src/core/types';
import { allRules } from '../../src/rules';
import { MODES, type Mode } from '../helpers/rule-tester';
import { createTypingsHost, WORKSPACE_ROOT } from '../helpers/virtual-host';
import { assertSameAsExhaustive } from '../helpers/exhaustive';

const ioredis = "import Redis from 'ioredis';\n";
const kafkajs = "import { Kafka } from 'kafkajs';\nconst kafka = new Kafka({ brokers: ['b:9092'] });\n";

function workspace(files: Record<string, string>): SourceFile[] {
  return Object.entries(files).map(([p, text]) => ({ path: `${WORKSPACE_ROOT}/${p}`, text }));
}

const relative = (paths: Iterable<string>) => [...paths].map((p) => p.slice(WORKSPACE_ROOT.length + 1)).sort();

/** The static plan (untyped): files analysed for client calls, and files the program holds. */
function planOf(files: Record<string, string>): { analysed: string[]; included: string[] } {
  const list = workspace(files);
  const texts = new Map(list.map((f) => [f.path, f.text]));
  const plan = new AnalysisPlan({ files: list, typed: false, tree: (p) => parseWorkspaceFile(p, texts.get(p)!) });
  plan.start();
  plan.completeTraits();
  return { analysed: relative(plan.analysed), included: relative(plan.included) };
}

function run(files: Record<string, string>, mode: Mode, exhaustive: boolean): LintOutput {
  return lint({ files: workspace(files), moduleHost: mode === 'typed' ? createTypingsHost() : undefined, config: defaultConfig(allRules) }, allRules, undefined, { exhaustive });
}

/** Runs the workspace with and without the pre-filter, asserts identical output, and returns `file: ruleId@line` findings and parse errors. */
function sameAsExhaustive(files: Record<string, string>, mode: Mode): string[] {
  const filtered = run(files, mode, false);
  assertSameAsExhaustive(filtered, run(files, mode, true));
  return filtered.files.flatMap((f) => [
    ...f.findings.map((x) => `${relative([f.path])[0]}: ${x.ruleId}@${x.range.line}`),
    ...f.syntaxErrors.map((e) => `${relative([f.path])[0]}: syntax@${e.range.line}`),
    ...(f.directiveProblems ?? []).map((d) => `${relative([f.path])[0]}: directive ${d.ruleId}`),
  ]);
}

describe('pre-filter: which files are analysed', () => {
  it('analyses the client module and files using its client, not files using its other exports', () => {
    const plan = planOf({
      'infra.ts': `${ioredis}export const cache = new Redis();\nexport const TTL = 5;\n`,
      'queue.ts': "import { cache } from './infra';\nexport const push = (job: string) => cache.lpush('jobs', job);\n",
      'ttl.ts': "import { TTL } from './infra';\nexport const twice = () => TTL * 2;\n",
      'plain.ts': 'export const add = (a: number, b: number) => a + b;\n',
    });
    assert.deepEqual(plan.analysed, ['infra.ts', 'queue.ts']);
    assert.deepEqual(plan.included, ['infra.ts', 'queue.ts']);
  });

  it('follows re-exports, renames and the modules of default exports', () => {
    const plan = planOf({
      'lib/client.ts': `${ioredis}export default new Redis();\n`,
      'lib/index.ts': "export { default as shared } from './client';\n",
      'a.ts': "import redis from './lib/client';\nredis.publish('orders', '1');\n",
      'b.ts': "import { shared } from './lib';\nshared.xadd('s', '*', 'k', 'v');\n",
      'c.ts': "import { shared as r } from './lib/index';\nexport const go = () => r.lpush('q', 'x');\n",
    });
    assert.deepEqual(plan.analysed, ['a.ts', 'b.ts', 'c.ts', 'lib/client.ts', 'lib/index.ts']);
  });

  it('follows CommonJS exports, require aliases and dynamic imports', () => {
    const plan = planOf({
      'lib/redis.js': "const Redis = require('ioredis');\nmodule.exports = new Redis();\n",
      'infra.js': "const Redis = require('ioredis');\nmodule.exports = { cache: new Redis() };\n",
      'worker.js': "const r = require('./lib/redis');\nr.brpop('q', 0);\n",
      'alias.js': "const c = require('./infra').cache;\nc.publish('orders', '1');\n",
      'later.ts': "export async function go() { const { cache } = await import('./infra'); return cache.xadd('s', '*', 'a', 'b'); }\n",
      'other.js': "const path = require('path');\nmodule.exports = path.join('a', 'b');\n",
    });
    assert.deepEqual(plan.analysed, ['alias.js', 'infra.js', 'later.ts', 'lib/redis.js', 'worker.js']);
  });

  it('follows assignments to file-level bindings made where a client is created', () => {
    const plan = planOf({
      'infra.ts': `${ioredis}let client: any;\nexport function connect() { client = new Redis(); }\nexport function current() { return client; }\nexport const unrelated = 1;\n`,
      'user.ts': "import { current } from './infra';\ncurrent().publish('orders', '1');\n",
      'other.ts': "import { unrelated } from './infra';\nexport const x = unrelated;\n",
    });
    assert.deepEqual(plan.analysed, ['infra.ts', 'user.ts']);
  });

  it('reads client packages spelt with escapes and named in JSDoc types', () => {
    const plan = planOf({
      'escaped.js': "const R = require('io\\x72edis');\nnew R().publish('orders', '1');\n",
      'jsdoc.js': "/** @param {import('ioredis').Redis} r */\nexports.send = function (r) { return r.publish('orders', '1'); };\n",
      'plain.js': "exports.x = 'a redis';\n",
    });
    assert.deepEqual(plan.analysed, ['escaped.js', 'jsdoc.js']);
  });

  it('keeps scripts, augmentations and foreign endpoints that need a checker in the program, unanalysed', () => {
    const plan = planOf({
      'infra.ts': `${ioredis}export const cache = new Redis();\n`,
      'globals.ts': "const TOPIC = 'orders';\n",
      'augment.ts': "export {};\ndeclare global { interface Window { x: number } }\n",
      'events.ts': "import { EVENT } from './names';\nexport function fire(bus: { emit(e: string, p: unknown): void }) { bus.emit(EVENT, 1); }\n",
      'literal.ts': "export function fire(bus: { emit(e: string, p: unknown): void }) { bus.emit('changed', 1); }\n",
      'http.ts': "export function reply(res: { send(x: unknown): void }, q: string) { res.send({ ok: true, q }); }\n",
      'names.ts': "export const EVENT = 'orders';\n",
    });
    assert.deepEqual(plan.analysed, ['infra.ts']);
    assert.deepEqual(plan.included, ['augment.ts', 'events.ts', 'globals.ts', 'infra.ts']);
  });
});

describe('pre-filter: results never change', () => {
  for (const mode of MODES) {
    describe(mode, () => {
      it('a client handed to an untyped constructor parameter in a file that imports nothing', () => {
        const found = sameAsExhaustive(
          {
            'service.ts': 'export class Orders {\n  constructor(private readonly redis: any) {}\n  announce(orderId: string) { return this.redis.publish(`orders:${orderId}`, orderId); }\n}\n',
            'main.ts': `${ioredis}import { Orders } from './service';\nnew Orders(new Redis()).announce('1');\n`,
          },
          mode,
        );
        assert.ok(found.includes('service.ts: redis/pubsub-critical-data@3'), found.join('\n'));
      });

      it('a producer config in a module no client reaches', () => {
        const found = sameAsExhaustive(
          {
            'config.ts': "export const producerConfig = { 'metadata.broker.list': 'k:9092', 'linger.ms': 0 };\n",
            'producer.ts': "import { Producer } from 'node-rdkafka';\nimport { producerConfig } from './config';\nexport const producer = new Producer(producerConfig);\n",
          },
          mode,
        );
        assert.ok(found.includes('config.ts: kafka/tiny-linger@1'), found.join('\n'));
      });

      it('a topic name from a constants module, and a wrapper called from a file no client reaches', () => {
        const found = sameAsExhaustive(
          {
            'topics.ts': "export const ORDERS = 'orders.created';\n",
            'bus.ts': `${kafkajs}const producer = kafka.producer();\nexport async function publishEvent(topic: string, payload: unknown) {\n  await producer.send({ topic, messages: [{ value: JSON.stringify(payload) }] });\n}\n`,
            'caller.ts': "import { publishEvent } from './bus';\nimport { ORDERS } from './topics';\nexport const go = () => publishEvent(ORDERS, { id: 1 });\n",
          },
          mode,
        );
        assert.ok(found.includes('caller.ts: arch/orphan-destination@3'), found.join('\n'));
      });

      it('a worker scheduled from another file', () => {
        const found = sameAsExhaustive(
          {
            'worker.ts': `${ioredis}const redis = new Redis();\nexport async function poll() {\n  const job = await redis.rpop('jobs');\n  return job;\n}\n`,
            'scheduler.ts': "import { poll as tick } from './worker';\nsetInterval(tick, 1000);\n",
          },
          mode,
        );
        assert.ok(found.includes('worker.ts: redis/list-queue-without-ack@4'), found.join('\n'));
      });

      it('a function handed a client by a call in its own file', () => {
        const found = sameAsExhaustive(
          {
            'announce.ts': `${ioredis}const redis = new Redis();\n// eslint-disable-next-line @typescript-eslint/no-explicit-any\nfunction announce(client: any, id: string) { return client.publish('order-created', id); }\nexport const go = (id: string) => announce(redis, id);\n`,
          },
          mode,
        );
        assert.ok(found.includes('announce.ts: redis/pubsub-critical-data@4'), found.join('\n'));
      });

      it('a Lua acknowledgement and a NestJS consumer in files no client reaches', () => {
        const found = sameAsExhaustive(
          {
            'reader.ts': `${ioredis}const redis = new Redis();\nexport const read = () => redis.xreadgroup('GROUP', 'g', 'c', 'STREAMS', 'orders', '>');\nexport const add = () => redis.xadd('orders', 'MAXLEN', '~', 10, '*', 'k', 'v');\n`,
            'scripts.ts': "export const ACK = \"return redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])\";\n",
            'consumer.ts': "import { EventPattern } from '@nestjs/microservices';\nexport class C {\n  @EventPattern('orders.paid')\n  handle(data: unknown) { return data; }\n}\n",
            'producer.ts': `${kafkajs}export const send = () => kafka.producer().send({ topic: 'orders.paid', messages: [{ key: 'k', value: 'v' }] });\n`,
          },
          mode,
        );
        assert.ok(!found.some((f) => f.includes('stream-group-without-ack') || f.includes('orphan')), found.join('\n'));
      });

      it('syntax errors, directives and TypeScript syntax in JavaScript, in files left out', () => {
        const found = sameAsExhaustive(
          {
            'infra.ts': `${ioredis}export const cache = new Redis();\n`,
            // `send` could be another library's endpoint: only a tree can tell, so the file is parsed.
            'broken.ts': 'export const send = (;\n',
            'directive.ts': '// streamwise-disable-next-line no/such-rule\nexport const y = 1;\n',
            'typed.js': 'export const send: number = 1;\n',
          },
          mode,
        );
        assert.ok(found.includes('broken.ts: syntax@1'), found.join('\n'));
        assert.ok(found.includes('directive.ts: directive no/such-rule'), found.join('\n'));
        assert.ok(found.includes('typed.js: syntax@1'), found.join('\n'));
      });

      it('a file whose text shows it holds no messaging code is not parsed, and its syntax errors are not reported', () => {
        const output = run(
          {
            'infra.ts': `${ioredis}export const cache = new Redis();\n`,
            'broken.ts': 'export const x = (;\n',
            'script.ts': 'const y = (;\n',
          },
          mode,
          false,
        );
        const byName = new Map(output.files.map((f) => [relative([f.path])[0], f]));
        assert.equal(byName.get('broken.ts')?.syntaxUnchecked, true);
        assert.deepEqual(byName.get('broken.ts')?.syntaxErrors, []);
        // A script's declarations are globals: only a tree tells what it declares, so it is parsed and its error reported.
        assert.equal(byName.get('script.ts')?.syntaxUnchecked, undefined);
        assert.equal(byName.get('script.ts')?.syntaxErrors.length, 1);
      });
    });
  }
});

describe('pre-filter: typings that expose client types', () => {
  /** The repository's typings, plus a package of our own whose typings hand out an ioredis client. */
  const withWrapper = (): ModuleHost => {
    const base = createTypingsHost();
    const own = new Map([
      [`${WORKSPACE_ROOT}/node_modules/queue-kit/package.json`, '{ "name": "queue-kit", "types": "index.d.ts" }'],
      [`${WORKSPACE_ROOT}/node_modules/queue-kit/index.d.ts`, "import Redis from 'ioredis';\nexport declare const queue: { client: Redis };\n"],
    ]);
    return {
      ...base,
      fileExists: (p) => own.has(p) || base.fileExists(p),
      readFile: (p) => own.get(p) ?? base.readFile(p),
      directoryExists: (p) => p === `${WORKSPACE_ROOT}/node_modules/queue-kit` || base.directoryExists(p),
    };
  };

  it('analyses a file whose only client comes from another package', () => {
    const input = {
      files: workspace({
        'jobs.ts': "import { queue } from 'queue-kit';\nexport const announce = (orderId: string) => queue.client.publish('orders', orderId);\n",
        'plain.ts': 'export const x = 1;\n',
      }),
      moduleHost: withWrapper(),
      config: defaultConfig(allRules),
    };
    const filtered = lint(input, allRules);
    assertSameAsExhaustive(filtered, lint(input, allRules, undefined, { exhaustive: true }));
    assert.ok(filtered.files[0].findings.some((f) => f.ruleId === 'redis/pubsub-critical-data'), JSON.stringify(filtered.files[0].findings));
  });
});

describe('pre-filter: realistic projects', () => {
  const root = path.resolve(__dirname, '..', '..', '..');
  const projects = [...fs.readdirSync(path.join(root, 'test', 'fixtures', 'projects')).map((p) => path.join('test', 'fixtures', 'projects', p)), 'examples'];
  const filesOf = (dir: string): SourceFile[] => {
    const out: SourceFile[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const full = path.join(d, e.name);
        if (e.isDirectory()) walk(full);
        else if (/\.(c|m)?(t|j)sx?$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push({ path: `${WORKSPACE_ROOT}/${path.relative(dir, full).split(path.sep).join('/')}`, text: fs.readFileSync(full, 'utf8') });
      }
    };
    walk(dir);
    return out.sort((a, b) => (a.path < b.path ? -1 : 1));
  };
  for (const project of projects) {
    for (const mode of MODES) {
      it(`${project} (${mode}) gives the exhaustive run's results`, () => {
        const input = { files: filesOf(path.join(root, project)), moduleHost: mode === 'typed' ? createTypingsHost() : undefined, config: defaultConfig(allRules) };
        assertSameAsExhaustive(lint(input, allRules), lint(input, allRules, undefined, { exhaustive: true }));
      });
    }
  }

  // Edits that change what other files see: an export added, a name or topic changed, an import dropped.
  const edits: Array<(text: string) => string> = [
    (t) => `${t}\nexport const addedByTheTest = 'orders';\n`,
    (t) => t.replace(/'([a-z][\w.:-]*)'/, "'$1-edited'"),
    (t) => t.replace(/^import .*$/m, ''),
    (t) => t.replace(/\n/, '\n\n'),
  ];
  for (const [project, mode] of [['examples', 'untyped'], ['test/fixtures/projects/ts-marketplace', 'untyped'], ['test/fixtures/projects/js-logistics', 'untyped'], ['test/fixtures/projects/nest-orders', 'typed']] as const) {
    it(`${project} (${mode}): a cache kept across edits gives the results of fresh runs`, () => {
      const files = filesOf(path.join(root, project));
      const host = mode === 'typed' ? createTypingsHost() : undefined;
      const input = (list: SourceFile[]) => ({ files: list, moduleHost: host, config: defaultConfig(allRules) });
      const cache = new LintCache();
      let old: import('typescript').Program | undefined;
      const cached = (list: SourceFile[]) => lint(input(list), allRules, undefined, { cache, oldProgram: old, onProgram: (p) => (old = p) });
      cached(files);
      let current = files;
      // Every third file, each edit in turn: files of every kind get edited, clients and constants among them.
      for (let i = 0; i < current.length; i += 3) {
        const edit = edits[(i / 3) % edits.length];
        current = current.map((f, j) => (j === i ? { ...f, text: edit(f.text) } : f));
        assert.deepEqual(cached(current), lint(input(current), allRules), `after editing ${current[i].path}`);
      }
    });
  }

  describe('programs built from the previous run', () => {
    for (const mode of MODES) {
      const host = () => (mode === 'typed' ? createTypingsHost() : undefined);
      const session = () => {
        const moduleHost = host();
        const cache = new LintCache();
        let old: (import('typescript').Program & { structureIsReused?: number }) | undefined;
        return {
          run: (files: Record<string, string>) => lint({ files: workspace(files), moduleHost, config: defaultConfig(allRules) }, allRules, undefined, { cache, oldProgram: old, onProgram: (p) => (old = p) }),
          reused: () => old?.structureIsReused,
        };
      };
      const fresh = (files: Record<string, string>) => lint({ files: workspace(files), moduleHost: host(), config: defaultConfig(allRules) }, allRules);

      it(`${mode}: an edit that keeps every import reuses the whole structure, files left out of the program included`, () => {
        const files = {
          'queue.ts': `${ioredis}const redis = new Redis();\nexport const push = (job: string) => redis.lpush('jobs', job);\n`,
          // math.ts stays out of the program: the worker's import of it is resolved, its file missing on purpose.
          'worker.ts': "import { push } from './queue';\nimport { add } from './math';\nexport const go = () => push('job');\nexport const sum = add;\n",
          'math.ts': 'export const add = (a: number, b: number) => a + b;\n',
        };
        const s = session();
        s.run(files);
        const edited = { ...files, 'queue.ts': files['queue.ts'].replace("'jobs'", "'jobs:v2'") };
        assert.deepEqual(s.run(edited), fresh(edited));
        // TypeScript's StructureIsReused.Completely: no module resolved again, no tree parsed again but the edited one.
        assert.equal(s.reused(), 2);
      });

      it(`${mode}: a long session keeps only its last program, not every program it built`, async () => {
        // Collection is observed, not assumed: a FinalizationRegistry hears of each program that goes.
        v8.setFlagsFromString('--expose-gc');
        const gc = vm.runInNewContext('gc') as () => void;
        let alive = 0;
        const registry = new FinalizationRegistry(() => (alive -= 1));
        const moduleHost = host();
        const cache = new LintCache();
        let old: import('typescript').Program | undefined;
        const base = `${ioredis}const redis = new Redis();\nexport const push = (job: string) => redis.lpush('jobs', job);\n`;
        for (let i = 0; i < 8; i++) {
          const files = { 'queue.ts': `${base}// edit ${i}\n`, 'worker.ts': "import { push } from './queue';\nexport const go = () => push('job');\n" };
          lint({ files: workspace(files), moduleHost, config: defaultConfig(allRules) }, allRules, undefined, { cache, oldProgram: old, onProgram: (p) => { old = p; alive += 1; registry.register(p, undefined); } });
        }
        for (let round = 0; round < 10 && alive > 1; round++) {
          gc();
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        assert.equal(alive, 1, 'only the program the next run starts from is kept');
      });

      it(`${mode}: a file created after an unchanged file imported it is resolved`, () => {
        const before = {
          'queue.ts': `${ioredis}import { QUEUE } from './names';\nconst redis = new Redis();\nexport const push = (job: string) => redis.lpush(QUEUE, job);\nexport const pop = () => redis.rpop('jobs');\n`,
        };
        const s = session();
        s.run(before);
        const after = { ...before, 'names.ts': "export const QUEUE = 'jobs';\n" };
        assert.deepEqual(s.run(after), fresh(after));
        const removed = { ...before };
        assert.deepEqual(s.run(removed), fresh(removed));
      });
    }
  });
});
