// Fulfilment worker: takes new orders from the order stream, reserves their stock and queues the invoice.
import { ensureConsumerGroup, fieldsToObject, redis, type StreamReadReply } from '../redis';
import { getProducer, TOPIC_STOCK_RESERVATIONS } from '../kafka';
import type { OrderRecord } from '../order-service';

export async function runFulfillmentWorker(consumerName: string, signal: AbortSignal): Promise<void> {
  const conn = redis.duplicate();
  await ensureConsumerGroup(conn, 'orders:stream', 'fulfillment');
  while (!signal.aborted) {
    const reply = (await conn.xreadgroup('GROUP', 'fulfillment', consumerName, 'COUNT', 10, 'BLOCK', 5000, 'STREAMS', 'orders:stream', '>')) as StreamReadReply | null;
    if (!reply) continue;
    for (const [, entries] of reply) {
      for (const [id, fields] of entries) {
        await fulfil(JSON.parse(fieldsToObject(fields).order) as OrderRecord);
        await conn.xack('orders:stream', 'fulfillment', id);
      }
    }
  }
  await conn.quit();
}

async function fulfil(order: OrderRecord): Promise<void> {
  const producer = await getProducer();
  for (const line of order.lines) {
    await redis.hincrby('stock:reserved', line.sku, line.quantity);
    await redis.xadd('inventory:changes', 'MAXLEN', 1000, '*', 'sku', line.sku, 'delta', String(-line.quantity), 'orderId', order.id);
    const reservation = JSON.stringify({ orderId: order.id, sku: line.sku, quantity: line.quantity });
    await producer.send({ topic: TOPIC_STOCK_RESERVATIONS, messages: [{ key: line.sku, value: reservation }] });
  }
  await redis.lpush('queue:invoices', JSON.stringify({ orderId: order.id }));
}
