// HTTP handlers for the shop API: each takes a parsed request and answers with JSON.
import { recordAudit } from '../audit';
import { getProduct, saveProduct } from '../cache';
import { getDashboardSnapshot } from '../dashboard';
import { kafka, TOPIC_ORDERS } from '../kafka';
import { OrderService, ValidationError, type NewOrder } from '../order-service';
import type { Product } from '../pricing';
import { heartbeat, onlineCount, startTyping, whoIsTyping } from '../presence';
import { redis } from '../redis';

export interface HttpRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  body: unknown;
  userId?: string;
}

export interface HttpResponse {
  status(code: number): HttpResponse;
  json(body: unknown): void;
  end(): void;
}

export type Handler = (req: HttpRequest, res: HttpResponse) => Promise<void>;

const orders = new OrderService(redis);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function parseNewOrder(body: unknown): NewOrder {
  if (!isRecord(body) || typeof body.customerId !== 'string' || typeof body.email !== 'string' || !Array.isArray(body.lines)) {
    throw new ValidationError(['body must contain customerId, email and lines']);
  }
  const lines = body.lines.map((line: unknown) => {
    if (!isRecord(line) || typeof line.sku !== 'string' || typeof line.quantity !== 'number') {
      throw new ValidationError(['every line needs a sku and a quantity']);
    }
    return { sku: line.sku, quantity: line.quantity };
  });
  const couponCode = typeof body.couponCode === 'string' ? body.couponCode : undefined;
  return { customerId: body.customerId, email: body.email, lines, couponCode };
}

function requireUser(req: HttpRequest): string {
  if (!req.userId) throw new ValidationError(['missing x-user-id header']);
  return req.userId;
}

export async function createOrder(req: HttpRequest, res: HttpResponse): Promise<void> {
  const order = await orders.placeOrder(parseNewOrder(req.body));
  res.status(201).json(order);
}

export async function showOrder(req: HttpRequest, res: HttpResponse): Promise<void> {
  const order = await orders.getOrder(req.params.orderId);
  if (!order) {
    res.status(404).json({ error: 'order not found' });
    return;
  }
  res.status(200).json(order);
}

export async function cancelOrder(req: HttpRequest, res: HttpResponse): Promise<void> {
  const reason = isRecord(req.body) && typeof req.body.reason === 'string' ? req.body.reason : 'customer request';
  const order = await orders.cancelOrder(req.params.orderId, reason);
  res.status(200).json(order);
}

export async function refundOrder(req: HttpRequest, res: HttpResponse): Promise<void> {
  const { orderId } = req.params;
  const order = await orders.markRefunded(orderId);
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({
    topic: TOPIC_ORDERS,
    messages: [{ key: orderId, value: JSON.stringify({ type: 'order.refunded', orderId, amountCents: order.totalCents }) }],
  });
  await producer.disconnect();
  await recordAudit('order.refunded', { orderId, amountCents: order.totalCents });
  res.status(202).json({ orderId, status: order.status });
}

export async function showProduct(req: HttpRequest, res: HttpResponse): Promise<void> {
  const product = await getProduct(req.params.productId);
  if (!product) {
    res.status(404).json({ error: 'product not found' });
    return;
  }
  res.status(200).json(product);
}

export async function updateProduct(req: HttpRequest, res: HttpResponse): Promise<void> {
  const existing = await getProduct(req.params.productId);
  if (!existing) {
    res.status(404).json({ error: 'product not found' });
    return;
  }
  const changes = isRecord(req.body) ? req.body : {};
  const updated: Product = {
    ...existing,
    name: typeof changes.name === 'string' ? changes.name : existing.name,
    priceCents: typeof changes.priceCents === 'number' ? changes.priceCents : existing.priceCents,
    active: typeof changes.active === 'boolean' ? changes.active : existing.active,
  };
  if (!Number.isInteger(updated.priceCents) || updated.priceCents <= 0) {
    throw new ValidationError(['priceCents must be a positive whole number']);
  }
  await saveProduct(updated);
  await recordAudit('product.updated', { productId: updated.id, priceCents: updated.priceCents });
  res.status(200).json(updated);
}

export async function postHeartbeat(req: HttpRequest, res: HttpResponse): Promise<void> {
  await heartbeat(requireUser(req));
  res.status(204).end();
}

export async function postTyping(req: HttpRequest, res: HttpResponse): Promise<void> {
  await startTyping(req.params.roomId, requireUser(req));
  res.status(204).end();
}

export async function showRoom(req: HttpRequest, res: HttpResponse): Promise<void> {
  res.status(200).json({ online: onlineCount(), typing: whoIsTyping(req.params.roomId) });
}

export async function showDashboard(_req: HttpRequest, res: HttpResponse): Promise<void> {
  res.status(200).json(await getDashboardSnapshot());
}

export const routes: ReadonlyArray<{ method: string; path: string; handler: Handler }> = [
  { method: 'POST', path: '/orders', handler: createOrder },
  { method: 'GET', path: '/orders/:orderId', handler: showOrder },
  { method: 'POST', path: '/orders/:orderId/cancel', handler: cancelOrder },
  { method: 'POST', path: '/orders/:orderId/refund', handler: refundOrder },
  { method: 'GET', path: '/products/:productId', handler: showProduct },
  { method: 'PATCH', path: '/products/:productId', handler: updateProduct },
  { method: 'POST', path: '/support/heartbeat', handler: postHeartbeat },
  { method: 'POST', path: '/support/rooms/:roomId/typing', handler: postTyping },
  { method: 'GET', path: '/support/rooms/:roomId', handler: showRoom },
  { method: 'GET', path: '/admin/dashboard', handler: showDashboard },
];
