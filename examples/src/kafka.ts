// Kafka client, topic names and the shared idempotent producer used for order events.
import { Kafka, logLevel, type Producer } from 'kafkajs';

export const TOPIC_ORDERS = 'shop.orders';
export const TOPIC_STOCK_RESERVATIONS = 'shop.stock-reservations';
export const TOPIC_AUDIT_LOG = 'shop.audit-log';

export const kafka = new Kafka({
  clientId: 'shop-api',
  brokers: (process.env.KAFKA_BROKERS ?? 'localhost:9092').split(','),
  logLevel: logLevel.WARN,
});

let producerPromise: Promise<Producer> | undefined;

export function getProducer(): Promise<Producer> {
  producerPromise ??= connectProducer();
  return producerPromise;
}

async function connectProducer(): Promise<Producer> {
  const producer = kafka.producer({ idempotent: true });
  try {
    await producer.connect();
  } catch (err) {
    producerPromise = undefined;
    throw err;
  }
  return producer;
}

export async function disconnectProducer(): Promise<void> {
  const pending = producerPromise;
  producerPromise = undefined;
  if (pending) await (await pending).disconnect();
}
