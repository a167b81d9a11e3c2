import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import Stripe from 'stripe';

/**
 * A stand-in for the few endpoints of Stripe's HTTP API that Bazaar uses (Stripe is not reachable
 * from here): the provider's tests point the SDK at it, and the storefront's Stripe checkout test
 * runs the API against it (`STRIPE_API_URL`, see `stripe-stub-server.ts`).
 */

export const now = () => Math.floor(Date.now() / 1000);

/** A PaymentIntent as Stripe renders it (the fields that matter, and a few that do not). */
export function paymentIntent(fields: Record<string, unknown> = {}): Record<string, unknown> {
  const id = (fields.id as string | undefined) ?? `pi_3${randomBytes(12).toString('hex')}`;
  return {
    id,
    object: 'payment_intent',
    amount: 4250,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: { allow_redirects: 'always', enabled: true },
    canceled_at: null,
    cancellation_reason: null,
    capture_method: 'automatic',
    client_secret: `${id}_secret_${randomBytes(12).toString('hex')}`,
    confirmation_method: 'automatic',
    created: now(),
    currency: 'eur',
    customer: null,
    description: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    metadata: { orderId: '0190f3a4-5b6c-7d8e-9f00-112233445566', orderNumber: '1042' },
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_options: { card: { request_three_d_secure: 'automatic' } },
    payment_method_types: ['card', 'link'],
    processing: null,
    receipt_email: 'ada@example.com',
    review: null,
    setup_future_usage: null,
    shipping: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: 'requires_payment_method',
    transfer_data: null,
    transfer_group: null,
    ...fields,
  };
}

/** Stripe's `last_payment_error` for a card without the funds. */
export const declined = {
  charge: 'ch_3Decline',
  code: 'card_declined',
  decline_code: 'insufficient_funds',
  doc_url: 'https://stripe.com/docs/error-codes/card-declined',
  message: 'Your card has insufficient funds.',
  payment_method: { id: 'pm_1Decline', object: 'payment_method', type: 'card' },
  type: 'card_error',
};

export function refundObject(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: `re_3${randomBytes(12).toString('hex')}`,
    object: 'refund',
    amount: 1000,
    balance_transaction: 'txn_3Refund',
    charge: 'ch_3Charge',
    created: now(),
    currency: 'eur',
    destination_details: { card: { reference_status: 'pending', type: 'refund' }, type: 'card' },
    metadata: {},
    payment_intent: 'pi_3Paid',
    reason: null,
    receipt_number: null,
    source_transfer_reversal: null,
    status: 'succeeded',
    transfer_reversal: null,
    ...fields,
  };
}

export interface Recorded {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  params: URLSearchParams;
}

/** The endpoints the provider calls, answering as Stripe does, and a record of each request. */
/** Stripe's test cards that are declined (insufficient funds, generic decline). */
const DECLINED_CARDS = new Set(['4000000000009995', '4000000000000002']);

