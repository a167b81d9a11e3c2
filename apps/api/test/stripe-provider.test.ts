import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EnvError, loadEnv } from '../src/env.ts';
import { type PaymentProvider, WebhookSignatureError } from '../src/services/payments/provider.ts';
import { paymentProviderFromEnv } from '../src/services/payments/provider-from-env.ts';
import { createStripeProvider } from '../src/services/payments/stripe-provider.ts';
import {
  declined,
  now,
  paymentIntent,
  type Recorded,
  refundObject,
  stripeStub,
} from './stripe-stub.ts';

// Stripe is not reachable from here: webhooks are signed with the SDK's own test helper, and the
// SDK's API calls go to a local stub of the few Stripe endpoints the provider uses.

const SECRET_KEY = `sk_test_${randomBytes(12).toString('hex')}`;
const WEBHOOK_SECRET = `whsec_${randomBytes(24).toString('base64url')}`;
const PUBLISHABLE_KEY = `pk_test_${randomBytes(12).toString('hex')}`;

// --- Webhooks ---------------------------------------------------------------------------------

function event(type: string, object: Record<string, unknown>) {
  return {
    id: `evt_3${randomBytes(12).toString('hex')}`,
    object: 'event',
    api_version: Stripe.API_VERSION,
    created: now(),
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: 'req_Q1w2e3r4', idempotency_key: 'order-1042-create' },
    type,
  };
}

function signed(payload: string, options: { secret?: string; timestamp?: number } = {}) {
  return {
    body: Buffer.from(payload),
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'stripe-signature': Stripe.webhooks.generateTestHeaderString({
        payload,
        secret: options.secret ?? WEBHOOK_SECRET,
        ...(options.timestamp === undefined ? {} : { timestamp: options.timestamp }),
      }),
    } satisfies IncomingHttpHeaders,
  };
}

