import { schema } from '@bazaar/db';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { expireReservations } from '../src/services/orders/expire-reservations.ts';
import { TEST_CARDS } from '../src/services/payments/test-cards.ts';
import { signTestWebhook, TEST_SIGNATURE_HEADER } from '../src/services/payments/test-signature.ts';
import { checkoutFixtures } from './checkout-fixtures.ts';
import { type BrowserClient, errorOf, TEST_WEBHOOK_SECRET, useTestApp } from './helpers.ts';

const app = useTestApp();
const { product, shopperWith, order, level, orderRow } = checkoutFixtures(app);

type Placed = Awaited<ReturnType<typeof order>>;

const pay = (browser: BrowserClient, placed: Placed, cardNumber: string = TEST_CARDS.success) =>
  browser.client.checkout.confirmTestPayment.mutate({
    orderId: placed.id,
    clientSecret: placed.payment.clientSecret,
    cardNumber,
  });

const result = (browser: BrowserClient, placed: Placed) =>
  browser.client.checkout.paymentResult.query({
    orderId: placed.id,
    clientSecret: placed.payment.clientSecret,
  });

/** The test provider's events for an order's payment, as it would send them. */
async function providerEvents(orderId: string) {
  const [payment] = await app()
    .db.select()
    .from(schema.payments)
    .where(eq(schema.payments.orderId, orderId));
  const events = await app().db.select().from(schema.testProviderEvents);
  return events
    .filter((e) => (e.payload as { paymentRef?: string }).paymentRef === payment?.providerRef)
    .map((e) => e.payload);
}

/** POSTs a body to the webhook endpoint as the provider would, signed at `at`. */
async function postWebhook(payload: unknown, options: { at?: number; secret?: string } = {}) {
  const body = JSON.stringify(payload);
  return fetch(`${app().url}/webhooks/payments/test`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [TEST_SIGNATURE_HEADER]: signTestWebhook(
        options.secret ?? TEST_WEBHOOK_SECRET,
        body,
        options.at,
      ),
    },
    body,
  });
}

const eventsOf = async (orderId: string) =>
  (
    await app()
      .db.select({ type: schema.orderEvents.type })
      .from(schema.orderEvents)
      .where(eq(schema.orderEvents.orderId, orderId))
      .orderBy(schema.orderEvents.createdAt)
  ).map((e) => e.type);

async function paidOrder(stock = 5, quantity = 1) {
  const item = await product(stock, 2500);
  const browser = await shopperWith(item.variantId, quantity);
  const placed = await order(browser);
  expect(await pay(browser, placed)).toEqual({ status: 'succeeded', message: null });
  await app().deliverWebhooks();
  return { item, browser, placed };
}

