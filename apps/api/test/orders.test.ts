import { randomUUID } from 'node:crypto';
import type { Permission } from '@bazaar/contracts/server';
import { schema } from '@bazaar/db';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_CARDS } from '../src/services/payments/test-cards.ts';
import { checkoutFixtures } from './checkout-fixtures.ts';
import { customerAccount, customRole, type Person, signedIn, staffMember } from './fixtures.ts';
import { type BrowserClient, browserClient, errorOf, rejection, useTestApp } from './helpers.ts';

const app = useTestApp();
const { product, shopperWith, order, level, orderRow } = checkoutFixtures(app);

let staff: Person;
let reader: Person;
beforeAll(async () => {
  staff = await staffMember(app().db, 'Support', { name: 'Sue Support' });
  reader = await staffMember(
    app().db,
    await customRole(app().db, 'Order reader', ['orders:read'] as Permission[]),
  );
});

const asStaff = (
  who: Person = staff,
  permissions: Permission[] = ['orders:read', 'orders:write'],
) =>
  app().caller({
    kind: 'staff',
    userId: who.id,
    sessionId: 'test',
    permissions: new Set(permissions),
  });

/** An order placed and paid by `browser` (a guest unless signed in). */
async function paid(browser?: BrowserClient, stock = 5, quantity = 1, email = 'ada@example.com') {
  const item = await product(stock, 2500);
  const shopper = await shopperWith(item.variantId, quantity, browser);
  const placed = await order(shopper, { email });
  await shopper.client.checkout.confirmTestPayment.mutate({
    orderId: placed.id,
    clientSecret: placed.payment.clientSecret,
    cardNumber: TEST_CARDS.success,
  });
  await app().deliverWebhooks();
  return { item, shopper, placed };
}

describe("customers' orders", () => {
  it('lists and shows their own orders with the timeline and tracking; others are NOT_FOUND', async () => {
    const cora = await customerAccount(app().db);
    const dan = await customerAccount(app().db);
    const coraBrowser = await signedIn(app(), cora.email);
    const danBrowser = await signedIn(app(), dan.email);
    const first = await paid(coraBrowser);
    const second = await paid(coraBrowser, 5, 2);
    await paid(danBrowser);

    const page1 = await coraBrowser.client.orders.list.query({ limit: 1 });
    expect(page1.items.map((o) => o.number)).toEqual([second.placed.number]);
    expect(page1.items[0]).toMatchObject({ itemCount: 2, status: 'paid' });
    const page2 = await coraBrowser.client.orders.list.query({
      limit: 1,
      cursor: page1.nextCursor ?? undefined,
    });
    expect(page2.items.map((o) => o.number)).toEqual([first.placed.number]);
    expect(page2.nextCursor).toBeNull();

    await asStaff().admin.orders.ship({
      id: first.placed.id,
      carrier: 'DHL',
      trackingNumber: 'JJD000390007',
    });
    const mine = await coraBrowser.client.orders.get.query({ number: first.placed.number });
    expect(mine.shipment).toMatchObject({ carrier: 'DHL', trackingNumber: 'JJD000390007' });
    expect(mine.timeline.map((e) => e.type)).toEqual(['placed', 'paid', 'shipped']);

    const theirs = await errorOf(
      danBrowser.client.orders.get.query({ number: first.placed.number }),
    );
    expect(theirs.data?.code).toBe('NOT_FOUND');
    const anonymous = await errorOf(browserClient(app()).client.orders.list.query({}));
    expect(anonymous.data?.code).toBe('UNAUTHORIZED');
    expect((await danBrowser.client.orders.list.query({})).items).toHaveLength(1);
  });

  it('a guest looks an order up with both number and email', async () => {
    const { placed } = await paid(undefined, 5, 1, 'guest.lookup@example.com');
    const guest = browserClient(app());
    const found = await guest.client.orders.lookup.query({
      number: placed.number,
      email: 'Guest.Lookup@example.com',
    });
    expect(found).toMatchObject({ id: placed.id, status: 'paid' });
    const wrongEmail = await errorOf(
      guest.client.orders.lookup.query({ number: placed.number, email: 'ada@example.com' }),
    );
    const wrongNumber = await errorOf(
      guest.client.orders.lookup.query({
        number: placed.number + 1000,
        email: 'guest.lookup@example.com',
      }),
    );
    expect([wrongEmail.data?.code, wrongNumber.data?.code]).toEqual(['NOT_FOUND', 'NOT_FOUND']);
    expect(wrongEmail.message).toBe(wrongNumber.message);
  });

  it('limits lookups that find nothing per address', async () => {
    const guest = browserClient(app());
    const tries = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        errorOf(
          guest.client.orders.lookup.query({ number: 900_000 + i, email: 'nobody@example.com' }),
        ),
      ),
    );
    const codes = tries.map((e) => e.data?.code);
    expect(codes.filter((c) => c === 'NOT_FOUND')).toHaveLength(20);
    expect(codes.filter((c) => c === 'TOO_MANY_REQUESTS')).toHaveLength(5);
  });
});

