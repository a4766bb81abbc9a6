import rule from '../../../src/rules/redis/pubsub-critical-data';
import { ruleTester } from '../../helpers/rule-tester';

const ioredis = "import Redis from 'ioredis';\nconst redis = new Redis();\n";
const nodeRedis = "import { createClient } from 'redis';\nconst client = createClient();\n";
const trim = "{ TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: 10000 } }";

ruleTester(rule, {
  valid: [
    { name: 'cache invalidation wins over a critical word', code: `${ioredis}await redis.publish('inventory:cache:invalidate', JSON.stringify({ sku: 'A-1' }));` },
    { name: 'presence channel', code: `${ioredis}export const online = (userId: string) => redis.publish(\`presence:\${userId}\`, JSON.stringify({ userId, status: 'online' }));` },
    { name: 'typing indicator in an order chat', code: `${nodeRedis}export const typing = (orderId: string) => client.publish(\`support:\${orderId}:typing\`, '1');` },
    { name: 'ephemeral word in the payload', code: `${ioredis}export const bust = (orderId: string) => redis.publish('orders', JSON.stringify({ type: 'cache-invalidate', orderId }));` },
    { name: 'unknown channel', code: `${ioredis}export const emit = (channel: string, orderId: string) => redis.publish(channel, JSON.stringify({ orderId }));` },
    { name: 'forwarded channel in a wrapper', code: `${ioredis}export class Events {\n  send(channel: string, ...rest: string[]) { return redis.publish(channel, rest.join(',')); }\n}` },
    { name: 'user class with a publish method', code: "class EventBus {\n  publish(topic: string, data: unknown) { return [topic, data]; }\n}\nconst bus = new EventBus();\nbus.publish('order.created', { orderId: 1 });" },
    { name: 'object from another package', code: "import { PubSub } from 'graphql-subscriptions';\nconst pubsub = new PubSub();\npubsub.publish('ORDER_CREATED', { orderCreated: { id: 1 } });" },
    { name: 'EventEmitter is not Pub/Sub', code: "import { EventEmitter } from 'node:events';\nconst emitter = new EventEmitter();\nemitter.emit('payment', { amount: 1 });" },
    { name: 'reorder and border are not order', code: `${ioredis}await redis.publish('playlist:reorder', 'x');\nawait redis.publish('ui:border-color', 'y');` },
    { name: 'a sort order is not an order', code: `${ioredis}await redis.publish('board:columns', JSON.stringify({ sortOrder: 'asc' }));` },
    { name: 'XADD instead of PUBLISH', code: `${ioredis}await redis.xadd('orders', 'MAXLEN', '~', 10000, '*', 'orderId', '42');` },
    { name: 'words outside the configured vocabulary', code: `${ioredis}await redis.publish('orders', '42');`, config: { criticalVocabulary: ['payout'] } },
  ],
  invalid: [
    {
      name: 'ioredis, critical channel, multi-line call',
      code: `${ioredis}export async function placeOrder(orderId: string) {\n  await redis.publish(\n    'order-created',\n    JSON.stringify({ orderId }),\n  );\n}`,
      errors: [{
        line: 4, column: 9, endLine: 7, endColumn: 4, message: "'order' in the channel name 'order-created'",
        suggestions: [{
          desc: 'Append to a capped Stream instead (XADD MAXLEN ~ 10000); consumers must then read it with XREADGROUP in a consumer group and XACK each entry',
          output: `${ioredis}export async function placeOrder(orderId: string) {\n  await redis.xadd(\n    'order-created', 'MAXLEN', '~', 10000, '*', 'payload',\n    JSON.stringify({ orderId }),\n  );\n}`,
        }],
      }],
    },
    {
      name: 'node-redis publish',
      code: `${nodeRedis}await client.publish('payment:captured', JSON.stringify({ id: 1 }));`,
      errors: [{ line: 3, column: 7, endLine: 3, endColumn: 68, message: "'payment'", suggestions: [{ output: `${nodeRedis}await client.xAdd('payment:captured', '*', { payload: JSON.stringify({ id: 1 }) }, ${trim});` }] }],
    },
    {
      name: 'node-redis sPublish',
      code: `${nodeRedis}export const refund = (id: string) => client.sPublish('refunds', id);`,
      errors: [{ line: 3, column: 39, endLine: 3, endColumn: 69, message: 'SPUBLISH', suggestions: [{ output: `${nodeRedis}export const refund = (id: string) => client.xAdd('refunds', '*', { payload: id }, ${trim});` }] }],
    },
    {
      name: 'ioredis generic call()',
      code: `${ioredis}await redis.call('publish', 'refunds', 'r-1');`,
      errors: [{ line: 3, column: 7, endLine: 3, endColumn: 46, suggestions: [{ output: `${ioredis}await redis.call('xadd', 'refunds', 'MAXLEN', '~', 10000, '*', 'payload', 'r-1');` }] }],
    },
    {
      name: 'node-redis sendCommand',
      code: `${nodeRedis}await client.sendCommand(['PUBLISH', 'invoices', 'i-1']);`,
      errors: [{ line: 3, column: 7, endLine: 3, endColumn: 57, suggestions: [{ output: `${nodeRedis}await client.sendCommand(['XADD', 'invoices', 'MAXLEN', '~', '10000', '*', 'payload', 'i-1']);` }] }],
    },
    {
      name: 'critical key in the payload of a neutral channel',
      code: `${ioredis}export const emit = (orderId: string) => redis.publish('events', JSON.stringify({ orderId }));`,
      errors: [{ line: 3, column: 42, endLine: 3, endColumn: 94, message: "'order' in the payload published on 'events'", suggestions: [{ output: `${ioredis}export const emit = (orderId: string) => redis.xadd('events', 'MAXLEN', '~', 10000, '*', 'payload', JSON.stringify({ orderId }));` }] }],
    },
    {
      name: 'unresolved payload named after the data',
      code: `${ioredis}export const emit = (invoice: object) => redis.publish('events', JSON.stringify(invoice));`,
      errors: [{ line: 3, column: 42, endLine: 3, endColumn: 90, message: "'invoice'", suggestions: [{ output: `${ioredis}export const emit = (invoice: object) => redis.xadd('events', 'MAXLEN', '~', 10000, '*', 'payload', JSON.stringify(invoice));` }] }],
    },
    {
      name: 'spread arguments: reported, but no suggestion',
      code: `${ioredis}export const emit = (...args: [string]) => redis.publish('orders', ...args);`,
      errors: [{ line: 3, column: 44, endLine: 3, endColumn: 76 }],
    },
    {
      name: 'class field with a template channel',
      code: "import Redis from 'ioredis';\nexport class Orders {\n  private readonly redis = new Redis();\n  paid(id: string) { return this.redis.publish(`orders:${id}:paid`, id); }\n}",
      errors: [{ line: 4, column: 29, endLine: 4, endColumn: 72, message: "'orders:*:paid'", suggestions: [{ output: "import Redis from 'ioredis';\nexport class Orders {\n  private readonly redis = new Redis();\n  paid(id: string) { return this.redis.xadd(`orders:${id}:paid`, 'MAXLEN', '~', 10000, '*', 'payload', id); }\n}" }] }],
    },
    {
      name: 'constructor-injected client, channel from a const',
      code: "import Redis from 'ioredis';\nconst CHANNEL = 'ledger.entries';\nexport class Ledger {\n  constructor(private readonly redis: Redis) {}\n  post(entry: string) { return this.redis.publish(CHANNEL, entry); }\n}",
      errors: [{ line: 5, column: 32, endLine: 5, endColumn: 66, suggestions: [{ output: "import Redis from 'ioredis';\nconst CHANNEL = 'ledger.entries';\nexport class Ledger {\n  constructor(private readonly redis: Redis) {}\n  post(entry: string) { return this.redis.xadd(CHANNEL, 'MAXLEN', '~', 10000, '*', 'payload', entry); }\n}" }] }],
    },
    {
      name: 'instance exported from another file',
      code: "import { redis } from './redis';\nexport const ship = (s: string) => redis.publish('shipment.dispatched', s);",
      files: { 'src/redis.ts': ioredis.replace('const redis', 'export const redis') },
      errors: [{ line: 2, column: 36, endLine: 2, endColumn: 75, suggestions: [{ output: "import { redis } from './redis';\nexport const ship = (s: string) => redis.xadd('shipment.dispatched', 'MAXLEN', '~', 10000, '*', 'payload', s);" }] }],
    },
    {
      name: 'CommonJS require',
      filename: 'src/case.js',
      code: "const Redis = require('ioredis');\nconst redis = new Redis();\nredis.publish(\"checkout.completed\", JSON.stringify({ cartId: 7 }));",
      errors: [{ line: 3, column: 1, endLine: 3, endColumn: 67, suggestions: [{ output: "const Redis = require('ioredis');\nconst redis = new Redis();\nredis.xadd(\"checkout.completed\", \"MAXLEN\", \"~\", 10000, \"*\", \"payload\", JSON.stringify({ cartId: 7 }));" }] }],
    },
    {
      name: 'lazily created singleton',
      code: "import Redis from 'ioredis';\nlet client: Redis | undefined;\nfunction getRedis() { return (client ??= new Redis()); }\nexport const record = (m: string) => getRedis().publish('transactions', m);",
      errors: [{ line: 4, column: 38, endLine: 4, endColumn: 75, suggestions: [{ output: "import Redis from 'ioredis';\nlet client: Redis | undefined;\nfunction getRedis() { return (client ??= new Redis()); }\nexport const record = (m: string) => getRedis().xadd('transactions', 'MAXLEN', '~', 10000, '*', 'payload', m);" }] }],
    },
    {
      name: 'status "in progress" is not a progress report',
      code: `${ioredis}await redis.publish('events', JSON.stringify({ type: 'ORDER_UPDATED', status: 'IN_PROGRESS' }));`,
      errors: [{ line: 3, column: 7, endLine: 3, endColumn: 96, message: "'order'", suggestions: [{ output: `${ioredis}await redis.xadd('events', 'MAXLEN', '~', 10000, '*', 'payload', JSON.stringify({ type: 'ORDER_UPDATED', status: 'IN_PROGRESS' }));` }] }],
    },
    {
      name: 'configured vocabulary',
      code: `${ioredis}await redis.publish('payouts', '42');`,
      config: { criticalVocabulary: ['payout'] },
      errors: [{ line: 3, column: 7, endLine: 3, endColumn: 37, message: "'payouts'", suggestions: [{ output: `${ioredis}await redis.xadd('payouts', 'MAXLEN', '~', 10000, '*', 'payload', '42');` }] }],
    },
  ],
});