describe('Stripe webhooks', () => {
  const provider = createStripeProvider({
    secretKey: SECRET_KEY,
    webhookSecret: WEBHOOK_SECRET,
    publishableKey: PUBLISHABLE_KEY,
    captureMethod: 'automatic',
  });

  function verified(type: string, object: Record<string, unknown>) {
    const sent = event(type, object);
    const { body, headers } = signed(JSON.stringify(sent, null, 2));
    return { sent, result: provider.verifyWebhook(body, headers) };
  }

  function rejection(body: Buffer, headers: IncomingHttpHeaders): WebhookSignatureError {
    try {
      provider.verifyWebhook(body, headers);
    } catch (error) {
      expect(error).toBeInstanceOf(WebhookSignatureError);
      return error as WebhookSignatureError;
    }
    throw new Error('expected verifyWebhook to throw');
  }

  it('reads payment_intent.succeeded as payment.succeeded, amounts as received', () => {
    const intent = paymentIntent({
      status: 'succeeded',
      amount_received: 4250,
      latest_charge: 'ch_3',
    });
    const { sent, result } = verified('payment_intent.succeeded', intent);
    expect(result).toEqual({
      id: sent.id,
      kind: 'payment.succeeded',
      paymentRef: intent.id,
      amount: 4250,
      currency: 'EUR',
      failure: null,
      refundRef: null,
    });
  });

  it('reads payment_intent.payment_failed with its decline code and message', () => {
    const intent = paymentIntent({ last_payment_error: declined });
    const { sent, result } = verified('payment_intent.payment_failed', intent);
    expect(result).toEqual({
      id: sent.id,
      kind: 'payment.failed',
      paymentRef: intent.id,
      amount: 4250,
      currency: 'EUR',
      failure: { code: 'insufficient_funds', message: 'Your card has insufficient funds.' },
      refundRef: null,
    });

    // No decline code (not an issuer decline): the error's own code.
    const expired = { ...declined, code: 'expired_card', message: 'Your card has expired.' };
    delete (expired as Partial<typeof declined>).decline_code;
    expect(
      verified('payment_intent.payment_failed', paymentIntent({ last_payment_error: expired }))
        .result?.failure,
    ).toEqual({ code: 'expired_card', message: 'Your card has expired.' });
  });

  it('reads payment_intent.canceled and payment_intent.amount_capturable_updated', () => {
    const canceled = paymentIntent({ status: 'canceled', cancellation_reason: 'abandoned' });
    expect(verified('payment_intent.canceled', canceled).result).toMatchObject({
      kind: 'payment.canceled',
      paymentRef: canceled.id,
      amount: 4250,
      currency: 'EUR',
      failure: null,
    });

    const held = paymentIntent({
      status: 'requires_capture',
      capture_method: 'manual',
      amount_capturable: 4250,
    });
    const { sent, result } = verified('payment_intent.amount_capturable_updated', held);
    expect(result).toEqual({
      id: sent.id,
      kind: 'payment.authorized',
      paymentRef: held.id,
      amount: 4250,
      currency: 'EUR',
      failure: null,
      refundRef: null,
    });
  });

  it('reads refund events: the refund id and its PaymentIntent, succeeded or failed', () => {
    const done = refundObject({ payment_intent: 'pi_3Paid', amount: 1500 });
    for (const type of ['refund.created', 'refund.updated']) {
      const { sent, result } = verified(type, done);
      expect(result).toEqual({
        id: sent.id,
        kind: 'refund.succeeded',
        paymentRef: 'pi_3Paid',
        amount: 1500,
        currency: 'EUR',
        failure: null,
        refundRef: done.id,
      });
    }

    const failed = refundObject({ status: 'failed', failure_reason: 'expired_or_canceled_card' });
    for (const type of ['refund.failed', 'refund.updated'])
      expect(verified(type, failed).result).toMatchObject({
        kind: 'refund.failed',
        paymentRef: 'pi_3Paid',
        refundRef: failed.id,
        failure: { code: 'expired_or_canceled_card' },
      });

    // Still on its way: nothing to act on yet.
    expect(verified('refund.created', refundObject({ status: 'pending' })).result).toBeNull();
  });

  it('returns null for event types it does not act on', () => {
    expect(verified('payment_intent.created', paymentIntent()).result).toBeNull();
    expect(
      verified('customer.created', { id: 'cus_Q1', object: 'customer', email: 'a@b.c' }).result,
    ).toBeNull();
    // charge.refunded: the charge no longer lists its refunds; the refund events say which.
    expect(
      verified('charge.refunded', { id: 'ch_3', object: 'charge', refunded: true }).result,
    ).toBeNull();
  });

  it('rejects a signature made with another secret, naming the reason', () => {
    const payload = JSON.stringify(event('payment_intent.succeeded', paymentIntent()));
    const forged = signed(payload, { secret: `whsec_${randomBytes(24).toString('base64url')}` });
    const error = rejection(forged.body, forged.headers);
    expect(error.message).toMatch(/^No signatures found matching the expected signature/);
    expect(error.message).not.toContain('\n');
  });

  it('rejects a body changed after signing', () => {
    const intent = paymentIntent({ status: 'succeeded', amount: 100, amount_received: 100 });
    const payload = JSON.stringify(event('payment_intent.succeeded', intent));
    const { headers } = signed(payload);
    const tampered = Buffer.from(payload.replace('"amount":100,', '"amount":1,'));
    expect(tampered.equals(Buffer.from(payload))).toBe(false);
    rejection(tampered, headers);
  });

  it('rejects a stale timestamp (10 minutes old) even with a good signature', () => {
    const payload = JSON.stringify(event('payment_intent.succeeded', paymentIntent()));
    const stale = signed(payload, { timestamp: now() - 600 });
    expect(rejection(stale.body, stale.headers).message).toBe(
      'Timestamp outside the tolerance zone',
    );
    // Within the 300 s tolerance it is fine.
    const recent = signed(payload, { timestamp: now() - 60 });
    expect(provider.verifyWebhook(recent.body, recent.headers)).not.toBeNull();
  });

  it('rejects a missing, repeated or malformed Stripe-Signature header', () => {
    const payload = JSON.stringify(event('payment_intent.succeeded', paymentIntent()));
    const good = signed(payload);
    const header = good.headers['stripe-signature'];
    expect(rejection(good.body, {}).message).toBe('no Stripe-Signature header');
    expect(rejection(good.body, { 'stripe-signature': [header, header] }).message).toMatch(
      /more than one/,
    );
    rejection(good.body, { 'stripe-signature': 'garbage' });
    rejection(good.body, { 'stripe-signature': header.replace(/v1=/, 'v0=') });
    rejection(Buffer.alloc(0), good.headers);
  });
});