describe('paying with the test provider', () => {
  it('a success is applied by the signed webhook: the order is paid, stock sold, mail queued', async () => {
    const item = await product(5, 2500);
    const browser = await shopperWith(item.variantId, 2);
    const placed = await order(browser);
    expect(placed.payment).toMatchObject({ provider: 'test', publishableKey: null });
    expect(await level(item.variantId)).toMatchObject({ onHand: 5, reserved: 2 });

    expect(await pay(browser, placed)).toEqual({ status: 'succeeded', message: null });
    // Nothing is recorded until the provider tells us (asynchronously).
    expect((await orderRow(placed.id))?.status).toBe('pending_payment');
    expect(await app().deliverWebhooks()).toBe(1);

    expect(await orderRow(placed.id)).toMatchObject({ status: 'paid', reservedUntil: null });
    expect(await level(item.variantId)).toMatchObject({ onHand: 3, reserved: 0 });
    const view = await result(browser, placed);
    expect(view).toMatchObject({ status: 'paid', paymentStatus: 'paid', number: placed.number });
    expect(view.timeline.map((e) => e.type)).toEqual(['placed', 'paid']);
    const mail = await app()
      .db.select()
      .from(schema.mailOutbox)
      .where(eq(schema.mailOutbox.to, 'ada@example.com'));
    expect(mail.some((m) => m.subject.includes(`#${placed.number} is confirmed`))).toBe(true);
  });

  it('the payer returning first (redirect path) and the webhook after record one payment', async () => {
    const item = await product(5);
    const browser = await shopperWith(item.variantId);
    const placed = await order(browser);
    await pay(browser, placed);
    // 10 concurrent returns and the webhook at once.
    const views = await Promise.all([
      ...Array.from({ length: 10 }, () => result(browser, placed)),
      app().deliverWebhooks(),
    ]);
    expect(views.slice(0, 10).every((v) => typeof v === 'object')).toBe(true);
    expect(await eventsOf(placed.id)).toEqual(['placed', 'paid']);
    expect(await level(item.variantId)).toMatchObject({ onHand: 4, reserved: 0 });
  });

  it('a duplicate delivery, also 20 at once, changes nothing', async () => {
    const { item, placed } = await paidOrder();
    const [event] = await providerEvents(placed.id);
    const replies = await Promise.all(Array.from({ length: 20 }, () => postWebhook(event)));
    expect(replies.map((r) => r.status)).toEqual(Array(20).fill(200));
    const outcomes = await Promise.all(
      replies.map((r) => r.json() as Promise<{ outcome: string }>),
    );
    expect(new Set(outcomes.map((o) => o.outcome))).toEqual(new Set(['duplicate']));
    expect(await eventsOf(placed.id)).toEqual(['placed', 'paid']);
    expect(await level(item.variantId)).toMatchObject({ onHand: 4, reserved: 0 });
  });

  it('events out of order: a late failure after the success is ignored', async () => {
    const { placed } = await paidOrder();
    const [succeeded] = (await providerEvents(placed.id)) as {
      paymentRef: string;
      amount: number;
    }[];
    const reply = await postWebhook({
      id: 'tp_evt_late_failure',
      kind: 'payment.failed',
      paymentRef: succeeded?.paymentRef,
      amount: succeeded?.amount,
      currency: 'EUR',
      failure: { code: 'card_declined', message: 'Your card was declined.' },
      refundRef: null,
    });
    expect(await reply.json()).toEqual({ received: true, outcome: 'ignored' });
    expect((await orderRow(placed.id))?.status).toBe('paid');
  });

  it('refuses and logs a forged signature and a stale timestamp', async () => {
    const item = await product(5);
    const browser = await shopperWith(item.variantId);
    const placed = await order(browser);
    await pay(browser, placed);
    const [event] = await providerEvents(placed.id);
    const forged = await postWebhook(event, { secret: 'not-the-secret' });
    const stale = await postWebhook(event, { at: Date.now() - 10 * 60_000 });
    const unsigned = await fetch(`${app().url}/webhooks/payments/test`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(event),
    });
    expect([forged.status, stale.status, unsigned.status]).toEqual([400, 400, 400]);
    expect((await orderRow(placed.id))?.status).toBe('pending_payment');
    const refusals = app()
      .lines()
      .filter((l) => l.msg === 'payment webhook refused: bad signature');
    expect(refusals.map((l) => l.reason)).toEqual(
      expect.arrayContaining([
        'Signature does not match',
        'Timestamp outside the tolerance',
        'No signature header',
      ]),
    );
    // The real delivery still works.
    await app().deliverWebhooks();
    expect((await orderRow(placed.id))?.status).toBe('paid');
  });

  it('refuses an oversized event before reading it all, closing the connection', async () => {
    const res = await fetch(`${app().url}/webhooks/payments/test`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'x'.repeat(1024 * 1024),
    });
    expect(res.status).toBe(413);
    // The unread rest is still on the connection: a proxy must not send another request into it.
    expect(res.headers.get('connection')).toBe('close');
    const other = await fetch(`${app().url}/webhooks/payments/stripe`, {
      method: 'POST',
      body: '{}',
    });
    expect(other.status).toBe(404);
  });

  it('a declined card cancels the order at once: stock released, cart back, clear message', async () => {
    const item = await product(3);
    const browser = await shopperWith(item.variantId, 2);
    const placed = await order(browser);
    expect(await pay(browser, placed, TEST_CARDS.declined)).toEqual({
      status: 'failed',
      message: 'Your card was declined.',
    });
    expect(await level(item.variantId)).toMatchObject({ onHand: 3, reserved: 0 });
    expect(await orderRow(placed.id)).toMatchObject({
      status: 'cancelled',
      cancelReason: 'payment_failed',
    });
    const cart = await browser.client.cart.get.query();
    expect(cart.lines.map((l) => l.quantity)).toEqual([2]);
    const view = await result(browser, placed);
    expect(view).toMatchObject({
      paymentStatus: 'failed',
      paymentMessage: 'Your card was declined.',
    });
    // The provider's webhook about it arrives later and changes nothing.
    await app().deliverWebhooks();
    expect(await eventsOf(placed.id)).toEqual(['placed', 'payment_failed', 'cancelled']);
    // Another attempt with a good card works.
    const again = await order(browser);
    await pay(browser, again);
    await app().deliverWebhooks();
    expect((await orderRow(again.id))?.status).toBe('paid');
  });

  it('names insufficient funds', async () => {
    const browser = await shopperWith((await product(3)).variantId);
    const placed = await order(browser);
    expect(await pay(browser, placed, '4000 0000 0000 9995')).toEqual({
      status: 'failed',
      message: 'Your card has insufficient funds.',
    });
  });

  it('a payment that succeeds after its reservation expired is refunded automatically', async () => {
    const item = await product(2, 3000);
    const browser = await shopperWith(item.variantId);
    const placed = await order(browser);
    await app()
      .db.update(schema.orders)
      .set({ reservedUntil: new Date(Date.now() - 1000) })
      .where(eq(schema.orders.id, placed.id));
    expect(await expireReservations(app().db)).toContain(placed.id);
    expect(await level(item.variantId)).toMatchObject({ onHand: 2, reserved: 0 });

    await pay(browser, placed);
    await app().deliverWebhooks();
    const row = await orderRow(placed.id);
    expect(row).toMatchObject({ status: 'refunded', refundedTotal: row?.total });
    const [refund] = await app()
      .db.select()
      .from(schema.refunds)
      .where(eq(schema.refunds.orderId, placed.id));
    expect(refund).toMatchObject({ status: 'succeeded', automatic: true, amount: row?.total });
    // The stock was released with the expiry and is not sold now.
    expect(await level(item.variantId)).toMatchObject({ onHand: 2, reserved: 0 });
    const [provider] = await app()
      .db.select()
      .from(schema.testProviderPayments)
      .where(eq(schema.testProviderPayments.amountRefunded, row?.total ?? -1));
    expect(provider).toBeDefined();
    expect((await result(browser, placed)).paymentStatus).toBe('refunded');
  });

  it('the payment result needs the client secret; a wrong one is NOT_FOUND', async () => {
    const browser = await shopperWith((await product(3)).variantId);
    const placed = await order(browser);
    const wrong = await errorOf(
      browser.client.checkout.paymentResult.query({
        orderId: placed.id,
        clientSecret: 'tp_secret_000000000000000000000000',
      }),
    );
    expect(wrong.data?.code).toBe('NOT_FOUND');
    const stolen = await errorOf(
      browser.client.checkout.confirmTestPayment.mutate({
        orderId: placed.id,
        clientSecret: 'tp_secret_000000000000000000000000',
        cardNumber: TEST_CARDS.success,
      }),
    );
    expect(stolen.data?.code).toBe('NOT_FOUND');
  });

  it('a replayed placeOrder answers the same payment session', async () => {
    const browser = await shopperWith((await product(3)).variantId);
    const key = 'replayed-key-0123456789';
    const [a, b] = await Promise.all([
      order(browser, { idempotencyKey: key }),
      order(browser, { idempotencyKey: key }),
    ]);
    expect(a).toEqual(b);
    const rows = await app()
      .db.select()
      .from(schema.payments)
      .where(and(eq(schema.payments.orderId, a.id)));
    expect(rows).toHaveLength(1);
  });
});
