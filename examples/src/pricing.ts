// Cart pricing, coupons, tax and input validation (pure functions, no I/O).

export interface Product {
  id: string;
  name: string;
  priceCents: number;
  active: boolean;
}

export interface CartLine {
  sku: string;
  quantity: number;
}

export interface PricedLine extends CartLine {
  name: string;
  unitPriceCents: number;
  lineTotalCents: number;
}

export interface CartTotals {
  lines: PricedLine[];
  subtotalCents: number;
  discountCents: number;
  taxCents: number;
  totalCents: number;
}

const TAX_RATE = 0.2;
const MAX_QUANTITY_PER_LINE = 50;
const COUPONS: Partial<Record<string, number>> = { WELCOME10: 0.1, SPRING15: 0.15 };

export function validateCart(lines: CartLine[]): string[] {
  const problems: string[] = [];
  if (lines.length === 0) problems.push('cart is empty');
  const seen = new Set<string>();
  for (const line of lines) {
    if (!/^[A-Z0-9-]{3,32}$/.test(line.sku)) problems.push(`invalid sku "${line.sku}"`);
    if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > MAX_QUANTITY_PER_LINE) {
      problems.push(`quantity for ${line.sku} must be between 1 and ${MAX_QUANTITY_PER_LINE}`);
    }
    if (seen.has(line.sku)) problems.push(`${line.sku} appears twice`);
    seen.add(line.sku);
  }
  return problems;
}

export function isValidEmail(email: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email);
}

export function priceCart(lines: CartLine[], products: Map<string, Product>, couponCode?: string): CartTotals {
  const priced = lines.map((line): PricedLine => {
    const product = products.get(line.sku);
    if (!product || !product.active) throw new Error(`product ${line.sku} is not for sale`);
    return {
      ...line,
      name: product.name,
      unitPriceCents: product.priceCents,
      lineTotalCents: product.priceCents * line.quantity,
    };
  });
  const subtotalCents = priced.reduce((sum, line) => sum + line.lineTotalCents, 0);
  const rate = couponCode ? (COUPONS[couponCode.toUpperCase()] ?? 0) : 0;
  const discountCents = Math.round(subtotalCents * rate);
  const taxCents = Math.round((subtotalCents - discountCents) * TAX_RATE);
  return { lines: priced, subtotalCents, discountCents, taxCents, totalCents: subtotalCents - discountCents + taxCents };
}

export function loyaltyPointsFor(totalCents: number): number {
  return Math.floor(totalCents / 100);
}

export function formatCents(cents: number, currency = 'EUR'): string {
  return new Intl.NumberFormat('en-IE', { style: 'currency', currency }).format(cents / 100);
}
