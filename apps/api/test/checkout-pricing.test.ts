import { schema } from '@bazaar/db';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { redeemDiscount, releaseDiscount } from '../src/services/discounts/discount-codes.ts';
import { type InsertedProduct, insertProduct } from './catalog-fixtures.ts';
import { type BrowserClient, browserClient, errorOf, useTestApp } from './helpers.ts';

const app = useTestApp();
let tee: InsertedProduct;
let mug: InsertedProduct;
let shopper: BrowserClient;

beforeAll(async () => {
  tee = await insertProduct(app().db, {
    slug: 'quote-tee',
    variants: [{ sku: 'QUOTE-TEE', prices: { EUR: 2500, USD: 2900 }, stock: 20 }],
  });
  mug = await insertProduct(app().db, {
    slug: 'quote-mug',
    variants: [{ sku: 'QUOTE-MUG', prices: { EUR: 1200 }, stock: 20 }],
  });
  shopper = browserClient(app());
  await shopper.client.cart.add.mutate({
    variantId: tee.variantIds['QUOTE-TEE'] as string,
    quantity: 2,
  });
  await shopper.client.cart.add.mutate({
    variantId: mug.variantIds['QUOTE-MUG'] as string,
    quantity: 1,
  });
});

const quote = (input: Parameters<BrowserClient['client']['checkout']['quote']['query']>[0]) =>
  shopper.client.checkout.quote.query(input);
const eur = (amount: number) => ({ amount, currency: 'EUR' });

async function code(values: Partial<typeof schema.discountCodes.$inferInsert> & { code: string }) {
  const [row] = await app()
    .db.insert(schema.discountCodes)
    .values({ kind: 'percentage', percent: 10, ...values })
    .returning({ id: schema.discountCodes.id });
  return (row as { id: string }).id;
}

