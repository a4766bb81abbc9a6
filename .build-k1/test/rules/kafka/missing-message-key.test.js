"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
// Rule table for kafka/missing-message-key: keyless messages whose value names an entity, across kafkajs, confluent and node-rdkafka.
const missing_message_key_1 = __importDefault(require("../../../src/rules/kafka/missing-message-key"));
const rule_tester_1 = require("../../helpers/rule-tester");
const kafkajs = "import { Kafka } from 'kafkajs';\nconst producer = new Kafka({ clientId: 'shop', brokers: ['b:9092'] }).producer();\n";
const confluent = "import { KafkaJS } from '@confluentinc/kafka-javascript';\nconst producer = new KafkaJS.Kafka({ kafkaJS: { brokers: ['b:9092'] } }).producer();\n";
(0, rule_tester_1.ruleTester)(missing_message_key_1.default, {
    valid: [
        { name: 'message keyed by the entity id', code: `${kafkajs}export async function paid(orderId: string) {\n  await producer.send({ topic: 'orders', messages: [{ key: orderId, value: JSON.stringify({ orderId, status: 'paid' }) }] });\n}` },
        { name: 'only tracing and messaging ids', code: `${kafkajs}export async function log(requestId: string, traceId: string) {\n  await producer.send({ topic: 'audit', messages: [{ value: JSON.stringify({ requestId, traceId, correlationId: requestId, eventId: 'e1' }) }] });\n}` },
        { name: 'explicit partition: the key does not route', code: `${kafkajs}export async function paid(orderId: string) {\n  await producer.send({ topic: 'orders', messages: [{ partition: 0, value: JSON.stringify({ orderId }) }] });\n}` },
        { name: 'unknown spread in the message may carry a key', code: `${kafkajs}export async function paid(orderId: string, meta: object) {\n  await producer.send({ topic: 'orders', messages: [{ ...meta, value: JSON.stringify({ orderId }) }] });\n}` },
        { name: 'opaque value', code: `${kafkajs}export async function publish(event: object) {\n  await producer.send({ topic: 'events', messages: [{ value: JSON.stringify(event) }] });\n}` },
        { name: 'value without an entity id, generic data.id', code: `${kafkajs}export async function publish(data: { id: string }) {\n  await producer.send({ topic: 'pings', messages: [{ value: JSON.stringify({ id: data.id, status: 'ok' }) }] });\n}` },
        { name: 'mapped messages with a key', code: `${confluent}export async function publish(orders: { id: string }[]) {\n  await producer.send({ topic: 'orders', messages: orders.map((o) => ({ key: o.id, value: JSON.stringify({ orderId: o.id }) })) });\n}` },
        { name: 'node-rdkafka produce with a key', filename: 'src/producer.js', code: "const Kafka = require('node-rdkafka');\nconst producer = new Kafka.Producer({ 'metadata.broker.list': 'b:9092' });\nfunction publish(order) {\n  producer.produce('orders', null, Buffer.from(JSON.stringify({ orderId: order.id })), order.id);\n}" },
        { name: 'a user class with a send method', code: "class Mailer { send(opts: unknown) { return opts; } }\nconst mailer = new Mailer();\nmailer.send({ topic: 'x', messages: [{ value: JSON.stringify({ userId: 'u1' }) }] });" },
        { name: 'an object from an unrelated package', code: "import { Queue } from 'some-mq';\nconst queue = new Queue();\nqueue.send({ topic: 'x', messages: [{ value: JSON.stringify({ userId: 'u1' }) }] });" },
        { name: 'forwarded messages are unknown', code: `${kafkajs}export async function publish(messages: { value: string }[]) {\n  await producer.send({ topic: 'orders', messages });\n}` },
        {
            name: 'lazily created singleton producer with keyed messages',
            code: "import { Kafka, type Producer } from 'kafkajs';\nconst kafka = new Kafka({ brokers: ['b:9092'] });\nlet producer: Producer | undefined;\nasync function getProducer(): Promise<Producer> {\n  if (!producer) {\n    producer = kafka.producer();\n    await producer.connect();\n  }\n  return producer;\n}\nexport async function publish(userId: string) {\n  await (await getProducer()).send({ topic: 'users', messages: [{ key: userId, value: JSON.stringify({ userId }) }] });\n}",
        },
    ],
    invalid: [
        {
            name: 'kafkajs send without key, value names orderId',
            code: `${kafkajs}export async function paid(orderId: string, paidAt: string) {\n  await producer.send({ topic: 'orders', messages: [{ value: JSON.stringify({ orderId, status: 'paid', paidAt }) }] });\n}`,
            errors: [{ line: 4, column: 53, endLine: 4, endColumn: 115, message: 'order id (orderId)' }],
        },
        {
            name: 'confluent KafkaJS send, Buffer value with accountId',
            code: `${confluent}export async function topUp(accountId: string, amountCents: number) {\n  await producer.send({\n    topic: 'balance-changes',\n    messages: [{ value: Buffer.from(JSON.stringify({ accountId, amountCents })) }],\n  });\n}`,
            errors: [{ line: 6, column: 16, endLine: 6, endColumn: 82, message: 'account id' }],
        },
        {
            name: 'sendBatch topicMessages, key null, snake_case id',
            code: `${kafkajs}export async function sync(customer: { id: string }) {\n  await producer.sendBatch({ topicMessages: [{ topic: 'customers', messages: [{ key: null, value: JSON.stringify({ customer_id: customer.id }) }] }] });\n}`,
            errors: [{ line: 4, column: 79, endLine: 4, endColumn: 145, message: 'customer id (customer_id)' }],
        },
        {
            name: 'property access order.id in the value',
            code: `${kafkajs}export async function shipped(order: { id: string }) {\n  await producer.send({ topic: 'shipments', messages: [{ value: JSON.stringify({ id: order.id, status: 'shipped' }) }] });\n}`,
            errors: [{ line: 4, column: 56, endLine: 4, endColumn: 118, message: 'order id (order.id)' }],
        },
        {
            name: 'messages built with map: reported once at the returned literal',
            code: `${kafkajs}export async function publishAll(orders: { id: string; total: number }[]) {\n  await producer.send({\n    topic: 'orders',\n    messages: orders.map((o) => ({ value: JSON.stringify({ orderId: o.id, total: o.total }) })),\n  });\n}`,
            errors: [{ line: 6, column: 34, endLine: 6, endColumn: 94 }],
        },
        {
            name: 'messages mapped into a const first, block-bodied callback',
            code: `${confluent}export async function publishAll(users: { id: string }[]) {\n  const messages = users.map((user) => {\n    return { key: null, value: JSON.stringify({ userId: user.id }) };\n  });\n  await producer.send({ topic: 'users', messages });\n}`,
            errors: [{ line: 5, column: 12, endLine: 5, endColumn: 69, message: 'user id (userId)' }],
        },
        {
            name: 'message object declared in a const, id nested in the payload',
            code: `${kafkajs}export async function refund(paymentId: string) {\n  const message = { value: JSON.stringify({ type: 'RefundIssued', data: { paymentId } }) };\n  await producer.send({ topic: 'payments', messages: [message] });\n}`,
            errors: [{ line: 4, column: 19, endLine: 4, endColumn: 91, message: 'payment id' }],
        },
        {
            name: 'node-rdkafka CommonJS produce without a key',
            filename: 'src/producer.js',
            code: "const Kafka = require('node-rdkafka');\nconst producer = new Kafka.Producer({ 'metadata.broker.list': 'b:9092' });\nfunction publish(order) {\n  producer.produce('orders', null, Buffer.from(JSON.stringify({ orderId: order.id, total: order.total })));\n}",
            errors: [{ line: 4, column: 36, endLine: 4, endColumn: 106 }],
        },
        {
            name: 'confluent rdkafka HighLevelProducer produce with a null key',
            code: "import { HighLevelProducer } from '@confluentinc/kafka-javascript';\nconst producer = new HighLevelProducer({ 'bootstrap.servers': 'b:9092' });\nexport function publish(userId: string) {\n  producer.produce('users', -1, Buffer.from(JSON.stringify({ userId })), null, Date.now(), () => undefined);\n}",
            errors: [{ line: 4, column: 33, endLine: 4, endColumn: 72 }],
        },
        {
            name: 'lazily created singleton producer',
            code: "import { Kafka, type Producer } from 'kafkajs';\nconst kafka = new Kafka({ brokers: ['b:9092'] });\nlet producer: Producer | undefined;\nasync function getProducer(): Promise<Producer> {\n  if (!producer) {\n    producer = kafka.producer();\n    await producer.connect();\n  }\n  return producer;\n}\nexport async function publish(userId: string) {\n  await (await getProducer()).send({ topic: 'users', messages: [{ value: JSON.stringify({ userId }) }] });\n}",
            errors: [{ line: 12, column: 65, endLine: 12, endColumn: 102 }],
        },
        {
            name: 'producer injected through the constructor, event.cartId access',
            code: "import type { Producer } from 'kafkajs';\nexport class CartEvents {\n  constructor(private readonly producer: Producer) {}\n  async itemAdded(event: { cartId: string; sku: string }) {\n    await this.producer.send({ topic: 'carts', messages: [{ value: `${event.cartId}:${event.sku}` }] });\n  }\n}",
            errors: [{ line: 5, column: 59, endLine: 5, endColumn: 100, message: 'cart id (event.cartId)' }],
        },
        {
            name: 'producer exported from another file',
            code: "import { producer } from './kafka';\nexport async function created(tenantId: string, invoiceId: string) {\n  await producer.send({ topic: 'invoices', messages: [{ value: JSON.stringify({ tenantId, invoiceId }) }] });\n}",
            files: { 'src/kafka.ts': "import { Kafka } from 'kafkajs';\nexport const producer = new Kafka({ brokers: ['b:9092'] }).producer();\n" },
            errors: [{ line: 3, column: 55, endLine: 3, endColumn: 105, message: 'tenant id' }],
        },
        {
            name: 'messages handed to a wrapper typed with Message[] (types only: no send shows them)',
            modes: ['typed'],
            code: "import type { Message } from 'kafkajs';\ndeclare function publish(topic: string, messages: Message[]): Promise<void>;\nexport async function created(userId: string) {\n  await publish('users', [{ value: JSON.stringify({ userId, status: 'active' }) }]);\n}",
            errors: [{ line: 4, column: 27, endLine: 4, endColumn: 82 }],
        },
    ],
});
//# sourceMappingURL=missing-message-key.test.js.map