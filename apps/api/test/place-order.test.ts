import { randomUUID } from 'node:crypto';
import { orderStatusSchema } from '@bazaar/contracts/server';
import { schema } from '@bazaar/db';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { expireReservations } from '../src/services/orders/expire-reservations.ts';
import { address, checkoutFixtures } from './checkout-fixtures.ts';
import { errorOf, useTestApp } from './helpers.ts';

const app = useTestApp();
const { product, shopperWith, order, level } = checkoutFixtures(app);

describe('placing an order', () => {
  it('records what was bought at the quoted totals, reserves the stock and closes the cart', async () => {
    const item = await product(10, 2500);
    const browser = await shopperWith(item.variantId, 2);
    const quote = await browser.client.checkout.quote.query({ country: 'DE' });
    const placed = await order(browser, { expectedTotal: quote.total });
    expect(placed).toMatchObject({
      status: 'pending_payment',
      email: 'ada@example.com',
      total: quote.total,
    });
    expect(placed.number).toBeGreaterThanOrEqual(1001);
    const holdsFor = (placed.reservedUntil?.getTime() ?? 0) - placed.createdAt.getTime();
    expect(holdsFor).toBeGreaterThan(14 * 60_000);
    expect(holdsFor).toBeLessThanOrEqual(15 * 60_000 + 1000);

    expect(await level(item.variantId)).toMatchObject({ onHand: 10, reserved: 2 });
    const [movement] = await app()
      .db.select()
      .from(schema.stockMovements)
      .where(
        and(
          eq(schema.stockMovements.variantId, item.variantId),
          eq(schema.stockMovements.reason, 'reserved'),
        ),
      );
    expect(movement).toMatchObject({ reservedDelta: 2, reference: placed.id });

    const [row] = await app()
      .db.select()
      .from(schema.orders)
      .where(eq(schema.orders.id, placed.id));
    expect(row).toMatchObject({
      subtotal: quote.subtotal.amount,
      shippingTotal: quote.shipping.amount,
      taxTotal: quote.tax.amount.amount,
      total: quote.total.amount,
      shippingMethodName: 'Standard',
      taxName: 'VAT',
      shippingAddress: expect.objectContaining({ city: 'Berlin', country: 'DE' }),
    });
    // The cart became the order; the next cart starts empty.
    expect((await browser.client.cart.get.query()).lines).toEqual([]);

    // Later catalog edits never change what was bought.
    await app()
      .db.update(schema.products)
      .set({ title: 'Renamed' })
      .where(eq(schema.products.id, item.productId));
    await app()
      .db.update(schema.variantPrices)
      .set({ amount: 9999 })
      .where(eq(schema.variantPrices.variantId, item.variantId));
    const [line] = await app()
      .db.select()
      .from(schema.orderLines)
      .where(eq(schema.orderLines.orderId, placed.id));
    expect(line).toMatchObject({
      productTitle: item.title,
      sku: item.sku,
      quantity: 2,
      unitPrice: 2500,
      total: 5000,
    });
  });

  it('refuses a total that changed since the review, taking nothing', async () => {
    const item = await product(5);
    const browser = await shopperWith(item.variantId);
    const error = await errorOf(order(browser, { expectedTotal: { amount: 1, currency: 'EUR' } }));
    expect(error.data?.code).toBe('CONFLICT');
    expect(error.message).toMatch(/^The total changed/);
    expect(await level(item.variantId)).toMatchObject({ reserved: 0 });
    expect((await browser.client.cart.get.query()).lines).toHaveLength(1);
  });

  it('checks its input: the key, the email, the address', async () => {
    const browser = await shopperWith((await product(5)).variantId);
    const error = await errorOf(
      order(browser, {
        idempotencyKey: 'short',
        email: 'not-an-email',
        shippingAddress: { ...address, country: 'Germany' },
      }),
    );
    expect(error.data?.code).toBe('BAD_REQUEST');
    expect(Object.keys(error.data?.fieldErrors ?? {}).sort()).toEqual([
      'email',
      'idempotencyKey',
      'shippingAddress.country',
    ]);
  });
});

