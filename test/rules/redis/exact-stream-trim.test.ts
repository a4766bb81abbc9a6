import rule from '../../../src/rules/redis/exact-stream-trim';
import { ruleTester } from '../../helpers/rule-tester';

const ioredis = "import Redis from 'ioredis';\nconst redis = new Redis();\n";
const nodeRedis = "import { createClient } from 'redis';\nconst client = createClient();\n";

ruleTester(rule, {
  valid: [
    { name: 'approximate MAXLEN on XADD', code: `${ioredis}await redis.xadd('events', 'MAXLEN', '~', 1000, '*', 'k', 'v');` },
    { name: 'approximate MINID on XTRIM', code: `${ioredis}export const trim = () => redis.xtrim('events', 'MINID', '~', Date.now() - 86400000);` },
    { name: 'node-redis TRIM with strategyModifier ~', code: `${nodeRedis}await client.xAdd('events', '*', { k: 'v' }, { TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: 1000 } });` },
    { name: 'node-redis xTrim with strategyModifier ~', code: `${nodeRedis}await client.xTrim('events', 'MAXLEN', 1000, { strategyModifier: '~', LIMIT: 100 });` },
    { name: 'no trimming at all is not this rule', code: `${ioredis}await redis.xadd('events', '*', 'k', 'v');` },
    { name: 'arguments spread after MAXLEN are unknown', code: `${ioredis}export const add = (rest: string[]) => redis.xadd('events', 'MAXLEN', ...rest);` },
    { name: 'a computed modifier (argument count says one is there)', code: `${ioredis}export const add = (mod: '~' | '=', v: string) => redis.xadd('events', 'MAXLEN', mod, 1000, '*', 'k', v);` },
    { name: 'MAXLEN 0 empties the stream on purpose', code: `${ioredis}export const clear = () => redis.xtrim('events', 'MAXLEN', 0);` },
    { name: 'node-redis options passed in from the caller', code: `${nodeRedis}export const trim = (opts: { strategyModifier?: '=' | '~' }) => client.xTrim('events', 'MAXLEN', 1000, opts);` },
    { name: 'generic call() with ~', code: `${ioredis}await redis.call('XADD', 'events', 'MAXLEN', '~', 1000, '*', 'k', 'v');` },
    { name: 'not a Redis client', code: "class Log { xtrim(...a: unknown[]) { return a; } }\nnew Log().xtrim('events', 'MAXLEN', 1000);" },
  ],
  invalid: [
    {
      name: 'ioredis XADD with exact MAXLEN',
      code: `${ioredis}await redis.xadd('events', 'MAXLEN', 1000, '*', 'k', 'v');`,
      errors: [{ line: 3, column: 7, endLine: 3, endColumn: 58, message: 'XADD trims with exact MAXLEN' }],
      output: `${ioredis}await redis.xadd('events', 'MAXLEN', '~', 1000, '*', 'k', 'v');`,
    },
    {
      name: 'ioredis XTRIM MINID, double quotes kept',
      code: `${ioredis}export const trim = (cutoff: string) => redis.xtrim("events", "MINID", cutoff);`,
      errors: [{ line: 3, column: 41, endLine: 3, endColumn: 79, message: 'XTRIM trims with exact MINID' }],
      output: `${ioredis}export const trim = (cutoff: string) => redis.xtrim("events", "MINID", "~", cutoff);`,
    },
    {
      name: 'explicit = modifier is replaced',
      code: `${ioredis}await redis.xadd('events', 'MAXLEN', '=', 1000, '*', 'k', 'v');`,
      errors: [{ line: 3, column: 7, endLine: 3, endColumn: 63 }],
      output: `${ioredis}await redis.xadd('events', 'MAXLEN', '~', 1000, '*', 'k', 'v');`,
    },
    {
      name: 'computed threshold on XADD (argument count rules out a modifier), class field client',
      code: "import Redis from 'ioredis';\nexport class Events {\n  private readonly redis = new Redis();\n  constructor(private readonly max: number) {}\n  add(v: string) {\n    return this.redis.xadd('events', 'MAXLEN', this.max, '*', 'k', v);\n  }\n}",
      errors: [{ line: 6, column: 12, endLine: 6, endColumn: 70 }],
      output: "import Redis from 'ioredis';\nexport class Events {\n  private readonly redis = new Redis();\n  constructor(private readonly max: number) {}\n  add(v: string) {\n    return this.redis.xadd('events', 'MAXLEN', '~', this.max, '*', 'k', v);\n  }\n}",
    },
    {
      name: 'node-redis TRIM without a modifier',
      code: `${nodeRedis}await client.xAdd('events', '*', { k: 'v' }, { TRIM: { strategy: 'MAXLEN', threshold: 1000 } });`,
      errors: [{ line: 3, column: 7, endLine: 3, endColumn: 96 }],
      output: `${nodeRedis}await client.xAdd('events', '*', { k: 'v' }, { TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: 1000 } });`,
    },
    {
      name: 'node-redis TRIM with strategyModifier = and no strategy',
      code: `${nodeRedis}await client.xAdd('events', '*', { k: 'v' }, { TRIM: { strategyModifier: '=', threshold: 1000 } });`,
      errors: [{ line: 3, column: 7, endLine: 3, endColumn: 99 }],
      output: `${nodeRedis}await client.xAdd('events', '*', { k: 'v' }, { TRIM: { strategyModifier: '~', threshold: 1000 } });`,
    },
    {
      name: 'node-redis TRIM without strategy or modifier',
      code: `${nodeRedis}await client.xAdd('events', '*', { k: 'v' }, { TRIM: { threshold: 1000 } });`,
      errors: [{ line: 3, column: 7, endLine: 3, endColumn: 76 }],
      output: `${nodeRedis}await client.xAdd('events', '*', { k: 'v' }, { TRIM: { strategyModifier: '~', threshold: 1000 } });`,
    },
    {
      name: 'node-redis xTrim without options, and with an empty options object',
      code: `${nodeRedis}await client.xTrim('a', 'MAXLEN', 1000);\nawait client.xTrim('b', 'MINID', '1700000000000-0', {});`,
      errors: [
        { line: 3, column: 7, endLine: 3, endColumn: 40 },
        { line: 4, column: 7, endLine: 4, endColumn: 56 },
      ],
      output: `${nodeRedis}await client.xTrim('a', 'MAXLEN', 1000, { strategyModifier: '~' });\nawait client.xTrim('b', 'MINID', '1700000000000-0', { strategyModifier: '~' });`,
    },
    {
      name: 'generic call() and sendCommand()',
      code: `${ioredis}${nodeRedis}await redis.call('XADD', 'events', 'MAXLEN', 1000, '*', 'k', 'v');\nawait client.sendCommand(['XTRIM', 'events', 'MAXLEN', '=', '1000']);`,
      errors: [
        { line: 5, column: 7, endLine: 5, endColumn: 66 },
        { line: 6, column: 7, endLine: 6, endColumn: 69 },
      ],
      output: `${ioredis}${nodeRedis}await redis.call('XADD', 'events', 'MAXLEN', '~', 1000, '*', 'k', 'v');\nawait client.sendCommand(['XTRIM', 'events', 'MAXLEN', '~', '1000']);`,
    },
    {
      name: 'computed threshold on XTRIM, CommonJS',
      filename: 'src/trim.js',
      code: "const Redis = require('ioredis');\nconst redis = new Redis();\nmodule.exports = (max) => redis.xtrim('events', 'MAXLEN', max);",
      errors: [{ line: 3, column: 27, endLine: 3, endColumn: 63 }],
      output: "const Redis = require('ioredis');\nconst redis = new Redis();\nmodule.exports = (max) => redis.xtrim('events', 'MAXLEN', '~', max);",
    },
    {
      name: 'const TRIM options declared elsewhere in this file are fixed there',
      code: `${nodeRedis}const TRIM = { strategy: 'MAXLEN', threshold: 5000 } as const;\nexport const add = (v: string) => client.xAdd('events', '*', { v }, { TRIM });`,
      errors: [{ line: 4, column: 35, endLine: 4, endColumn: 78 }],
      output: `${nodeRedis}const TRIM = { strategy: 'MAXLEN', strategyModifier: '~', threshold: 5000 } as const;\nexport const add = (v: string) => client.xAdd('events', '*', { v }, { TRIM });`,
    },
    {
      name: 'a const argument array spread into the call, fixed in the array',
      code: `${ioredis}const CAP = ['MAXLEN', 1000] as const;\nexport const add = (v: string) => redis.xadd('events', ...CAP, '*', 'k', v);`,
      errors: [{ line: 4, column: 35, endLine: 4, endColumn: 76 }],
      output: `${ioredis}const CAP = ['MAXLEN', '~', 1000] as const;\nexport const add = (v: string) => redis.xadd('events', ...CAP, '*', 'k', v);`,
    },
    {
      name: 'options declared in another file: reported, no fix',
      code: `${nodeRedis}import { STREAM_OPTIONS } from './config';\nexport const add = (v: string) => client.xAdd('events', '*', { v }, STREAM_OPTIONS);`,
      files: { 'src/config.ts': "export const STREAM_OPTIONS = { TRIM: { strategy: 'MAXLEN', threshold: 5000 } } as const;\n" },
      errors: [{ line: 4, column: 35, endLine: 4, endColumn: 84 }],
    },
  ],
});
