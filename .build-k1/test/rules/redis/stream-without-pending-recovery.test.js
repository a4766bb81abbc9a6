"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const stream_without_pending_recovery_1 = __importDefault(require("../../../src/rules/redis/stream-without-pending-recovery"));
const rule_tester_1 = require("../../helpers/rule-tester");
const ioredis = "import Redis from 'ioredis';\nconst redis = new Redis();\n";
const nodeRedis = "import { createClient } from 'redis';\nconst client = createClient();\n";
const read = "redis.xreadgroup('GROUP', 'billing', 'billing-1', 'COUNT', 10, 'STREAMS', 'orders:events', '>')";
const worker = `${ioredis}export async function work() {\n  const reply = await ${read};\n  await redis.xack('orders:events', 'billing', String(reply));\n}`;
(0, rule_tester_1.ruleTester)(stream_without_pending_recovery_1.default, {
    valid: [
        {
            name: 'XAUTOCLAIM in the same file',
            code: `${worker}\nexport const reclaim = (c: string) => redis.xautoclaim('orders:events', 'billing', c, 60000, '0-0', 'COUNT', 100);`,
        },
        {
            name: 'XAUTOCLAIM in another file',
            code: worker,
            files: { 'src/janitor.ts': `${ioredis}setInterval(() => redis.xautoclaim('orders:events', 'billing', 'janitor', 60000, '0-0'), 30000);` },
        },
        {
            name: 'node-redis xClaim after xPending, in another file',
            code: `${nodeRedis}export const next = () => client.xReadGroup('g', 'c', { key: 's', id: '>' });`,
            files: { 'src/claim.ts': `${nodeRedis}export async function steal(ids: string[]) {\n  await client.xPending('s', 'g');\n  return client.xClaim('s', 'g', 'me', 60000, ids);\n}` },
        },
        {
            name: 'node-redis xAutoClaimJustId',
            code: `${nodeRedis}export async function work() {\n  await client.xAutoClaimJustId('s', 'g', 'c', 60000, '0-0');\n  return client.xReadGroup('g', 'c', { key: 's', id: '>' });\n}`,
        },
        {
            name: 'XREADGROUP … CLAIM reclaims while reading (ioredis 6)',
            code: `${ioredis}export const next = () => redis.xreadgroup('GROUP', 'g', 'c', 'COUNT', 10, 'CLAIM', 60000, 'STREAMS', 's', '>');`,
            ioredis: 6,
        },
        {
            name: 'node-redis CLAIM option on another read in the workspace',
            code: `${nodeRedis}export const next = () => client.xReadGroup('g', 'c', { key: 's', id: '>' }, { COUNT: 10 });`,
            files: { 'src/recover.ts': `${nodeRedis}export const recover = () => client.xReadGroup('g', 'c', { key: 's', id: '>' }, { CLAIM: 60000 });` },
        },
        {
            name: 'generic call() XAUTOCLAIM',
            code: `${worker}\nexport const reclaim = () => redis.call('XAUTOCLAIM', 'orders:events', 'billing', 'c', 60000, '0-0');`,
        },
        {
            name: 'NOACK reads leave nothing pending to reclaim',
            code: `${ioredis}export const next = () => redis.xreadgroup('GROUP', 'metrics', 'm-1', 'NOACK', 'STREAMS', 'metrics', '>');`,
        },
        {
            name: 'a Lua script registered with defineCommand in another file reclaims',
            code: worker,
            files: { 'src/scripts.ts': `${ioredis}redis.defineCommand('reclaim', { numberOfKeys: 1, lua: \`return redis.call("XAUTOCLAIM", KEYS[1], ARGV[1], ARGV[2], ARGV[3], '0-0')\` });` },
        },
        {
            name: 'a user class and an unrelated package with xreadgroup methods',
            code: "import { Bus } from '@acme/bus';\nclass Fake { xreadgroup(...a: unknown[]) { return a; } }\nnew Fake().xreadgroup('GROUP', 'g', 'c', 'STREAMS', 's', '>');\nnew Bus().xreadgroup('GROUP', 'g', 'c', 'STREAMS', 's', '>');",
        },
        {
            name: 'plain XREAD without a group',
            code: `${ioredis}export const tail = () => redis.xread('BLOCK', 0, 'STREAMS', 'orders:events', '$');`,
        },
    ],
    invalid: [
        {
            name: 'ioredis worker that acknowledges but never reclaims',
            code: worker,
            errors: [{ line: 4, column: 23, endLine: 4, endColumn: 118, message: 'XAUTOCLAIM' }],
        },
        {
            name: 'node-redis xReadGroup; XPENDING alone does not reclaim',
            code: `${nodeRedis}export async function work() {\n  console.log(await client.xPending('s', 'g'));\n  return client.xReadGroup('g', 'c', { key: 's', id: '>' }, { COUNT: 10, BLOCK: 5000 });\n}`,
            errors: [{ line: 5, column: 10, endLine: 5, endColumn: 88 }],
        },
        {
            name: 'each read in the file is reported',
            code: `${ioredis}export async function work() {\n  await redis.xreadgroup('GROUP', 'g', 'c', 'STREAMS', 's', '0');\n  await redis.xreadgroup('GROUP', 'g', 'c', 'BLOCK', 0, 'STREAMS', 's', '>');\n}`,
            errors: [
                { line: 4, column: 9, endLine: 4, endColumn: 65 },
                { line: 5, column: 9, endLine: 5, endColumn: 77 },
            ],
        },
        {
            name: 'generic call() and sendCommand() reads',
            code: `${ioredis}${nodeRedis}export async function work() {\n  await redis.call('XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 'jobs', '>');\n  await client.sendCommand(['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 'jobs', '>']);\n}`,
            errors: [
                { line: 6, column: 9, endLine: 6, endColumn: 76 },
                { line: 7, column: 9, endLine: 7, endColumn: 86 },
            ],
        },
        {
            name: 'constructor-injected client with a computed stream key',
            code: "import Redis from 'ioredis';\nexport class Consumer {\n  constructor(private readonly redis: Redis) {}\n  next(stream: string) {\n    return this.redis.xreadgroup('GROUP', 'g', 'c', 'STREAMS', stream, '>');\n  }\n}",
            errors: [{ line: 5, column: 12, endLine: 5, endColumn: 76 }],
        },
        {
            name: 'CommonJS worker',
            filename: 'src/worker.js',
            code: "const Redis = require('ioredis');\nconst redis = new Redis();\nmodule.exports = () => redis.xreadgroup('GROUP', 'mail', 'm-1', 'BLOCK', 0, 'STREAMS', 'mail:out', '>');",
            errors: [{ line: 3, column: 24, endLine: 3, endColumn: 104 }],
        },
        {
            name: 'client exported from another file; reclaim only in a comment',
            code: "import { redis } from './redis';\n// TODO: XAUTOCLAIM stalled entries\nexport const next = () => redis.xreadgroup('GROUP', 'g', 'c', 'STREAMS', 's', '>');",
            files: { 'src/redis.ts': "import Redis from 'ioredis';\nexport const redis = new Redis();\n" },
            errors: [{ line: 3, column: 27, endLine: 3, endColumn: 83 }],
        },
        {
            name: 'options passed in: NOACK not known to be set',
            code: `${nodeRedis}import type { XReadGroupOptions } from '@redis/client/dist/lib/commands/XREADGROUP';\nexport const next = (opts: XReadGroupOptions) => client.xReadGroup('g', 'c', { key: 's', id: '>' }, opts);`,
            errors: [{ line: 4, column: 50, endLine: 4, endColumn: 106 }],
        },
        {
            name: 'lazily created singleton client',
            code: "import Redis from 'ioredis';\nlet client: Redis | undefined;\nconst getRedis = () => (client ??= new Redis());\nexport const next = () => getRedis().xreadgroup('GROUP', 'g', 'c', 'STREAMS', 's', '>');",
            errors: [{ line: 4, column: 27, endLine: 4, endColumn: 88 }],
        },
    ],
});
//# sourceMappingURL=stream-without-pending-recovery.test.js.map