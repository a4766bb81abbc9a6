"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const unbatched_send_1 = __importDefault(require("../../../src/rules/kafka/unbatched-send"));
const rule_tester_1 = require("../../helpers/rule-tester");
const kafkajs = "import { Kafka } from 'kafkajs';\nconst producer = new Kafka({ clientId: 'shop', brokers: ['localhost:9092'] }).producer();\n";
const confluent = "import { KafkaJS } from '@confluentinc/kafka-javascript';\nconst producer = new KafkaJS.Kafka({ kafkaJS: { brokers: ['localhost:9092'] } }).producer();\n";
(0, rule_tester_1.ruleTester)(unbatched_send_1.default, {
    valid: [
        {
            name: 'messages built in the loop, sent once after it',
            code: `${kafkajs}export async function publish(orders: { id: string }[]) {
  const messages = [];
  for (const order of orders) {
    messages.push({ key: order.id, value: JSON.stringify(order) });
  }
  await producer.send({ topic: 'orders', messages });
}`,
        },
        {
            name: 'chunks of unknown size sent per iteration',
            code: `${kafkajs}export async function publish(chunks: { id: string }[][]) {
  for (const chunk of chunks) {
    await producer.send({ topic: 'orders', messages: chunk.map((o) => ({ key: o.id, value: JSON.stringify(o) })) });
  }
}`,
        },
        {
            name: 'spread of a forwarded array is unknown',
            code: `${kafkajs}export async function publish(groups: Array<Array<{ value: string }>>) {
  for (const group of groups) await producer.send({ topic: 'orders', messages: [...group] });
}`,
        },
        {
            name: 'const array that is pushed to is not a single message',
            code: `${kafkajs}export async function publish(first: string, rest: string[][]) {
  for (const tail of rest) {
    const messages = [{ value: first }];
    for (const value of tail) messages.push({ value });
    await producer.send({ topic: 'orders', messages });
  }
}`,
        },
        {
            name: 'forEach with an async callback is not serial',
            code: `${kafkajs}export function publish(orders: { id: string }[]) {
  orders.forEach(async (order) => {
    await producer.send({ topic: 'orders', messages: [{ key: order.id, value: 'x' }] });
  });
}`,
        },
        {
            name: 'sends started in the loop and awaited together',
            code: `${kafkajs}export async function publish(orders: { id: string }[]) {
  const pending = [];
  for (const order of orders) pending.push(producer.send({ topic: 'orders', messages: [{ key: order.id, value: 'x' }] }));
  await Promise.all(pending);
}`,
        },
        {
            name: 'retry loop around one send leaves the loop on success',
            code: `${kafkajs}export async function publishWithRetry(value: string) {
  for (let attempt = 1; attempt <= 5; attempt++) {
    try {
      await producer.send({ topic: 'orders', messages: [{ value }] });
      return;
    } catch (err) {
      if (attempt === 5) throw err;
    }
  }
}`,
        },
        {
            name: 'retry loop with a sent flag',
            code: `${confluent}export async function publishWithRetry(value: string) {
  let sent = false;
  while (!sent) {
    try {
      await producer.send({ topic: 'orders', messages: [{ value }] });
      sent = true;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}`,
        },
        {
            name: 'send inside a callback scheduled by the loop body',
            code: `${kafkajs}export function publishLater(values: string[]) {
  for (const value of values) {
    setTimeout(async () => {
      await producer.send({ topic: 'orders', messages: [{ value }] });
    }, 10);
  }
}`,
        },
        {
            name: 'fire-and-forget librdkafka produce in a loop is batched by linger.ms',
            code: "import Kafka from 'node-rdkafka';\nconst producer = new Kafka.Producer({ 'metadata.broker.list': 'localhost:9092' });\nexport function publish(values: string[]) {\n  for (const value of values) {\n    producer.produce('orders', null, Buffer.from(value));\n  }\n}",
        },
        {
            name: 'user class with a send method',
            code: "class Mailer {\n  async send(msg: { topic: string; messages: unknown[] }) { return msg; }\n}\nconst mailer = new Mailer();\nexport async function notify(users: string[]) {\n  for (const u of users) await mailer.send({ topic: 'welcome', messages: [{ value: u }] });\n}",
        },
        {
            name: 'send of an unrelated package (AWS SQS client)',
            code: "import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';\nconst sqs = new SQSClient({});\nexport async function enqueue(jobs: string[]) {\n  for (const job of jobs) {\n    await sqs.send(new SendMessageCommand({ QueueUrl: 'q', MessageBody: job }));\n  }\n}",
        },
        {
            name: 'one awaited send per call, not in a loop',
            code: `${kafkajs}export async function publishOne(value: string) {
  await producer.send({ topic: 'orders', messages: [{ value }] });
}`,
        },
    ],
    invalid: [
        {
            name: 'kafkajs for-of awaiting one message per iteration',
            code: `${kafkajs}export async function publish(orders: { id: string }[]) {
  for (const order of orders) {
    await producer.send({ topic: 'orders', messages: [{ key: order.id, value: JSON.stringify(order) }] });
  }
}`,
            errors: [{ line: 5, column: 11, endLine: 5, endColumn: 106, message: 'kafkajs has no linger' }],
        },
        {
            name: 'confluent KafkaJS producer in a while loop',
            code: `${confluent}export async function publish(refunds: { id: string }[]) {
  let i = 0;
  while (i < refunds.length) {
    const refund = refunds[i++];
    await producer.send({ topic: 'refunds', messages: [{ key: refund.id, value: JSON.stringify(refund) }] });
  }
}`,
            errors: [{ line: 7, column: 11, endLine: 7, endColumn: 109, message: 'delivery report' }],
        },
        {
            name: 'lazily created singleton producer',
            code: `import { Kafka, Producer } from 'kafkajs';
const kafka = new Kafka({ brokers: ['localhost:9092'] });
let producer: Producer | undefined;
async function getProducer() {
  if (!producer) {
    producer = kafka.producer();
    await producer.connect();
  }
  return producer;
}
export async function publish(events: { id: string }[]) {
  const p = await getProducer();
  for (const e of events) {
    await p.send({ topic: 'events', messages: [{ key: e.id, value: JSON.stringify(e) }] });
  }
}`,
            errors: [{ line: 14, column: 11, endLine: 14, endColumn: 91 }],
        },
        {
            name: 'producer exported from another file, record as a const',
            code: `import { producer } from './kafka';
export async function publish(ids: string[]) {
  for (let i = 0; i < ids.length; i++) {
    const record = { topic: 'ids', messages: [{ value: ids[i] }] };
    await producer.send(record);
  }
}`,
            files: { 'src/kafka.ts': "import { Kafka } from 'kafkajs';\nexport const producer = new Kafka({ brokers: ['localhost:9092'] }).producer();\n" },
            errors: [{ line: 5, column: 11, endLine: 5, endColumn: 32 }],
        },
        {
            name: 'class field producer and a const messages array of one',
            code: `import { Kafka } from 'kafkajs';
export class OrderPublisher {
  private readonly producer = new Kafka({ brokers: ['localhost:9092'] }).producer();
  async publishAll(orders: { id: string }[]) {
    for (const order of orders) {
      const messages = [{ key: order.id, value: JSON.stringify(order) }];
      await this.producer.send({ topic: 'orders', messages });
    }
  }
}`,
            errors: [{ line: 7, column: 13, endLine: 7, endColumn: 62 }],
        },
        {
            name: 'constructor-injected producer, sendBatch of one message, for-in',
            code: `import type { Producer } from 'kafkajs';
export class Relay {
  constructor(private readonly producer: Producer) {}
  async relay(byId: Record<string, string>) {
    for (const id in byId) {
      await this.producer.sendBatch({ topicMessages: [{ topic: 'relay', messages: [{ key: id, value: byId[id] }] }] });
    }
  }
}`,
            errors: [{ line: 6, column: 13, endLine: 6, endColumn: 119 }],
        },
        {
            name: 'for await over an async source',
            code: `${kafkajs}export async function pump(source: AsyncIterable<string>) {
  for await (const line of source) {
    const result = await producer.send({ topic: 'lines', messages: [{ value: line }] });
    console.log(result);
  }
}`,
            errors: [{ line: 5, column: 26, endLine: 5, endColumn: 88 }],
        },
        {
            name: 'do-while loop',
            code: `${kafkajs}export async function drain(next: () => string | undefined) {
  let value = next();
  do {
    await producer.send({ topic: 'drain', messages: [{ value }] });
    value = next();
  } while (value !== undefined);
}`,
            errors: [{ line: 6, column: 11, endLine: 6, endColumn: 67 }],
        },
        {
            name: 'CommonJS require in a .js file',
            filename: 'src/publish.js',
            code: `const { Kafka } = require('kafkajs');
const producer = new Kafka({ brokers: ['localhost:9092'] }).producer();
async function publish(items) {
  for (const item of items) {
    await producer.send({ topic: 'items', messages: [{ value: JSON.stringify(item) }] });
  }
}
module.exports = { publish };`,
            errors: [{ line: 5, column: 11, endLine: 5, endColumn: 89 }],
        },
        {
            name: 'node-rdkafka produce whose delivery is awaited in a loop',
            code: `import Kafka from 'node-rdkafka';
const producer = new Kafka.HighLevelProducer({ 'metadata.broker.list': 'localhost:9092' });
export async function publish(values: string[]) {
  for (const value of values) {
    await new Promise((resolve, reject) => {
      producer.produce('orders', null, Buffer.from(value), null, Date.now(), (err: unknown, offset: unknown) => (err ? reject(err) : resolve(offset)));
    });
  }
}`,
            errors: [{ line: 6, column: 7, endLine: 6, endColumn: 151, message: 'delivery report' }],
        },
    ],
});
//# sourceMappingURL=unbatched-send.test.js.map