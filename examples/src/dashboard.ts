// Live admin dashboard: counts today's orders as they arrive and follows recent stock movements.
import Redis from 'ioredis';
import { fieldsToObject, redis } from './redis';

export interface StockChange {
  id: string;
  sku: string;
  delta: number;
  orderId: string;
}

const RECENT_STOCK_CHANGES = 50;
const recentStockChanges: StockChange[] = [];

const orderEvents = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379');

function todayKey(): string {
  return `dashboard:orders:${new Date().toISOString().slice(0, 10)}`;
}

export async function startOrderCounter(): Promise<void> {
  orderEvents.on('message', () => {
    orderEvents.incr(todayKey()).catch((err: unknown) => console.error('dashboard: order counter failed', err));
  });
  await orderEvents.subscribe('orders:created');
}

export async function followStockChanges(signal: AbortSignal): Promise<void> {
  const reader = redis.duplicate();
  let lastId = '$';
  while (!signal.aborted) {
    const reply = await reader.xread('COUNT', 100, 'BLOCK', 5000, 'STREAMS', 'inventory:changes', lastId);
    if (!reply) continue;
    for (const [, entries] of reply) {
      for (const [id, fields] of entries) {
        const change = fieldsToObject(fields);
        recentStockChanges.unshift({ id, sku: change.sku, delta: Number(change.delta), orderId: change.orderId });
        lastId = id;
      }
    }
    recentStockChanges.length = Math.min(recentStockChanges.length, RECENT_STOCK_CHANGES);
  }
  await reader.quit();
}

export async function getDashboardSnapshot(): Promise<{ ordersToday: number; recentStockChanges: StockChange[] }> {
  const ordersToday = Number((await redis.get(todayKey())) ?? 0);
  return { ordersToday, recentStockChanges: [...recentStockChanges] };
}
