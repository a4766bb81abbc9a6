// Redis (ioredis) and Kafka (kafkajs, @confluentinc/kafka-javascript) code in the shapes services use, some of it the way Streamwise reports.

const CRITICAL = ['order', 'payment', 'invoice', 'refund', 'shipment'];
const EVENTS = ['created', 'captured', 'issued', 'updated', 'cancelled'];

/** The shared client modules every messaging file imports from (path → text). */
const CLIENT_MODULES = {
  'src/infra/redis-client.ts': [
    '// The shared Redis connections of the service.',
    "import Redis from 'ioredis';",
    '',
    "const url = process.env.REDIS_URL ?? 'redis://localhost:6379';",
    '',
    '/** Commands: reads, writes, queues and streams. */',
    'export const redis = new Redis(url, { maxRetriesPerRequest: 3, enableAutoPipelining: true });',
    '',
    '/** A connection in subscriber mode rejects regular commands, so subscriptions get their own. */',
    'export const subscriber = new Redis(url, { lazyConnect: true });',
    '',
  ],
  'src/infra/kafka-client.ts': [
    '// The shared kafkajs client.',
    "import { Kafka, logLevel } from 'kafkajs';",
    '',
    'export const kafka = new Kafka({',
    "  clientId: 'shop',",
    "  brokers: (process.env.KAFKA_BROKERS ?? 'localhost:9092').split(','),",
    '  logLevel: logLevel.WARN,',
    '  retry: { retries: 5, initialRetryTime: 300 },',
    '});',
    '',
  ],
  'src/infra/confluent-client.ts': [
    '// The librdkafka-based client for the high-volume producers.',
    "import { KafkaJS } from '@confluentinc/kafka-javascript';",
    '',
    "export const confluent = new KafkaJS.Kafka({ kafkaJS: { clientId: 'shop-fast', brokers: ['localhost:9092'] } });",
    '',
  ],
};
const CLIENT_OF = { redis: 'src/infra/redis-client.ts', subscriber: 'src/infra/redis-client.ts', kafka: 'src/infra/kafka-client.ts', confluent: 'src/infra/confluent-client.ts' };

/** Destinations of one domain, shared by its producers and consumers so most of them meet. */
function destinations(domain) {
  return {
    queue: `queue:${domain}:jobs`,
    stream: `stream:${domain}:activity`,
    topic: `${domain}.events`,
    ephemeral: `presence:${domain}`,
  };
}

