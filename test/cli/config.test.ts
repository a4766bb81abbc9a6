// streamwise.config.json: found by walking up, validated against the shipped schema, applied to the run.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { tempDir } from '../helpers/temp';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const BIN = path.join(ROOT, 'bin', 'streamwise.js');
const SOURCE = "import Redis from 'ioredis';\nconst redis = new Redis();\nexport const add = () => redis.xadd('audit', 'MAXLEN', 100, '*', 'k', 'v');\nexport const pub = () => redis.publish('orders:paid', '{}');\n";

function workspace(config: string | undefined, files: Record<string, string> = { 'src/a.ts': SOURCE }): string {
  const dir = tempDir('sw-config-');
  fs.writeFileSync(path.join(dir, 'package.json'), '{}');
  if (config !== undefined) fs.writeFileSync(path.join(dir, 'streamwise.config.json'), config);
  for (const [p, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    fs.writeFileSync(path.join(dir, p), text);
  }
  return dir;
}

function lint(dir: string, extra: string[] = []) {
  const r = spawnSync(process.execPath, [BIN, 'lint', path.join(dir, 'src'), '--format', 'json', ...extra], { encoding: 'utf8' });
  const messages = r.status === 2 ? [] : (JSON.parse(r.stdout) as { messages: { ruleId: string; severity: number }[] }[]).flatMap((f) => f.messages);
  return { code: r.status, stderr: r.stderr, rules: messages.map((m) => `${m.ruleId}:${m.severity}`).sort() };
}

describe('streamwise.config.json', () => {
  it('applies severities, options, vocabularies and excludes', () => {
    const dir = workspace(JSON.stringify({ rules: { 'redis/exact-stream-trim': 'off', 'redis/pubsub-critical-data': ['error'] }, exclude: ['src/gen/**'] }), { 'src/a.ts': SOURCE, 'src/gen/b.ts': SOURCE });
    const r = lint(dir);
    assert.deepEqual(r.rules, ['arch/orphan-destination:1', 'arch/orphan-destination:1', 'redis/pubsub-critical-data:2']);
    assert.equal(r.code, 1);
  });

  it('is found in an ancestor folder and can be skipped with --no-config', () => {
    const dir = workspace(JSON.stringify({ rules: { 'arch/orphan-destination': 'off' }, criticalVocabulary: ['invoice'] }));
    assert.deepEqual(lint(dir).rules, ['redis/exact-stream-trim:1']);
    assert.deepEqual(lint(dir, ['--no-config']).rules, ['arch/orphan-destination:1', 'arch/orphan-destination:1', 'redis/exact-stream-trim:1', 'redis/pubsub-critical-data:1']);
  });

  it('uses the nearest config above each file: a nested config wins for its folder', () => {
    const dir = workspace(JSON.stringify({ rules: { 'redis/exact-stream-trim': 'off' } }), { 'src/a.ts': SOURCE, 'src/legacy/b.ts': SOURCE });
    fs.writeFileSync(path.join(dir, 'src', 'legacy', 'streamwise.config.json'), JSON.stringify({ rules: { 'arch/orphan-destination': 'off' }, exclude: ['skip.ts'] }));
    fs.writeFileSync(path.join(dir, 'src', 'legacy', 'skip.ts'), SOURCE);
    const r = spawnSync(process.execPath, [BIN, 'lint', path.join(dir, 'src'), '--format', 'json'], { encoding: 'utf8' });
    const got = (JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string }[] }[]).flatMap((f) => f.messages.map((m) => `${path.relative(dir, f.filePath)} ${m.ruleId}`)).sort();
    assert.deepEqual(got, ['src/a.ts arch/orphan-destination', 'src/a.ts arch/orphan-destination', 'src/a.ts redis/pubsub-critical-data', 'src/legacy/b.ts redis/exact-stream-trim', 'src/legacy/b.ts redis/pubsub-critical-data']);
  });

  it('silences externalDestinations', () => {
    const dir = workspace(JSON.stringify({ externalDestinations: ['audit', 'orders:*'] }));
    assert.deepEqual(lint(dir).rules, ['redis/exact-stream-trim:1', 'redis/pubsub-critical-data:1']);
  });

  const invalid: [string, string, RegExp][] = [
    ['broken JSON', '{ "rules": ', /streamwise\.config\.json(:\d+:\d+)?: invalid JSON/],
    ['an unknown rule', '{ "rules": { "redis/nope": "off" } }', /\$\.rules: unknown rule "redis\/nope"/],
    ['a wrong severity', '{ "rules": { "kafka/weak-acks": "warn" } }', /\$\.rules\["kafka\/weak-acks"\]: must be one of "off", "info", "warning", "error"/],
    ['an option of the wrong type', '{ "rules": { "redis/unbounded-stream": ["warning", { "streamMaxLen": "lots" }] } }', /\$\.rules\["redis\/unbounded-stream"\]\[1\]\.streamMaxLen: must be number/],
    ['an unknown option', '{ "rules": { "kafka/tiny-linger": ["warning", { "minLinger": 5 }] } }', /\$\.rules\["kafka\/tiny-linger"\]\[1\]: unknown property "minLinger"/],
    ['an unknown top-level key', '{ "rule": {} }', /\$: unknown property "rule"/],
    ['a vocabulary that is not a list of words', '{ "criticalVocabulary": "order" }', /\$\.criticalVocabulary: must be array/],
    ['not an object', '[]', /\$: must be object/],
  ];
  for (const [name, text, message] of invalid) {
    it(`rejects ${name} with exit code 2, naming the file and the JSON path`, () => {
      const r = lint(workspace(text));
      assert.equal(r.code, 2);
      assert.match(r.stderr, /streamwise\.config\.json/);
      assert.match(r.stderr, message);
    });
  }

  it('ships a schema and a README reference that match the rules', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'write-schema.js'), '--check'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });
});