describe('staff and orders', () => {
  it('ships with tracking, then delivers; invalid transitions are CONFLICT', async () => {
    const { placed } = await paid();
    const admin = asStaff();
    const early = await rejection(admin.admin.orders.deliver({ id: placed.id }));
    expect(early).toMatchObject({
      code: 'CONFLICT',
      message: 'An order that is paid cannot be marked delivered',
    });
    const shipped = await admin.admin.orders.ship({
      id: placed.id,
      carrier: 'UPS',
      trackingNumber: '1Z999',
    });
    expect(shipped).toMatchObject({
      status: 'fulfilled',
      shipment: { carrier: 'UPS', trackingNumber: '1Z999' },
    });
    const twice = await rejection(
      admin.admin.orders.ship({ id: placed.id, carrier: 'UPS', trackingNumber: '1Z999' }),
    );
    expect(twice.message).toBe('An order that is shipped cannot be shipped');
    const cancel = await rejection(admin.admin.orders.cancel({ id: placed.id }));
    expect(cancel.message).toBe('An order that is shipped cannot be cancelled');
    const delivered = await admin.admin.orders.deliver({ id: placed.id });
    expect(delivered.status).toBe('delivered');
    expect(delivered.timeline.map((e) => [e.type, e.actor])).toEqual([
      ['placed', null],
      ['paid', null],
      ['shipped', 'Sue Support'],
      ['delivered', 'Sue Support'],
    ]);
    const shippedMail = await app()
      .db.select()
      .from(schema.mailOutbox)
      .where(eq(schema.mailOutbox.subject, `Your Bazaar order #${placed.number} has shipped`));
    expect(shippedMail[0]?.text).toContain('Tracking number: 1Z999');
  });

  it('an unpaid order cannot ship; cancelling it releases the stock', async () => {
    const item = await product(4);
    const browser = await shopperWith(item.variantId, 3);
    const placed = await order(browser);
    const admin = asStaff();
    expect(
      (
        await rejection(
          admin.admin.orders.ship({ id: placed.id, carrier: 'DHL', trackingNumber: 'X' }),
        )
      ).message,
    ).toBe('An order that is awaiting payment cannot be shipped');
    const cancelled = await admin.admin.orders.cancel({ id: placed.id, reason: 'Customer asked' });
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'Customer asked' });
    expect(await level(item.variantId)).toMatchObject({ onHand: 4, reserved: 0 });
  });

  it('cancelling a paid order restocks and refunds it in full through the provider', async () => {
    const { item, placed } = await paid(undefined, 5, 2);
    expect(await level(item.variantId)).toMatchObject({ onHand: 3, reserved: 0 });
    const cancelled = await asStaff().admin.orders.cancel({
      id: placed.id,
      reason: 'Out of stock at the warehouse',
    });
    expect(cancelled).toMatchObject({ status: 'cancelled', refunded: placed.total });
    expect(cancelled.refunds).toMatchObject([{ status: 'succeeded', amount: placed.total }]);
    expect(await level(item.variantId)).toMatchObject({ onHand: 5, reserved: 0 });
    await app().deliverWebhooks();
    expect((await orderRow(placed.id))?.status).toBe('cancelled');
  });

  it('refunds partly, then the rest; never more than paid, also under concurrency', async () => {
    const { placed } = await paid(undefined, 5, 2);
    const admin = asStaff();
    const total = placed.total.amount;
    const part = await admin.admin.orders.refund({
      id: placed.id,
      amount: 1000,
      idempotencyKey: randomUUID(),
    });
    expect(part).toMatchObject({
      status: 'partially_refunded',
      refundable: { amount: total - 1000 },
    });
    const refundMail = await app()
      .db.select()
      .from(schema.mailOutbox)
      .where(eq(schema.mailOutbox.subject, `A refund for your Bazaar order #${placed.number}`));
    expect(refundMail[0]?.text).toContain('We refunded €10.00');
    const tooMuch = await rejection(
      admin.admin.orders.refund({ id: placed.id, amount: total, idempotencyKey: randomUUID() }),
    );
    expect(tooMuch.code).toBe('BAD_REQUEST');
    expect((tooMuch.cause as { fieldErrors?: object }).fieldErrors).toHaveProperty('amount');

    // 20 concurrent refunds of 1,000 against what is left: only as many as fit succeed.
    const attempts = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        admin.admin.orders.refund({ id: placed.id, amount: 1000, idempotencyKey: randomUUID() }),
      ),
    );
    const fits = Math.floor((total - 1000) / 1000);
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(Math.min(20, fits));
    const row = await orderRow(placed.id);
    expect(row?.refundedTotal).toBe(1000 + 1000 * Math.min(20, fits));
    const [provider] = await app()
      .db.select()
      .from(schema.testProviderPayments)
      .where(eq(schema.testProviderPayments.amountRefunded, row?.refundedTotal ?? -1));
    expect(provider).toBeDefined();
  });

  it('a retried refund with the same key refunds once', async () => {
    const { placed } = await paid();
    const idempotencyKey = randomUUID();
    const admin = asStaff();
    await Promise.all(
      Array.from({ length: 5 }, () =>
        admin.admin.orders.refund({ id: placed.id, amount: 500, idempotencyKey }),
      ),
    );
    expect((await orderRow(placed.id))?.refundedTotal).toBe(500);
  });

  it('lists with filters and search; notes are internal', async () => {
    const { placed } = await paid(undefined, 5, 1, 'findme.orders@example.com');
    const admin = asStaff();
    await admin.admin.orders.addNote({ id: placed.id, text: 'Gift wrap,\nplease' });
    const byNumber = await admin.admin.orders.list({ q: `#${placed.number}` });
    expect(byNumber.items.map((o) => o.id)).toEqual([placed.id]);
    const byEmail = await admin.admin.orders.list({ q: 'findme.orders' });
    expect(byEmail).toMatchObject({ total: 1, items: [{ id: placed.id, itemCount: 1 }] });
    const paidOnes = await admin.admin.orders.list({ status: 'paid', limit: 100 });
    expect(paidOnes.items.every((o) => o.status === 'paid')).toBe(true);
    const today = new Date().toISOString().slice(0, 10);
    const fromTomorrow = await admin.admin.orders.list({
      from: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10),
    });
    expect(fromTomorrow.total).toBe(0);
    expect((await admin.admin.orders.list({ from: today, to: today })).total).toBeGreaterThan(0);

    const staffView = await admin.admin.orders.get({ id: placed.id });
    expect(staffView.timeline.at(-1)).toMatchObject({ type: 'note', detail: 'Gift wrap,\nplease' });
    const guestView = await browserClient(app()).client.orders.lookup.query({
      number: placed.number,
      email: 'findme.orders@example.com',
    });
    expect(guestView.timeline.map((e) => e.type)).not.toContain('note');
  });

  it('orders:read sees but cannot act; a customer cannot reach staff procedures', async () => {
    const { placed } = await paid();
    const readOnly = asStaff(reader, ['orders:read']);
    expect((await readOnly.admin.orders.get({ id: placed.id })).id).toBe(placed.id);
    const refused = await rejection(
      readOnly.admin.orders.ship({ id: placed.id, carrier: 'DHL', trackingNumber: 'X' }),
    );
    expect(refused.code).toBe('FORBIDDEN');
    const cora = await customerAccount(app().db);
    const customer = await signedIn(app(), cora.email);
    const notStaff = await errorOf(customer.client.admin.orders.list.query({}));
    expect(notStaff.data?.code).toBe('FORBIDDEN');
  });
});
