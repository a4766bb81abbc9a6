// Edits as an editor sends them (a character at a time, broken and mended syntax): every run with the kept cache and program gives a fresh run's results.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type ts from 'typescript';
import { LintCache } from '../../src/core/cache';
import { defaultConfig } from '../../src/core/config';
import { lint } from '../../src/core/linter';
import type { CallFact } from '../../src/core/facts';
import type { LintOutput, SourceFile } from '../../src/core/types';
import { allRules } from '../../src/rules';
import type { WorkspaceIndex } from '../../src/core/workspace';
import { MODES, type Mode } from '../helpers/rule-tester';
import { createTypingsHost, WORKSPACE_ROOT } from '../helpers/virtual-host';

const MAIN = `${WORKSPACE_ROOT}/src/pipeline.ts`;
const pipeline = [
  "import Redis from 'ioredis';",
  "import { Kafka } from 'kafkajs';",
  "import { STREAM } from './names';",
  '',
  'const redis = new Redis();',
  "const kafka = new Kafka({ brokers: ['b:9092'] });",
  "const producer = kafka.producer({ idempotent: false, retry: { retries: 3 } });",
  '',
  'export async function audit(step: string) {',
  "  return redis.xadd(STREAM, 'MAXLEN', '~', 1000, '*', 'step', step);",
  '}',
  '',
  'export async function notify(orderId: string) {',
  "  await redis.publish('order-created', orderId);",
  '}',
  '',
  'export async function ship(ids: string[]) {',
  "  for (const id of ids) await producer.send({ topic: 'shipments', acks: 1, messages: [{ value: id }] });",
  '}',
  '',
  'export const channel = () => "presence";',
  '',
].join('\n');
const names = "export const STREAM = 'stream:orders:audit';\n";

/** One edit at a time, each on the text the previous one left. */
const typing: Array<(text: string) => string> = [
  // Typing a character at a time into a string literal, then deleting them again.
  (t) => t.replace("'order-created'", "'order-created-'"),
  (t) => t.replace("'order-created-'", "'order-created-v'"),
  (t) => t.replace("'order-created-v'", "'order-created-v2'"),
  (t) => t.replace("'order-created-v2'", "'order-created-v'"),
  (t) => t.replace("'order-created-v'", "'order-created'"),
  // The MAXLEN goes away (the stream turns unbounded) and comes back.
  (t) => t.replace("'MAXLEN', '~', 1000, ", ''),
  (t) => t.replace("redis.xadd(STREAM, '*'", "redis.xadd(STREAM, 'MAXLEN', '~', 1000, '*'"),
  // Broken syntax while typing, then mended.
  (t) => t.replace('export async function notify(orderId: string) {', 'export async function notify(orderId: string {'),
  (t) => t.replace('export async function notify(orderId: string {', 'export async function notify(orderId: string) {'),
  // A declaration other statements depend on changes: the client becomes something else, then a client again.
  (t) => t.replace('const redis = new Redis();', 'const redis = { xadd: (..._: unknown[]) => 0, publish: (..._: unknown[]) => 0 };'),
  (t) => t.replace('const redis = { xadd: (..._: unknown[]) => 0, publish: (..._: unknown[]) => 0 };', 'const redis = new Redis();'),
  // A line is added at the top (every position after it moves), then removed.
  (t) => `// header\n${t}`,
  (t) => t.replace('// header\n', ''),
  // The acks setting is typed over.
  (t) => t.replace('acks: 1', 'acks: -'),
  (t) => t.replace('acks: -', 'acks: -1'),
  (t) => t.replace('acks: -1', 'acks: 1'),
  // Everything deleted, then pasted back.
  () => '',
  () => pipeline,
];

function files(main: string): SourceFile[] {
  return [
    { path: MAIN, text: main },
    { path: `${WORKSPACE_ROOT}/src/names.ts`, text: names },
    { path: `${WORKSPACE_ROOT}/src/plain.ts`, text: 'export const add = (a: number, b: number) => a + b;\n' },
  ];
}

