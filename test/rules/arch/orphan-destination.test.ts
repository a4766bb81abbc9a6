import rule from '../../../src/rules/arch/orphan-destination';
import { ruleTester } from '../../helpers/rule-tester';

const kafkajs = "import { Kafka } from 'kafkajs';\nconst kafka = new Kafka({ clientId: 'svc', brokers: ['localhost:9092'] });\n";
const ioredis = "import Redis from 'ioredis';\nconst redis = new Redis();\n";
const nodeRedis = "import { createClient } from 'redis';\nconst client = createClient();\n";

const refundProducer = `${kafkajs}const producer = kafka.producer();\nexport async function requestRefund(orderId: string) {\n  await producer.send({ topic: 'refund-requested', messages: [{ key: orderId, value: orderId }] });\n}\n`;
const consumerOf = (topics: string) => `${kafkajs}const consumer = kafka.consumer({ groupId: 'g' });\nawait consumer.subscribe({ topics: [${topics}] });\nawait consumer.run({ eachMessage: async () => undefined });\n`;

ruleTester(rule, {
  valid: [
    { name: 'producer and consumer in different files', code: refundProducer, files: { 'src/consumer.ts': consumerOf("'refund-requested'") } },
    {
      name: 'PSUBSCRIBE glob in another file matches the published channel',
      code: `${ioredis}export const created = (id: string) => redis.publish('orders:created', id);\n`,
      files: { 'src/listener.ts': `${ioredis}await redis.psubscribe('orders:*');\nredis.on('pmessage', (_p: string, c: string, m: string) => console.log(c, m));\n` },
    },
    {
      name: 'kafkajs RegExp subscription matches the produced topic',
      code: `${kafkajs}const producer = kafka.producer();\nawait producer.send({ topic: 'orders.created', messages: [{ value: '1' }] });\n`,
      files: { 'src/consumer.ts': consumerOf('/orders\\..*/') },
    },
    {
      name: 'librdkafka ^regex subscription matches the produced topic',
      filename: 'src/producer.js',
      code: "const Kafka = require('node-rdkafka');\nconst producer = new Kafka.Producer({ 'metadata.broker.list': 'b:9092' });\nproducer.connect();\nproducer.on('ready', () => producer.produce('orders.created', null, Buffer.from('1')));\n",
      files: { 'src/consumer.js': "const Kafka = require('node-rdkafka');\nconst consumer = new Kafka.KafkaConsumer({ 'group.id': 'g', 'metadata.broker.list': 'b:9092' }, {});\nconsumer.connect();\nconsumer.on('ready', () => { consumer.subscribe(['^orders\\\\..*']); consumer.consume(); });\n" },
    },
    { name: 'externalDestinations lists the topic', code: refundProducer, config: { externalDestinations: ['refund-requested'] } },
    {
      name: 'externalDestinations glob',
      code: `${kafkajs}const producer = kafka.producer();\nawait producer.send({ topic: 'erp.invoices', messages: [{ value: '1' }] });\n`,
      config: { externalDestinations: ['crm.contacts', 'erp.*'] },
    },
    {
      name: 'a wrapper forwarding its topic parameter, never called in the workspace, may produce anything',
      code: consumerOf("'invoice-issued'"),
      files: { 'src/bus.ts': `${kafkajs}const producer = kafka.producer();\nexport async function publishEvent(topic: string, payload: unknown) {\n  await producer.send({ topic, messages: [{ value: JSON.stringify(payload) }] });\n}\n` },
    },
    {
      name: 'a wrapper passed around as a value hides its call sites',
      code: `${ioredis}await redis.subscribe('audit-log');\n`,
      files: {
        'src/pubsub.ts': `${ioredis}export function announce(channel: string, m: string) { return redis.publish(channel, m); }\n`,
        'src/use.ts': "import { announce } from './pubsub';\nannounce('other', 'x');\nexport const senders = [announce];\n",
      },
    },
    {
      name: 'a wrapper method whose call sites name a consumed channel',
      code: "import Redis from 'ioredis';\nexport class Notifier {\n  constructor(private readonly redis: Redis) {}\n  notify(channel: string, body: string) { return this.redis.publish(channel, body); }\n}\n",
      files: {
        'src/use.ts': "import Redis from 'ioredis';\nimport { Notifier } from './case';\nconst n = new Notifier(new Redis());\nawait n.notify('cache:invalidate', 'k');\n",
        'src/sub.ts': `${ioredis}await redis.subscribe('cache:invalidate');\n`,
      },
    },
    {
      name: 'a stream read with XRANGE is consumed',
      code: `${ioredis}await redis.xadd('audit:events', 'MAXLEN', '~', 1000, '*', 'a', 'b');\nexport const recent = () => redis.xrange('audit:events', '-', '+', 'COUNT', 10);\n`,
    },
    {
      name: 'node-redis XADD consumed by an ioredis XREADGROUP in another file',
      code: `${nodeRedis}await client.xAdd('jobs', '*', { id: '1' });\n`,
      files: { 'src/worker.ts': `${ioredis}export const next = () => redis.xreadgroup('GROUP', 'workers', 'w1', 'COUNT', 10, 'STREAMS', 'jobs', '>');\n` },
    },
    {
      name: 'a partly known producer name may match the subscribed channel',
      code: `${nodeRedis}await client.subscribe('user:42', (m) => console.log(m));\n`,
      files: { 'src/pub.ts': `${nodeRedis}export const notify = (id: string, m: string) => client.publish(\`user:\${id}\`, m);\n` },
    },
    { name: 'keyspace notifications are produced by Redis itself', code: `${ioredis}await redis.subscribe('__keyevent@0__:expired');\n` },
    { name: 'a user class with publish() is not Redis', code: "class Bus { publish(channel: string, m: string) { return [channel, m]; } }\nnew Bus().publish('orders', 'x');\n" },
    { name: 'lists are out of scope', code: `${ioredis}await redis.lpush('email-queue', 'x');\n` },
    {
      name: 'NestJS @EventPattern handler consumes the topic',
      code: `${kafkajs}const producer = kafka.producer();\nawait producer.send({ topic: 'orders.created', messages: [{ value: '1' }] });\n`,
      files: { 'src/orders.controller.ts': "import { Controller } from '@nestjs/common';\nimport { EventPattern } from '@nestjs/microservices';\n@Controller()\nexport class OrdersController {\n  @EventPattern('orders.created')\n  handle(data: unknown) { return data; }\n}\n" },
    },
    {
      name: 'subscribe with a spread of configured channels',
      code: `${ioredis}await redis.publish('cache:invalidate', 'k');\n`,
      files: { 'src/sub.ts': `${ioredis}import { channels } from './config';\nawait redis.subscribe(...channels);\n`, 'src/config.ts': 'export const channels: string[] = JSON.parse(process.env.CHANNELS ?? "[]");\n' },
    },
    {
      name: 'a kafka-node producer (not a modelled client) writes the consumed topic',
      code: consumerOf("'clicks'"),
      files: { 'src/legacy.js': "const kafkaNode = require('kafka-node');\nconst producer = new kafkaNode.Producer(new kafkaNode.KafkaClient());\nproducer.on('ready', () => producer.send([{ topic: 'clicks', messages: ['x'] }], () => {}));\n" },
    },
    {
      name: 'a Lua script appends to the stream the group reads',
      code: `${ioredis}export const next = () => redis.xreadgroup('GROUP', 'g', 'c', 'STREAMS', 'events', '>');\n`,
      files: { 'src/append.ts': `${ioredis}const SCRIPT = "return redis.call('XADD', KEYS[1], '*', 'v', ARGV[1])";\nexport const append = (v: string) => redis.eval(SCRIPT, 1, 'events', v);\n` },
    },
  ],
  invalid: [
    {
      name: 'a consumer of a topic named by the environment is another, configurable destination',
      code: refundProducer,
      files: { 'src/consumer.ts': consumerOf('process.env.TOPIC as string') },
      errors: [{ line: 5, column: 9, endLine: 5, endColumn: 99 }],
    },
    {
      name: 'kafkajs topic produced but never consumed',
      code: refundProducer,
      errors: [{ line: 5, column: 9, endLine: 5, endColumn: 99, message: "Kafka topic 'refund-requested' is produced-only" }],
    },
    {
      name: 'ioredis channel subscribed but never published',
      code: `${ioredis}await redis.subscribe('price-changed');\nredis.on('message', (_c: string, sku: string) => console.log(sku));\n`,
      errors: [{ line: 3, column: 7, endLine: 3, endColumn: 39, message: "Pub/Sub channel 'price-changed' is consumed-only" }],
    },
    {
      name: 'node-redis publish to a channel whose subscriber has a typo',
      code: `${nodeRedis}export const paid = (id: string) => client.publish('orders:paid', id);\n`,
      files: { 'src/sub.ts': `${nodeRedis}await client.subscribe('orders-paid', (m) => console.log(m));\n` },
      errors: [{ line: 3, column: 37, endLine: 3, endColumn: 70, message: 'simply dropped' }],
    },
    {
      name: 'stream appended but never read',
      code: `${ioredis}await redis.xadd('clicks', 'MAXLEN', '~', 1000, '*', 'url', '/');\nexport const size = () => redis.xlen('clicks');\n`,
      errors: [{ line: 3, column: 7, endLine: 3, endColumn: 65, message: "Redis stream 'clicks' is produced-only" }],
    },
    {
      name: 'topic constant from another file: reported at the argument',
      code: `${kafkajs}import { TOPICS } from './topics';\nconst consumer = kafka.consumer({ groupId: 'g' });\nawait consumer.subscribe({ topics: [TOPICS.ORDERS] });\n`,
      files: { 'src/topics.ts': "export const TOPICS = { ORDERS: 'shop.orders' } as const;\n" },
      errors: [{ line: 5, column: 7, endLine: 5, endColumn: 54, message: "'shop.orders' is consumed-only" }],
    },
    {
      name: 'node-rdkafka produce (CommonJS) with a consumer of another topic',
      filename: 'src/producer.js',
      code: "const Kafka = require('node-rdkafka');\nconst producer = new Kafka.HighLevelProducer({ 'metadata.broker.list': 'b:9092' });\nproducer.connect();\nproducer.on('ready', () => producer.produce('payments', null, Buffer.from('1'), null, Date.now(), () => {}));\n",
      files: { 'src/consumer.js': "const Kafka = require('node-rdkafka');\nconst consumer = new Kafka.KafkaConsumer({ 'group.id': 'g' }, {});\nconsumer.on('ready', () => consumer.subscribe(['payment']));\n" },
      errors: [{ line: 4, column: 28, endLine: 4, endColumn: 108, message: 'retention' }],
    },
    {
      name: 'node-redis XREADGROUP on a stream nothing appends to',
      code: `${nodeRedis}export const read = () => client.xReadGroup('workers', 'w1', { key: 'jobs', id: '>' }, { COUNT: 10 });\n`,
      errors: [{ line: 3, column: 27, endLine: 3, endColumn: 102, message: "Redis stream 'jobs' is consumed-only" }],
    },
    {
      name: "generic call('PUBLISH') and sendCommand(['XADD'])",
      code: `${ioredis}await redis.call('PUBLISH', 'alerts', 'disk full');\n${nodeRedis}await client.sendCommand(['XADD', 'metrics', '*', 'cpu', '0.9']);\n`,
      errors: [
        { line: 3, column: 7, endLine: 3, endColumn: 51, message: "'alerts'" },
        { line: 6, column: 7, endLine: 6, endColumn: 65, message: "'metrics'" },
      ],
    },
    {
      name: 'externalDestinations does not list this topic',
      code: `${kafkajs}const producer = kafka.producer();\nawait producer.send({ topic: 'crm.contacts', messages: [{ value: '1' }] });\n`,
      config: { externalDestinations: ['erp.*', 'crm.contact'] },
      errors: [{ line: 4, column: 7, endLine: 4, endColumn: 75 }],
    },
    {
      name: 'a glob subscription for other channels does not match',
      code: `${ioredis}await redis.publish('orders:created', '1');\nawait redis.publish('orders:created', '2');\n`,
      files: { 'src/listener.ts': `${ioredis}await redis.psubscribe('payments:*');\n` },
      errors: [
        { line: 3, column: 7, endLine: 3, endColumn: 43 },
        { line: 4, column: 7, endLine: 4, endColumn: 43 },
      ],
    },
    {
      name: 'sendBatch topicMessages with one consumed and one orphan topic',
      code: `${kafkajs}const producer = kafka.producer();\nawait producer.sendBatch({ topicMessages: [{ topic: 'a', messages: [] }, { topic: 'b', messages: [] }] });\n`,
      files: { 'src/consumer.ts': consumerOf("'a'") },
      errors: [{ line: 4, column: 7, endLine: 4, endColumn: 106, message: "'b'" }],
    },
    {
      name: 'confluent KafkaJS consumer of a topic nothing produces',
      code: "import { KafkaJS } from '@confluentinc/kafka-javascript';\nconst consumer = new KafkaJS.Kafka({ kafkaJS: { brokers: ['b:9092'] } }).consumer({ kafkaJS: { groupId: 'g' } });\nawait consumer.subscribe({ topics: ['inventory.adjusted'] });\n",
      errors: [{ line: 3, column: 7, endLine: 3, endColumn: 61, message: 'auto-creation' }],
    },
    {
      name: 'wrapper call sites name the topics: an orphan at the call site',
      code: "import { publishEvent } from './bus';\nawait publishEvent('order.created', { id: 1 });\nawait publishEvent('order.paid', { id: 1 });\n",
      files: {
        'src/bus.ts': `${kafkajs}const producer = kafka.producer();\nexport async function publishEvent(topic: string, payload: unknown) {\n  await producer.send({ topic, messages: [{ value: JSON.stringify(payload) }] });\n}\n`,
        'src/consumer.ts': consumerOf("'order.created'"),
      },
      errors: [{ line: 3, column: 7, endLine: 3, endColumn: 44, message: "Kafka topic 'order.paid' is produced-only" }],
    },
    {
      name: 'consumer of a topic no wrapper call site produces',
      code: consumerOf("'order.created', 'payment.settled'"),
      files: {
        'src/bus.ts': `${kafkajs}const producer = kafka.producer();\nexport class EventBus {\n  async emit(record: { topic: string; messages: { value: string }[] }) {\n    await producer.send(record);\n  }\n}\n`,
        'src/use.ts': "import { EventBus } from './bus';\nconst bus = new EventBus();\nawait bus.emit({ topic: 'order.created', messages: [] });\n",
      },
      errors: [{ line: 4, column: 7, endLine: 4, endColumn: 75, message: "'payment.settled' is consumed-only" }],
    },
    {
      name: 'class field client injected by constructor',
      code: "import Redis from 'ioredis';\nexport class Presence {\n  constructor(private readonly redis: Redis) {}\n  online(user: string) { return this.redis.spublish('presence-online', user); }\n}\n",
      errors: [{ line: 4, column: 33, endLine: 4, endColumn: 77 }],
    },
  ],
});