describe('checkout.quote', () => {
  it('prices the cart for a destination: shipping options, VAT inside the prices, total', async () => {
    const q = await quote({ country: 'DE' });
    expect(q.shippingOptions.map((o) => [o.name, o.price, o.freeOver])).toEqual([
      ['Standard', eur(495), eur(7500)],
      ['Express', eur(1295), null],
    ]);
    expect(q.shippingMethodId).toBe(q.shippingOptions[0]?.id);
    // 50.00 + 12.00, 4.95 shipping; 19% VAT inside: 7.98 + 1.92 + 0.79.
    expect(q).toMatchObject({
      subtotal: eur(6200),
      shipping: eur(495),
      discount: null,
      tax: { name: 'VAT', rateBps: 1900, included: true, amount: eur(798 + 192 + 79) },
      total: eur(6695),
    });
    expect(q.lines.map((l) => [l.sku, l.quantity, l.total, l.tax])).toEqual([
      ['QUOTE-TEE', 2, eur(5000), eur(798)],
      ['QUOTE-MUG', 1, eur(1200), eur(192)],
    ]);
    const express = await quote({ country: 'de', shippingMethodId: q.shippingOptions[1]?.id });
    expect(express).toMatchObject({ shipping: eur(1295), total: eur(7495) });
  });

  it('applies a discount code in any case, spread over the lines, and free shipping counts after it', async () => {
    const q = await quote({ country: 'DE', discountCode: ' welcome10 ' });
    expect(q.discount).toEqual({ code: 'WELCOME10', amount: eur(620) });
    expect(q.lines.map((l) => l.discount)).toEqual([eur(500), eur(120)]);
    expect(q).toMatchObject({ subtotal: eur(6200), shipping: eur(495), total: eur(6075) });
    await code({
      code: 'QUOTE-FIXED',
      kind: 'fixed',
      percent: null,
      amount: 1000,
      currency: 'EUR',
    });
    const fixed = await quote({ country: 'DE', discountCode: 'quote-fixed' });
    expect(fixed).toMatchObject({ discount: { amount: eur(1000) }, total: eur(6200 - 1000 + 495) });
  });

  it('uses the region’s rate over the country’s, none where the shop set none, and ships only where a method goes', async () => {
    await app()
      .db.insert(schema.shippingMethods)
      .values({ name: 'Pickup in Amsterdam', countries: ['NL'], position: -1 })
      .returning({ id: schema.shippingMethods.id })
      .then(([m]) =>
        app()
          .db.insert(schema.shippingRates)
          .values({ methodId: m?.id as string, currency: 'EUR', amount: 0 }),
      );
    expect((await quote({ country: 'NL' })).shippingOptions[0]?.name).toBe('Pickup in Amsterdam');
    expect((await quote({ country: 'DE' })).shippingOptions.map((o) => o.name)).not.toContain(
      'Pickup in Amsterdam',
    );
    const ca = await quote({ country: 'US', region: 'CA', currency: 'EUR' });
    expect(ca.tax).toMatchObject({ name: 'Sales tax', rateBps: 725 });
    expect((await quote({ country: 'US', region: 'NY' })).tax).toMatchObject({
      rateBps: 0,
      amount: eur(0),
    });
  });

  it('adds tax on top when the shop’s prices exclude it', async () => {
    await app().db.update(schema.shopSettings).set({ pricesIncludeTax: false });
    try {
      const q = await quote({ country: 'DE' });
      // 19% of 50.00, 12.00 and 4.95, each rounded: 9.50 + 2.28 + 0.94.
      expect(q.tax).toMatchObject({ included: false, amount: eur(950 + 228 + 94) });
      expect(q.total).toEqual(eur(6200 + 495 + 1272));
    } finally {
      await app().db.update(schema.shopSettings).set({ pricesIncludeTax: true });
    }
  });

  it('says why a code does not apply, as a field error', async () => {
    await code({ code: 'QUOTE-LATER', startsAt: new Date(Date.now() + 86_400_000) });
    await code({
      code: 'QUOTE-OVER',
      endsAt: new Date(Date.now() - 1000),
      startsAt: new Date(Date.now() - 86_400_000),
    });
    await code({ code: 'QUOTE-GONE', usageLimit: 1, timesUsed: 1 });
    await code({ code: 'QUOTE-USD', currency: 'USD' });
    await code({ code: 'QUOTE-MIN', currency: 'EUR', minSubtotal: 10_000 });
    await code({ code: 'QUOTE-OFF', active: false });
    const cases: [string, string][] = [
      ['NOPE', 'This code is not valid'],
      ['QUOTE-LATER', 'This code is not valid'],
      ['QUOTE-OFF', 'This code is not valid'],
      ['QUOTE-OVER', 'This code has expired'],
      ['QUOTE-GONE', 'This code has been used up'],
      ['QUOTE-USD', 'This code works for orders in USD only'],
      ['QUOTE-MIN', 'Your order is below this code’s minimum'],
    ];
    for (const [discountCode, message] of cases) {
      const error = await errorOf(quote({ country: 'DE', discountCode }));
      expect(error.data?.code, discountCode).toBe('BAD_REQUEST');
      expect(error.data?.fieldErrors, discountCode).toEqual({ discountCode: [message] });
    }
  });

  it('refuses what it cannot price: bad input, an unknown method, a cart that is not ready', async () => {
    const badCountry = await errorOf(quote({ country: 'Germany' }));
    expect(badCountry.data?.fieldErrors).toHaveProperty('country');
    const method = await errorOf(
      quote({ country: 'DE', shippingMethodId: '00000000-0000-4000-8000-000000000000' }),
    );
    expect(method.data?.fieldErrors).toEqual({
      shippingMethodId: ['This shipping method is not available for this address'],
    });
    // The mug has no dollar price: in USD the cart has a line that cannot be bought.
    const usd = await errorOf(quote({ country: 'DE', currency: 'USD' }));
    expect([usd.data?.code, usd.message]).toEqual([
      'CONFLICT',
      'quote-mug is not sold in USD: update your cart to check out',
    ]);
    const empty = await errorOf(
      browserClient(app()).client.checkout.quote.query({ country: 'DE' }),
    );
    expect([empty.data?.code, empty.message]).toEqual(['CONFLICT', 'Your cart is empty']);
  });
});

describe('redeeming a discount code', () => {
  const redeemIn = (codeId: string, customer: string) =>
    app().db.transaction((tx) => redeemDiscount(tx, codeId, customer));
  const timesUsed = async (id: string) =>
    (await app().db.select().from(schema.discountCodes).where(eq(schema.discountCodes.id, id)))[0]
      ?.timesUsed;

  it('a limit of 1 is used exactly once by 50 checkouts at the same moment', async () => {
    const id = await code({ code: 'ONCE-ONLY', usageLimit: 1 });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => redeemIn(id, `customer-${i}`)),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const o of outcomes.filter((o) => o.status === 'rejected')) {
      expect((o as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT' });
    }
    expect(await timesUsed(id)).toBe(1);
  });

  it('a per-customer limit holds under concurrency, and a refused use leaves the total untouched', async () => {
    const id = await code({ code: 'ONCE-EACH', perCustomerLimit: 1 });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, () => redeemIn(id, 'ada')),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    // The 19 refusals rolled their total back with them.
    expect(await timesUsed(id)).toBe(1);
    await redeemIn(id, 'grace');
    expect(await timesUsed(id)).toBe(2);
    // A cancelled order gives its use back.
    await app().db.transaction((tx) => releaseDiscount(tx, id, 'ada'));
    await redeemIn(id, 'ada');
    expect(await timesUsed(id)).toBe(2);
    const [uses] = await app()
      .db.select({ n: sql<number>`sum(uses)::int` })
      .from(schema.discountCustomerUses)
      .where(eq(schema.discountCustomerUses.codeId, id));
    expect(uses?.n).toBe(2);
  });
});
