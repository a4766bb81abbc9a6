// Product catalogue cache: in-process copies backed by Redis, invalidated across API instances over pub/sub.
import { redis } from './redis';
import type { Product } from './pricing';

const local = new Map<string, Product>();

export async function getProduct(productId: string): Promise<Product | null> {
  const cached = local.get(productId);
  if (cached) return cached;
  const raw = await redis.get(`product:${productId}`);
  if (raw === null) return null;
  const product = JSON.parse(raw) as Product;
  local.set(productId, product);
  return product;
}

export async function getProducts(productIds: string[]): Promise<Map<string, Product>> {
  const found = new Map<string, Product>();
  for (const productId of productIds) {
    const product = await getProduct(productId);
    if (product) found.set(productId, product);
  }
  return found;
}

export async function saveProduct(product: Product): Promise<void> {
  await redis.set(`product:${product.id}`, JSON.stringify(product));
  local.delete(product.id);
  await redis.publish('cache:invalidate', JSON.stringify({ productIds: [product.id] }));
}

export async function startCacheInvalidationListener(): Promise<void> {
  const subscriber = redis.duplicate();
  subscriber.on('message', (_channel: string, message: string) => {
    const { productIds } = JSON.parse(message) as { productIds: string[] };
    for (const productId of productIds) local.delete(productId);
  });
  await subscriber.subscribe('cache:invalidate');
}
