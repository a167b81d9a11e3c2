import { randomUUID } from 'node:crypto';
import { schema } from '@bazaar/db';
import { eq } from 'drizzle-orm';
import { insertProduct } from './catalog-fixtures.ts';
import { type BrowserClient, browserClient, type TestApp } from './helpers.ts';

export const address = {
  fullName: 'Ada Lovelace',
  line1: 'Unter den Linden 1',
  city: 'Berlin',
  postalCode: '10117',
  country: 'DE',
};

type PlaceOrderInput = Parameters<BrowserClient['client']['checkout']['placeOrder']['mutate']>[0];

let counter = 0;

/** Products, carts and orders made as a shopper would, for checkout and order tests. */
export function checkoutFixtures(app: () => TestApp) {
  let standard: string | undefined;
  const standardMethod = async () => {
    if (!standard) {
      const [method] = await app()
        .db.select({ id: schema.shippingMethods.id })
        .from(schema.shippingMethods)
        .where(eq(schema.shippingMethods.name, 'Standard'));
      standard = method?.id as string;
    }
    return standard;
  };

  return {
    standardMethod,

    /** A product of its own with one variant of `stock` units at `price` euro cents. */
    async product(stock: number, price = 2000) {
      const sku = `ORDER-${++counter}-${process.pid}`;
      const title = `order-product-${counter}-${process.pid}`;
      const inserted = await insertProduct(app().db, {
        slug: title,
        variants: [{ sku, prices: { EUR: price }, stock }],
      });
      return { sku, title, variantId: inserted.variantIds[sku] as string, productId: inserted.id };
    },

    async shopperWith(variantId: string, quantity = 1, browser = browserClient(app())) {
      await browser.client.cart.add.mutate({ variantId, quantity });
      return browser;
    },

    async order(browser: BrowserClient, extra: Partial<PlaceOrderInput> = {}) {
      return browser.client.checkout.placeOrder.mutate({
        idempotencyKey: randomUUID(),
        email: 'ada@example.com',
        shippingAddress: address,
        shippingMethodId: await standardMethod(),
        ...extra,
      });
    },

    async level(variantId: string) {
      const [row] = await app()
        .db.select()
        .from(schema.inventoryLevels)
        .where(eq(schema.inventoryLevels.variantId, variantId));
      return row;
    },

    async orderRow(id: string) {
      const [row] = await app().db.select().from(schema.orders).where(eq(schema.orders.id, id));
      return row;
    },
  };
}
