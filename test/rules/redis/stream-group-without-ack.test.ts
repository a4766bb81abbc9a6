import rule from '../../../src/rules/redis/stream-group-without-ack';
import { ruleTester } from '../../helpers/rule-tester';

const ioredis = "import Redis from 'ioredis';\nconst redis = new Redis();\n";
const nodeRedis = "import { createClient } from 'redis';\nconst client = createClient();\n";
const read = "redis.xreadgroup('GROUP', 'billing', 'billing-1', 'COUNT', 10, 'BLOCK', 5000, 'STREAMS', 'orders:events', '>')";

ruleTester(rule, {
  valid: [
    {
      name: 'XACK of the same key in the same loop',
      code: `${ioredis}export async function work() {\n  for (;;) {\n    const reply = await ${read};\n    await redis.xack('orders:events', 'billing', String(reply));\n  }\n}`,
    },
    {
      name: 'XACK in another file',
      code: `${ioredis}export const next = () => ${read};`,
      files: { 'src/ack.ts': `${ioredis}export const done = (id: string) => redis.xack('orders:events', 'billing', id);` },
    },
    {
      name: 'XACK through a helper whose key is a parameter',
      code: `${ioredis}export const next = () => ${read};`,
      files: { 'src/ack.ts': `${ioredis}export const ack = (stream: string, group: string, id: string) => redis.xack(stream, group, id);` },
    },
    {
      name: 'node-redis xReadGroup and xAck',
      code: `${nodeRedis}export async function work() {\n  const res = await client.xReadGroup('refunds', 'r-1', { key: 'refunds:requested', id: '>' }, { COUNT: 10, BLOCK: 5000 });\n  for (const m of res?.[0]?.messages ?? []) await client.xAck('refunds:requested', 'refunds', m.id);\n}`,
    },
    {
      name: 'node-redis xReadGroup with an array of streams, acknowledged with xAckDel',
      code: `${nodeRedis}export async function work() {\n  await client.xReadGroup('g', 'c', [{ key: 'a', id: '>' }, { key: 'b', id: '>' }]);\n  await client.xAckDel('a', 'g', '1-0');\n  await client.xAck('b', 'g', '1-0');\n}`,
    },
    {
      name: 'unknown stream key, and the workspace acknowledges something',
      code: `${ioredis}export const next = (stream: string) => redis.xreadgroup('GROUP', 'g', 'c', 'STREAMS', stream, '>');\nexport const ack = (id: string) => redis.xack('audit', 'g', id);`,
    },
    {
      name: 'forwarded arguments hide the keys',
      code: `${ioredis}export const next = (...args: string[]) => redis.xreadgroup('GROUP', 'g', 'c', ...args);`,
      files: { 'src/ack.ts': `${ioredis}export const ack = (id: string) => redis.xack('audit', 'g', id);` },
    },
    {
      name: 'templated keys that may be the same stream',
      code: `${ioredis}export const next = (shard: number) => redis.xreadgroup('GROUP', 'g', 'c', 'STREAMS', \`orders:\${shard}\`, '>');\nexport const ack = (s: number, id: string) => redis.xack(\`orders:\${s}\`, 'g', id);`,
    },
    {
      name: 'generic call() read and acknowledgement',
      code: `${ioredis}export async function work() {\n  await redis.call('XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 'jobs', '>');\n  await redis.call('XACK', 'jobs', 'g', '1-0');\n}`,
    },
    {
      name: 'acknowledged inside a Lua script',
      code: `${ioredis}export async function work() {\n  await ${read};\n  await redis.eval("redis.call('XACK', KEYS[1], ARGV[1], ARGV[2]); return redis.call('XDEL', KEYS[1], ARGV[2])", 1, 'orders:events', 'billing', '1-0');\n}`,
    },
    {
      name: 'acknowledged from Lua with pcall, the command in lower case, after other redis.* calls',
      code: `${ioredis}export async function work() {\n  await ${read};\n  await redis.eval("local n = redis.call('XLEN', KEYS[1]); redis.pcall( 'xackdel', KEYS[1], ARGV[1], ARGV[2]); return n", 1, 'orders:events', 'billing', '1-0');\n}`,
    },
    {
      name: 'a user class and an unrelated package with xreadgroup methods',
      code: "import { Bus } from '@acme/bus';\nclass Fake { xreadgroup(...a: unknown[]) { return a; } }\nnew Fake().xreadgroup('GROUP', 'g', 'c', 'NOACK', 'STREAMS', 's', '>');\nnew Bus().xreadgroup('GROUP', 'g', 'c', 'NOACK', 'STREAMS', 's', '>');",
    },
    {
      name: 'plain XREAD without a group',
      code: `${ioredis}export const tail = () => redis.xread('BLOCK', 0, 'STREAMS', 'orders:events', '$');`,
    },
  ],
  invalid: [
    {
      name: 'ioredis read never acknowledged',
      code: `${ioredis}export async function work() {\n  for (;;) {\n    const reply = await ${read};\n    console.log(reply);\n  }\n}`,
      errors: [{ line: 5, column: 25, endLine: 5, endColumn: 135, message: "stream 'orders:events' through a consumer group, but nothing in the workspace XACKs" }],
    },
    {
      name: 'NOACK fires even when the key is acknowledged',
      code: `${ioredis}export async function work() {\n  await redis.xreadgroup('GROUP', 'refunds', 'r-1', 'NOACK', 'STREAMS', 'refunds:requested', '>');\n  await redis.xack('refunds:requested', 'refunds', '1-0');\n}`,
      errors: [{ line: 4, column: 9, endLine: 4, endColumn: 98, message: 'with NOACK' }],
    },
    {
      name: 'node-redis xReadGroup never acknowledged',
      code: `${nodeRedis}export const next = () => client.xReadGroup('shipping', 's-1', { key: 'shipments', id: '>' }, { COUNT: 10 });`,
      errors: [{ line: 3, column: 27, endLine: 3, endColumn: 109, message: "stream 'shipments'" }],
    },
    {
      name: 'node-redis NOACK option',
      code: `${nodeRedis}export async function work() {\n  await client.xReadGroup('g', 'c', { key: 'payments', id: '>' }, { NOACK: true });\n  await client.xAck('payments', 'g', '1-0');\n}`,
      errors: [{ line: 4, column: 9, endLine: 4, endColumn: 83, message: 'with NOACK' }],
    },
    {
      name: 'node-redis v4 commandOptions before the group, NOACK option',
      code: "import { createClient, commandOptions } from 'redis';\nconst client = createClient();\nexport const next = () => client.xReadGroup(commandOptions({ isolated: true }), 'g', 'c', { key: 'k', id: '>' }, { BLOCK: 0, NOACK: true });\nexport const ack = (id: string) => client.xAck('k', 'g', id);",
      errors: [{ line: 3, column: 27, endLine: 3, endColumn: 140, message: "stream 'k' with NOACK" }],
    },
    {
      name: 'the only XACK is for another stream, in another file',
      code: `${ioredis}export const next = () => ${read};`,
      files: { 'src/ack.ts': `${ioredis}export const done = (id: string) => redis.xack('payments:events', 'billing', id);` },
      errors: [{ line: 3, column: 27, endLine: 3, endColumn: 137 }],
    },
    {
      name: 'one of two node-redis streams is acknowledged',
      code: `${nodeRedis}export async function work() {\n  await client.xReadGroup('g', 'c', [{ key: 'a', id: '>' }, { key: 'b', id: '>' }]);\n  await client.xAck('a', 'g', '1-0');\n}`,
      errors: [{ line: 4, column: 9, endLine: 4, endColumn: 84, message: "stream 'b' through" }],
    },
    {
      name: 'generic call() and sendCommand() reads',
      code: `${ioredis}${nodeRedis}export async function work() {\n  await redis.call('XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 'jobs', '>');\n  await client.sendCommand(['XREADGROUP', 'GROUP', 'g', 'c', 'NOACK', 'STREAMS', 'jobs', '>']);\n}`,
      errors: [
        { line: 6, column: 9, endLine: 6, endColumn: 76, message: "stream 'jobs' through" },
        { line: 7, column: 9, endLine: 7, endColumn: 95, message: 'with NOACK' },
      ],
    },
    {
      name: 'unknown stream key and no XACK anywhere, constructor-injected client',
      code: "import Redis from 'ioredis';\nexport class Consumer {\n  constructor(private readonly redis: Redis) {}\n  next(stream: string) {\n    return this.redis.xreadgroup('GROUP', 'g', 'c', 'STREAMS', stream, '>');\n  }\n}",
      errors: [{ line: 5, column: 12, endLine: 5, endColumn: 76, message: 'reads a stream through' }],
    },
    {
      name: 'CommonJS worker without XACK',
      filename: 'src/worker.js',
      code: "const Redis = require('ioredis');\nconst redis = new Redis();\nmodule.exports = () => redis.xreadgroup('GROUP', 'mail', 'm-1', 'BLOCK', 0, 'STREAMS', 'mail:out', '>');",
      errors: [{ line: 3, column: 24, endLine: 3, endColumn: 104 }],
    },
  ],
});
