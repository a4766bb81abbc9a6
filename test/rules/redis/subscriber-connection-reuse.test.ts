import rule from '../../../src/rules/redis/subscriber-connection-reuse';
import { ruleTester } from '../../helpers/rule-tester';

const ioredis = "import Redis from 'ioredis';\nconst redis = new Redis();\n";
const nodeRedis = "import { createClient } from 'redis';\nconst client = createClient();\n";
const exported = { 'src/redis.ts': "import Redis from 'ioredis';\nexport const redis = new Redis();\n" };

ruleTester(rule, {
  valid: [
    { name: 'dedicated duplicate() subscriber', code: `${ioredis}const subscriber = redis.duplicate();\nawait subscriber.subscribe('cache:invalidate');\nsubscriber.on('message', (_c: string, key: string) => { void redis.del(key); });` },
    { name: 'node-redis dedicated duplicate() subscriber', code: `${nodeRedis}const subscriber = client.duplicate();\nawait client.connect();\nawait subscriber.connect();\nawait subscriber.subscribe('cache:invalidate', async (key) => { await client.del(key); });` },
    { name: 'only subscriber-mode commands and listeners', code: `${ioredis}await redis.subscribe('a');\nawait redis.ping();\nredis.on('message', () => undefined);\nawait redis.unsubscribe('a');\nawait redis.quit();` },
    { name: 'inline duplicate() is another connection', code: `${ioredis}void redis.duplicate().subscribe('a');\nvoid redis.get('k');` },
    { name: 'subscribe and get on different connections across files', code: "import { subscriber } from './redis';\nvoid subscriber.subscribe('a');", files: { 'src/redis.ts': "import Redis from 'ioredis';\nexport const redis = new Redis();\nexport const subscriber = new Redis();\nvoid redis.get('k');\n" } },
    { name: 'publisher and subscriber fields of one service', code: "import Redis from 'ioredis';\nexport class RedisService {\n  private readonly publisher: Redis;\n  private readonly subscriber: Redis;\n  constructor() {\n    this.publisher = new Redis();\n    this.subscriber = new Redis();\n  }\n  async onModuleInit() {\n    await this.subscriber.subscribe('events');\n    this.subscriber.on('message', (_c: string, m: string) => void this.publisher.set('last', m));\n  }\n}" },
    { name: 'two separately declared parameters', code: "import Redis from 'ioredis';\nexport function listen(c: Redis) { return c.subscribe('x'); }\nexport function read(c: Redis) { return c.get('x'); }" },
    { name: 'user class with subscribe and get', code: "class Bus {\n  subscribe(c: string) { return c; }\n  get(k: string) { return k; }\n}\nconst bus = new Bus();\nbus.subscribe('a');\nbus.get('k');" },
    { name: 'MQTT client from another package', code: "import mqtt from 'mqtt';\nconst client = mqtt.connect('mqtt://broker');\nclient.subscribe('orders');\nclient.publish('orders', 'x');" },
    { name: 'node-redis with RESP3', code: "import { createClient } from 'redis';\nconst client = createClient({ RESP: 3 });\nawait client.subscribe('a', () => undefined);\nawait client.get('k');" },
    { name: 'Kafka consumer subscribe', code: "import { Kafka } from 'kafkajs';\nconst consumer = new Kafka({ brokers: ['b:9092'] }).consumer({ groupId: 'g' });\nawait consumer.subscribe({ topic: 'orders' });\nawait consumer.commitOffsets([]);" },
    { name: 'getter that creates a new connection per call', code: "import Redis from 'ioredis';\nfunction connect() { const r = new Redis(); return r; }\nvoid connect().subscribe('a');\nvoid connect().get('k');" },
  ],
  invalid: [
    {
      name: 'ioredis subscribe, del in the message handler',
      code: `${ioredis}\n// Drop cached pages\nawait redis.subscribe('cache:invalidate');\nredis.on('message', (_channel: string, key: string) => {\n  void redis.del(key);\n});`,
      errors: [{
        line: 5, column: 7, endLine: 5, endColumn: 22, message: 'also sends DEL (case.ts:7)',
        suggestions: [{
          desc: 'Subscribe on a dedicated connection: const subscriber = redis.duplicate()',
          output: `${ioredis}\n// Drop cached pages\nconst subscriber = redis.duplicate();\nawait subscriber.subscribe('cache:invalidate');\nsubscriber.on('message', (_channel: string, key: string) => {\n  void redis.del(key);\n});`,
        }],
      }],
    },
    {
      name: 'psubscribe and hset inside a function',
      code: `${ioredis}export async function trackPresence() {\n  await redis.psubscribe('presence:*');\n  redis.on('pmessage', async (_p: string, channel: string, status: string) => {\n    await redis.hset('presence:last-seen', channel, status);\n  });\n}`,
      errors: [{
        line: 4, column: 9, endLine: 4, endColumn: 25, message: 'PSUBSCRIBE but also sends HSET (case.ts:6)',
        suggestions: [{ output: `${ioredis}export async function trackPresence() {\n  const subscriber = redis.duplicate();\n  await subscriber.psubscribe('presence:*');\n  subscriber.on('pmessage', async (_p: string, channel: string, status: string) => {\n    await redis.hset('presence:last-seen', channel, status);\n  });\n}` }],
      }],
    },
    {
      name: 'node-redis subscribe with a listener that reads',
      code: `${nodeRedis}await client.connect();\nawait client.subscribe('jobs', async (id) => {\n  await client.get(id);\n});`,
      errors: [{
        line: 4, column: 7, endLine: 4, endColumn: 23, message: 'GET',
        suggestions: [{ output: `${nodeRedis}await client.connect();\nconst subscriber = client.duplicate();\nawait subscriber.connect();\nawait subscriber.subscribe('jobs', async (id) => {\n  await client.get(id);\n});` }],
      }],
    },
    {
      name: 'exported instance: subscribe here, get in another file',
      code: "import { redis } from './redis';\nredis.subscribe('cache:invalidate');\nredis.on('message', (_c: string, k: string) => console.log(k));",
      files: { ...exported, 'src/lib/cache.ts': "import { redis } from '../redis';\n\nexport const read = (k: string) => redis.get(k);\n" },
      errors: [{
        line: 2, column: 1, endLine: 2, endColumn: 16, message: 'GET (lib/cache.ts:3)',
        suggestions: [{ output: "import { redis } from './redis';\nconst subscriber = redis.duplicate();\nsubscriber.subscribe('cache:invalidate');\nsubscriber.on('message', (_c: string, k: string) => console.log(k));" }],
      }],
    },
    {
      name: 'class field used for subscribe and set',
      code: "import Redis from 'ioredis';\nexport class Bus {\n  private readonly redis = new Redis();\n  start() {\n    this.redis.subscribe('events');\n    this.redis.on('message', (_c, m) => this.handle(m));\n  }\n  handle(m: string) { return this.redis.set('last', m); }\n}",
      errors: [{
        line: 5, column: 5, endLine: 5, endColumn: 25, message: 'SET (case.ts:8)',
        suggestions: [{ output: "import Redis from 'ioredis';\nexport class Bus {\n  private readonly redis = new Redis();\n  start() {\n    const subscriber = this.redis.duplicate();\n    subscriber.subscribe('events');\n    subscriber.on('message', (_c, m) => this.handle(m));\n  }\n  handle(m: string) { return this.redis.set('last', m); }\n}" }],
      }],
    },
    {
      name: 'constructor-injected client, ssubscribe',
      code: "import Redis from 'ioredis';\nexport class Bus {\n  constructor(private readonly redis: Redis) {}\n  async start() {\n    await this.redis.ssubscribe('events');\n  }\n  get(k: string) { return this.redis.get(k); }\n}",
      errors: [{
        line: 5, column: 11, endLine: 5, endColumn: 32, message: 'SSUBSCRIBE',
        suggestions: [{ output: "import Redis from 'ioredis';\nexport class Bus {\n  constructor(private readonly redis: Redis) {}\n  async start() {\n    const subscriber = this.redis.duplicate();\n    await subscriber.ssubscribe('events');\n  }\n  get(k: string) { return this.redis.get(k); }\n}" }],
      }],
    },
    {
      name: 'transaction created from the same connection',
      code: `${ioredis}redis.subscribe('a');\nexport async function save() {\n  const tx = redis.multi();\n  tx.set('k', 'v');\n  await tx.exec();\n}`,
      errors: [{
        line: 3, column: 1, endLine: 3, endColumn: 16, message: 'SET (case.ts:6)',
        suggestions: [{ output: `${ioredis}const subscriber = redis.duplicate();\nsubscriber.subscribe('a');\nexport async function save() {\n  const tx = redis.multi();\n  tx.set('k', 'v');\n  await tx.exec();\n}` }],
      }],
    },
    {
      name: 'generic call() forms',
      code: `${ioredis}await redis.call('SUBSCRIBE', 'a');\nawait redis.call('GET', 'k');`,
      errors: [{ line: 3, column: 7, endLine: 3, endColumn: 35, message: 'GET (case.ts:4)', suggestions: [{ output: `${ioredis}const subscriber = redis.duplicate();\nawait subscriber.call('SUBSCRIBE', 'a');\nawait redis.call('GET', 'k');` }] }],
    },
    {
      name: 'node-redis pSubscribe and sendCommand',
      code: `${nodeRedis}void client.pSubscribe('a:*', () => undefined);\nawait client.sendCommand(['INCR', 'k']);`,
      errors: [{ line: 3, column: 6, endLine: 3, endColumn: 23, message: 'INCR', suggestions: [{ output: `${nodeRedis}const subscriber = client.duplicate();\nvoid subscriber.connect();\nvoid subscriber.pSubscribe('a:*', () => undefined);\nawait client.sendCommand(['INCR', 'k']);` }] }],
    },
    {
      name: 'CommonJS require',
      filename: 'src/case.js',
      code: "const Redis = require('ioredis');\nconst redis = new Redis();\nredis.subscribe('jobs');\nredis.lpush('done', 'x');",
      errors: [{ line: 3, column: 1, endLine: 3, endColumn: 16, message: 'LPUSH (case.js:4)', suggestions: [{ output: "const Redis = require('ioredis');\nconst redis = new Redis();\nconst subscriber = redis.duplicate();\nsubscriber.subscribe('jobs');\nredis.lpush('done', 'x');" }] }],
    },
    {
      name: 'CommonJS module.exports instance required in two files',
      filename: 'src/worker.js',
      code: "const redis = require('./redis');\n\nredis.subscribe('jobs');\nredis.on('message', (_c, id) => console.log(id));",
      files: { 'src/redis.js': "const Redis = require('ioredis');\nconst redis = new Redis();\nmodule.exports = redis;\n", 'src/api.js': "const redis = require('./redis');\nexports.read = (k) => redis.get(k);\n" },
      errors: [{ line: 3, column: 1, endLine: 3, endColumn: 16, message: 'GET (api.js:2)', suggestions: [{ output: "const redis = require('./redis');\n\nconst subscriber = redis.duplicate();\nsubscriber.subscribe('jobs');\nsubscriber.on('message', (_c, id) => console.log(id));" }] }],
    },
    {
      name: 'const alias of an async singleton getter',
      code: "import { createClient } from 'redis';\nlet client: ReturnType<typeof createClient> | undefined;\nexport async function getClient() {\n  if (!client) client = createClient();\n  return client;\n}\nexport async function listen() {\n  const c = await getClient();\n  await c.subscribe('x', () => undefined);\n}\nexport const read = async () => (await getClient()).get('k');",
      errors: [{ line: 9, column: 9, endLine: 9, endColumn: 20, message: 'GET (case.ts:11)', suggestions: [{ output: "import { createClient } from 'redis';\nlet client: ReturnType<typeof createClient> | undefined;\nexport async function getClient() {\n  if (!client) client = createClient();\n  return client;\n}\nexport async function listen() {\n  const c = await getClient();\n  const subscriber = c.duplicate();\n  await subscriber.connect();\n  await subscriber.subscribe('x', () => undefined);\n}\nexport const read = async () => (await getClient()).get('k');" }] }],
    },
    {
      name: 'lazily created singleton: finding, no suggestion for a call receiver',
      code: "import Redis from 'ioredis';\nlet client: Redis | undefined;\nexport function getRedis(): Redis {\n  if (!client) client = new Redis();\n  return client;\n}\nvoid getRedis().subscribe('a');\nvoid getRedis().get('k');",
      errors: [{ line: 7, column: 6, endLine: 7, endColumn: 26, message: 'GET (case.ts:8)' }],
    },
    {
      name: 'the name subscriber is taken',
      code: `${ioredis}const subscriber = 1;\nredis.subscribe('a');\nvoid redis.get(String(subscriber));`,
      errors: [{ line: 4, column: 1, endLine: 4, endColumn: 16, suggestions: [{ output: `${ioredis}const subscriber = 1;\nconst subscriber2 = redis.duplicate();\nsubscriber2.subscribe('a');\nvoid redis.get(String(subscriber));` }] }],
    },
    {
      name: 'message listener elsewhere: no suggestion',
      code: `${ioredis}export function start() {\n  void redis.subscribe('a');\n}\nredis.on('message', () => void redis.get('x'));`,
      errors: [{ line: 4, column: 8, endLine: 4, endColumn: 23, message: 'GET (case.ts:6)' }],
    },
    {
      name: 'subscribe result used: no suggestion',
      code: `${ioredis}export const ready = redis.subscribe('a');\nvoid redis.get('k');`,
      errors: [{ line: 3, column: 22, endLine: 3, endColumn: 37 }],
    },
  ],
});
