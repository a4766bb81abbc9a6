// Client recognition and argument resolution across the shapes real code uses, typed and untyped.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FactExtractor } from '../../src/core/facts';
import { buildProgram } from '../../src/core/program';
import { MODES, type Mode } from '../helpers/rule-tester';
import { createTypingsHost, WORKSPACE_ROOT } from '../helpers/virtual-host';

function callsIn(files: Record<string, string>, mode: Mode, ioredis: 5 | 6 = 5, redis: 4 | 5 = 5): string[] {
  const list = Object.entries(files).map(([p, text]) => ({ path: `${WORKSPACE_ROOT}/${p}`, text }));
  const { program, checker, typed } = buildProgram(list, mode === 'typed' ? createTypingsHost({ ioredis, redis }) : undefined);
  const extractor = new FactExtractor(checker, typed);
  const facts = extractor.extract(program.getSourceFile(list[0].path)!);
  const show = (v: { kind: string; value?: unknown; parts?: (string | null)[] }) =>
    v.kind === 'string' || v.kind === 'number' ? String(v.value) : v.kind === 'template' ? v.parts!.map((p) => p ?? '*').join('') : `<${v.kind}>`;
  return facts.calls.map((c) => `${c.client.kind} ${c.command}(${c.args.map(show).join(', ')})`);
}

