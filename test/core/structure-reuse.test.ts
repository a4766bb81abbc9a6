// The structure program is kept across edits that leave what every file loads unchanged, and rebuilt after any edit that may change it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type ts from 'typescript';
import { LintCache } from '../../src/core/cache';
import { defaultConfig } from '../../src/core/config';
import { lint } from '../../src/core/linter';
import { importStub, stoodFor } from '../../src/core/import-stub';
import { traitsFromText } from '../../src/core/prefilter';
import { buildStructure, parseWorkspaceFile } from '../../src/core/program';
import { rememberHost, structureStillHolds } from '../../src/core/structure-reuse';
import type { SourceFile } from '../../src/core/types';
import { allRules } from '../../src/rules';
import { createTypingsHost, WORKSPACE_ROOT } from '../helpers/virtual-host';

const A = `${WORKSPACE_ROOT}/src/a.ts`;
const B = `${WORKSPACE_ROOT}/src/b.ts`;
const C = `${WORKSPACE_ROOT}/src/c.js`;

const a = `import Redis from 'ioredis';
import {
  helper,
} from './b';

const redis = new Redis();

export async function add(step: string) {
  return redis.xadd('jobs', '*', 'step', step);
}

export function label() {
  return helper('x');
}
`;
const b = `export function helper(name: string) {
  return name.toUpperCase();
}
`;
const c = `function run(x) {
  return x + 1;
}
var total = run(1);
`;

const workspace = (edits: Record<string, string> = {}): SourceFile[] =>
  [
    { path: A, text: a },
    { path: B, text: b },
    { path: C, text: c },
  ].map((f) => ({ path: f.path, text: edits[f.path] ?? f.text }));

describe('structure program reuse', () => {
  const host = createTypingsHost();
  const files = workspace();
  const structure = buildStructure(files, host, undefined, (p) => parseWorkspaceFile(p, files.find((f) => f.path === p)!.text), () => undefined);
  rememberHost(structure, host);
  const holds = (edits: Record<string, string>, moduleHost = host, list = workspace(edits)) =>
    structureStillHolds(structure, list, moduleHost, (p) => parseWorkspaceFile(p, list.find((f) => f.path === p)!.text));

  const kept: Array<[string, Record<string, string>]> = [
    ['no file changed', {}],
    ['a string argument in a function body', { [A]: a.replace("'step', step", "'MAXLEN', '~', 5000, '*', 'step', step") }],
    ['a new statement without imports', { [B]: `${b}export const limit = 10;\n` }],
    ['a comment at the end of the file', { [B]: `${b}// done\n` }],
    ['a JavaScript function body', { [C]: c.replace('x + 1', 'x + 2') }],
  ];
  for (const [what, edits] of kept) it(`is kept after an edit of ${what}`, () => assert.equal(holds(edits), true));

  const rebuilt: Array<[string, Record<string, string>]> = [
    ['a new import', { [B]: `import { Kafka } from 'kafkajs';\n${b}` }],
    ['the specifier of a multi-line import', { [A]: a.replace("from './b'", "from './b2'") }],
    ['a require() call inside a function', { [B]: b.replace('return name', "require('kafkajs');\n  return name") }],
    ['an import() type inside a function', { [B]: b.replace('(name: string)', "(name: string, k?: import('kafkajs').Kafka)") }],
    ['a triple-slash reference', { [B]: `/// <reference types="node" />\n${b}` }],
    ['a re-export', { [B]: `${b}export * from './a';\n` }],
    ['a global augmentation', { [A]: `${a}declare global {\n  var shared: number;\n}\n` }],
    ['a script that becomes a module', { [C]: `${c}module.exports = { run };\n` }],
    ['a module that becomes a script', { [B]: b.replace('export function', 'function') }],
  ];
  for (const [what, edits] of rebuilt) it(`is rebuilt after an edit of ${what}`, () => assert.equal(holds(edits), false));

  it('is rebuilt when a file is added or removed, or packages are seen through another host', () => {
    assert.equal(holds({}, host, [...workspace(), { path: `${WORKSPACE_ROOT}/src/d.ts`, text: 'export const d = 1;\n' }]), false);
    assert.equal(holds({}, host, workspace().slice(1)), false);
    assert.equal(holds({}, createTypingsHost()), false);
  });
});