// Each template: ({ X, x, random, d }) => { uses: [client names], packages?: {module: [names]}, lines }.
const templates = {
  publishCritical: ({ X, random }) => {
    const entity = random.pick(CRITICAL);
    return {
      uses: ['redis'],
      lines: [
        `export async function announce${X}(${entity}Id: string, totalCents: number): Promise<void> {`,
        `  await redis.publish('${entity}-${random.pick(EVENTS)}', JSON.stringify({ ${entity}Id, totalCents, at: Date.now() }));`,
        '}',
      ],
    };
  },
  publishEphemeral: ({ X, d }) => ({
    uses: ['redis'],
    lines: [
      `export async function ping${X}(userId: string): Promise<number> {`,
      `  return redis.publish('${d.ephemeral}', JSON.stringify({ userId, typing: true }));`,
      '}',
    ],
  }),
  subscribe: ({ X, d }) => ({
    uses: ['subscriber'],
    lines: [
      `export async function listen${X}(onEvent: (payload: string) => void): Promise<void> {`,
      `  await subscriber.subscribe('${d.ephemeral}');`,
      "  subscriber.on('message', (channel: string, message: string) => {",
      `    if (channel === '${d.ephemeral}') onEvent(message);`,
      '  });',
      '}',
    ],
  }),
  listPush: ({ X, d }) => ({
    uses: ['redis'],
    lines: [
      `export async function enqueue${X}(jobId: string, payload: Record<string, unknown>): Promise<number> {`,
      `  return redis.lpush('${d.queue}', JSON.stringify({ jobId, payload, enqueuedAt: Date.now() }));`,
      '}',
    ],
  }),
  listWorker: ({ X, d }) => ({
    uses: ['redis'],
    lines: [
      `export async function run${X}Worker(handle: (job: string) => Promise<void>, signal: { stopped: boolean }): Promise<void> {`,
      '  while (!signal.stopped) {',
      `    const popped = await redis.brpop('${d.queue}', 5);`,
      '    if (!popped) continue;',
      '    const [, payload] = popped;',
      '    await handle(payload);',
      '  }',
      '}',
    ],
  }),
  reliableWorker: ({ X, d }) => ({
    uses: ['redis'],
    lines: [
      `export async function drain${X}(handle: (job: string) => Promise<void>, signal: { stopped: boolean }): Promise<void> {`,
      '  while (!signal.stopped) {',
      `    const payload = await redis.blmove('${d.queue}', '${d.queue}:processing', 'RIGHT', 'LEFT', 5);`,
      '    if (payload === null) continue;',
      '    await handle(payload);',
      `    await redis.lrem('${d.queue}:processing', 1, payload);`,
      '  }',
      '}',
    ],
  }),
  streamCapped: ({ X, d }) => ({
    uses: ['redis'],
    lines: [
      `export async function record${X}(entityId: string, action: string): Promise<string | null> {`,
      `  return redis.xadd('${d.stream}', 'MAXLEN', '~', 100000, '*', 'entity', entityId, 'action', action);`,
      '}',
    ],
  }),
  streamUnbounded: ({ X, d }) => ({
    uses: ['redis'],
    lines: [
      `export async function track${X}(path: string, visitorId: string): Promise<string | null> {`,
      `  return redis.xadd('${d.stream}:clicks', '*', 'path', path, 'visitor', visitorId, 'at', String(Date.now()));`,
      '}',
    ],
  }),
  streamGroup: ({ X, d }) => ({
    uses: ['redis'],
    lines: [
      `type ${X}Entries = [string, [string, string[]][]][];`,
      '',
      `export async function consume${X}(group: string, consumer: string, handle: (fields: string[]) => Promise<void>): Promise<number> {`,
      `  const batches = (await redis.xreadgroup('GROUP', group, consumer, 'COUNT', 50, 'BLOCK', 2000, 'STREAMS', '${d.stream}', '>')) as ${X}Entries | null;`,
      '  let handled = 0;',
      '  for (const [, entries] of batches ?? []) {',
      '    for (const [id, fields] of entries) {',
      '      await handle(fields);',
      `      await redis.xack('${d.stream}', group, id);`,
      '      handled += 1;',
      '    }',
      '  }',
      `  await redis.xautoclaim('${d.stream}', group, consumer, 60000, '0-0', 'COUNT', 50);`,
      '  return handled;',
      '}',
    ],
  }),
  kafkaProducer: ({ X, x, d, random }) => ({
    uses: ['kafka'],
    packages: { kafkajs: ['CompressionTypes'] },
    lines: [
      `const ${x}Producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });`,
      '',
      `export async function publish${X}(events: ReadonlyArray<{ id: string; type: string }>): Promise<void> {`,
      `  await ${x}Producer.send({`,
      `    topic: '${d.topic}',`,
      '    acks: -1,',
      `    compression: CompressionTypes.${random.pick(['GZIP', 'None'])},`,
      '    messages: events.map((event) => ({ key: event.id, value: JSON.stringify(event), headers: { type: event.type } })),',
      '  });',
      '}',
    ],
  }),
  kafkaWeakAcks: ({ X, x, d }) => ({
    uses: ['kafka'],
    lines: [
      `const ${x}Producer = kafka.producer();`,
      '',
      `export async function emit${X}(paymentId: string, amountCents: number): Promise<void> {`,
      `  await ${x}Producer.send({`,
      `    topic: '${d.topic}',`,
      '    acks: 1,',
      '    messages: [{ key: paymentId, value: JSON.stringify({ paymentId, amountCents }) }],',
      '  });',
      '}',
    ],
  }),
  kafkaSendInLoop: ({ X, x, d }) => ({
    uses: ['kafka'],
    lines: [
      `const ${x}Producer = kafka.producer({ idempotent: true });`,
      '',
      `export async function flush${X}(rows: ReadonlyArray<{ id: string; status: string }>): Promise<void> {`,
      '  for (const row of rows) {',
      `    await ${x}Producer.send({ topic: '${d.topic}', messages: [{ key: row.id, value: JSON.stringify(row) }] });`,
      '  }',
      '}',
    ],
  }),
  kafkaConsumer: ({ X, x, d, random }) => {
    const unawaited = random.chance(0.4);
    return {
      uses: ['kafka'],
      lines: [
        `const ${x}Consumer = kafka.consumer({ groupId: '${d.topic}-${X.toLowerCase()}', sessionTimeout: 30000 });`,
        '',
        `export async function start${X}(handle: (value: string) => Promise<void>): Promise<void> {`,
        `  await ${x}Consumer.connect();`,
        `  await ${x}Consumer.subscribe({ topics: ['${d.topic}'], fromBeginning: false });`,
        `  await ${x}Consumer.run({`,
        '    eachMessage: async ({ message }) => {',
        '      if (!message.value) return;',
        unawaited ? '      handle(message.value.toString());' : '      await handle(message.value.toString());',
        '    },',
        '  });',
        '}',
      ],
    };
  },
  confluentProducer: ({ X, x, d, random }) => {
    const tiny = random.chance(0.5);
    return {
      uses: ['confluent'],
      lines: [
        `const ${x}Producer = confluent.producer({ 'linger.ms': ${tiny ? 0 : 20}, 'compression.codec': 'lz4' });`,
        '',
        `export async function stream${X}(items: ReadonlyArray<{ id: string }>): Promise<void> {`,
        `  await ${x}Producer.send({ topic: '${d.topic}', messages: items.map((item) => ({ key: item.id, value: JSON.stringify(item) })) });`,
        '}',
      ],
    };
  },
  connectionPerRequest: ({ X, d }) => ({
    uses: [],
    packages: { ioredis: ['default:Redis'] },
    lines: [
      `export async function lookup${X}(keys: readonly string[]): Promise<Array<string | null>> {`,
      '  const values: Array<string | null> = [];',
      '  for (const key of keys) {',
      "    const connection = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379');",
      '    try {',
      `      values.push(await connection.get(\`${d.queue}:\${key}\`));`,
      '    } finally {',
      '      connection.disconnect();',
      '    }',
      '  }',
      '  return values;',
      '}',
    ],
  }),
};

/** How often each template is picked (out of the sum). */
const WEIGHTS = {
  publishCritical: 3, publishEphemeral: 3, subscribe: 3, listPush: 4, listWorker: 2, reliableWorker: 2, streamCapped: 4,
  streamUnbounded: 2, streamGroup: 3, kafkaProducer: 5, kafkaWeakAcks: 1, kafkaSendInLoop: 1, kafkaConsumer: 4,
  confluentProducer: 2, connectionPerRequest: 1,
};
const WEIGHTED = Object.entries(WEIGHTS).flatMap(([name, w]) => Array(w).fill(name));

module.exports = { templates, WEIGHTED, CLIENT_MODULES, CLIENT_OF, destinations };
