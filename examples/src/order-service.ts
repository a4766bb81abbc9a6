// Order lifecycle: validates and prices carts, stores orders and hands them on to fulfilment, email and analytics.
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { recordAudit } from './audit';
import { getProducts } from './cache';
import { getProducer, TOPIC_ORDERS } from './kafka';
import { isValidEmail, priceCart, validateCart, type CartLine, type PricedLine } from './pricing';

export type OrderStatus = 'placed' | 'cancelled' | 'refunded';

export interface NewOrder {
  customerId: string;
  email: string;
  lines: CartLine[];
  couponCode?: string;
}

export interface OrderRecord {
  id: string;
  customerId: string;
  email: string;
  lines: PricedLine[];
  totalCents: number;
  status: OrderStatus;
  createdAt: string;
}

export class ValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
    this.name = 'ValidationError';
  }
}

export class OrderService {
  constructor(private readonly redis: Redis) {}

  async placeOrder(input: NewOrder): Promise<OrderRecord> {
    const problems = validateCart(input.lines);
    if (!isValidEmail(input.email)) problems.push('invalid email address');
    if (problems.length > 0) throw new ValidationError(problems);

    const products = await getProducts(input.lines.map((line) => line.sku));
    const totals = priceCart(input.lines, products, input.couponCode);
    const order: OrderRecord = {
      id: randomUUID(),
      customerId: input.customerId,
      email: input.email,
      lines: totals.lines,
      totalCents: totals.totalCents,
      status: 'placed',
      createdAt: new Date().toISOString(),
    };

    await this.redis.set(`order:${order.id}`, JSON.stringify(order));
    await this.redis.xadd('orders:stream', 'MAXLEN', '~', 10000, '*', 'order', JSON.stringify(order));
    await this.redis.lpush('queue:emails', JSON.stringify({ template: 'order-confirmation', to: order.email, orderId: order.id }));
    await this.redis.publish('orders:created', JSON.stringify({ orderId: order.id, customerId: order.customerId, totalCents: order.totalCents }));

    const producer = await getProducer();
    await producer.send({
      topic: TOPIC_ORDERS,
      acks: -1,
      messages: [
        {
          key: order.id,
          value: JSON.stringify({ type: 'order.placed', orderId: order.id, customerId: order.customerId, totalCents: order.totalCents }),
        },
      ],
    });
    await recordAudit('order.placed', { orderId: order.id, totalCents: order.totalCents });
    return order;
  }

  async getOrder(orderId: string): Promise<OrderRecord | null> {
    const raw = await this.redis.get(`order:${orderId}`);
    return raw === null ? null : (JSON.parse(raw) as OrderRecord);
  }

  async cancelOrder(orderId: string, reason: string): Promise<OrderRecord> {
    const cancelled = await this.transition(orderId, 'cancelled');
    const producer = await getProducer();
    await producer.send({ topic: TOPIC_ORDERS, messages: [{ value: JSON.stringify({ type: 'order.cancelled', orderId, reason }) }] });
    await recordAudit('order.cancelled', { orderId, reason });
    return cancelled;
  }

  async markRefunded(orderId: string): Promise<OrderRecord> {
    return this.transition(orderId, 'refunded');
  }

  private async transition(orderId: string, status: Exclude<OrderStatus, 'placed'>): Promise<OrderRecord> {
    const order = await this.getOrder(orderId);
    if (!order) throw new ValidationError([`order ${orderId} does not exist`]);
    if (order.status !== 'placed') throw new ValidationError([`order ${orderId} is already ${order.status}`]);
    const updated: OrderRecord = { ...order, status };
    await this.redis.set(`order:${orderId}`, JSON.stringify(updated));
    return updated;
  }
}
