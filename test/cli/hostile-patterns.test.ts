// A workspace that writes a catastrophic topic pattern or glob must not stall a run (a regular expression cannot be interrupted).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { project, resultsByFile, runCli } from '../helpers/cli';

const NAME = `${'a'.repeat(40)}!`;

describe('hostile name patterns', () => {
  it('a topic regex that backtracks exponentially is treated as unknown: the run ends, and no finding is claimed from it', () => {
    const dir = project({
      'src/consumer.ts': "import { Kafka } from 'kafkajs';\nconst kafka = new Kafka({ clientId: 'c', brokers: ['b:9092'] });\nconst consumer = kafka.consumer({ groupId: 'g' });\nexport async function start() {\n  await consumer.subscribe({ topic: /^(a+)+$/ });\n}\n",
      'src/producer.ts': `import { Kafka } from 'kafkajs';\nconst kafka = new Kafka({ clientId: 'p', brokers: ['b:9092'] });\nconst producer = kafka.producer();\nexport async function send() {\n  await producer.send({ topic: '${NAME}', messages: [{ key: 'k', value: 'v' }] });\n}\n`,
    });
    // The guard only ends a run that hangs; nothing here measures speed.
    const r = runCli(['lint', '.', '--format', 'json'], { cwd: dir, timeoutMs: 120_000 });
    const results = resultsByFile(r.stdout, dir);
    // An unknown pattern may match the produced topic, so the producer is not an orphan.
    assert.deepEqual(results.get('src/producer.ts')!.messages.filter((m) => m.ruleId === 'arch/orphan-destination'), []);
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
  });

  it('a Redis glob with many stars is matched in linear steps', () => {
    const dir = project({
      'src/listener.ts': `import Redis from 'ioredis';\nconst sub = new Redis();\nsub.psubscribe('${'a*'.repeat(40)}b');\nsub.on('pmessage', (_p, _c, m) => console.log(m));\n`,
      'src/publisher.ts': `import Redis from 'ioredis';\nconst pub = new Redis();\nexport const tell = () => pub.publish('${'a'.repeat(3000)}', 'x');\n`,
    });
    const r = runCli(['lint', '.', '--format', 'json'], { cwd: dir, timeoutMs: 120_000 });
    const results = resultsByFile(r.stdout, dir);
    // Nothing subscribes to that channel (the glob needs a final `b`): the publisher is an orphan.
    assert.deepEqual(results.get('src/publisher.ts')!.messages.filter((m) => m.ruleId === 'arch/orphan-destination').length, 1);
  });
});
