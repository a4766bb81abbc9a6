"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const list_queue_without_ack_1 = __importDefault(require("../../../src/rules/redis/list-queue-without-ack"));
const rule_tester_1 = require("../../helpers/rule-tester");
const ioredis = "import Redis from 'ioredis';\nconst redis = new Redis();\n";
const nodeRedis = "import { createClient } from 'redis';\nconst client = createClient();\n";
(0, rule_tester_1.ruleTester)(list_queue_without_ack_1.default, {
    valid: [
        {
            name: 'BLMOVE reliable queue with LREM after success',
            code: `${ioredis}export async function work(handle: (job: string) => Promise<void>) {\n  for (;;) {\n    const job = await redis.blmove('q:email', 'q:email:processing', 'RIGHT', 'LEFT', 0);\n    if (job === null) continue;\n    await handle(job);\n    await redis.lrem('q:email:processing', 1, job);\n  }\n}`,
        },
        {
            name: 'BRPOPLPUSH / RPOPLPUSH and node-redis lMove',
            code: `${ioredis}${nodeRedis}export async function work() {\n  while (true) {\n    await redis.brpoplpush('q', 'q:processing', 0);\n    await redis.rpoplpush('q', 'q:processing');\n    await client.lMove('q', 'q:processing', 'RIGHT', 'LEFT');\n  }\n}`,
        },
        {
            name: 'LPOP as a stack on a key nobody pushes to, outside loops',
            code: `${ioredis}export async function undoLast(user: string) {\n  const last = await redis.lpop('undo:last');\n  return last;\n}`,
        },
        {
            name: 'popped value thrown away: capping a recent-items list, even in a loop and with pushes',
            code: `${ioredis}export async function remember(id: string) {\n  await redis.lpush('recent:views', id);\n  while ((await redis.llen('recent:views')) > 100) await redis.rpop('recent:views');\n}`,
        },
        {
            name: 'unknown key does not match a pushed key',
            code: `${ioredis}export async function take(key: string) {\n  return redis.rpop(key);\n}`,
            files: { 'src/producer.ts': `${ioredis}export const enqueue = (job: string) => redis.lpush('jobs:email', job);` },
        },
        {
            name: 'pushed key differs from the popped one',
            code: `${ioredis}export async function take() {\n  return redis.lpop('jobs:sms');\n}`,
            files: { 'src/producer.ts': `${ioredis}export const enqueue = (job: string) => redis.lpush('jobs:email', job);` },
        },
        {
            name: 'spread arguments hide the key',
            code: `${ioredis}export async function take(args: [string]) {\n  return redis.rpop(...args);\n}`,
            files: { 'src/producer.ts': `${ioredis}export const enqueue = (job: string) => redis.lpush('jobs:email', job);` },
        },
        {
            name: 'a user class with rpop/brpop methods',
            code: "class Deck {\n  rpop(key: string) { return key; }\n  brpop(key: string, timeout: number) { return [key, timeout]; }\n}\nconst deck = new Deck();\nfor (;;) { deck.brpop('cards', 0); const c = deck.rpop('cards'); if (c) break; }",
        },
        {
            name: 'an object from an unrelated package with the same method names',
            code: "import { ListStore } from '@acme/list-store';\nconst store = new ListStore();\nexport async function run() {\n  for (;;) { const job = await store.brpop('jobs', 0); console.log(await store.rpop(job)); }\n}",
        },
        {
            name: 'one-off pop in a request handler on a key nobody pushes to',
            code: `${ioredis}import express from 'express';\nconst app = express();\napp.post('/draw', async (_req, res) => {\n  res.json({ ticket: await redis.lpop('raffle:tickets') });\n});`,
        },
        {
            name: 'a scheduled function that does not pop; the popping helper is neither scheduled nor recursive',
            code: `${ioredis}async function report() { console.log(await redis.llen('q')); }\nexport async function takeOne() { return redis.rpop('stack:undo'); }\nsetInterval(report, 1000);`,
        },
    ],
    invalid: [
        {
            name: 'ioredis BRPOP in a worker loop',
            code: `${ioredis}export async function work() {\n  for (;;) {\n    const popped = await redis.brpop('q:email', 0);\n    console.log(popped);\n  }\n}`,
            errors: [
                {
                    line: 5,
                    column: 26,
                    endLine: 5,
                    endColumn: 51,
                    message: "BRPOP takes the job off list 'q:email'",
                    suggestions: [
                        {
                            desc: "Move the job into 'q:email:processing' with BLMOVE instead (it returns the element itself instead of [key, element], so adjust the code that reads the result); LREM it from there once it is processed",
                            output: `${ioredis}export async function work() {\n  for (;;) {\n    const popped = await redis.blmove('q:email', 'q:email:processing', 'RIGHT', 'LEFT', 0);\n    console.log(popped);\n  }\n}`,
                        },
                    ],
                },
            ],
        },
        {
            name: 'BLPOP on a constructor-injected client with a computed key',
            code: "import Redis from 'ioredis';\nexport class Worker {\n  constructor(private readonly redis: Redis, private readonly queue: string) {}\n  async next() {\n    return this.redis.blpop(this.queue, 5);\n  }\n}",
            errors: [
                {
                    line: 5,
                    column: 12,
                    endLine: 5,
                    endColumn: 43,
                    message: 'BLPOP takes the job off its list (a blocking pop',
                    suggestions: [{ output: "import Redis from 'ioredis';\nexport class Worker {\n  constructor(private readonly redis: Redis, private readonly queue: string) {}\n  async next() {\n    return this.redis.blmove(this.queue, `${this.queue}:processing`, 'LEFT', 'LEFT', 5);\n  }\n}" }],
                },
            ],
        },
        {
            name: 'node-redis brPop with a template key',
            code: `${nodeRedis}export async function next(tenant: string) {\n  const res = await client.brPop(\`jobs:\${tenant}\`, 0);\n  return res?.element;\n}`,
            errors: [
                {
                    line: 4,
                    column: 21,
                    endLine: 4,
                    endColumn: 54,
                    message: "list 'jobs:*'",
                    suggestions: [
                        {
                            desc: "Move the job into `jobs:${tenant}:processing` with BLMOVE instead (it returns the element itself instead of { key, element }, so adjust the code that reads the result); LREM it from there once it is processed",
                            output: `${nodeRedis}export async function next(tenant: string) {\n  const res = await client.blMove(\`jobs:\${tenant}\`, \`jobs:\${tenant}:processing\`, 'RIGHT', 'LEFT', 0);\n  return res?.element;\n}`,
                        },
                    ],
                },
            ],
        },
        {
            name: 'node-redis rPop in a drain loop, key pushed with lPush (doc example)',
            code: `${nodeRedis}export async function enqueueInvoice(id: string) {\n  await client.lPush('jobs:invoices', id);\n}\nexport async function drain(render: (id: string) => Promise<void>) {\n  while (true) {\n    const id = await client.rPop('jobs:invoices');\n    if (id === null) break;\n    await render(id);\n  }\n}`,
            errors: [
                {
                    line: 8,
                    column: 22,
                    endLine: 8,
                    endColumn: 50,
                    message: 'inside a loop',
                    suggestions: [
                        {
                            desc: "Move the job into 'jobs:invoices:processing' with LMOVE instead (it returns the element, as the pop did); LREM it from there once it is processed",
                            output: `${nodeRedis}export async function enqueueInvoice(id: string) {\n  await client.lPush('jobs:invoices', id);\n}\nexport async function drain(render: (id: string) => Promise<void>) {\n  while (true) {\n    const id = await client.lMove('jobs:invoices', 'jobs:invoices:processing', 'RIGHT', 'LEFT');\n    if (id === null) break;\n    await render(id);\n  }\n}`,
                        },
                    ],
                },
            ],
        },
        {
            name: 'LPOP in a setInterval callback',
            code: `${ioredis}setInterval(async () => {\n  const job = await redis.lpop('jobs:thumbnails');\n  if (job) console.log(job);\n}, 1000);`,
            errors: [
                {
                    line: 4,
                    column: 21,
                    endLine: 4,
                    endColumn: 50,
                    message: 'run by a timer',
                    suggestions: [{ output: `${ioredis}setInterval(async () => {\n  const job = await redis.lmove('jobs:thumbnails', 'jobs:thumbnails:processing', 'LEFT', 'LEFT');\n  if (job) console.log(job);\n}, 1000);` }],
                },
            ],
        },
        {
            name: 'RPOP in a named function scheduled with setInterval(poll), client exported from another file',
            code: "import { redis } from './redis';\nasync function poll() {\n  const job = await redis.rpop('jobs:pdf');\n  if (job) console.log(job);\n}\nsetInterval(poll, 500);",
            files: { 'src/redis.ts': "import Redis from 'ioredis';\nexport const redis = new Redis();\n" },
            errors: [
                {
                    line: 3,
                    column: 21,
                    endLine: 3,
                    endColumn: 43,
                    message: 'run by a timer',
                    suggestions: [{ output: "import { redis } from './redis';\nasync function poll() {\n  const job = await redis.lmove('jobs:pdf', 'jobs:pdf:processing', 'RIGHT', 'LEFT');\n  if (job) console.log(job);\n}\nsetInterval(poll, 500);" }],
                },
            ],
        },
        {
            name: 'a class method scheduled through an arrow wrapper',
            code: "import Redis from 'ioredis';\nexport class Poller {\n  private readonly redis = new Redis();\n  start() { setInterval(() => void this.tick(), 1000); }\n  private async tick() {\n    const job = await this.redis.rpop('jobs:resize');\n    return job;\n  }\n}",
            errors: [{ line: 6, column: 23, endLine: 6, endColumn: 53, suggestions: [{ output: "import Redis from 'ioredis';\nexport class Poller {\n  private readonly redis = new Redis();\n  start() { setInterval(() => void this.tick(), 1000); }\n  private async tick() {\n    const job = await this.redis.lmove('jobs:resize', 'jobs:resize:processing', 'RIGHT', 'LEFT');\n    return job;\n  }\n}" }] }],
        },
        {
            name: 'a worker that re-schedules itself (CommonJS)',
            filename: 'src/worker.js',
            code: "const Redis = require('ioredis');\nconst redis = new Redis();\nasync function next() {\n  const job = await redis.lpop('jobs');\n  if (job) console.log(job);\n  setImmediate(next);\n}\nnext();",
            errors: [{ line: 4, column: 21, endLine: 4, endColumn: 39, message: 'keeps calling itself', suggestions: [{ output: "const Redis = require('ioredis');\nconst redis = new Redis();\nasync function next() {\n  const job = await redis.lmove('jobs', 'jobs:processing', 'LEFT', 'LEFT');\n  if (job) console.log(job);\n  setImmediate(next);\n}\nnext();" }] }],
        },
        {
            name: 'one-off RPOP of a key LPUSHed in another file, lazily created singleton client',
            code: "import Redis from 'ioredis';\nlet client: Redis | undefined;\nfunction getRedis(): Redis {\n  if (!client) client = new Redis();\n  return client;\n}\nexport async function takeEmail() {\n  return getRedis().rpop('jobs:email');\n}",
            files: { 'src/producer.ts': `${ioredis}export const enqueue = (job: string) => redis.lpush('jobs:email', job);` },
            errors: [{ line: 8, column: 10, endLine: 8, endColumn: 39, message: 'also fills that list', suggestions: [{ output: "import Redis from 'ioredis';\nlet client: Redis | undefined;\nfunction getRedis(): Redis {\n  if (!client) client = new Redis();\n  return client;\n}\nexport async function takeEmail() {\n  return getRedis().lmove('jobs:email', 'jobs:email:processing', 'RIGHT', 'LEFT');\n}" }] }],
        },
        {
            name: 'generic call() and sendCommand() blocking pops',
            code: `${ioredis}${nodeRedis}export async function next() {\n  const a = await redis.call('BRPOP', 'q:a', 0);\n  const b = await client.sendCommand(['BLPOP', 'q:b', '0']);\n  return [a, b];\n}`,
            errors: [
                { line: 6, column: 19, endLine: 6, endColumn: 48, suggestions: [{ output: `${ioredis}${nodeRedis}export async function next() {\n  const a = await redis.call('BLMOVE', 'q:a', 'q:a:processing', 'RIGHT', 'LEFT', 0);\n  const b = await client.sendCommand(['BLPOP', 'q:b', '0']);\n  return [a, b];\n}` }] },
                { line: 7, column: 19, endLine: 7, endColumn: 60, suggestions: [{ output: `${ioredis}${nodeRedis}export async function next() {\n  const a = await redis.call('BRPOP', 'q:a', 0);\n  const b = await client.sendCommand(['BLMOVE', 'q:b', 'q:b:processing', 'LEFT', 'LEFT', '0']);\n  return [a, b];\n}` }] },
            ],
        },
        {
            name: 'multi-key BRPOP and counted RPOP get no suggestion',
            code: `${ioredis}export async function next() {\n  for (;;) {\n    const hit = await redis.brpop('q:high', 'q:low', 0);\n    const batch = await redis.rpop('q:bulk', 50);\n    console.log(hit, batch);\n  }\n}`,
            errors: [
                { line: 5, column: 23, endLine: 5, endColumn: 56, message: "list 'q:high', 'q:low'" },
                { line: 6, column: 25, endLine: 6, endColumn: 49 },
            ],
        },
        {
            name: 'node-redis v4 blPop with commandOptions first',
            code: "import { createClient, commandOptions } from 'redis';\nconst client = createClient();\nexport const next = () => client.blPop(commandOptions({ isolated: true }), 'jobs', 0);",
            errors: [{ line: 3, column: 27, endLine: 3, endColumn: 86, message: "list 'jobs'", suggestions: [{ output: "import { createClient, commandOptions } from 'redis';\nconst client = createClient();\nexport const next = () => client.blMove(commandOptions({ isolated: true }), 'jobs', 'jobs:processing', 'LEFT', 'LEFT', 0);" }] }],
        },
        {
            name: 'node-redis rPopCount with a template key pushed elsewhere under the same prefix',
            code: `${nodeRedis}export async function takeBatch(kind: string) {\n  return client.rPopCount(\`jobs:\${kind}\`, 10);\n}`,
            files: { 'src/producer.ts': `${nodeRedis}export const enqueue = (kind: string, job: string) => client.lPush(\`jobs:\${kind}\`, job);` },
            errors: [{ line: 4, column: 10, endLine: 4, endColumn: 46 }],
        },
    ],
});
//# sourceMappingURL=list-queue-without-ack.test.js.map