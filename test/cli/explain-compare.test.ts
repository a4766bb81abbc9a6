// `streamwise explain` and `streamwise compare`: rendering of rule docs, the comparison data and the messaging map.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { renderMarkdown } from '../../src/cli/explain-command';
import { COMPARISON } from '../../src/core/comparison';
import { defaultConfig } from '../../src/core/config';
import { lint } from '../../src/core/linter';
import { buildMessagingMap, type MessagingMap } from '../../src/core/messaging-map';
import type { WorkspaceIndex } from '../../src/core/workspace';
import { allRules } from '../../src/rules';
import { tempDir } from '../helpers/temp';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const BIN = path.join(ROOT, 'bin', 'streamwise.js');

function run(args: string[], cwd = ROOT) {
  const { FORCE_COLOR: _force, ...env } = process.env;
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...env, NO_COLOR: '1', CI: 'true' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const FILES: Record<string, string> = {
  'src/publisher.ts': "import Redis from 'ioredis';\nconst redis = new Redis();\nexport const notify = (id: string) => redis.publish('orders.created', id);\nexport const pay = (id: string) => redis.publish('payments.captured', id);\n",
  'src/listener.ts': "import Redis from 'ioredis';\nconst sub = new Redis();\nsub.psubscribe('orders.*');\nsub.subscribe('payments.captured');\n",
  'src/kafka.ts':
    "import { Kafka } from 'kafkajs';\nconst kafka = new Kafka({ clientId: 'a', brokers: ['b:9092'] });\nconst producer = kafka.producer();\nconst consumer = kafka.consumer({ groupId: 'g' });\n" +
    "export const send = (topic: string) => producer.send({ topic: 'order-events', messages: [{ key: 'k', value: 'v' }] });\n" +
    "export const sendAny = (topic: string) => producer.send({ topic, messages: [{ key: 'k', value: 'v' }] });\n" +
    "export async function start() { await consumer.subscribe({ topics: ['order-events'] }); }\n",
};

function project(): string {
  const dir = tempDir('sw-compare-');
  fs.writeFileSync(path.join(dir, 'package.json'), '{}');
  for (const [rel, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

describe('streamwise explain', () => {
  it("renders a rule's doc without front matter or fences, headings underlined and code indented", () => {
    const r = run(['explain', 'redis/exact-stream-trim']);
    assert.equal(r.code, 0);
    assert.doesNotMatch(r.stdout, /^---$|^id: |^fix: |```|\x1b\[/m);
    assert.match(r.stdout, /^redis\/exact-stream-trim\n=======================\n/);
    assert.match(r.stdout, /^How to fix\n----------$/m);
    assert.match(r.stdout, /^ {4}import Redis from 'ioredis';$/m);
    assert.match(r.stdout, /^ {2}- `XADD … MAXLEN <n> …`/m);
    assert.ok(r.stdout.split('\n').every((line) => line.startsWith('    ') || line.length <= 100), 'prose is wrapped');
  });

  it('uses bold/underline only when colour is on', () => {
    const md = '---\nid: x\n---\n\n# Title\n\nSome **bold** and `code` and [a rule](../redis/unbounded-stream.md) and [site](https://redis.io).\n\n```ts\nconst a = 1;\n```\n';
    const plain = renderMarkdown(md, { color: false, width: 80 });
    assert.equal(plain, 'Title\n=====\n\nSome bold and `code` and a rule and site (https://redis.io).\n\n    const a = 1;');
    const tty = renderMarkdown(md, { color: true, width: 80 });
    assert.match(tty, /^\x1b\[1;4mTitle\x1b\[0m\n\nSome \x1b\[1mbold\x1b\[0m and \x1b\[36mcode\x1b\[0m/);
  });

  it('exits 2 for an unknown or missing id, listing the rule ids', () => {
    const r = run(['explain', 'redis/nope']);
    assert.equal(r.code, 2);
    for (const rule of allRules) assert.ok(r.stderr.includes(rule.meta.id), rule.meta.id);
    assert.equal(run(['explain']).code, 2);
  });

  it('--help lists the new commands and lint flags', () => {
    const r = run(['--help']);
    for (const word of ['explain <id>', 'compare [path]', '--fix ', '--fix-dry-run', '--stdin ', '--stdin-filename NAME']) assert.ok(r.stdout.includes(word), word);
  });
});

describe('comparison data', () => {
  it('covers every aspect the compare view promises, for both sides', () => {
    assert.deepEqual(COMPARISON.rows.map((r) => r.aspect), ['Delivery model', 'Durability', 'Replay', 'Ordering', 'Scaling', 'Latency', 'Throughput', 'Operational cost']);
    for (const row of COMPARISON.rows) assert.ok(row.redis.length > 40 && row.kafka.length > 40, row.aspect);
  });
});

describe('messaging map', () => {
  function mapOf(): MessagingMap {
    const files = Object.entries(FILES).map(([rel, text]) => ({ path: `/ws/${rel}`, text }));
    let index: WorkspaceIndex | undefined;
    const output = lint({ files, config: defaultConfig(allRules) }, allRules, (i) => (index = i));
    return buildMessagingMap(index!, output.files);
  }

  it('lists each destination with producers, consumers (also by pattern) and the findings on their calls', () => {
    const map = mapOf();
    const summary = map.destinations.map((d) => ({
      kind: d.kind,
      name: d.name,
      match: d.match,
      producers: d.producers.map((s) => `${s.file}:${s.line} ${s.command}`),
      consumers: d.consumers.map((s) => `${s.file}:${s.line} ${s.command}${s.via ? ` via ${s.via}` : ''}`),
    }));
    assert.deepEqual(summary, [
      { kind: 'channel', name: 'orders.*', match: 'glob', producers: [], consumers: ['/ws/src/listener.ts:3 PSUBSCRIBE'] },
      { kind: 'channel', name: 'orders.created', match: 'exact', producers: ['/ws/src/publisher.ts:3 PUBLISH'], consumers: ['/ws/src/listener.ts:3 PSUBSCRIBE via orders.*'] },
      { kind: 'channel', name: 'payments.captured', match: 'exact', producers: ['/ws/src/publisher.ts:4 PUBLISH'], consumers: ['/ws/src/listener.ts:4 SUBSCRIBE'] },
      { kind: 'topic', name: 'order-events', match: 'exact', producers: ['/ws/src/kafka.ts:5 send'], consumers: ['/ws/src/kafka.ts:7 subscribe'] },
      { kind: 'topic', name: null, match: 'exact', producers: ['/ws/src/kafka.ts:6 send'], consumers: [] },
    ]);
    const payments = map.destinations.find((d) => d.name === 'payments.captured')!;
    assert.deepEqual(payments.findings.map((f) => f.ruleId), ['redis/pubsub-critical-data']);
    assert.equal(payments.findings[0].file, '/ws/src/publisher.ts');
    assert.equal(payments.producers[0].client, 'ioredis');
  });
});

describe('streamwise compare', () => {
  it('prints the comparison and the messaging map grouped by kind', () => {
    const dir = project();
    const r = run(['compare'], dir);
    assert.equal(r.code, 0, r.stderr);
    for (const row of COMPARISON.rows) assert.match(r.stdout, new RegExp(`^${row.aspect}$`, 'm'));
    assert.match(r.stdout, /^Messaging map of \. \(3 files\)$/m);
    const map = r.stdout.slice(r.stdout.indexOf('Messaging map'));
    assert.ok(map.indexOf('Redis Pub/Sub channels') < map.indexOf('Redis lists') && map.indexOf('Redis streams') < map.indexOf('Kafka topics'));
    assert.match(map, /^ {2}payments\.captured {2}1 finding \(redis\/pubsub-critical-data\)\n {4}producers {2}src\/publisher\.ts:4 {2}ioredis PUBLISH\n {4}consumers {2}src\/listener\.ts:4 {2}ioredis SUBSCRIBE$/m);
    assert.match(map, /^Redis lists\n {2}none found$/m);
    assert.match(map, /^ {2}\(name not resolved\)/m);
  });

  it('--format json prints the map, and a path narrows it to destinations used there', () => {
    const dir = project();
    const r = run(['compare', '--format', 'json'], dir);
    assert.equal(r.code, 0);
    const map = JSON.parse(r.stdout) as MessagingMap;
    assert.equal(map.destinations.length, 5);
    const topic = map.destinations.find((d) => d.name === 'order-events')!;
    assert.deepEqual(topic.producers.map((s) => [s.file, s.line, s.client]), [[path.join(dir, 'src', 'kafka.ts'), 5, 'kafkajs']]);
    const narrowed = JSON.parse(run(['compare', 'src/kafka.ts', '--format', 'json'], dir).stdout) as MessagingMap;
    assert.deepEqual(narrowed.destinations.map((d) => d.kind), ['topic', 'topic']);
  });

  it('exits 2 on a bad format or a missing path', () => {
    const dir = project();
    assert.equal(run(['compare', '--format', 'yaml'], dir).code, 2);
    assert.equal(run(['compare', 'nowhere'], dir).code, 2);
  });
});
