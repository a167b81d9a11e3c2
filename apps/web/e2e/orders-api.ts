import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { type APIRequestContext, request } from '@playwright/test';
import { listProducts, productBySlug, STRONG_PASSWORD } from './api';
import { mutation, query } from './staff-api';

/**
 * Orders for tests, placed the way a shopper places them: over HTTP through the web app's `/trpc`
 * rewrite, each shopper with their own cookie jar (their cart). `cart.add`, `checkout.quote`,
 * `checkout.placeOrder`, then the test provider's card form (`checkout.confirmTestPayment` with
 * 4242 4242 4242 4242) and `checkout.paymentResult` until the order is paid.
 */

export interface TestOrder {
  id: string;
  number: number;
  email: string;
  status: string;
  clientSecret: string;
  /** The product and variant bought (one line). */
  line: { productTitle: string; sku: string; quantity: number };
}

interface Buyable {
  variantId: string;
  productTitle: string;
  sku: string;
  stock: number;
}

let buyables: Promise<Buyable[]> | undefined;

/**
 * Variants with a euro price and plenty of stock, from the first page of the demo catalog. Tests
 * that run alongside buy or change some of them, so each order picks one at random.
 */
function findBuyables(api: APIRequestContext): Promise<Buyable[]> {
  buyables ??= (async () => {
    const page = await listProducts(api, { limit: 24, currency: 'EUR' });
    const details = await Promise.all(
      page.items.slice(0, 12).map((p) => productBySlug(api, p.slug, 'EUR')),
    );
    const found = details.flatMap((product) =>
      product.variants
        .filter((v) => v.price?.currency === 'EUR' && v.stock >= 20)
        .map((v) => ({ variantId: v.id, productTitle: product.title, sku: v.sku, stock: v.stock })),
    );
    if (found.length === 0) throw new Error('No demo variant with a EUR price and 20 in stock');
    return found;
  })();
  return buyables;
}

export const TEST_CARD = '4242424242424242';

export interface ShopperOptions {
  /** Defaults to a unique guest address. */
  email?: string;
  /** Signs up first (name and email), so the order belongs to a customer account. */
  customerName?: string;
  /** Pay with the test card and wait until the order is paid (default true). */
  pay?: boolean;
  quantity?: number;
  fullName?: string;
}

/** Places an order as a new shopper (a fresh cookie jar) and, unless `pay: false`, pays for it. */
export async function placeOrder(
  baseURL: string,
  options: ShopperOptions = {},
): Promise<TestOrder> {
  const shopper = await request.newContext({ baseURL });
  try {
    const email = options.email ?? uniqueShopperEmail();
    if (options.customerName) {
      await mutation(shopper, 'auth.signUp', {
        name: options.customerName,
        email,
        password: STRONG_PASSWORD,
      });
    }
    const candidates = await findBuyables(shopper);
    const item = candidates[Math.floor(Math.random() * candidates.length)] as Buyable;
    const quantity = options.quantity ?? 1;
    await mutation(shopper, 'cart.add', { variantId: item.variantId, quantity, currency: 'EUR' });
    const quote = await query<{
      shippingMethodId: string | null;
      total: { amount: number; currency: string };
    }>(shopper, 'checkout.quote', { currency: 'EUR', country: 'DE' });
    if (!quote.shippingMethodId) throw new Error('Nothing ships to DE in EUR');
    const placed = await mutation<{
      id: string;
      number: number;
      status: string;
      email: string;
      payment: { clientSecret: string };
    }>(shopper, 'checkout.placeOrder', {
      idempotencyKey: randomUUID(),
      currency: 'EUR',
      email,
      shippingAddress: {
        fullName: options.fullName ?? options.customerName ?? 'Greta Gast',
        company: '',
        line1: 'Lindenstraße 12',
        line2: 'Hinterhaus',
        city: 'Berlin',
        region: '',
        postalCode: '10115',
        country: 'DE',
        phone: '+49 30 1234567',
      },
      shippingMethodId: quote.shippingMethodId,
      expectedTotal: quote.total,
    });
    const order: TestOrder = {
      id: placed.id,
      number: placed.number,
      email: placed.email,
      status: placed.status,
      clientSecret: placed.payment.clientSecret,
      line: { productTitle: item.productTitle, sku: item.sku, quantity },
    };
    if (options.pay === false) return order;
    order.status = await pay(shopper, order);
    return order;
  } finally {
    await shopper.dispose();
  }
}

/** Pays with the test card and waits until the provider's confirmation has made it `paid`. */
async function pay(shopper: APIRequestContext, order: TestOrder): Promise<string> {
  const secret = { orderId: order.id, clientSecret: order.clientSecret };
  const attempt = await mutation<{ status: string; message: string | null }>(
    shopper,
    'checkout.confirmTestPayment',
    { ...secret, cardNumber: TEST_CARD },
  );
  if (attempt.status === 'failed') throw new Error(`Test payment failed: ${attempt.message}`);
  const deadline = Date.now() + 20_000;
  let status = '';
  while (Date.now() < deadline) {
    status = (await query<{ status: string }>(shopper, 'checkout.paymentResult', secret)).status;
    if (status === 'paid') return status;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Order #${order.number} not paid after 20 s (status: ${status})`);
}

export function uniqueShopperEmail(prefix = 'orders') {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.test`;
}

/**
 * A role with exactly `permissions`, made in the e2e database (the API has no procedure to create
 * roles yet; the built-in ones that read orders may also change them). Idempotent by name.
 */
export function ensureRole(name: string, permissions: readonly string[]): void {
  const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;
  // One statement string: psql -c runs it as a single transaction.
  const sql = [
    `INSERT INTO roles (name, description) VALUES (${literal(name)}, 'e2e') ON CONFLICT (name) DO NOTHING;`,
    `DELETE FROM role_permissions WHERE role_id = (SELECT id FROM roles WHERE name = ${literal(name)});`,
    ...permissions.map(
      (p) =>
        `INSERT INTO role_permissions (role_id, permission) SELECT id, ${literal(p)} FROM roles WHERE name = ${literal(name)};`,
    ),
  ].join('\n');
  execFileSync(
    'psql',
    [
      '-v',
      'ON_ERROR_STOP=1',
      '-q',
      '-h',
      process.env.E2E_PGHOST ?? '127.0.0.1',
      '-p',
      process.env.E2E_PGPORT ?? '5432',
      '-U',
      process.env.E2E_PGUSER ?? 'postgres',
      '-d',
      process.env.E2E_DATABASE ?? 'bazaar_e2e',
      '-c',
      sql,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
}
