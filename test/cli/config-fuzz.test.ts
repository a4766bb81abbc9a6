// Generated invalid configs (wrong types, unknown keys and rules, bad severities, broken JSON, huge and deep values, bad encodings): every one is exit 2 naming the file and a JSON path or position, never a crash or a silent default.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { project, REDIS_SOURCE, runCli, runMain } from '../helpers/cli';

const VALID = {
  $schema: './node_modules/streamwise/streamwise.schema.json',
  rules: { 'redis/exact-stream-trim': 'off', 'redis/unbounded-stream': ['warning', { streamMaxLen: 500 }], 'kafka/tiny-linger': ['error', { minLingerMs: 10 }], 'kafka/weak-acks': ['info'] },
  include: ['src/**'],
  exclude: ['src/gen/**'],
  criticalVocabulary: ['order', 'payment'],
  ephemeralVocabulary: ['presence'],
  externalDestinations: ['billing.*'],
  maxFileSize: 1_000_000,
  maxFileTime: 5000,
};

/** What the message must locate: a JSON path, a line:column, or only the file (it could not be read). */
type Kind = 'schema' | 'json' | 'file';
interface Case {
  name: string;
  text: string | Buffer;
  kind: Kind;
}

const deepArray = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
const deepObject = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
const raw = (json: string) => ({ [RAW]: json });
const RAW = Symbol('raw JSON text');

/** JSON.stringify that splices in raw JSON text (for values JavaScript cannot hold, e.g. 100,000-deep nesting). */
function render(value: unknown): string {
  const holes: string[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && RAW in v) {
      holes.push((v as { [RAW]: string })[RAW]);
      return `__RAW_${holes.length - 1}__`;
    }
    return v;
  }, 2);
  return text.replace(/"__RAW_(\d+)__"/g, (_, i: string) => holes[Number(i)]);
}

