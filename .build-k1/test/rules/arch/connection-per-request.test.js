"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const connection_per_request_1 = __importDefault(require("../../../src/rules/arch/connection-per-request"));
const rule_tester_1 = require("../../helpers/rule-tester");
const kafkajs = "import express from 'express';\nimport { Kafka } from 'kafkajs';\nconst app = express();\nconst kafka = new Kafka({ clientId: 'api', brokers: ['localhost:9092'] });\n";
(0, rule_tester_1.ruleTester)(connection_per_request_1.default, {
    valid: [
        {
            name: 'lazily created singleton producer behind getProducer()',
            code: kafkajs +
                "let producer: Producer | undefined;\n" +
                "async function getProducer(): Promise<Producer> {\n" +
                "  if (!producer) {\n    producer = kafka.producer();\n    await producer.connect();\n  }\n  return producer;\n}\n" +
                "app.post('/orders', async (req, res) => {\n  const p = await getProducer();\n  await p.send({ topic: 'orders', messages: [{ value: 'x' }] });\n  res.sendStatus(202);\n});",
        },
        {
            name: 'lazy singleton assigned inside the handler to a module variable',
            code: kafkajs +
                "let producer: ReturnType<typeof kafka.producer> | undefined;\n" +
                "app.post('/orders', async (req, res) => {\n  if (!producer) {\n    producer = kafka.producer();\n    await producer.connect();\n  }\n  await producer.send({ topic: 'orders', messages: [{ value: 'x' }] });\n  res.sendStatus(202);\n});",
        },
        {
            name: 'module-level ioredis connection used by the handler',
            code: "import { createServer } from 'node:http';\nimport Redis from 'ioredis';\nconst redis = new Redis();\ncreateServer(async (req, res) => {\n  await redis.incr('hits');\n  res.end();\n}).listen(3000);",
        },
        {
            name: 'clients created in a startup function',
            code: kafkajs +
                "async function main() {\n  const producer = kafka.producer();\n  await producer.connect();\n  app.post('/orders', async (req, res) => {\n    await producer.send({ topic: 'orders', messages: [{ value: 'x' }] });\n    res.sendStatus(202);\n  });\n  app.listen(3000);\n}\nvoid main();",
        },
        {
            name: 'a producer() method on a user class is not Kafka',
            code: "import express from 'express';\nconst app = express();\n" +
                "class ReportFactory {\n  producer() { return { connect: async () => undefined, render: () => 'pdf' }; }\n}\nconst factory = new ReportFactory();\n" +
                "app.get('/report', async (req, res) => {\n  const producer = factory.producer();\n  await producer.connect();\n  res.send(producer.render());\n});",
        },
        {
            name: 'a user-defined class named Redis',
            code: "import express from 'express';\nconst app = express();\n" +
                "class Redis {\n  constructor(readonly name: string) {}\n  connect() { return this; }\n}\n" +
                "app.get('/x', (req, res) => {\n  const r = new Redis('local').connect();\n  res.send(r.name);\n});",
        },
        {
            name: 'new Kafka() alone opens no connection',
            code: "import express from 'express';\nimport { Kafka } from 'kafkajs';\nconst app = express();\napp.get('/config', (req, res) => {\n  const kafka = new Kafka({ clientId: String(req.query.id), brokers: ['localhost:9092'] });\n  res.json({ ok: !!kafka });\n});",
        },
        {
            name: 'ioredis lazyConnect without connect() in the handler',
            code: "import express from 'express';\nimport Redis from 'ioredis';\nconst app = express();\napp.get('/x', (req, res) => {\n  const redis = new Redis({ lazyConnect: true });\n  res.json({ status: redis.status });\n});",
        },
        {
            name: 'node-redis client created in a handler but never connected there',
            code: "import express from 'express';\nimport { createClient } from 'redis';\nconst app = express();\napp.get('/x', (req, res) => {\n  const client = createClient({ url: String(req.query.url) });\n  res.json({ open: client.isOpen });\n});",
        },
        {
            name: 'this.producer ??= in a NestJS handler (field singleton)',
            code: "import { Controller, Post } from '@nestjs/common';\nimport { Kafka, Producer } from 'kafkajs';\n" +
                "@Controller('orders')\nexport class OrdersController {\n  private producer?: Producer;\n  constructor(private readonly kafka: Kafka) {}\n" +
                "  @Post()\n  async create() {\n    if (!this.producer) {\n      this.producer = this.kafka.producer();\n      await this.producer.connect();\n    }\n    await this.producer.send({ topic: 'orders', messages: [{ value: 'x' }] });\n  }\n}",
        },
        {
            name: 'per-tenant client cache filled from a handler',
            code: "import express from 'express';\nimport { createClient } from 'redis';\nconst app = express();\nconst clients = new Map<string, ReturnType<typeof createClient>>();\n" +
                "app.get('/t/:tenant', async (req, res) => {\n  let client = clients.get(req.params.tenant);\n  if (!client) {\n    client = createClient({ url: `redis://${req.params.tenant}` });\n    await client.connect();\n    clients.set(req.params.tenant, client);\n  }\n  res.json(await client.get('x'));\n});",
        },
        {
            name: 'a pool of connections built in a startup loop',
            code: "import Redis from 'ioredis';\nconst pool: Redis[] = [];\nfor (const url of ['redis://a', 'redis://b']) {\n  pool.push(new Redis(url));\n}\nexport const shards = ['redis://c', 'redis://d'].map((url) => new Redis(url));",
        },
        {
            name: 'one long-lived consumer per topic started in a loop',
            code: "import { Kafka } from 'kafkajs';\nconst kafka = new Kafka({ clientId: 'w', brokers: ['localhost:9092'] });\n" +
                "export async function startConsumers(topics: string[]) {\n  for (const topic of topics) {\n    const consumer = kafka.consumer({ groupId: `svc-${topic}` });\n    await consumer.connect();\n    await consumer.subscribe({ topic });\n    await consumer.run({ eachMessage: async ({ message }) => { console.log(message.offset); } });\n  }\n}",
        },
        {
            name: 'Kafka-like object from an unrelated package',
            code: "import express from 'express';\nimport { Kafka } from 'not-a-kafka-client';\nconst app = express();\nconst kafka = new Kafka();\napp.post('/x', async (req, res) => {\n  const producer = kafka.producer();\n  await producer.connect();\n  res.end();\n});",
        },
        {
            name: "ioredis subscribe completion callback runs once, not per message",
            code: "import Redis from 'ioredis';\nconst sub = new Redis();\nsub.subscribe('jobs', (err, count) => {\n  if (err) return;\n  const pub = new Redis();\n  void pub.publish('ready', String(count));\n});",
        },
        {
            name: 'connection in a test callback, not a handler',
            code: "import Redis from 'ioredis';\ndeclare const it: (name: string, fn: () => Promise<void>) => void;\nit('reads back', async () => {\n  const redis = new Redis();\n  await redis.set('k', 'v');\n  await redis.quit();\n});",
        },
    ],
    invalid: [
        {
            name: 'express handler creates and connects a kafkajs producer',
            code: kafkajs +
                "app.post('/orders', async (req, res) => {\n  const producer = kafka.producer();\n  await producer.connect();\n  await producer.send({ topic: 'orders', messages: [{ value: JSON.stringify(req.body) }] });\n  await producer.disconnect();\n  res.sendStatus(202);\n});",
            errors: [{ line: 6, column: 20, endLine: 6, endColumn: 36, message: 'A Kafka producer is created and connected inside a request handler' }],
        },
        {
            name: 'ioredis connection per Kafka message in eachMessage',
            code: "import { Kafka } from 'kafkajs';\nimport Redis from 'ioredis';\nconst consumer = new Kafka({ clientId: 's', brokers: ['b:9092'] }).consumer({ groupId: 'stock' });\n" +
                "await consumer.run({\n  eachMessage: async ({ message }) => {\n    const redis = new Redis();\n    await redis.hincrby('stock', String(message.key), -1);\n    await redis.quit();\n  },\n});",
            errors: [{ line: 6, column: 19, endLine: 6, endColumn: 30, message: 'per-message callback' }],
        },
        {
            name: 'a producer per loop iteration',
            code: "import { Kafka } from 'kafkajs';\nconst kafka = new Kafka({ clientId: 'batch', brokers: ['b:9092'] });\n" +
                "export async function publishAll(events: string[]) {\n  for (const event of events) {\n    const producer = kafka.producer();\n    await producer.connect();\n    await producer.send({ topic: 'events', messages: [{ value: event }] });\n    await producer.disconnect();\n  }\n}",
            errors: [{ line: 5, column: 22, endLine: 5, endColumn: 38, message: 'inside a loop' }],
        },
        {
            name: 'node-redis createClient().on().connect() in a handler',
            code: "import express from 'express';\nimport { createClient } from 'redis';\nconst app = express();\napp.get('/status/:id', async (req, res) => {\n  const client = await createClient({ url: 'redis://cache:6379' }).on('error', console.error).connect();\n  res.json(await client.hGet('order-status', req.params.id));\n  await client.quit();\n});",
            errors: [{ line: 5, column: 24, endLine: 5, endColumn: 67, message: 'A Redis connection' }],
        },
        {
            name: 'ioredis new Redis() in a NestJS route handler',
            code: "import { Controller, Get, Param } from '@nestjs/common';\nimport Redis from 'ioredis';\n" +
                "@Controller('carts')\nexport class CartController {\n  @Get(':id')\n  async get(@Param('id') id: string) {\n    const redis = new Redis(6379, 'cache');\n    try {\n      return await redis.hgetall(`cart:${id}`);\n    } finally {\n      redis.disconnect();\n    }\n  }\n}",
            errors: [{ line: 7, column: 19, endLine: 7, endColumn: 43 }],
        },
        {
            name: 'redis.duplicate() per request for an SSE subscriber (client from another file)',
            files: { 'src/redis.ts': "import Redis from 'ioredis';\nexport const redis = new Redis(process.env.REDIS_URL ?? 'redis://localhost');\n" },
            code: "import type { Request, Response } from 'express';\nimport { redis } from './redis';\nexport async function events(req: Request, res: Response) {\n  const sub = redis.duplicate();\n  await sub.subscribe('price-changed');\n  sub.on('message', (_c: string, m: string) => res.write(`data: ${m}\\n\\n`));\n  req.on('close', () => void sub.quit());\n}",
            errors: [{ line: 4, column: 15, endLine: 4, endColumn: 32, message: 'request handler' }],
        },
        {
            name: 'node-rdkafka Producer per iteration (CommonJS)',
            filename: 'src/backfill.js',
            code: "const Kafka = require('node-rdkafka');\nasync function backfill(rows) {\n  for (const row of rows) {\n    const producer = new Kafka.Producer({ 'metadata.broker.list': 'b:9092' });\n    producer.connect();\n    producer.on('ready', () => {\n      producer.produce('backfill', null, Buffer.from(row));\n      producer.disconnect();\n    });\n  }\n}\nmodule.exports = { backfill };",
            errors: [{ line: 4, column: 22, endLine: 4, endColumn: 78, message: 'A Kafka producer' }],
        },
        {
            name: 'confluent KafkaJS consumer per Next.js GET request',
            code: "import { KafkaJS } from '@confluentinc/kafka-javascript';\nconst kafka = new KafkaJS.Kafka({ kafkaJS: { brokers: ['b:9092'] } });\n" +
                "export async function GET() {\n  const consumer = kafka.consumer({ kafkaJS: { groupId: 'peek' } });\n  await consumer.connect();\n  await consumer.subscribe({ topics: ['audit'] });\n  await consumer.disconnect();\n  return Response.json({ ok: true });\n}",
            errors: [{ line: 4, column: 20, endLine: 4, endColumn: 68, message: 'A Kafka consumer' }],
        },
        {
            name: 'admin client per request inside an asyncHandler wrapper',
            code: kafkajs +
                "declare function asyncHandler<T>(fn: T): T;\n" +
                "app.get('/topics', asyncHandler(async (_rq: unknown, reply: { json(v: unknown): void }) => {\n  const admin = kafka.admin();\n  await admin.connect();\n  reply.json(await admin.listTopics());\n  await admin.disconnect();\n}));",
            errors: [{ line: 7, column: 17, endLine: 7, endColumn: 30, message: 'A Kafka admin client' }],
        },
        {
            name: 'node-redis client per element of forEach',
            code: "import { createClient } from 'redis';\nexport function warm(urls: string[]) {\n  urls.forEach(async (url) => {\n    const client = createClient({ url });\n    await client.connect();\n    await client.set('warm', '1');\n    await client.quit();\n  });\n}",
            errors: [{ line: 4, column: 20, endLine: 4, endColumn: 41, message: 'inside a loop' }],
        },
        {
            name: 'ioredis lazyConnect with an explicit connect() in a handler',
            code: "import express from 'express';\nimport Redis from 'ioredis';\nconst app = express();\napp.get('/x', async (req, res) => {\n  const redis = new Redis({ lazyConnect: true });\n  await redis.connect();\n  res.json(await redis.get('x'));\n});",
            errors: [{ line: 5, column: 17, endLine: 5, endColumn: 49 }],
        },
        {
            name: 'serverless handler creates a connection per invocation',
            code: "import Redis from 'ioredis';\nexport const handler = async (event: { id: string }) => {\n  const redis = new Redis(process.env.REDIS_URL as string);\n  const v = await redis.get(event.id);\n  await redis.quit();\n  return { statusCode: 200, body: v };\n};",
            errors: [{ line: 3, column: 17, endLine: 3, endColumn: 59 }],
        },
        {
            name: 'node-redis connection per Pub/Sub message listener',
            code: "import { createClient } from 'redis';\nconst sub = createClient();\nawait sub.connect();\nawait sub.subscribe('jobs', async (message) => {\n  const client = createClient();\n  await client.connect();\n  await client.lPush('done', message);\n  await client.quit();\n});",
            errors: [{ line: 5, column: 18, endLine: 5, endColumn: 32, message: 'per-message callback' }],
        },
        {
            name: 'ioredis 6 Cluster connection per retry-loop iteration',
            ioredis: 6,
            code: "import { Cluster } from 'ioredis';\nexport async function flushAll(nodes: { host: string; port: number }[]) {\n  for (let i = 0; i < 3; i++) {\n    const cluster = new Cluster(nodes);\n    await cluster.flushall();\n    cluster.disconnect();\n  }\n}",
            errors: [{ line: 4, column: 21, endLine: 4, endColumn: 39, message: 'inside a loop' }],
        },
        {
            name: 'Fastify route object handler with a Koa-style middleware next to it',
            code: "import Fastify from 'fastify';\nimport { createClient } from 'redis';\nconst fastify = Fastify();\n" +
                "fastify.route({\n  method: 'GET',\n  url: '/stock/:sku',\n  handler: async () => {\n    const client = createClient();\n    await client.connect();\n    return client.get('stock');\n  },\n});",
            errors: [{ line: 8, column: 20, endLine: 8, endColumn: 34, message: 'request handler' }],
        },
        {
            name: 'class-method handler with (req, res) parameters and an injected Kafka',
            code: "import { Kafka } from 'kafkajs';\nexport class OrdersHandler {\n  constructor(private readonly kafka: Kafka) {}\n" +
                "  async create(req: any, res: any) {\n    const producer = this.kafka.producer({ idempotent: true });\n    await producer.connect();\n    await producer.send({ topic: 'orders', messages: [{ value: JSON.stringify(req.body) }] });\n    res.status(201).end();\n  }\n}",
            errors: [{ line: 5, column: 22, endLine: 5, endColumn: 63 }],
        },
    ],
});
//# sourceMappingURL=connection-per-request.test.js.map