const summary = (output: LintOutput) => output.files.map((f) => ({ path: f.path, findings: f.findings.map((x) => `${x.ruleId}@${x.range.line}:${x.range.column}-${x.range.endLine}:${x.range.endColumn} ${JSON.stringify(x.fix ?? x.suggestions ?? null)}`), syntax: f.syntaxErrors.length }));

/**
 * A language server's runs over the workspace (one cache, each program built from the last) and
 * fresh runs of the same files to compare with. `extra` files join the workspace.
 */
function session(mode: Mode) {
  const host = mode === 'typed' ? createTypingsHost() : undefined;
  const cache = new LintCache();
  let old: ts.Program | undefined;
  const input = (main: string, extra: SourceFile[]) => ({ files: [...files(main), ...extra], moduleHost: host, config: defaultConfig(allRules) });
  return {
    run: (main: string, extra: SourceFile[] = [], onIndex?: (index: WorkspaceIndex) => void) => lint(input(main, extra), allRules, onIndex, { cache, oldProgram: old, onProgram: (p) => (old = p) }),
    fresh: (main: string, extra: SourceFile[] = []) => lint(input(main, extra), allRules),
    program: () => old!,
  };
}

describe('edits as an editor sends them', () => {
  for (const mode of MODES) {
    it(`${mode}: every run with the kept cache and program gives the results of a fresh run`, () => {
      const { run: kept, fresh } = session(mode);
      let text = pipeline;
      kept(text);
      let step = 0;
      for (const edit of typing) {
        text = edit(text);
        step++;
        assert.deepEqual(kept(text), fresh(text), `after edit ${step}:\n${text}`);
      }
      assert.equal(text, pipeline);
      assert.ok(summary(fresh(text))[0].findings.length >= 3, JSON.stringify(summary(fresh(text))));
    });

    it(`${mode}: facts of statements an edit cannot reach are kept, the others read again`, () => {
      const s = session(mode);
      let calls: CallFact[] = [];
      const run = (main: string) => s.run(main, [], (index) => (calls = index.files.get(MAIN)!.calls));
      run(pipeline);
      const before = new Map(calls.map((c) => [c.command, c]));
      // Inside notify(): ship() and audit() mention nothing it declares.
      const edited = pipeline.replace("'order-created'", "'order-created-v2'");
      assert.deepEqual(run(edited), s.fresh(edited));
      const after = new Map(calls.map((c) => [c.command, c]));
      assert.equal(after.get('send'), before.get('send'), 'ship() keeps its fact');
      assert.equal(after.get('XADD'), before.get('XADD'), 'audit() keeps its fact');
      assert.notEqual(after.get('PUBLISH'), before.get('PUBLISH'), 'notify() is read again');
      assert.deepEqual(after.get('PUBLISH')!.args.map((a) => a.kind === 'string' && a.value), ['order-created-v2', false]);
      // The client's declaration changes: every statement naming it is read again.
      const renamed = edited.replace('const redis = new Redis();', 'const redis = new Redis(6380);');
      assert.deepEqual(run(renamed), s.fresh(renamed));
      const third = new Map(calls.map((c) => [c.command, c]));
      assert.notEqual(third.get('XADD'), after.get('XADD'), 'audit() names redis: read again');
      assert.equal(third.get('send'), after.get('send'), 'ship() does not name redis: kept');
    });

    it(`${mode}: a statement whose client comes from a call site elsewhere in the file is read again when the call site changes`, () => {
      const { run, fresh } = session(mode);
      const text = [
        "import Redis from 'ioredis';",
        'const redis = new Redis();',
        'const other = { publish: (..._: unknown[]) => 0 };',
        '// eslint-disable-next-line @typescript-eslint/no-explicit-any',
        "function announce(client: any, id: string) { return client.publish('order-created', id); }",
        "export const go = (id: string) => announce(redis, id);",
        '',
      ].join('\n');
      const publishes = (output: LintOutput) => output.files[0].findings.filter((f) => f.ruleId === 'redis/pubsub-critical-data').length;
      assert.equal(publishes(run(text)), 1);
      // announce() names neither `go` nor `other`: only the call site ties it to the client.
      const edited = text.replace('announce(redis, id)', 'announce(other, id)');
      const output = run(edited);
      assert.deepEqual(output, fresh(edited));
      assert.equal(publishes(output), 0);
      assert.equal(publishes(run(text)), 1);
    });

    it(`${mode}: a value a rule resolved in a kept statement is resolved again when a name it mentions changes`, () => {
      const { run, fresh } = session(mode);
      const text = [
        "import { createClient } from 'redis';",
        'const OPTIONS = { RESP: 3 } as const;',
        'const client = createClient(OPTIONS);',
        "export const listen = () => client.subscribe('a', () => undefined);",
        "export const read = () => client.get('k');",
        '',
      ].join('\n');
      const reuse = (output: LintOutput) => output.files[0].findings.filter((f) => f.ruleId === 'redis/subscriber-connection-reuse').length;
      assert.equal(reuse(run(text)), 0, 'RESP3 keeps commands working on a subscribed connection');
      // Only OPTIONS changes: the creation's statement keeps its node, and the value of its argument must not be the old one.
      const resp2 = text.replace('RESP: 3', 'RESP: 2');
      const output = run(resp2);
      assert.deepEqual(output, fresh(resp2));
      assert.ok(reuse(output) > 0);
      assert.equal(reuse(run(text)), 0);
    });

    it(`${mode}: whether a syntax error is reported never depends on what earlier runs held`, () => {
      const { run, fresh } = session(mode);
      // topics.ts is broken, holds no messaging code and no client reaches it: the program holds it
      // for its TOPIC, its syntax goes unchecked.
      const topics = { path: `${WORKSPACE_ROOT}/src/topics.ts`, text: "export const TOPIC = 'orders';\nexport const broken = (;\n" };
      const client = "import Redis from 'ioredis';\nimport { TOPIC } from './topics';\nconst redis = new Redis();\nexport const go = () => redis.xadd(TOPIC, '*', 'k', 'v');\n";
      const added = { path: `${WORKSPACE_ROOT}/src/added.ts`, text: 'export const one = 1;\n' };
      const syntaxOf = (output: LintOutput) => output.files.find((f) => f.path === topics.path)!.syntaxErrors.length;
      const first = run(client, [topics]);
      assert.deepEqual(first, fresh(client, [topics]));
      assert.equal(syntaxOf(first), 0);
      // A file joins the workspace (the program starts over) and the import goes: topics.ts, whose
      // traits an earlier run read from its tree, is left out this time.
      const alone = client.replace("import { TOPIC } from './topics';", "const TOPIC = 'orders';");
      const output = run(alone, [topics, added]);
      assert.deepEqual(output, fresh(alone, [topics, added]));
      assert.equal(syntaxOf(output), 0);
    });

    it(`${mode}: an edit inside one statement reparses only around it (statements before and after keep their nodes)`, () => {
      const { run, fresh, program } = session(mode);
      run(pipeline);
      const before = program().getSourceFile(MAIN)!.statements;
      const first = before[0];
      const last = before[before.length - 1];
      const edited = pipeline.replace("'order-created'", "'order-created-v2'");
      const output = run(edited);
      const after = program().getSourceFile(MAIN)!;
      assert.equal(after.text, edited);
      assert.equal(after.statements[0], first, 'the first statement is the same node');
      assert.equal(after.statements[after.statements.length - 1], last, 'the last statement is the same node, moved');
      assert.equal(last.pos, edited.lastIndexOf('\n\nexport const channel'), 'its position moved with the edit');
      assert.deepEqual(output, fresh(edited));
    });
  }
});