describe('structure program reuse over stand-in trees', () => {
  const host = createTypingsHost();
  const files = workspace();
  const tree = (list: SourceFile[]) => (p: string) => {
    const text = list.find((f) => f.path === p)!.text;
    return (traitsFromText(p, text) && importStub(p, text)) || parseWorkspaceFile(p, text);
  };
  const structure = buildStructure(files, host, undefined, tree(files), () => undefined);
  rememberHost(structure, host);
  const holds = (edits: Record<string, string>) => {
    const list = workspace(edits);
    return structureStillHolds(structure, list, host, tree(list));
  };

  it('stands in for the files whose text shows nothing to analyse', () => {
    assert.ok(stoodFor(structure.getSourceFile(B)!));
    assert.ok(structure.getSourceFiles().some((sf) => sf.fileName.includes('/node_modules/ioredis')), 'the stand-in for a.ts still loads ioredis');
  });

  it('is kept after an edit that leaves what the file loads', () => {
    assert.equal(holds({ [A]: a.replace("'step', step", "'MAXLEN', '~', 5000, '*', 'step', step") }), true);
    assert.equal(holds({ [B]: `${b}export const limit = 10;\n` }), true);
  });

  it('is rebuilt after an edit that changes what it loads, or that a scan alone can no longer read', () => {
    assert.equal(holds({ [B]: `import { Kafka } from 'kafkajs';\n${b}` }), false);
    assert.equal(holds({ [B]: `${b}export * as self from './b';\n` }), false);
    assert.equal(holds({ [B]: `${b}export namespace N {\n  export const n = 1;\n}\n` }), false);
    assert.equal(holds({ [A]: a.replace("import Redis from 'ioredis';\nimport {\n  helper,\n} from './b';", "import {\n  helper,\n} from './b';\nimport Redis from 'ioredis';") }), false);
  });
});

describe('a long-lived lint with structure reuse', () => {
  it('keeps the structure over body edits, rebuilds it after an import edit, and matches fresh runs throughout', () => {
    const host = createTypingsHost();
    const config = defaultConfig(allRules);
    const cache = new LintCache();
    let old: ts.Program | undefined;
    const run = (list: SourceFile[]) => lint({ files: list, moduleHost: host, config }, allRules, undefined, { cache, oldProgram: old, onProgram: (p) => (old = p) });
    const fresh = (list: SourceFile[]) => lint({ files: list, moduleHost: host, config }, allRules);
    const strip = (o: ReturnType<typeof lint>) => o.files.map((f) => ({ path: f.path, findings: f.findings.map((x) => [x.ruleId, x.range.start, x.range.end, x.message]), syntax: f.syntaxErrors.length }));

    run(workspace());
    const first = cache.structure;
    assert.ok(first);
    const capped = workspace({ [A]: a.replace("'step', step", "'MAXLEN', '~', 5000, '*', 'step', step") });
    assert.deepEqual(strip(run(capped)), strip(fresh(capped)));
    assert.equal(cache.structure, first, 'a body edit keeps the structure');

    const kafka = `import { Kafka } from 'kafkajs';\nconst producer = new Kafka({ clientId: 'c', brokers: ['b:9092'] }).producer();\nexport async function send(orders: string[]) {\n  for (const o of orders) await producer.send({ topic: 'orders', messages: [{ value: o }] });\n}\n${b}`;
    const withKafka = workspace({ [A]: capped[0].text, [B]: kafka });
    const result = run(withKafka);
    assert.notEqual(cache.structure, first, 'an import edit rebuilds the structure');
    assert.ok(cache.structure!.getSourceFiles().some((sf) => sf.fileName.includes('/node_modules/kafkajs/')), 'the new structure loads the new typings');
    assert.deepEqual(strip(result), strip(fresh(withKafka)));
    assert.ok(result.files.some((f) => f.findings.some((x) => x.ruleId.startsWith('kafka/'))), 'the Kafka code is analysed with its typings');

    const second = cache.structure;
    const back = workspace({ [A]: a });
    assert.deepEqual(strip(run(back)), strip(fresh(back)));
    assert.notEqual(cache.structure, second, 'removing the import rebuilds it again');
  });

  // An incremental reparse moves the nodes of the tree it starts from. Were that tree the one the
  // structure holds (as the analysis's own tree, or taken over when the structure is rebuilt), its
  // statements would stand where the new text has them, not where its own text does, after an edit
  // that inserts text: a re-export removed further down must still be seen.
  const producer = `import { Kafka } from 'kafkajs';
const producer = new Kafka({ clientId: 'c', brokers: ['b:9092'] }).producer();

export async function sendAll(orders: string[]) {
  for (const o of orders) await producer.send({ topic: 'orders', messages: [{ key: o, value: o }] });
}

export { helper } from './b';

export function count(orders: string[]) {
  return orders.length;
}
`;
  const padded = producer.replace('\nexport async function', `\n// ${'-'.repeat(200)}\nexport async function`);
  const removed = padded.replace("export { helper } from './b';\n", '');
  for (const [what, first] of [
    ['the structure parsed the file', (list: SourceFile[]) => list],
    ['the structure was rebuilt from the last program', (list: SourceFile[]) => list.map((f) => (f.path === B ? { ...f, text: `import type { Kafka } from 'kafkajs';\n${f.text}` } : f))],
  ] as const) {
    it(`sees a re-export removed after text was inserted above it (${what})`, () => {
      const host = createTypingsHost();
      const config = defaultConfig(allRules);
      const cache = new LintCache();
      let old: ts.Program | undefined;
      const run = (list: SourceFile[]) => lint({ files: list, moduleHost: host, config }, allRules, undefined, { cache, oldProgram: old, onProgram: (p) => (old = p) });
      const start = workspace({ [A]: producer });
      run(start);
      run(first(start));
      const held = cache.structure;
      run(first(workspace({ [A]: padded })));
      assert.equal(cache.structure, held, 'a comment keeps the structure');
      run(first(workspace({ [A]: removed })));
      assert.notEqual(cache.structure, held, 'removing a re-export rebuilds it');
    });
  }
});
