import rule from '../../../src/rules/kafka/unawaited-processing';
import { ruleTester } from '../../helpers/rule-tester';

const kafkajs = "import { Kafka } from 'kafkajs';\nconst consumer = new Kafka({ clientId: 'billing', brokers: ['localhost:9092'] }).consumer({ groupId: 'billing' });\n";
const charge = 'async function chargeOrder(order: { orderId: string }): Promise<void> {\n  console.log(order.orderId);\n}\n';
const confluentKafka = "import { KafkaJS } from '@confluentinc/kafka-javascript';\nconst kafka = new KafkaJS.Kafka({ kafkaJS: { brokers: ['localhost:9092'] } });\n";

ruleTester(rule, {
  valid: [
    {
      name: 'work is awaited',
      code: `${kafkajs}${charge}await consumer.run({
  eachMessage: async ({ message }) => {
    await chargeOrder(JSON.parse(String(message.value)));
  },
});`,
    },
    {
      name: 'eachBatch awaiting each message, resolving offsets and heartbeating',
      code: `${kafkajs}${charge}await consumer.run({
  eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
    for (const message of batch.messages) {
      await chargeOrder(JSON.parse(String(message.value)));
      resolveOffset(message.offset);
      await heartbeat();
    }
  },
});`,
    },
    {
      name: 'autoCommit: false in run()',
      code: `${kafkajs}${charge}await consumer.run({
  autoCommit: false,
  eachMessage: async ({ message }) => {
    chargeOrder(JSON.parse(String(message.value)));
  },
});`,
    },
    {
      name: 'confluent consumer with kafkaJS autoCommit: false',
      code: `${confluentKafka}${charge}const consumer = kafka.consumer({ kafkaJS: { groupId: 'billing', autoCommit: false } });
await consumer.run({
  eachMessage: async ({ message }) => {
    chargeOrder(JSON.parse(String(message.value)));
  },
});`,
    },
    {
      name: "confluent consumer with 'enable.auto.commit': false",
      code: `${confluentKafka}${charge}const consumer = kafka.consumer({ 'group.id': 'billing', 'enable.auto.commit': false });
await consumer.run({
  eachMessage: async ({ message }) => {
    chargeOrder(JSON.parse(String(message.value)));
  },
});`,
    },
    {
      name: 'autoCommit taken from configuration is unknown',
      code: `${kafkajs}${charge}export async function start(settings: { autoCommit: boolean }) {
  await consumer.run({
    autoCommit: settings.autoCommit,
    eachMessage: async ({ message }) => {
      chargeOrder(JSON.parse(String(message.value)));
    },
  });
}`,
    },
    {
      name: 'void marks an explicit fire-and-forget',
      code: `${kafkajs}${charge}await consumer.run({
  eachMessage: async ({ message }) => {
    void chargeOrder(JSON.parse(String(message.value)));
  },
});`,
    },
    {
      name: 'promise returned from the handler',
      code: `${kafkajs}${charge}await consumer.run({
  eachMessage: ({ message }) => {
    return chargeOrder(JSON.parse(String(message.value)));
  },
});`,
    },
    {
      name: 'promises collected locally and awaited together',
      code: `${kafkajs}${charge}await consumer.run({
  eachBatch: async ({ batch }) => {
    const work = [];
    for (const message of batch.messages) work.push(chargeOrder(JSON.parse(String(message.value))));
    await Promise.all(work);
  },
});`,
    },
    {
      name: 'synchronous calls, metrics of metadata, pause and a timed resume',
      code: `${kafkajs}const lag: number[] = [];
function log(text: string) { console.log(text); }
await consumer.run({
  eachMessage: async ({ topic, partition, message, heartbeat }) => {
    log(String(message.value));
    lag.push(Date.now() - Number(message.timestamp));
    heartbeat();
    consumer.pause([{ topic, partitions: [partition] }]);
    setTimeout(() => consumer.resume([{ topic, partitions: [partition] }]), 1000);
  },
});`,
    },
    {
      name: 'consumer flow control is not message processing',
      code: `${kafkajs}await consumer.run({
  eachMessage: async ({ message }) => {
    if (message.value === null) consumer.disconnect();
  },
});`,
    },
    {
      name: 'user class with a run method',
      code: `${charge}class Scheduler {
  run(config: { eachMessage: (p: { message: unknown }) => Promise<void> }) { return config; }
}
const scheduler = new Scheduler();
scheduler.run({
  eachMessage: async ({ message }) => {
    chargeOrder(message as { orderId: string });
  },
});`,
    },
    {
      name: 'callback registered for later is not run by the handler',
      code: `${kafkajs}${charge}import { EventEmitter } from 'node:events';
const bus = new EventEmitter();
await consumer.run({
  eachMessage: async ({ message }) => {
    bus.once('ready', () => chargeOrder(JSON.parse(String(message.value))));
  },
});`,
    },
    {
      name: 'run() config spread from an unknown object may turn autoCommit off',
      code: `${kafkajs}${charge}export async function start(base: object) {
  await consumer.run({
    ...base,
    eachMessage: async ({ message }) => {
      chargeOrder(JSON.parse(String(message.value)));
    },
  });
}`,
    },
    {
      name: 'confluent consumer handed in without its configuration',
      code: `import { KafkaJS } from '@confluentinc/kafka-javascript';
${charge}export class Worker {
  constructor(private readonly consumer: KafkaJS.Consumer) {}
  start() {
    return this.consumer.run({
      eachMessage: async ({ message }) => {
        chargeOrder(JSON.parse(String(message.value)));
      },
    });
  }
}`,
    },
  ],
  invalid: [
    {
      name: 'kafkajs floating async call',
      code: `${kafkajs}${charge}await consumer.run({
  eachMessage: async ({ message }) => {
    const order = JSON.parse(String(message.value));
    chargeOrder(order);
  },
});`,
      errors: [
        {
          line: 9,
          column: 5,
          endLine: 9,
          endColumn: 23,
          message: 'at-most-once',
          suggestions: [
            {
              output: `${kafkajs}${charge}await consumer.run({
  eachMessage: async ({ message }) => {
    const order = JSON.parse(String(message.value));
    await chargeOrder(order);
  },
});`,
            },
          ],
        },
      ],
    },
    {
      name: 'confluent KafkaJS .then chain',
      code: `${confluentKafka}${charge}const consumer = kafka.consumer({ kafkaJS: { groupId: 'stock' } });
await consumer.run({
  eachMessage: async ({ message }) => {
    chargeOrder(JSON.parse(String(message.value))).then(() => console.log('charged'));
  },
});`,
      errors: [
        {
          line: 9,
          column: 5,
          endLine: 9,
          endColumn: 86,
          message: '.then()',
          suggestions: [
            {
              output: `${confluentKafka}${charge}const consumer = kafka.consumer({ kafkaJS: { groupId: 'stock' } });
await consumer.run({
  eachMessage: async ({ message }) => {
    await chargeOrder(JSON.parse(String(message.value))).then(() => console.log('charged'));
  },
});`,
            },
          ],
        },
      ],
    },
    {
      name: 'eachBatch starting every message without waiting',
      code: `${kafkajs}${charge}await consumer.run({
  eachBatch: async ({ batch }) => {
    for (const message of batch.messages) {
      chargeOrder(JSON.parse(String(message.value)));
    }
  },
});`,
      errors: [
        {
          line: 9,
          column: 7,
          endLine: 9,
          endColumn: 53,
          message: 'eachBatch',
          suggestions: [
            {
              output: `${kafkajs}${charge}await consumer.run({
  eachBatch: async ({ batch }) => {
    for (const message of batch.messages) {
      await chargeOrder(JSON.parse(String(message.value)));
    }
  },
});`,
            },
          ],
        },
      ],
    },
    {
      name: 'eachBatch forEach with an async callback',
      code: `${kafkajs}${charge}await consumer.run({
  eachBatch: async ({ batch }) => {
    batch.messages.forEach(async (message) => {
      await chargeOrder(JSON.parse(String(message.value)));
    });
  },
});`,
      errors: [{ line: 8, column: 5, endLine: 10, endColumn: 7, message: 'forEach' }],
    },
    {
      name: 'message pushed onto a module-level in-memory queue',
      code: `${kafkajs}import type { KafkaMessage } from 'kafkajs';
const queue: KafkaMessage[] = [];
await consumer.run({
  eachMessage: async ({ message }) => {
    queue.push(message);
  },
});`,
      errors: [{ line: 7, column: 5, endLine: 7, endColumn: 24, message: 'in-memory queue' }],
    },
    {
      name: 'class field producer consumer service: bound handler, field queue, deferred work',
      code: `import { Kafka, type Consumer, type EachMessagePayload } from 'kafkajs';
export class OrderWorker {
  private readonly consumer: Consumer = new Kafka({ brokers: ['localhost:9092'] }).consumer({ groupId: 'orders' });
  private readonly jobs: Promise<void>[] = [];
  async start() {
    await this.consumer.run({ eachMessage: this.handle.bind(this) });
  }
  private async handle({ message }: EachMessagePayload) {
    const order = JSON.parse(String(message.value));
    this.jobs.push(this.process(order));
    setImmediate(() => this.process(order));
  }
  private async process(order: { orderId: string }) {
    console.log(order.orderId);
  }
}`,
      errors: [
        { line: 10, column: 5, endLine: 10, endColumn: 40, message: 'in-memory queue' },
        { line: 11, column: 5, endLine: 11, endColumn: 44, message: 'timer' },
      ],
    },
    {
      name: 'handler declared elsewhere relays with a floating producer send',
      code: `import { Kafka, type EachMessagePayload } from 'kafkajs';
const kafka = new Kafka({ brokers: ['localhost:9092'] });
const producer = kafka.producer();
const consumer = kafka.consumer({ groupId: 'relay' });
async function handleMessage({ message }: EachMessagePayload) {
  producer.send({ topic: 'orders-copy', messages: [{ key: message.key, value: message.value }] });
}
await consumer.run({ eachMessage: handleMessage });`,
      errors: [
        {
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 98,
          suggestions: [
            {
              output: `import { Kafka, type EachMessagePayload } from 'kafkajs';
const kafka = new Kafka({ brokers: ['localhost:9092'] });
const producer = kafka.producer();
const consumer = kafka.consumer({ groupId: 'relay' });
async function handleMessage({ message }: EachMessagePayload) {
  await producer.send({ topic: 'orders-copy', messages: [{ key: message.key, value: message.value }] });
}
await consumer.run({ eachMessage: handleMessage });`,
            },
          ],
        },
      ],
    },
    {
      name: 'handler in this file, run() in another file; floating Redis write',
      code: `import Redis from 'ioredis';
import type { EachMessagePayload } from 'kafkajs';
const redis = new Redis();
export async function cacheOrder({ message }: EachMessagePayload) {
  redis.set(\`order:\${String(message.key)}\`, String(message.value));
}`,
      files: {
        'src/consumer.ts': `import { Kafka } from 'kafkajs';
import { cacheOrder } from './case';
const consumer = new Kafka({ brokers: ['localhost:9092'] }).consumer({ groupId: 'cache' });
await consumer.run({ eachMessage: cacheOrder });`,
      },
      errors: [
        {
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 67,
          suggestions: [
            {
              output: `import Redis from 'ioredis';
import type { EachMessagePayload } from 'kafkajs';
const redis = new Redis();
export async function cacheOrder({ message }: EachMessagePayload) {
  await redis.set(\`order:\${String(message.key)}\`, String(message.value));
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'delegated method and Promise.all without await',
      code: `import { Kafka } from 'kafkajs';
type Order = { orderId: string; lines: string[] };
export class Billing {
  private consumer = new Kafka({ brokers: ['localhost:9092'] }).consumer({ groupId: 'billing' });
  async start() {
    await this.consumer.run({ eachMessage: async (payload) => this.onMessage(JSON.parse(String(payload.message.value))) });
  }
  async onMessage(order: Order) {
    Promise.all(order.lines.map((line) => this.reserve(line)));
  }
  async reserve(line: string) {
    console.log(line);
  }
}`,
      errors: [
        {
          line: 9,
          column: 5,
          endLine: 9,
          endColumn: 63,
          suggestions: [
            {
              output: `import { Kafka } from 'kafkajs';
type Order = { orderId: string; lines: string[] };
export class Billing {
  private consumer = new Kafka({ brokers: ['localhost:9092'] }).consumer({ groupId: 'billing' });
  async start() {
    await this.consumer.run({ eachMessage: async (payload) => this.onMessage(JSON.parse(String(payload.message.value))) });
  }
  async onMessage(order: Order) {
    await Promise.all(order.lines.map((line) => this.reserve(line)));
  }
  async reserve(line: string) {
    console.log(line);
  }
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'lazily created consumer singleton, floating Promise.all over the batch',
      code: `import { Kafka, type Consumer } from 'kafkajs';
${charge}const kafka = new Kafka({ brokers: ['localhost:9092'] });
let consumer: Consumer | undefined;
function getConsumer(): Consumer {
  if (!consumer) consumer = kafka.consumer({ groupId: 'billing' });
  return consumer;
}
export async function start() {
  await getConsumer().run({
    eachBatch: async ({ batch }) => {
      Promise.all(batch.messages.map((m) => chargeOrder(JSON.parse(String(m.value)))));
    },
  });
}`,
      errors: [
        {
          line: 14,
          column: 7,
          endLine: 14,
          endColumn: 87,
          suggestions: [
            {
              output: `import { Kafka, type Consumer } from 'kafkajs';
${charge}const kafka = new Kafka({ brokers: ['localhost:9092'] });
let consumer: Consumer | undefined;
function getConsumer(): Consumer {
  if (!consumer) consumer = kafka.consumer({ groupId: 'billing' });
  return consumer;
}
export async function start() {
  await getConsumer().run({
    eachBatch: async ({ batch }) => {
      await Promise.all(batch.messages.map((m) => chargeOrder(JSON.parse(String(m.value)))));
    },
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'CommonJS require in a .js file, process.nextTick',
      filename: 'src/worker.js',
      code: `const { Kafka } = require('kafkajs');
const consumer = new Kafka({ brokers: ['localhost:9092'] }).consumer({ groupId: 'mail' });
async function sendReceipt(order) {
  console.log(order);
}
consumer.run({
  eachMessage: async ({ message }) => {
    process.nextTick(sendReceipt, JSON.parse(message.value.toString()));
  },
});`,
      errors: [{ line: 8, column: 5, endLine: 8, endColumn: 72, message: 'timer' }],
    },
  ],
});
