// Shared Redis connection for the whole app, plus helpers for reading stream replies.
import Redis from 'ioredis';

export const redis = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379');

export type StreamEntry = [id: string, fields: string[]];
export type StreamReadReply = [stream: string, entries: StreamEntry[]][];

export function fieldsToObject(fields: string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) {
    result[fields[i]] = fields[i + 1];
  }
  return result;
}

export async function ensureConsumerGroup(conn: Redis, stream: string, group: string): Promise<void> {
  try {
    await conn.xgroup('CREATE', stream, group, '0', 'MKSTREAM');
  } catch (err) {
    if (!(err instanceof Error) || !err.message.includes('BUSYGROUP')) throw err;
  }
}
