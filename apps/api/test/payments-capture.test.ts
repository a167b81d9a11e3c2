import { schema } from '@bazaar/db';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { expireReservations } from '../src/services/orders/expire-reservations.ts';
import type {
  PaymentEvent,
  PaymentProvider,
  ProviderPayment,
} from '../src/services/payments/provider.ts';
import { checkoutFixtures } from './checkout-fixtures.ts';
import { useTestApp } from './helpers.ts';

/**
 * Manual capture (Stripe's `capture_method: manual`): the provider says the money is held, and the
 * state machine captures it only for an order still waiting for it. The provider here is a small
 * in-memory stand-in for Stripe's side (its own tests cover the SDK); the database is real.
 */
const calls: string[] = [];
const held = new Map<string, ProviderPayment>();
const provider: PaymentProvider = {
  name: 'stripe',
  publishableKey: 'pk_test_capture',
  async createPayment(input) {
    const ref = `pi_${input.idempotencyKey}`;
    const payment: ProviderPayment = held.get(ref) ?? {
      ref,
      clientSecret: `${ref}_secret_x`,
      status: 'requires_payment',
      amount: input.amount,
      currency: input.currency,
      failure: null,
    };
    held.set(ref, payment);
    return payment;
  },
  retrievePayment: async (ref) => held.get(ref) as ProviderPayment,
  async capturePayment(ref) {
    calls.push(`capture ${ref}`);
    const payment = { ...(held.get(ref) as ProviderPayment), status: 'succeeded' as const };
    held.set(ref, payment);
    return payment;
  },
  async cancelPayment(ref) {
    calls.push(`cancel ${ref}`);
    held.set(ref, { ...(held.get(ref) as ProviderPayment), status: 'canceled' });
  },
  refund: async () => ({ ref: 're_1', status: 'succeeded' }),
  verifyWebhook: (body) => JSON.parse(body.toString()) as PaymentEvent,
};

const app = useTestApp({ config: { paymentProvider: provider } });
const { product, shopperWith, order, level, orderRow } = checkoutFixtures(app);

async function authorize(placed: Awaited<ReturnType<typeof order>>) {
  const ref = placed.payment.clientSecret.replace(/_secret_x$/, '');
  held.set(ref, { ...(held.get(ref) as ProviderPayment), status: 'requires_capture' });
  const event: PaymentEvent = {
    id: `evt_auth_${placed.id}`,
    kind: 'payment.authorized',
    paymentRef: ref,
    amount: placed.total.amount,
    currency: placed.total.currency,
    failure: null,
    refundRef: null,
  };
  const res = await fetch(`${app().url}/webhooks/payments/stripe`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(event),
  });
  expect(res.status).toBe(200);
  return ref;
}

describe('manual capture', () => {
  it('captures a held payment of an order still waiting for it, which then is paid', async () => {
    const item = await product(3);
    const browser = await shopperWith(item.variantId);
    const placed = await order(browser);
    expect(placed.payment).toMatchObject({ provider: 'stripe', publishableKey: 'pk_test_capture' });
    const ref = await authorize(placed);
    expect(calls).toContain(`capture ${ref}`);
    expect((await orderRow(placed.id))?.status).toBe('paid');
    expect(await level(item.variantId)).toMatchObject({ onHand: 2, reserved: 0 });
  });

  it('releases the hold of an order that expired meanwhile: nothing is taken, nothing refunded', async () => {
    const item = await product(3);
    const browser = await shopperWith(item.variantId);
    const placed = await order(browser);
    await app()
      .db.update(schema.orders)
      .set({ reservedUntil: new Date(Date.now() - 1000) })
      .where(eq(schema.orders.id, placed.id));
    await expireReservations(app().db);
    const ref = await authorize(placed);
    expect(calls).toContain(`cancel ${ref}`);
    expect(calls).not.toContain(`capture ${ref}`);
    expect(await orderRow(placed.id)).toMatchObject({ status: 'cancelled', refundedTotal: 0 });
  });
});