/** A copy of VALID with the value at `at` replaced (or, with `add`, a key added inside the object there). */
function mutate(at: (string | number)[], value: unknown, add?: string): unknown {
  const copy = JSON.parse(JSON.stringify(VALID));
  let parent: Record<string | number, unknown> = copy;
  for (const k of at.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  const last = at[at.length - 1];
  // defineProperty: a plain assignment to "__proto__" would set the prototype, not a key JSON shows.
  if (add !== undefined) Object.defineProperty(at.length === 0 ? copy : parent[last], add, { value, enumerable: true, configurable: true, writable: true });
  else if (at.length === 0) return value;
  else parent[last] = value;
  return copy;
}

const NOT_AN_OBJECT = [null, 42, 'x', true, [], [{}]];
const BAD_SEVERITY = ['warn', 'ERROR', '', 0, 2, null, true, {}, [], ['warning', {}, 1], [1], ['off', 'x'], [null], ['error', { nope: 1 }]];
const BAD_STRING_LIST = ['src/**', 1, null, {}, [1], [null], [[]], [raw(deepArray(100_000))]];
const BAD_WORDS = [...BAD_STRING_LIST, [''], ['order', 'order'], [raw(deepArray(50_000)), raw(deepArray(50_000))]];
const BAD_NUMBER = ['5', null, true, -1, 1e308, 2 ** 53 + 2, [], {}];
const BAD_CAP = [0, -1, 1.5, 1e308, '1000', null, true, [], {}, 2 ** 53 + 2];
const UNKNOWN_RULES = ['redis/nope', '__proto__', 'constructor', 'toString', 'REDIS/EXACT-STREAM-TRIM', '', 'redis/exact-stream-trim '];

function schemaCases(): Case[] {
  const cases: Case[] = [];
  const add = (name: string, value: unknown) => cases.push({ name, text: render(value), kind: 'schema' });
  for (const v of NOT_AN_OBJECT) add(`root ${JSON.stringify(v)}`, v);
  for (const v of [...NOT_AN_OBJECT.filter((x) => x === null || typeof x !== 'object' || Array.isArray(x)), raw(deepObject(100_000))]) add(`rules = ${render(v).slice(0, 30)}`, mutate(['rules'], v));
  for (const id of Object.keys(VALID.rules)) for (const v of BAD_SEVERITY) add(`rules["${id}"] = ${JSON.stringify(v)}`, mutate(['rules', id], v));
  for (const v of BAD_NUMBER) add(`streamMaxLen = ${JSON.stringify(v)}`, mutate(['rules', 'redis/unbounded-stream', 1, 'streamMaxLen'], v));
  for (const v of BAD_NUMBER) add(`minLingerMs = ${JSON.stringify(v)}`, mutate(['rules', 'kafka/tiny-linger', 1, 'minLingerMs'], v));
  for (const key of ['include', 'exclude']) for (const v of BAD_STRING_LIST) add(`${key} = ${render(v).slice(0, 30)}`, mutate([key], v));
  for (const key of ['criticalVocabulary', 'ephemeralVocabulary', 'externalDestinations']) for (const v of BAD_WORDS) add(`${key} = ${render(v).slice(0, 30)}`, mutate([key], v));
  for (const key of ['maxFileSize', 'maxFileTime']) for (const v of BAD_CAP) add(`${key} = ${JSON.stringify(v)}`, mutate([key], v));
  for (const v of [1, null, []]) add(`$schema = ${JSON.stringify(v)}`, mutate(['$schema'], v));
  for (const id of UNKNOWN_RULES) add(`unknown rule "${id}"`, mutate(['rules'], 'off', id));
  for (const key of ['rule', 'Rules', 'maxfilesize', '__proto__', 'extends', 'plugins']) add(`unknown top-level key "${key}"`, mutate([], true, key));
  add('unknown option', mutate(['rules', 'redis/unbounded-stream', 1], 5, 'maxLen'));
  add('an option of another rule', mutate(['rules', 'redis/unbounded-stream', 1], 5, 'minLingerMs'));
  add('options on a rule without options', mutate(['rules', 'kafka/weak-acks'], ['warning', { anything: true }]));
  add('deep garbage under an unknown key', mutate([], raw(deepObject(100_000)), 'garbage'));
  return cases;
}

function jsonCases(): Case[] {
  const text = render(VALID);
  const cases: Case[] = [];
  const add = (name: string, t: string | Buffer) => cases.push({ name, text: t, kind: 'json' });
  for (let i = 0; i < 24; i++) {
    const at = Math.floor((text.length * i) / 24);
    add(`truncated at ${at}`, text.slice(0, at));
  }
  // Removing one structural character always breaks JSON; every 7th one is plenty.
  const structural = [...text].map((c, i) => (/[{}[\]:,"]/.test(c) ? i : -1)).filter((i) => i >= 0);
  for (const i of structural.filter((_, n) => n % 7 === 0)) add(`without the ${JSON.stringify(text[i])} at ${i}`, text.slice(0, i) + text.slice(i + 1));
  add('a line comment', `// streamwise\n${text}`);
  add('a block comment', text.replace('"rules"', '/* rules */ "rules"'));
  add('a trailing comma', text.replace(/\n}$/, ',\n}'));
  add('single quotes', text.replace(/"off"/, "'off'"));
  add('an unquoted key', text.replace('"include"', 'include'));
  for (const literal of ['NaN', 'Infinity', '-Infinity', '0x10', 'undefined', '1e', '01', '.5']) add(`maxFileSize ${literal}`, text.replace('1000000', literal));
  add('two objects', `${text}\n{}`);
  add('an empty file', '');
  add('only whitespace', ' \n\t\r\n');
  add('only a BOM', '\uFEFF');
  add('a BOM and a truncated object', `\uFEFF${text.slice(0, 40)}`);
  add('NUL bytes', Buffer.concat([Buffer.from(text.slice(0, 20)), Buffer.from([0, 0, 0]), Buffer.from(text.slice(20))]));
  add('binary garbage', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0xde, 0xad, 0xbe, 0xef]));
  add('JavaScript instead of JSON', `module.exports = ${text};`);
  add('YAML instead of JSON', 'rules:\n  redis/exact-stream-trim: off\n');
  return cases;
}

function encodingCases(): Case[] {
  const text = render(VALID);
  return [
    { name: 'UTF-16LE with a BOM', text: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), kind: 'json' },
    { name: 'invalid UTF-8 inside a string', text: Buffer.from(text.replace('"order"', '"ord\xff\xfer"'), 'latin1'), kind: 'json' },
    { name: 'larger than a config can be', text: `${text.slice(0, -1)}, "criticalVocabulary": [${Array(200_000).fill('"word"').join(',')}]}`, kind: 'file' },
  ];
}

