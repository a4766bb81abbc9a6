// Kafka consumers: loyalty points from order events, and the sync of stock reservations to the warehouse system.
import type { Consumer } from 'kafkajs';
import { kafka, TOPIC_ORDERS, TOPIC_STOCK_RESERVATIONS } from './kafka';
import { redis } from './redis';
import { loyaltyPointsFor } from './pricing';
import type { OrderRecord } from './order-service';

type OrderEvent =
  | { type: 'order.placed'; orderId: string; customerId: string; totalCents: number }
  | { type: 'order.cancelled'; orderId: string; reason: string }
  | { type: 'order.refunded'; orderId: string; amountCents: number }
  | { type: 'order.invoiced'; orderId: string; invoiceNumber: string };

interface StockReservation {
  orderId: string;
  sku: string;
  quantity: number;
}

const WAREHOUSE_API_URL = process.env.WAREHOUSE_API_URL ?? 'http://localhost:8081';

export async function startLoyaltyConsumer(): Promise<Consumer> {
  const consumer = kafka.consumer({ groupId: 'loyalty-points' });
  await consumer.connect();
  await consumer.subscribe({ topics: [TOPIC_ORDERS] });
  await consumer.run({
    eachMessage: async ({ message }) => {
      if (!message.value) return;
      const event = JSON.parse(message.value.toString()) as OrderEvent;
      await applyLoyalty(event);
    },
  });
  return consumer;
}

async function applyLoyalty(event: OrderEvent): Promise<void> {
  if (event.type === 'order.placed') {
    await redis.hincrby('loyalty:points', event.customerId, loyaltyPointsFor(event.totalCents));
    return;
  }
  if (event.type === 'order.cancelled' || event.type === 'order.refunded') {
    const raw = await redis.get(`order:${event.orderId}`);
    if (raw === null) return;
    const order = JSON.parse(raw) as OrderRecord;
    await redis.hincrby('loyalty:points', order.customerId, -loyaltyPointsFor(order.totalCents));
  }
}

export async function startWarehouseSyncConsumer(): Promise<Consumer> {
  const consumer = kafka.consumer({ groupId: 'warehouse-sync' });
  await consumer.connect();
  await consumer.subscribe({ topics: [TOPIC_STOCK_RESERVATIONS] });
  await consumer.run({
    eachMessage: async ({ message }) => {
      if (!message.value) return;
      const reservation = JSON.parse(message.value.toString()) as StockReservation;
      pushReservationToWarehouse(reservation);
    },
  });
  return consumer;
}

async function pushReservationToWarehouse(reservation: StockReservation): Promise<void> {
  const response = await fetch(`${WAREHOUSE_API_URL}/reservations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(reservation),
  });
  if (!response.ok) throw new Error(`warehouse rejected reservation for ${reservation.sku}: ${response.status}`);
}
