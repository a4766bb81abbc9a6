// Audit trail: state changes are appended to a Redis stream and shipped to the compliance team's Kafka topic.
import type { Producer } from 'kafkajs';
import { ensureConsumerGroup, fieldsToObject, redis, type StreamEntry, type StreamReadReply } from './redis';
import { getProducer, TOPIC_AUDIT_LOG } from './kafka';

export type AuditDetails = Record<string, string | number>;

export async function recordAudit(action: string, details: AuditDetails): Promise<void> {
  await redis.xadd('audit:events', '*', 'action', action, 'details', JSON.stringify(details), 'at', new Date().toISOString());
}

export async function runAuditExporter(consumerName: string, signal: AbortSignal): Promise<void> {
  const conn = redis.duplicate();
  await ensureConsumerGroup(conn, 'audit:events', 'audit-exporter');
  const producer = await getProducer();
  while (!signal.aborted) {
    const reply = (await conn.xreadgroup('GROUP', 'audit-exporter', consumerName, 'COUNT', 100, 'BLOCK', 5000, 'STREAMS', 'audit:events', '>')) as StreamReadReply | null;
    if (!reply) continue;
    for (const [, entries] of reply) {
      await shipToCompliance(producer, entries);
    }
  }
  await conn.quit();
}

async function shipToCompliance(producer: Producer, entries: StreamEntry[]): Promise<void> {
  const messages = entries.map(([id, fields]) => ({ key: id, value: JSON.stringify({ id, ...fieldsToObject(fields) }) }));
  await producer.send({ topic: TOPIC_AUDIT_LOG, messages });
}