describe('under concurrency', () => {
  it('50 checkouts at once for 5 in stock: exactly 5 orders, stock never below zero, 45 CONFLICTs naming the item', async () => {
    const item = await product(5);
    const shoppers = await Promise.all(
      Array.from({ length: 50 }, () => shopperWith(item.variantId)),
    );
    const outcomes = await Promise.allSettled(shoppers.map((s) => order(s)));
    const placed = outcomes.filter((o) => o.status === 'fulfilled');
    expect(placed).toHaveLength(5);
    for (const o of outcomes.filter((o) => o.status === 'rejected')) {
      const reason = (o as PromiseRejectedResult).reason as {
        data?: { code?: string };
        message: string;
      };
      expect(reason.data?.code).toBe('CONFLICT');
      // Whether it lost at the reservation or already saw the item gone, it is named.
      expect(reason.message).toMatch(
        new RegExp(
          `^(${item.sku} has fewer than 1 available|${item.title} is sold out: update your cart to check out)$`,
        ),
      );
    }
    expect(await level(item.variantId)).toMatchObject({ onHand: 5, reserved: 5 });
    expect(
      await app().db.$count(schema.orderLines, eq(schema.orderLines.variantId, item.variantId)),
    ).toBe(5);
  });

  it('a discount code limited to one use goes to exactly one of 50 simultaneous orders', async () => {
    const item = await product(100);
    await app()
      .db.insert(schema.discountCodes)
      .values({ code: 'ONE-ORDER', kind: 'percentage', percent: 50, usageLimit: 1 });
    const shoppers = await Promise.all(
      Array.from({ length: 50 }, () => shopperWith(item.variantId)),
    );
    const outcomes = await Promise.allSettled(
      shoppers.map((s, i) =>
        order(s, { discountCode: 'one-order', email: `buyer${i}@example.com` }),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const [code] = await app()
      .db.select()
      .from(schema.discountCodes)
      .where(eq(schema.discountCodes.code, 'ONE-ORDER'));
    expect(code?.timesUsed).toBe(1);
    // The refused orders reserved nothing.
    expect(await level(item.variantId)).toMatchObject({ reserved: 1 });
  });

  it('20 concurrent replays of one key make one order and the same answer; another request with the key is a CONFLICT', async () => {
    const item = await product(10);
    const browser = await shopperWith(item.variantId, 3);
    const idempotencyKey = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => order(browser, { idempotencyKey })),
    );
    expect(new Set(answers.map((a) => a.id)).size).toBe(1);
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(answers[0]?.createdAt).toBeInstanceOf(Date);
    expect(await level(item.variantId)).toMatchObject({ reserved: 3 });
    // Later, the same request still answers the same order.
    expect(await order(browser, { idempotencyKey })).toEqual(answers[0]);
    const other = await errorOf(order(browser, { idempotencyKey, email: 'someone@example.com' }));
    expect(other.data?.code).toBe('CONFLICT');
    expect(other.data?.appCode).toBe('IDEMPOTENCY_CONFLICT');
    expect(other.data?.fieldErrors).toEqual({
      idempotencyKey: ['This idempotency key was already used for a different order request'],
    });
    // Keys are per caller: another shopper's identical key is theirs alone.
    const stranger = await shopperWith(item.variantId);
    const theirs = await order(stranger, { idempotencyKey });
    expect(theirs.id).not.toBe(answers[0]?.id);
  });
});

describe('an unpaid order', () => {
  it('is cancelled when its reservation runs out: stock and discount use given back, once, whoever runs the job', async () => {
    const item = await product(3);
    const code = 'EXPIRE-ONCE';
    await app()
      .db.insert(schema.discountCodes)
      .values({ code, kind: 'percentage', percent: 10, usageLimit: 1 });
    const browser = await shopperWith(item.variantId, 2);
    const placed = await order(browser, { discountCode: code });
    const keep = await order(await shopperWith(item.variantId, 1));
    expect(await level(item.variantId)).toMatchObject({ reserved: 3 });

    // Not yet due: nothing happens.
    expect(await expireReservations(app().db)).not.toContain(placed.id);
    await app()
      .db.update(schema.orders)
      .set({ reservedUntil: new Date(Date.now() - 1000) })
      .where(eq(schema.orders.id, placed.id));
    // Two workers at once: the order is released by exactly one of them.
    const [a, b] = await Promise.all([expireReservations(app().db), expireReservations(app().db)]);
    expect([...(a ?? []), ...(b ?? [])].filter((id) => id === placed.id)).toHaveLength(1);

    expect(await level(item.variantId)).toMatchObject({ onHand: 3, reserved: 1 });
    const [row] = await app()
      .db.select()
      .from(schema.orders)
      .where(eq(schema.orders.id, placed.id));
    expect(row).toMatchObject({
      status: 'cancelled',
      cancelReason: 'expired',
      reservedUntil: null,
    });
    const [used] = await app()
      .db.select({ timesUsed: schema.discountCodes.timesUsed })
      .from(schema.discountCodes)
      .where(eq(schema.discountCodes.code, code));
    expect(used?.timesUsed).toBe(0);
    const events = await app()
      .db.select({ type: schema.orderEvents.type, data: schema.orderEvents.data })
      .from(schema.orderEvents)
      .where(eq(schema.orderEvents.orderId, placed.id))
      .orderBy(schema.orderEvents.createdAt);
    expect(events).toEqual([
      { type: 'placed', data: expect.any(Object) },
      { type: 'cancelled', data: { reason: 'expired' } },
    ]);
    // The order still in time keeps its reservation.
    const [kept] = await app().db.select().from(schema.orders).where(eq(schema.orders.id, keep.id));
    expect(kept?.status).toBe('pending_payment');
  });
});

it('the contract’s order states are the database’s', () => {
  expect(orderStatusSchema.options).toEqual(schema.orderStatus.enumValues);
});