const JSON_PATH = /invalid configuration:\n {2}\$[^\s:]*: /;
const POSITION = /streamwise\.config\.json:\d+:\d+: invalid (JSON|encoding): /;

describe('config fuzzing', () => {
  const dir = project({ 'src/a.ts': REDIS_SOURCE });
  const configPath = path.join(dir, 'streamwise.config.json');
  const lint = () => runMain(['lint', path.join(dir, 'src'), '--format', 'json', '--no-type-info']);

  it('the valid config, with or without a BOM, lints normally', () => {
    for (const text of [render(VALID), `\uFEFF${render(VALID)}`, `\n\n${render(VALID)}\n\n`]) {
      fs.writeFileSync(configPath, text);
      const r = lint();
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, '');
    }
  });

  const all = [...schemaCases(), ...jsonCases(), ...encodingCases()];
  it(`rejects ${all.length} generated invalid configs with exit 2, the file and a JSON path (or a line:column for broken JSON)`, () => {
    assert.ok(all.length >= 200, `only ${all.length} cases`);
    const failures: string[] = [];
    for (const c of all) {
      fs.writeFileSync(configPath, c.text);
      const r = lint();
      const problems = [
        r.code !== 2 && `exit ${r.code}`,
        !r.stderr.includes(configPath) && 'no file name',
        c.kind === 'schema' && !JSON_PATH.test(r.stderr) && 'no JSON path',
        c.kind === 'json' && !POSITION.test(r.stderr) && 'no line:column',
        c.kind === 'file' && !/streamwise\.config\.json: cannot read the config file \(.+\)/.test(r.stderr) && 'no reason',
        /internal error|\n\s+at /.test(r.stderr) && 'a crash',
        r.stdout !== '' && 'a report (a silent default)',
      ].filter(Boolean);
      if (problems.length > 0) failures.push(`${c.name}: ${problems.join(', ')}\n    ${r.stderr.trim().slice(0, 300).replace(/\n/g, '\n    ')}`);
    }
    assert.deepEqual(failures, []);
  });

  it('behaves the same for a nested config, a config given with --config, and through the binary', () => {
    const nested = project({ 'src/a.ts': REDIS_SOURCE, 'src/legacy/b.ts': REDIS_SOURCE, 'src/legacy/streamwise.config.json': '{ "rules": { "kafka/weak-acks": "loud" } }' });
    const r1 = runMain(['lint', path.join(nested, 'src'), '--no-type-info']);
    assert.equal(r1.code, 2);
    assert.match(r1.stderr, /legacy[/\\]streamwise\.config\.json: invalid configuration:\n {2}\$\.rules\["kafka\/weak-acks"\]: must be one of/);
    const other = path.join(nested, 'strict.json');
    fs.writeFileSync(other, '{ "maxFileSize": 1.5 }');
    const r2 = runCli(['lint', 'src/a.ts', '--config', other], { cwd: nested });
    assert.equal(r2.code, 2);
    assert.match(r2.stderr, /strict\.json: invalid configuration:\n {2}\$\.maxFileSize: must be integer/);
    fs.writeFileSync(other, '{ "rules": { "redis/exact-stream-trim": "off", } }');
    const r3 = runCli(['lint', 'src/a.ts', '--config', other], { cwd: nested });
    assert.equal(r3.code, 2);
    assert.match(r3.stderr, /strict\.json:1:48: invalid JSON: /);
    assert.equal(r3.stdout, '');
  });
});