export function stripeStub() {
  const intents = new Map<string, Record<string, unknown>>();
  const requests: Recorded[] = [];

  function stripeError(status: number, error: Record<string, unknown>) {
    return {
      status,
      body: { error: { request_log_url: 'https://dashboard.stripe.com/logs', ...error } },
    };
  }

  function unexpectedState(action: string, intent: Record<string, unknown>) {
    return stripeError(400, {
      code: 'payment_intent_unexpected_state',
      doc_url: 'https://stripe.com/docs/error-codes/payment-intent-unexpected-state',
      message: `This PaymentIntent could not be ${action} because it has a status of ${intent.status}.`,
      payment_intent: intent,
      type: 'invalid_request_error',
    });
  }

  function answer(method: string, path: string, params: URLSearchParams) {
    if (method === 'POST' && path === '/v1/payment_intents') {
      const manual = params.get('capture_method') === 'manual';
      const intent = paymentIntent({
        amount: Number(params.get('amount')),
        currency: params.get('currency'),
        capture_method: manual ? 'manual' : 'automatic_async',
        receipt_email: params.get('receipt_email'),
        metadata: {
          orderId: params.get('metadata[orderId]'),
          orderNumber: params.get('metadata[orderNumber]'),
        },
      });
      intents.set(intent.id as string, intent);
      return { status: 200, body: intent };
    }
    if (method === 'POST' && path === '/v1/refunds') {
      const intent = intents.get(params.get('payment_intent') ?? '');
      if (!intent)
        return stripeError(404, {
          code: 'resource_missing',
          message: `No such payment_intent: '${params.get('payment_intent')}'`,
          param: 'payment_intent',
          type: 'invalid_request_error',
        });
      return {
        status: 200,
        body: refundObject({
          amount: Number(params.get('amount')),
          currency: intent.currency,
          payment_intent: intent.id,
        }),
      };
    }
    const match = /^\/v1\/payment_intents\/([^/]+)(?:\/(capture|cancel|confirm))?$/.exec(path);
    const intent = match?.[1] ? intents.get(match[1]) : undefined;
    if (!match || !intent)
      return stripeError(404, {
        code: 'resource_missing',
        message: `No such payment_intent: '${match?.[1]}'`,
        param: 'intent',
        type: 'invalid_request_error',
      });
    if (method === 'GET' && !match[2]) return { status: 200, body: intent };
    if (method === 'POST' && match[2] === 'capture') {
      if (intent.status !== 'requires_capture') return unexpectedState('captured', intent);
      Object.assign(intent, {
        status: 'succeeded',
        amount_capturable: 0,
        amount_received: intent.amount,
      });
      return { status: 200, body: intent };
    }
    if (method === 'POST' && match[2] === 'confirm') {
      // What Stripe.js sends from the payer's browser: the client secret and the card.
      if (params.get('client_secret') !== intent.client_secret)
        return stripeError(400, {
          code: 'payment_intent_invalid_parameter',
          message: 'The client_secret provided does not match this PaymentIntent.',
          type: 'invalid_request_error',
        });
      if (intent.status !== 'requires_payment_method') return unexpectedState('confirmed', intent);
      const card = params.get('payment_method_data[card][number]') ?? '';
      if (DECLINED_CARDS.has(card)) {
        Object.assign(intent, { last_payment_error: declined });
        return stripeError(402, { ...declined, payment_intent: intent });
      }
      const held = intent.capture_method === 'manual';
      Object.assign(intent, {
        status: held ? 'requires_capture' : 'succeeded',
        amount_capturable: held ? intent.amount : 0,
        amount_received: held ? 0 : intent.amount,
        last_payment_error: null,
        payment_method: `pm_${randomBytes(8).toString('hex')}`,
      });
      return { status: 200, body: intent };
    }
    if (method === 'POST' && match[2] === 'cancel') {
      if (intent.status === 'canceled' || intent.status === 'succeeded')
        return unexpectedState('canceled', intent);
      Object.assign(intent, {
        status: 'canceled',
        canceled_at: now(),
        cancellation_reason: params.get('cancellation_reason'),
      });
      return { status: 200, body: intent };
    }
    return stripeError(404, {
      message: `Unrecognized request URL (${method}: ${path})`,
      type: 'invalid_request_error',
    });
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://stub');
      const params = new URLSearchParams(
        req.method === 'GET' ? url.search : Buffer.concat(chunks).toString('utf8'),
      );
      requests.push({ method: req.method ?? '', path: url.pathname, headers: req.headers, params });
      const { status, body } = answer(req.method ?? '', url.pathname, params);
      res.writeHead(status, {
        'content-type': 'application/json',
        'request-id': `req_${randomBytes(7).toString('hex')}`,
        'stripe-version': Stripe.API_VERSION,
      });
      res.end(JSON.stringify(body));
    });
  });

  return { server, intents, requests };
}
