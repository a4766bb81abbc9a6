import rule from '../../../src/rules/redis/unbounded-stream';
import { ruleTester } from '../../helpers/rule-tester';

const ioredis = "import Redis from 'ioredis';\nconst redis = new Redis();\n";
const nodeRedis = "import { createClient } from 'redis';\nconst client = createClient();\n";

ruleTester(rule, {
  valid: [
    { name: 'approximate MAXLEN', code: `${ioredis}await redis.xadd('events', 'MAXLEN', '~', 1000, '*', 'k', 'v');` },
    { name: 'MINID', code: `${ioredis}await redis.xadd('events', 'MINID', '~', '1700000000000-0', '*', 'k', 'v');` },
    { name: 'XTRIM of the same key in another file', code: `${ioredis}await redis.xadd('events', '*', 'k', 'v');`, files: { 'src/janitor.ts': `${ioredis}setInterval(() => redis.xtrim('events', 'MAXLEN', '~', 5000), 60000);` } },
    { name: 'spread arguments are unknown', code: `${ioredis}export async function add(args: string[]) { await redis.xadd('events', ...args); }` },
    { name: 'node-redis TRIM option', code: "import { createClient } from 'redis';\nconst client = createClient();\nawait client.xAdd('events', '*', { k: 'v' }, { TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: 1000 } });" },
    { name: 'not a Redis client', code: "class Log { xadd(...a: unknown[]) { return a; } }\nconst log = new Log();\nlog.xadd('events', '*', 'k', 'v');" },
    { name: 'node-redis xTrim of the same key in another file', code: `${nodeRedis}await client.xAdd('events', '*', { k: 'v' });`, files: { 'src/janitor.ts': `${nodeRedis}export const trim = () => client.xTrim('events', 'MINID', String(Date.now() - 86400000), { strategyModifier: '~' });` } },
    { name: 'another XADD caps the same stream', code: `${ioredis}export const a = () => redis.xadd('events', '*', 'k', 'v');\nexport const b = () => redis.xadd('events', 'MAXLEN', '~', 1000, '*', 'k', 'v');` },
    { name: 'computed key, and the workspace trims some stream', code: `${ioredis}export const add = (stream: string) => redis.xadd(stream, '*', 'k', 'v');`, files: { 'src/janitor.ts': `${ioredis}export const trim = () => redis.xtrim('audit', 'MAXLEN', '~', 1000);` } },
    { name: 'node-redis options declared in another file carry TRIM', code: `${nodeRedis}import { STREAM_OPTIONS } from './config';\nexport const add = (v: string) => client.xAdd('events', '*', { v }, STREAM_OPTIONS);`, files: { 'src/config.ts': "export const STREAM_OPTIONS = { TRIM: { strategy: 'MINID', strategyModifier: '~', threshold: 0 } } as const;\n" } },
    { name: 'node-redis options passed in by the caller are unknown', code: `${nodeRedis}export const add = (v: string, opts: object) => client.xAdd('events', '*', { v }, opts);` },
    { name: 'generic call() with MAXLEN and a const argument array', code: `${ioredis}const CAP = ['MAXLEN', '~', 1000] as const;\nawait redis.call('XADD', 'events', 'MAXLEN', '~', 1000, '*', 'k', 'v');\nawait redis.xadd('audit', ...CAP, '*', 'k', 'v');` },
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
    {
      name: 'node-redis xAdd without options',
      code: `${nodeRedis}export const ship = (id: string) => client.xAdd('shipments', '*', { id });`,
      errors: [{ line: 3, column: 37, endLine: 3, endColumn: 74, message: "stream 'shipments'", suggestions: [{ output: `${nodeRedis}export const ship = (id: string) => client.xAdd('shipments', '*', { id }, { TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: 10000 } });` }] }],
    },
    {
      name: 'node-redis xAdd with options but no TRIM, and the streamMaxLen option',
      code: `${nodeRedis}export const ship = (id: string) => client.xAdd('shipments', '*', { id }, { policy: 'KEEPREF' });`,
      options: { streamMaxLen: 500 },
      errors: [{ line: 3, column: 37, endLine: 3, endColumn: 97, suggestions: [{ output: `${nodeRedis}export const ship = (id: string) => client.xAdd('shipments', '*', { id }, { TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: 500 }, policy: 'KEEPREF' });` }] }],
    },
    {
      name: 'generic call() and node-redis sendCommand() (string arguments only)',
      code: `${ioredis}${nodeRedis}await redis.call('XADD', 'a', '*', 'k', 'v');\nawait client.sendCommand(['XADD', 'b', '*', 'k', 'v']);`,
      errors: [
        { line: 5, column: 7, endLine: 5, endColumn: 45, suggestions: [{ output: `${ioredis}${nodeRedis}await redis.call('XADD', 'a', 'MAXLEN', '~', 10000, '*', 'k', 'v');\nawait client.sendCommand(['XADD', 'b', '*', 'k', 'v']);` }] },
        { line: 6, column: 7, endLine: 6, endColumn: 55, suggestions: [{ output: `${ioredis}${nodeRedis}await redis.call('XADD', 'a', '*', 'k', 'v');\nawait client.sendCommand(['XADD', 'b', 'MAXLEN', '~', '10000', '*', 'k', 'v']);` }] },
      ],
    },
    {
      name: 'XTRIM of a different stream does not count',
      code: `${ioredis}await redis.xadd('events', '*', 'k', 'v');`,
      files: { 'src/janitor.ts': `${ioredis}export const trim = () => redis.xtrim('audit', 'MAXLEN', '~', 1000);` },
      errors: [{ line: 3, column: 7, endLine: 3, endColumn: 42, suggestions: [{ output: `${ioredis}await redis.xadd('events', 'MAXLEN', '~', 10000, '*', 'k', 'v');` }] }],
    },
    {
      name: 'computed key on a constructor-injected client, nothing trims anything',
      code: "import Redis from 'ioredis';\nexport class Publisher {\n  constructor(private readonly redis: Redis) {}\n  publish(stream: string, body: string) {\n    return this.redis.xadd(stream, '*', 'body', body);\n  }\n}",
      errors: [{ line: 5, column: 12, endLine: 5, endColumn: 54, message: 'a stream whose name is computed', suggestions: [{ output: "import Redis from 'ioredis';\nexport class Publisher {\n  constructor(private readonly redis: Redis) {}\n  publish(stream: string, body: string) {\n    return this.redis.xadd(stream, 'MAXLEN', '~', 10000, '*', 'body', body);\n  }\n}" }] }],
    },
    {
      name: 'client exported from another file, NOMKSTREAM kept',
      code: "import { redis } from './redis';\nexport const add = (v: string) => redis.xadd('events', 'NOMKSTREAM', '*', 'k', v);",
      files: { 'src/redis.ts': "import Redis from 'ioredis';\nexport const redis = new Redis();\n" },
      errors: [{ line: 2, column: 35, endLine: 2, endColumn: 82, suggestions: [{ output: "import { redis } from './redis';\nexport const add = (v: string) => redis.xadd('events', 'MAXLEN', '~', 10000, 'NOMKSTREAM', '*', 'k', v);" }] }],
    },
    {
      name: 'CommonJS require in a .js file',
      filename: 'src/events.js',
      code: "const Redis = require('ioredis');\nconst redis = new Redis();\nexports.add = (v) => redis.xadd('events', '*', 'k', v);",
      errors: [{ line: 3, column: 22, endLine: 3, endColumn: 55, suggestions: [{ output: "const Redis = require('ioredis');\nconst redis = new Redis();\nexports.add = (v) => redis.xadd('events', 'MAXLEN', '~', 10000, '*', 'k', v);" }] }],
    },
  ],
});
