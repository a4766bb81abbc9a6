// Invoice worker: issues an invoice for every fulfilled order, keeping in-flight jobs in a processing list.
import Redis from 'ioredis';
import { kafka, TOPIC_ORDERS } from '../kafka';
import { redis } from '../redis';
import { formatCents } from '../pricing';
import type { OrderRecord } from '../order-service';

interface InvoiceJob {
  orderId: string;
}

const invoiceEvents = kafka.producer();

export async function runInvoiceWorker(signal: AbortSignal): Promise<void> {
  const conn = redis.duplicate();
  await invoiceEvents.connect();
  await requeueUnfinished(conn);
  while (!signal.aborted) {
    const job = await conn.blmove('queue:invoices', 'queue:invoices:processing', 'RIGHT', 'LEFT', 5);
    if (job === null) continue;
    await issueInvoice(JSON.parse(job) as InvoiceJob);
    await conn.lrem('queue:invoices:processing', 1, job);
  }
  await invoiceEvents.disconnect();
  await conn.quit();
}

async function requeueUnfinished(conn: Redis): Promise<void> {
  let moved = 0;
  while ((await conn.lmove('queue:invoices:processing', 'queue:invoices', 'RIGHT', 'LEFT')) !== null) moved += 1;
  if (moved > 0) console.log(`invoice worker: requeued ${moved} unfinished job(s)`);
}

function renderInvoice(order: OrderRecord, invoiceNumber: string): string {
  const lines = order.lines.map(
    (line) => `${line.quantity} x ${line.name} (${line.sku}) @ ${formatCents(line.unitPriceCents)} = ${formatCents(line.lineTotalCents)}`,
  );
  return [`Invoice ${invoiceNumber}`, `Order ${order.id} for ${order.email}`, ...lines, `Total: ${formatCents(order.totalCents)}`].join('\n');
}

async function issueInvoice(job: InvoiceJob): Promise<void> {
  const raw = await redis.get(`order:${job.orderId}`);
  if (raw === null) return;
  const order = JSON.parse(raw) as OrderRecord;
  const invoiceNumber = `INV-${order.createdAt.slice(0, 10).replaceAll('-', '')}-${order.id.slice(0, 8).toUpperCase()}`;
  await redis.set(`invoice:${order.id}`, renderInvoice(order, invoiceNumber));
  const event = JSON.stringify({ type: 'order.invoiced', orderId: order.id, invoiceNumber });
  await invoiceEvents.send({ topic: TOPIC_ORDERS, acks: 1, messages: [{ key: order.id, value: event }] });
}
