// Email worker: sends the transactional emails (order confirmations) queued by the order service.
import { redis } from '../redis';

interface EmailJob {
  template: string;
  to: string;
  orderId: string;
}

const MAIL_API_URL = process.env.MAIL_API_URL ?? 'http://localhost:8025/api/send';

export async function runEmailWorker(signal: AbortSignal): Promise<void> {
  const conn = redis.duplicate();
  while (!signal.aborted) {
    const popped = await conn.brpop('queue:emails', 5);
    if (popped === null) continue;
    const [, payload] = popped;
    await sendEmail(JSON.parse(payload) as EmailJob);
  }
  await conn.quit();
}

async function sendEmail(job: EmailJob): Promise<void> {
  const response = await fetch(MAIL_API_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(job),
  });
  if (!response.ok) throw new Error(`mail API answered ${response.status} for ${job.template} to ${job.to}`);
}
