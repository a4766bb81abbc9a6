// Rule table for kafka/weak-acks: kafkajs send acks, confluent kafkaJS.acks and librdkafka acks settings.
import rule from '../../../src/rules/kafka/weak-acks';
import { ruleTester } from '../../helpers/rule-tester';

const kafkajs = "import { Kafka } from 'kafkajs';\nconst kafka = new Kafka({ clientId: 'payments', brokers: ['b:9092'] });\n";
const confluent = "import { KafkaJS } from '@confluentinc/kafka-javascript';\nconst kafka = new KafkaJS.Kafka({ kafkaJS: { brokers: ['b:9092'] } });\n";
const rdkafka = "import { Producer } from 'node-rdkafka';\n";

ruleTester(rule, {
  valid: [
    { name: 'kafkajs idempotent producer with acks -1', code: `${kafkajs}const producer = kafka.producer({ idempotent: true });\nawait producer.send({ topic: 'payments', acks: -1, messages: [{ key: 'p1', value: 'v' }] });` },
    { name: 'kafkajs send without acks (defaults to all)', code: `${kafkajs}const producer = kafka.producer();\nawait producer.send({ topic: 'payments', messages: [{ key: 'p1', value: 'v' }] });` },
    { name: "librdkafka 'all' and -1", code: `${rdkafka}const producer = new Producer({ 'metadata.broker.list': 'b:9092', acks: 'all' }, { 'request.required.acks': -1 });` },
    { name: 'acks from a parameter is unknown', code: `${kafkajs}const producer = kafka.producer();\nexport async function send(acks: number) { await producer.send({ topic: 't', acks, messages: [] }); }` },
    { name: 'an unresolved spread after acks may override it', code: `${kafkajs}const producer = kafka.producer();\nexport async function send(options: object) { await producer.send({ topic: 't', acks: 1, ...options, messages: [] }); }` },
    { name: 'kafkajs consumer config', code: `${kafkajs}const consumer = kafka.consumer({ groupId: 'billing', acks: 1 } as any);\nawait consumer.connect();` },
    { name: 'node-rdkafka consumer config', code: "import { KafkaConsumer } from 'node-rdkafka';\nconst consumer = new KafkaConsumer({ 'group.id': 'g', 'request.required.acks': 1 } as any, {});" },
    { name: 'a user class with a send method', code: "class Mailer { send(opts: { acks: number; to: string }) { return opts; } }\nconst mailer = new Mailer();\nmailer.send({ acks: 1, to: 'ops@example.com' });" },
    { name: 'an object from an unrelated package', code: "import { Client } from 'some-mq';\nconst client = new Client();\nclient.send({ topic: 'x', acks: 1 });" },
    {
      name: 'lazily created singleton producer sending with acks all',
      code: `${kafkajs}let producer: ReturnType<typeof kafka.producer> | undefined;\nasync function getProducer() {\n  if (!producer) {\n    producer = kafka.producer({ idempotent: true });\n    await producer.connect();\n  }\n  return producer;\n}\nexport async function publish() {\n  await (await getProducer()).send({ topic: 't', acks: -1, messages: [] });\n}`,
    },
    { name: 'confluent KafkaJS producer with acks all in kafkaJS', code: `${confluent}const producer = kafka.producer({ kafkaJS: { acks: -1, idempotent: true } });` },
  ],
  invalid: [
    {
      name: 'kafkajs send with acks 1',
      code: `${kafkajs}const producer = kafka.producer();\nawait producer.send({ topic: 'payments', acks: 1, messages: [{ key: 'p1', value: 'v' }] });`,
      errors: [{ line: 4, column: 42, endLine: 4, endColumn: 49, message: 'acks is 1' }],
      output: `${kafkajs}const producer = kafka.producer();\nawait producer.send({ topic: 'payments', acks: -1, messages: [{ key: 'p1', value: 'v' }] });`,
    },
    {
      name: 'kafkajs sendBatch with acks 0',
      code: `${kafkajs}const producer = kafka.producer();\nawait producer.sendBatch({ acks: 0, topicMessages: [{ topic: 'payments', messages: [] }] });`,
      errors: [{ line: 4, column: 28, endLine: 4, endColumn: 35, message: 'acks is 0' }],
      output: `${kafkajs}const producer = kafka.producer();\nawait producer.sendBatch({ acks: -1, topicMessages: [{ topic: 'payments', messages: [] }] });`,
    },
    {
      name: 'kafkajs transaction.send with acks 1',
      code: `${kafkajs}const producer = kafka.producer({ transactionalId: 'tx', idempotent: true, maxInFlightRequests: 1 });\nconst transaction = await producer.transaction();\nawait transaction.send({ topic: 'ledger', acks: 1, messages: [] });`,
      errors: [{ line: 5, column: 43, endLine: 5, endColumn: 50 }],
      output: `${kafkajs}const producer = kafka.producer({ transactionalId: 'tx', idempotent: true, maxInFlightRequests: 1 });\nconst transaction = await producer.transaction();\nawait transaction.send({ topic: 'ledger', acks: -1, messages: [] });`,
    },
    {
      name: 'confluent KafkaJS producer with kafkaJS.acks 0',
      code: `${confluent}const producer = kafka.producer({ kafkaJS: { acks: 0 } });`,
      errors: [{ line: 3, column: 46, endLine: 3, endColumn: 53 }],
      output: `${confluent}const producer = kafka.producer({ kafkaJS: { acks: -1 } });`,
    },
    {
      name: 'confluent KafkaJS producer with librdkafka acks at top level',
      code: `${confluent}const producer = kafka.producer({ acks: 1, 'linger.ms': 10 });`,
      errors: [{ line: 3, column: 35, endLine: 3, endColumn: 42 }],
      output: `${confluent}const producer = kafka.producer({ acks: -1, 'linger.ms': 10 });`,
    },
    {
      name: 'node-rdkafka topic config request.required.acks 1',
      code: `${rdkafka}const producer = new Producer(\n  { 'metadata.broker.list': 'b:9092' },\n  { 'request.required.acks': 1 },\n);`,
      errors: [{ line: 4, column: 5, endLine: 4, endColumn: 31, message: 'request.required.acks is 1' }],
      output: `${rdkafka}const producer = new Producer(\n  { 'metadata.broker.list': 'b:9092' },\n  { 'request.required.acks': -1 },\n);`,
    },
    {
      name: "node-rdkafka CommonJS global config with acks '1'",
      filename: 'src/producer.js',
      code: "const Kafka = require('node-rdkafka');\nconst producer = new Kafka.HighLevelProducer({ 'metadata.broker.list': 'b:9092', acks: '1' });",
      errors: [{ line: 2, column: 82, endLine: 2, endColumn: 91 }],
      output: "const Kafka = require('node-rdkafka');\nconst producer = new Kafka.HighLevelProducer({ 'metadata.broker.list': 'b:9092', acks: 'all' });",
    },
    {
      name: "confluent rdkafka API with request.required.acks '0'",
      filename: 'src/producer.js',
      code: "const Kafka = require('@confluentinc/kafka-javascript');\nconst producer = new Kafka.Producer({ 'bootstrap.servers': 'b:9092', \"request.required.acks\": \"0\" });",
      errors: [{ line: 2, column: 70, endLine: 2, endColumn: 98 }],
      output: "const Kafka = require('@confluentinc/kafka-javascript');\nconst producer = new Kafka.Producer({ 'bootstrap.servers': 'b:9092', \"request.required.acks\": \"all\" });",
    },
    {
      name: 'librdkafka config declared in a config module: reported and fixed where it is written',
      filename: 'src/kafka-config.ts',
      code: "export const producerConfig = { 'metadata.broker.list': 'b:9092', acks: 1 };\n",
      files: { 'src/producer.ts': `${rdkafka}import { producerConfig } from './kafka-config';\nexport const producer = new Producer(producerConfig);` },
      errors: [{ line: 1, column: 67, endLine: 1, endColumn: 74 }],
      output: "export const producerConfig = { 'metadata.broker.list': 'b:9092', acks: -1 };\n",
    },
    {
      name: 'producer injected through the constructor, record built in a const',
      code: "import type { Producer } from 'kafkajs';\nexport class PaymentPublisher {\n  constructor(private readonly producer: Producer) {}\n  async publish(paymentId: string) {\n    const record = { topic: 'payments', acks: 1, messages: [{ key: paymentId, value: paymentId }] };\n    await this.producer.send(record);\n  }\n}",
      errors: [{ line: 5, column: 41, endLine: 5, endColumn: 48 }],
      output: "import type { Producer } from 'kafkajs';\nexport class PaymentPublisher {\n  constructor(private readonly producer: Producer) {}\n  async publish(paymentId: string) {\n    const record = { topic: 'payments', acks: -1, messages: [{ key: paymentId, value: paymentId }] };\n    await this.producer.send(record);\n  }\n}",
    },
    {
      name: 'lazily created singleton producer',
      code: `${kafkajs}let producer: ReturnType<typeof kafka.producer> | undefined;\nasync function getProducer() {\n  if (!producer) {\n    producer = kafka.producer();\n    await producer.connect();\n  }\n  return producer;\n}\nexport async function publish() {\n  const p = await getProducer();\n  await p.send({ topic: 't', acks: 1, messages: [] });\n}`,
      errors: [{ line: 13, column: 30, endLine: 13, endColumn: 37 }],
      output: `${kafkajs}let producer: ReturnType<typeof kafka.producer> | undefined;\nasync function getProducer() {\n  if (!producer) {\n    producer = kafka.producer();\n    await producer.connect();\n  }\n  return producer;\n}\nexport async function publish() {\n  const p = await getProducer();\n  await p.send({ topic: 't', acks: -1, messages: [] });\n}`,
    },
    {
      name: 'acks from a named constant: reported, but the constant is not rewritten',
      code: `${kafkajs}const LEADER_ONLY = 1;\nconst producer = kafka.producer();\nawait producer.send({ topic: 'clicks', acks: LEADER_ONLY, messages: [] });`,
      errors: [{ line: 5, column: 40, endLine: 5, endColumn: 57 }],
    },
    {
      name: 'send record handed to a wrapper typed with ProducerRecord (types only: no send shows it)',
      modes: ['typed'],
      code: "import type { ProducerRecord } from 'kafkajs';\ndeclare function publish(record: ProducerRecord): Promise<void>;\nawait publish({ topic: 'payments', acks: 1, messages: [] });",
      errors: [{ line: 3, column: 36, endLine: 3, endColumn: 43 }],
      output: "import type { ProducerRecord } from 'kafkajs';\ndeclare function publish(record: ProducerRecord): Promise<void>;\nawait publish({ topic: 'payments', acks: -1, messages: [] });",
    },
  ],
});
