import rule from '../../../src/rules/redis/unbounded-stream';
import { ruleTester } from '../../helpers/rule-tester';

const ioredis = "import Redis from 'ioredis';\nconst redis = new Redis();\n";

ruleTester(rule, {
  valid: [
    { name: 'approximate MAXLEN', code: `${ioredis}await redis.xadd('events', 'MAXLEN', '~', 1000, '*', 'k', 'v');` },
    { name: 'MINID', code: `${ioredis}await redis.xadd('events', 'MINID', '~', '1700000000000-0', '*', 'k', 'v');` },
    { name: 'XTRIM of the same key in another file', code: `${ioredis}await redis.xadd('events', '*', 'k', 'v');`, files: { 'src/janitor.ts': `${ioredis}setInterval(() => redis.xtrim('events', 'MAXLEN', '~', 5000), 60000);` } },
    { name: 'spread arguments are unknown', code: `${ioredis}export async function add(args: string[]) { await redis.xadd('events', ...args); }` },
    { name: 'node-redis TRIM option', code: "import { createClient } from 'redis';\nconst client = createClient();\nawait client.xAdd('events', '*', { k: 'v' }, { TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: 1000 } });" },
    { name: 'not a Redis client', code: "class Log { xadd(...a: unknown[]) { return a; } }\nconst log = new Log();\nlog.xadd('events', '*', 'k', 'v');" },
  ],
  invalid: [
    {
      name: 'ioredis XADD without cap',
      code: `${ioredis}await redis.xadd('events', '*', 'k', 'v');`,
      errors: [{ line: 3, column: 7, endLine: 3, endColumn: 42, message: "stream 'events'", suggestions: [{ output: `${ioredis}await redis.xadd('events', 'MAXLEN', '~', 10000, '*', 'k', 'v');` }] }],
    },
    {
      name: 'fields spread after the id',
      code: `${ioredis}export async function add(data: Record<string, string>) { await redis.xadd('events', '*', ...Object.entries(data).flat()); }`,
      errors: [{ line: 3, column: 65, endLine: 3, endColumn: 122, suggestions: [{ output: `${ioredis}export async function add(data: Record<string, string>) { await redis.xadd('events', 'MAXLEN', '~', 10000, '*', ...Object.entries(data).flat()); }` }] }],
    },
  ],
});
