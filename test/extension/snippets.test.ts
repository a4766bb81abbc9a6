// The editor snippets are the reliable patterns: expanded with their defaults they lint clean, in TypeScript and JavaScript.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { defaultConfig } from '../../src/core/config';
import { lint } from '../../src/core/linter';
import { allRules } from '../../src/rules';

const ROOT = path.resolve(__dirname, '..', '..', '..');

type Snippets = Record<string, { prefix: string[]; body: string[]; description: string }>;

/** Replaces tab stops and placeholders by their default text, as accepting every default would. */
export function expand(body: string[]): string {
  let text = body.join('\n');
  for (let previous = ''; previous !== text; ) {
    previous = text;
    text = text.replace(/\$\{\d+:([^${}]*)\}/g, '$1').replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1');
  }
  return text.replace(/(?<!\\)\$\d+/g, '').replace(/\\\$/g, '$');
}

const PRELUDE = {
  ts: "import Redis from 'ioredis';\nimport { Kafka } from 'kafkajs';\nconst redis = new Redis();\nconst kafka = new Kafka({ clientId: 'app', brokers: ['localhost:9092'] });\ndeclare const event: { orderId: string };\ndeclare const events: { orderId: string }[];\ndeclare function handle(e: unknown): Promise<void>;\n",
  js: "const Redis = require('ioredis');\nconst { Kafka } = require('kafkajs');\nconst redis = new Redis();\nconst kafka = new Kafka({ clientId: 'app', brokers: ['localhost:9092'] });\nconst event = { orderId: '1' };\nconst events = [event];\nasync function handle(e) {}\n",
};

for (const [language, ext] of [['typescript', 'ts'], ['javascript', 'js']] as const) {
  describe(`snippets/${language}.json`, () => {
    const snippets = JSON.parse(fs.readFileSync(path.join(ROOT, 'snippets', `${language}.json`), 'utf8')) as Snippets;

    it('has the six reliable patterns, each with a sw- prefix and a description', () => {
      assert.equal(Object.keys(snippets).length, 6);
      const bodies = Object.values(snippets).map((s) => s.body.join('\n'));
      for (const needle of ["'MAXLEN', '~'", 'xautoclaim', 'xack', 'blmove', 'acks: -1', 'idempotent: true', "await ${4:handle}(event)", "'linger.ms'", "'compression.type'"]) {
        assert.ok(bodies.some((b) => b.includes(needle)), needle);
      }
      for (const s of Object.values(snippets)) {
        assert.ok(s.prefix.some((p) => p.startsWith('sw-')));
        assert.ok(s.description.length > 30);
      }
    });

    const findingsOf = (name: string, body: string) => {
      const file = `/snippets/${name.replace(/\W+/g, '-')}.${ext}`;
      // Each snippet is a module of its own; the consumer loops would be top-level awaits otherwise.
      const text = `${PRELUDE[ext]}export async function main() {\n${body}\n}\n`;
      const output = lint({ files: [{ path: file, text }], config: defaultConfig(allRules) }, allRules);
      return output.files.flatMap((f) => f.findings).filter((f) => f.ruleId !== 'arch/orphan-destination');
    };

    it('lints clean once expanded', () => {
      for (const [name, snippet] of Object.entries(snippets)) {
        const findings = findingsOf(name, expand(snippet.body));
        assert.deepEqual(findings.map((f) => `${f.ruleId}: ${f.message}`), [], name);
      }
    });

    it('would be flagged without the reliable parts (the check above is not vacuous)', () => {
      const xadd = expand(snippets['Redis capped XADD'].body).replace("'MAXLEN', '~', 10000, ", '');
      assert.deepEqual(findingsOf('xadd', xadd).map((f) => f.ruleId), ['redis/unbounded-stream']);
      const producer = expand(snippets['kafkajs safe producer (acks -1, idempotent)'].body).replace('acks: -1', 'acks: 1');
      assert.ok(findingsOf('producer', producer).some((f) => f.ruleId === 'kafka/weak-acks'));
      const consumer = expand(snippets['kafkajs consumer that awaits its work'].body).replace('await handle(event)', 'handle(event)');
      assert.ok(findingsOf('consumer', consumer).some((f) => f.ruleId === 'kafka/unawaited-processing'));
    });
  });
}