const cases: { name: string; files: Record<string, string>; expect: string[]; ioredis?: 5 | 6; redis?: 4 | 5 }[] = [
  {
    name: 'node-redis 4 typings, camelCase and UPPERCASE',
    redis: 4,
    files: { 'a.ts': "import { createClient } from 'redis';\nconst c = createClient();\nc.xAdd('s', '*', { a: '1' });\nc.PUBLISH('orders', 'x');\nc.brPop('q', 0);" },
    expect: ['node-redis XADD(s, *, <object>)', 'node-redis PUBLISH(orders, x)', 'node-redis BRPOP(q, 0)'],
  },
  {
    name: 'ioredis local, default import',
    files: { 'a.ts': "import Redis from 'ioredis';\nconst r = new Redis();\nr.publish('orders', 'x');" },
    expect: ['ioredis PUBLISH(orders, x)'],
  },
  {
    name: 'ioredis 6 typings',
    ioredis: 6,
    files: { 'a.ts': "import { Redis } from 'ioredis';\nconst r = new Redis();\nr.xadd('s', '*', 'f', 'v');" },
    expect: ['ioredis XADD(s, *, f, v)'],
  },
  {
    name: 'class field and constructor-injected parameter',
    files: { 'a.ts': "import Redis from 'ioredis';\nclass A { private r = new Redis(); constructor(private readonly injected: Redis) {}\n m() { this.r.lpush('q', '1'); this.injected.brpop('q', 0); } }" },
    expect: ['ioredis LPUSH(q, 1)', 'ioredis BRPOP(q, 0)'],
  },
  {
    name: 'instance imported from another file, also through a namespace import',
    files: { 'a.ts': "import { redis } from './infra';\nimport * as infra from './infra';\nredis.xack('s', 'g', '1-0');\ninfra.redis.xtrim('s', 'MAXLEN', '~', 10);", 'infra.ts': "import IORedis from 'ioredis';\nexport const redis = new IORedis();" },
    expect: ['ioredis XACK(s, g, 1-0)', 'ioredis XTRIM(s, MAXLEN, ~, 10)'],
  },
  {
    name: 're-export through an index file',
    files: { 'a.ts': "import { redis } from './index';\nredis.publish('c', 'm');", 'index.ts': "export { redis } from './infra';", 'infra.ts': "import Redis from 'ioredis';\nexport const redis = new Redis();" },
    expect: ['ioredis PUBLISH(c, m)'],
  },
  {
    name: 'CommonJS require in JavaScript, across files',
    files: { 'a.js': "const { redis } = require('./infra');\nconst { Kafka } = require('kafkajs');\nredis.lpush('q', 'x');\nnew Kafka({ brokers: [] }).producer().send({ topic: 't', messages: [] });", 'infra.js': "const Redis = require('ioredis');\nmodule.exports = { redis: new Redis() };" },
    expect: ['ioredis LPUSH(q, x)', 'kafkajs producer()', 'kafkajs send(<object>)'],
  },
  {
    name: 'node-redis camelCase, UPPERCASE and sendCommand',
    files: { 'a.ts': "import { createClient } from 'redis';\nconst c = createClient();\nc.sPublish('orders', 'x');\nc.XADD('s', '*', { a: '1' });\nc.sendCommand(['BRPOP', 'q', '0']);" },
    expect: ['node-redis SPUBLISH(orders, x)', 'node-redis XADD(s, *, <object>)', 'node-redis BRPOP(q, 0)'],
  },
  {
    name: 'ioredis call() with a command name and an argument array',
    files: { 'a.ts': "import Redis from 'ioredis';\nconst r = new Redis();\nr.call('xadd', 'k', '*', 'f', 'v');\nr.call('PUBLISH', ['c', 'm']);" },
    expect: ['ioredis XADD(k, *, f, v)', 'ioredis PUBLISH(c, m)'],
  },
  {
    name: 'pipeline and multi chains',
    files: { 'a.ts': "import Redis from 'ioredis';\nconst r = new Redis();\nr.multi().lpush('q', 'a').publish('c', 'b').exec();" },
    expect: ['ioredis PUBLISH(c, b)', 'ioredis LPUSH(q, a)', 'ioredis EXEC()'],
  },
  {
    name: 'lazily created kafkajs singleton producer',
    files: { 'a.ts': "import { Kafka, type Producer } from 'kafkajs';\nconst kafka = new Kafka({ brokers: ['b:9092'] });\nlet producer: Producer | undefined;\nasync function getProducer() { if (!producer) { producer = kafka.producer(); await producer.connect(); } return producer; }\nexport async function emit() { const p = await getProducer(); await p.send({ topic: 'orders', messages: [] }); }" },
    expect: ['kafkajs producer()', 'kafkajs connect()', 'kafkajs send(<object>)'],
  },
  {
    name: 'confluent KafkaJS API and librdkafka API, node-rdkafka',
    files: { 'a.ts': "import { KafkaJS } from '@confluentinc/kafka-javascript';\nimport * as Rd from 'node-rdkafka';\nconst p = new KafkaJS.Kafka({}).producer({ 'linger.ms': 0 });\np.send({ topic: 't', messages: [] });\nconst rp = new Rd.Producer({ 'metadata.broker.list': 'b' });\nrp.produce('t', null, Buffer.from('x'));" },
    expect: ['confluent-kafkajs producer(<object>)', 'confluent-kafkajs send(<object>)', 'node-rdkafka produce(t, <nullish>, <encoded>)'],
  },
  {
    name: 'const, enum, readonly field, object config and template resolution',
    files: { 'a.ts': "import Redis from 'ioredis';\nimport { Channels } from './names';\nenum Q { Jobs = 'queue:jobs' }\nconst r = new Redis();\nclass S { static readonly STREAM = 'events'; }\nconst id = String(Math.random());\nr.publish(Channels.orders, 'x');\nr.lpush(Q.Jobs, '1');\nr.xadd(S.STREAM, '*', 'a', 'b');\nr.publish(`orders:${id}`, 'x');", 'names.ts': "export const Channels = { orders: 'orders:created' } as const;" },
    expect: ['ioredis PUBLISH(orders:created, x)', 'ioredis LPUSH(queue:jobs, 1)', 'ioredis XADD(events, *, a, b)', 'ioredis PUBLISH(orders:*, x)'],
  },
  {
    name: 'look-alikes: a user class, an EventEmitter, a non-client import',
    files: { 'a.ts': "import { EventEmitter } from 'events';\nimport { PubSub } from 'graphql-subscriptions';\nclass Queue { rpop(k: string) { return k; } publish(c: string) { return c; } }\nconst q = new Queue();\nq.rpop('jobs');\nq.publish('orders');\nnew EventEmitter().emit('orders');\nnew PubSub().publish('orders', {});" },
    expect: [],
  },
  {
    name: 'a receiver named like a client is still unknown',
    files: { 'a.ts': "declare const redis: any;\ndeclare const producer: any;\nredis.publish('orders', 'x');\nproducer.send({ topic: 't', messages: [] });" },
    expect: [],
  },
];

describe('client recognition', () => {
  for (const mode of MODES) {
    describe(mode, () => {
      for (const c of cases) {
        it(c.name, () => assert.deepEqual(callsIn(c.files, mode, c.ioredis, c.redis).sort(), [...c.expect].sort()));
      }
    });
  }
});
