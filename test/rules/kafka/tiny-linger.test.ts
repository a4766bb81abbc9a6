// Rule table for kafka/tiny-linger: librdkafka producer configs across node-rdkafka and both @confluentinc/kafka-javascript APIs.
import rule from '../../../src/rules/kafka/tiny-linger';
import { ruleTester } from '../../helpers/rule-tester';

const rdkafka = "import { Producer } from 'node-rdkafka';\n";
const confluent = "import { KafkaJS } from '@confluentinc/kafka-javascript';\n";

ruleTester(rule, {
  valid: [
    { name: 'linger above the minimum', code: `${rdkafka}const producer = new Producer({ 'metadata.broker.list': 'localhost:9092', 'linger.ms': 20, 'compression.codec': 'lz4' });` },
    { name: 'no linger override (librdkafka default of 5 ms)', code: `${rdkafka}const producer = new Producer({ 'metadata.broker.list': 'localhost:9092', dr_cb: true });` },
    { name: 'linger exactly at minLingerMs', code: `${confluent}const producer = new KafkaJS.Kafka({ kafkaJS: { brokers: ['b:9092'] } }).producer({ 'linger.ms': 5 });` },
    { name: 'unrelated object with a linger.ms key', code: `${rdkafka}const producer = new Producer({ 'metadata.broker.list': 'b:9092' });\nexport const settings = { 'linger.ms': 0, 'batch.num.messages': 1 };\nconsole.log(settings);` },
    { name: 'kafkajs producer (kafkajs has no linger setting)', code: "import { Kafka } from 'kafkajs';\nconst producer = new Kafka({ brokers: ['b:9092'] }).producer({ 'linger.ms': 0, idempotent: true } as any);" },
    { name: 'value read from the environment is unknown', code: `${rdkafka}const producer = new Producer({ 'metadata.broker.list': 'b:9092', 'linger.ms': Number(process.env.LINGER_MS) });` },
    { name: 'forwarded config is unknown', code: `${rdkafka}export function create(config: Record<string, unknown>) { return new Producer(config); }` },
    { name: 'an unresolved spread after the setting may override it', code: `${rdkafka}export function create(overrides: object) { return new Producer({ 'linger.ms': 0, ...overrides }); }` },
    { name: 'other keys: sticky.partitioning.linger.ms and a real batch size', code: `${rdkafka}const producer = new Producer({ 'sticky.partitioning.linger.ms': 0, 'batch.num.messages': 10000 });` },
    { name: 'consumer config', code: "import { KafkaConsumer } from 'node-rdkafka';\nconst consumer = new KafkaConsumer({ 'group.id': 'g', 'fetch.wait.max.ms': 0, 'linger.ms': 0 } as any, {});" },
    { name: 'a user class named Producer', code: "class Producer { constructor(readonly options: object) {} }\nconst producer = new Producer({ 'linger.ms': 0 });" },
    { name: 'a Producer from an unrelated package', code: "import { Producer } from 'some-queue-lib';\nconst producer = new Producer({ 'linger.ms': 0 });" },
    {
      name: 'lazily created singleton producer with a sane linger',
      code: `${rdkafka}let producer: Producer | undefined;\nexport function getProducer(): Producer {\n  if (!producer) {\n    producer = new Producer({ 'metadata.broker.list': 'b:9092', 'linger.ms': 10 });\n    producer.connect();\n  }\n  return producer;\n}`,
    },
    { name: 'config in another file with a sane linger', code: `${rdkafka}import { producerConfig } from './kafka-config';\nconst producer = new Producer(producerConfig);`, files: { 'src/kafka-config.ts': "export const producerConfig = { 'metadata.broker.list': 'b:9092', 'linger.ms': 50 };\n" } },
  ],
  invalid: [
    {
      name: 'node-rdkafka linger.ms 0',
      code: `${rdkafka}const producer = new Producer({ 'metadata.broker.list': 'localhost:9092', 'linger.ms': 0 });`,
      errors: [{ line: 2, column: 75, endLine: 2, endColumn: 89, message: 'linger.ms is 0' }],
      output: `${rdkafka}const producer = new Producer({ 'metadata.broker.list': 'localhost:9092', 'linger.ms': 5 });`,
    },
    {
      name: 'node-rdkafka CommonJS HighLevelProducer with a string value',
      filename: 'src/producer.js',
      code: "const Kafka = require('node-rdkafka');\nconst producer = new Kafka.HighLevelProducer({ 'metadata.broker.list': 'b:9092', 'queue.buffering.max.ms': '1' });",
      errors: [{ line: 2, column: 82, endLine: 2, endColumn: 111, message: 'queue.buffering.max.ms is 1' }],
      output: "const Kafka = require('node-rdkafka');\nconst producer = new Kafka.HighLevelProducer({ 'metadata.broker.list': 'b:9092', 'queue.buffering.max.ms': '5' });",
    },
    {
      name: 'node-rdkafka default import, Producer.createWriteStream',
      code: "import Kafka from 'node-rdkafka';\nconst stream = Kafka.Producer.createWriteStream({ 'metadata.broker.list': 'b:9092', 'linger.ms': 0 }, {}, { topic: 'events' });",
      errors: [{ line: 2, column: 85, endLine: 2, endColumn: 99 }],
      output: "import Kafka from 'node-rdkafka';\nconst stream = Kafka.Producer.createWriteStream({ 'metadata.broker.list': 'b:9092', 'linger.ms': 5 }, {}, { topic: 'events' });",
    },
    {
      name: 'node-rdkafka namespace import: batch.num.messages 1 (no fix) and linger 2',
      code: "import * as Kafka from 'node-rdkafka';\nconst producer = new Kafka.Producer({\n  'linger.ms': 2,\n  'batch.num.messages': 1,\n});",
      errors: [
        { line: 3, column: 3, endLine: 3, endColumn: 17, message: 'linger.ms is 2' },
        { line: 4, column: 3, endLine: 4, endColumn: 26, message: 'batch.num.messages is 1' },
      ],
      output: "import * as Kafka from 'node-rdkafka';\nconst producer = new Kafka.Producer({\n  'linger.ms': 5,\n  'batch.num.messages': 1,\n});",
    },
    {
      name: 'confluent rdkafka API through CommonJS require',
      filename: 'src/producer.js',
      code: "const Kafka = require('@confluentinc/kafka-javascript');\nconst producer = new Kafka.Producer({ 'bootstrap.servers': 'b:9092', 'linger.ms': 0 });",
      errors: [{ line: 2, column: 70, endLine: 2, endColumn: 84 }],
      output: "const Kafka = require('@confluentinc/kafka-javascript');\nconst producer = new Kafka.Producer({ 'bootstrap.servers': 'b:9092', 'linger.ms': 5 });",
    },
    {
      name: 'confluent KafkaJS producer config with librdkafka keys at top level',
      code: `${confluent}const kafka = new KafkaJS.Kafka({ kafkaJS: { brokers: ['b:9092'] } });\nconst producer = kafka.producer({ 'linger.ms': 0, kafkaJS: { idempotent: true } });`,
      errors: [{ line: 3, column: 35, endLine: 3, endColumn: 49 }],
      output: `${confluent}const kafka = new KafkaJS.Kafka({ kafkaJS: { brokers: ['b:9092'] } });\nconst producer = kafka.producer({ 'linger.ms': 5, kafkaJS: { idempotent: true } });`,
    },
    {
      name: 'confluent KafkaJS common config on the Kafka constructor applies to its producers',
      code: `${confluent}const kafka = new KafkaJS.Kafka({ 'queue.buffering.max.ms': 0, kafkaJS: { brokers: ['b:9092'] } });\nexport const producer = kafka.producer();`,
      errors: [{ line: 2, column: 35, endLine: 2, endColumn: 62 }],
      output: `${confluent}const kafka = new KafkaJS.Kafka({ 'queue.buffering.max.ms': 5, kafkaJS: { brokers: ['b:9092'] } });\nexport const producer = kafka.producer();`,
    },
    {
      name: 'config declared in a config module: reported and fixed where it is written',
      filename: 'src/kafka-config.ts',
      code: "export const producerConfig = { 'metadata.broker.list': 'b:9092', 'linger.ms': 0 };\n",
      files: { 'src/producer.ts': `${rdkafka}import { producerConfig } from './kafka-config';\nconst producer = new Producer(producerConfig);` },
      errors: [{ line: 1, column: 67, endLine: 1, endColumn: 81 }],
      output: "export const producerConfig = { 'metadata.broker.list': 'b:9092', 'linger.ms': 5 };\n",
    },
    {
      name: 'CommonJS config module',
      filename: 'src/kafka-config.js',
      code: "module.exports.producerConfig = { 'metadata.broker.list': 'b:9092', 'linger.ms': 0 };\n",
      files: { 'src/producer.js': "const Kafka = require('node-rdkafka');\nconst { producerConfig } = require('./kafka-config');\nconst producer = new Kafka.Producer(producerConfig);" },
      errors: [{ line: 1, column: 69, endLine: 1, endColumn: 83 }],
      output: "module.exports.producerConfig = { 'metadata.broker.list': 'b:9092', 'linger.ms': 5 };\n",
    },
    {
      name: 'config const in the same file, with a base config spread first',
      code: `${rdkafka}const base = { 'metadata.broker.list': 'b:9092', 'linger.ms': 20 };\nconst producerConfig = { ...base, 'linger.ms': 0 };\nconst producer = new Producer(producerConfig);`,
      errors: [{ line: 3, column: 35, endLine: 3, endColumn: 49 }],
      output: `${rdkafka}const base = { 'metadata.broker.list': 'b:9092', 'linger.ms': 20 };\nconst producerConfig = { ...base, 'linger.ms': 5 };\nconst producer = new Producer(producerConfig);`,
    },
    {
      name: 'lazily created singleton producer',
      code: `${rdkafka}let producer: Producer | undefined;\nexport function getProducer(): Producer {\n  if (!producer) {\n    producer = new Producer({ 'metadata.broker.list': 'b:9092', 'linger.ms': 0 });\n    producer.connect();\n  }\n  return producer;\n}`,
      errors: [{ line: 5, column: 65, endLine: 5, endColumn: 79 }],
      output: `${rdkafka}let producer: Producer | undefined;\nexport function getProducer(): Producer {\n  if (!producer) {\n    producer = new Producer({ 'metadata.broker.list': 'b:9092', 'linger.ms': 5 });\n    producer.connect();\n  }\n  return producer;\n}`,
    },
    {
      name: 'confluent KafkaJS client injected through the constructor',
      code: `${confluent}export class Publisher {\n  private readonly producer;\n  constructor(private readonly kafka: KafkaJS.Kafka) {\n    this.producer = this.kafka.producer({ 'linger.ms': 1 });\n  }\n}`,
      errors: [{ line: 5, column: 43, endLine: 5, endColumn: 57 }],
      output: `${confluent}export class Publisher {\n  private readonly producer;\n  constructor(private readonly kafka: KafkaJS.Kafka) {\n    this.producer = this.kafka.producer({ 'linger.ms': 5 });\n  }\n}`,
    },
    {
      name: 'minLingerMs option raises the bar and the fixed value',
      code: `${rdkafka}const producer = new Producer({ 'linger.ms': 5 });`,
      options: { minLingerMs: 10 },
      errors: [{ line: 2, column: 33, endLine: 2, endColumn: 47, message: 'at least 10 ms' }],
      output: `${rdkafka}const producer = new Producer({ 'linger.ms': 10 });`,
    },
    {
      name: 'config handed to a wrapper typed with ProducerGlobalConfig (types only: no creation shows it)',
      modes: ['typed'],
      code: "import { Producer, type ProducerGlobalConfig } from 'node-rdkafka';\nfunction createProducer(config: ProducerGlobalConfig) { return new Producer(config); }\nexport const producer = createProducer({ 'metadata.broker.list': 'b:9092', 'linger.ms': 0 });",
      errors: [{ line: 3, column: 76, endLine: 3, endColumn: 90 }],
      output: "import { Producer, type ProducerGlobalConfig } from 'node-rdkafka';\nfunction createProducer(config: ProducerGlobalConfig) { return new Producer(config); }\nexport const producer = createProducer({ 'metadata.broker.list': 'b:9092', 'linger.ms': 5 });",
    },
  ],
});