describe('Stripe API calls', () => {
  const stub = stripeStub();
  let automatic: PaymentProvider;
  let manual: PaymentProvider;

  beforeAll(async () => {
    await new Promise<void>((ready) => stub.server.listen(0, '127.0.0.1', ready));
    const { port } = stub.server.address() as AddressInfo;
    const options = {
      secretKey: SECRET_KEY,
      webhookSecret: WEBHOOK_SECRET,
      publishableKey: PUBLISHABLE_KEY,
      host: '127.0.0.1',
      port,
      protocol: 'http',
    } as const;
    automatic = createStripeProvider({ ...options, captureMethod: 'automatic' });
    manual = createStripeProvider({ ...options, captureMethod: 'manual' });
  });
  afterAll(() => new Promise<void>((done) => stub.server.close(() => done())));
  beforeEach(() => {
    stub.requests.length = 0;
  });

  const order = {
    amount: 4250,
    currency: 'EUR',
    orderId: '0190f3a4-5b6c-7d8e-9f00-aabbccddeeff',
    orderNumber: 1042,
    email: 'ada@example.com',
  };

  /** The one request made since the last `beforeEach`, or since `from`. */
  function only(from = 0): Recorded {
    const made = stub.requests.slice(from);
    expect(made).toHaveLength(1);
    return made[0] as Recorded;
  }

  it('creates a PaymentIntent with the order, forwarding the idempotency key', async () => {
    const payment = await automatic.createPayment({ ...order, idempotencyKey: 'order-1042-pay-1' });

    const request = only();
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/v1/payment_intents');
    expect(request.headers['idempotency-key']).toBe('order-1042-pay-1');
    expect(request.headers.authorization).toBe(`Bearer ${SECRET_KEY}`);
    expect(request.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(Object.fromEntries(request.params)).toEqual({
      amount: '4250',
      currency: 'eur',
      capture_method: 'automatic',
      'automatic_payment_methods[enabled]': 'true',
      receipt_email: 'ada@example.com',
      'metadata[orderId]': order.orderId,
      'metadata[orderNumber]': '1042',
    });

    const intent = stub.intents.get(payment.ref);
    expect(payment).toEqual({
      ref: intent?.id,
      clientSecret: intent?.client_secret,
      status: 'requires_payment',
      amount: 4250,
      currency: 'EUR',
      failure: null,
    });
    expect(automatic.name).toBe('stripe');
    expect(automatic.publishableKey).toBe(PUBLISHABLE_KEY);
  });

  it('asks for manual capture when configured so, and captures with the idempotency key', async () => {
    const payment = await manual.createPayment({ ...order, idempotencyKey: 'order-1043-pay-1' });
    expect(only().params.get('capture_method')).toBe('manual');

    // The payer's browser confirms the payment with Stripe; the money is then held.
    Object.assign(stub.intents.get(payment.ref) ?? {}, {
      status: 'requires_capture',
      amount_capturable: 4250,
      latest_charge: 'ch_3Held',
    });
    expect((await manual.retrievePayment(payment.ref)).status).toBe('requires_capture');

    const from = stub.requests.length;
    const captured = await manual.capturePayment(payment.ref, 'order-1043-capture');
    const request = only(from);
    expect(request.method).toBe('POST');
    expect(request.path).toBe(`/v1/payment_intents/${payment.ref}/capture`);
    expect(request.headers['idempotency-key']).toBe('order-1043-capture');
    expect(captured).toMatchObject({ ref: payment.ref, status: 'succeeded', amount: 4250 });

    // Captured already (another key): that is what was asked for.
    expect(await manual.capturePayment(payment.ref, 'order-1043-capture-again')).toMatchObject({
      status: 'succeeded',
    });
  });

  it('maps every PaymentIntent status, and a failed attempt to its failure', async () => {
    const payment = await automatic.createPayment({ ...order, idempotencyKey: 'order-1044-pay-1' });
    const intent = stub.intents.get(payment.ref) ?? {};
    const cases: [Record<string, unknown>, string][] = [
      [{ status: 'requires_payment_method' }, 'requires_payment'],
      [{ status: 'requires_confirmation' }, 'requires_payment'],
      [{ status: 'requires_action', next_action: { type: 'use_stripe_sdk' } }, 'requires_payment'],
      [{ status: 'processing' }, 'processing'],
      [{ status: 'requires_capture' }, 'requires_capture'],
      [{ status: 'succeeded', amount_received: 4250 }, 'succeeded'],
      [{ status: 'canceled', cancellation_reason: 'abandoned' }, 'canceled'],
    ];
    for (const [fields, status] of cases) {
      Object.assign(intent, { next_action: null }, fields);
      const read = await automatic.retrievePayment(payment.ref);
      expect(read.status, String(fields.status)).toBe(status);
      expect(read.failure).toBeNull();
    }
    const retrieve = stub.requests.at(-1);
    expect(retrieve?.method).toBe('GET');
    expect(retrieve?.path).toBe(`/v1/payment_intents/${payment.ref}`);

    Object.assign(intent, {
      status: 'requires_payment_method',
      last_payment_error: declined,
      latest_charge: 'ch_3Decline',
    });
    expect(await automatic.retrievePayment(payment.ref)).toMatchObject({
      status: 'failed',
      currency: 'EUR',
      failure: { code: 'insufficient_funds', message: 'Your card has insufficient funds.' },
    });

    // The payer tried another card, which asks for 3-D Secure: no longer failed.
    Object.assign(intent, { status: 'requires_action', next_action: { type: 'use_stripe_sdk' } });
    expect(await automatic.retrievePayment(payment.ref)).toMatchObject({
      status: 'requires_payment',
      failure: null,
    });
  });

  it('cancels with the idempotency key; cancelling a canceled payment is fine', async () => {
    const payment = await automatic.createPayment({ ...order, idempotencyKey: 'order-1045-pay-1' });

    const from = stub.requests.length;
    await automatic.cancelPayment(payment.ref, 'order-1045-cancel');
    const request = only(from);
    expect(request.method).toBe('POST');
    expect(request.path).toBe(`/v1/payment_intents/${payment.ref}/cancel`);
    expect(request.headers['idempotency-key']).toBe('order-1045-cancel');
    expect(stub.intents.get(payment.ref)?.status).toBe('canceled');

    await expect(
      automatic.cancelPayment(payment.ref, 'order-1045-cancel-2'),
    ).resolves.toBeUndefined();
  });

  it('does not pretend a succeeded payment was canceled, and passes on other errors', async () => {
    const payment = await automatic.createPayment({ ...order, idempotencyKey: 'order-1046-pay-1' });
    Object.assign(stub.intents.get(payment.ref) ?? {}, {
      status: 'succeeded',
      amount_received: 4250,
    });

    const cancel = automatic.cancelPayment(payment.ref, 'order-1046-cancel');
    await expect(cancel).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    await expect(cancel).rejects.toMatchObject({ code: 'payment_intent_unexpected_state' });
    await expect(automatic.capturePayment(payment.ref, 'k')).resolves.toMatchObject({
      status: 'succeeded',
    });

    await expect(automatic.retrievePayment('pi_3Missing')).rejects.toMatchObject({
      code: 'resource_missing',
      statusCode: 404,
    });
  });

  it('refunds with the PaymentIntent, the amount and the idempotency key', async () => {
    const payment = await automatic.createPayment({ ...order, idempotencyKey: 'order-1047-pay-1' });
    Object.assign(stub.intents.get(payment.ref) ?? {}, {
      status: 'succeeded',
      amount_received: 4250,
    });

    const from = stub.requests.length;
    const refund = await automatic.refund({
      paymentRef: payment.ref,
      amount: 1250,
      idempotencyKey: 'order-1047-refund-1',
    });
    const request = only(from);
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/v1/refunds');
    expect(request.headers['idempotency-key']).toBe('order-1047-refund-1');
    expect(Object.fromEntries(request.params)).toEqual({
      payment_intent: payment.ref,
      amount: '1250',
    });
    expect(refund).toEqual({ ref: expect.stringMatching(/^re_/), status: 'succeeded' });
  });
});

// --- Environment ----------------------------------------------------------------------------------

describe('payment settings', () => {
  const stripeEnv = {
    PAYMENT_PROVIDER: 'stripe',
    STRIPE_SECRET_KEY: SECRET_KEY,
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    STRIPE_PUBLISHABLE_KEY: PUBLISHABLE_KEY,
  };

  function invalid(source: Record<string, string>): string {
    try {
      loadEnv(source);
    } catch (error) {
      if (error instanceof EnvError) return error.message;
      throw error;
    }
    throw new Error('expected loadEnv to refuse');
  }

  it('defaults to the test provider and automatic capture', () => {
    const env = loadEnv({});
    expect(env.PAYMENT_PROVIDER).toBe('test');
    expect(env.STRIPE_CAPTURE).toBe('automatic');
    expect(loadEnv({ ...stripeEnv, STRIPE_CAPTURE: 'manual' }).STRIPE_CAPTURE).toBe('manual');
  });

  it('with PAYMENT_PROVIDER=stripe, requires each of the three keys by name', () => {
    const text = invalid({ PAYMENT_PROVIDER: 'stripe' });
    expect(text).toMatch(/^Invalid environment configuration:\n/);
    expect(text).toMatch(/STRIPE_SECRET_KEY: required with PAYMENT_PROVIDER=stripe/);
    expect(text).toMatch(/STRIPE_WEBHOOK_SECRET: required with PAYMENT_PROVIDER=stripe/);
    expect(text).toMatch(/STRIPE_PUBLISHABLE_KEY: required with PAYMENT_PROVIDER=stripe/);

    const one = invalid({ ...stripeEnv, STRIPE_WEBHOOK_SECRET: '' });
    expect(one).toMatch(/STRIPE_WEBHOOK_SECRET: required/);
    expect(one).not.toMatch(/STRIPE_SECRET_KEY|STRIPE_PUBLISHABLE_KEY/);

    // Named along with other problems, not after they are fixed.
    expect(invalid({ PAYMENT_PROVIDER: 'stripe', PORT: 'eighty' })).toMatch(
      /PORT: .*\n.*STRIPE_SECRET_KEY: required/s,
    );
  });

  it('refuses keys that are not what their names say, or from different modes', () => {
    expect(invalid({ ...stripeEnv, STRIPE_SECRET_KEY: PUBLISHABLE_KEY })).toMatch(
      /STRIPE_SECRET_KEY: must be a secret key/,
    );
    expect(invalid({ ...stripeEnv, STRIPE_WEBHOOK_SECRET: SECRET_KEY })).toMatch(
      /STRIPE_WEBHOOK_SECRET: must be the webhook endpoint's signing secret/,
    );
    expect(invalid({ ...stripeEnv, STRIPE_PUBLISHABLE_KEY: 'pk_live_abc' })).toMatch(
      /STRIPE_PUBLISHABLE_KEY: is a live key but STRIPE_SECRET_KEY is a test key/,
    );
    expect(invalid({ PAYMENT_PROVIDER: 'paypal' })).toMatch(/PAYMENT_PROVIDER/);
    expect(invalid({ STRIPE_CAPTURE: 'later' })).toMatch(/STRIPE_CAPTURE/);
  });

  it('paymentProviderFromEnv: Stripe with its keys, otherwise none (the built-in test provider)', () => {
    expect(paymentProviderFromEnv(loadEnv({}))).toBeUndefined();
    const stripe = paymentProviderFromEnv(loadEnv(stripeEnv));
    if (!stripe) throw new Error('no Stripe provider');
    expect(stripe.name).toBe('stripe');
    expect(stripe.publishableKey).toBe(PUBLISHABLE_KEY);

    // It reads webhooks with STRIPE_WEBHOOK_SECRET.
    const payload = JSON.stringify(
      event('payment_intent.succeeded', paymentIntent({ status: 'succeeded' })),
    );
    const { body, headers } = signed(payload);
    expect(stripe.verifyWebhook(body, headers)?.kind).toBe('payment.succeeded');
  });
});
