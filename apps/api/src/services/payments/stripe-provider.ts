import type { IncomingHttpHeaders } from 'node:http';
import Stripe from 'stripe';
import {
  type PaymentEvent,
  type PaymentFailure,
  type PaymentProvider,
  type ProviderPayment,
  type ProviderRefund,
  WebhookSignatureError,
} from './provider.ts';

export interface StripeProviderOptions {
  /** `sk_live_…`/`sk_test_…` (or a restricted `rk_…` key allowed PaymentIntents and Refunds). */
  secretKey: string;
  /** The webhook endpoint's signing secret, `whsec_…`. */
  webhookSecret: string;
  /** `pk_…`, handed to the browser for Stripe.js. */
  publishableKey: string;
  /** `manual`: payments wait in `requires_capture` until `capturePayment`. */
  captureMethod: 'automatic' | 'manual';
  /** Where the API is (tests point these at a local stub); Stripe's by default. */
  host?: string;
  port?: number;
  protocol?: 'http' | 'https';
}

/**
 * Payments with Stripe PaymentIntents, through the official SDK. Every request that changes
 * something forwards our idempotency key, so a retried call makes no second payment, capture or
 * refund. Webhooks are read only after the SDK has checked their signature and timestamp.
 */
export function createStripeProvider(options: StripeProviderOptions): PaymentProvider {
  const stripe = new Stripe(options.secretKey, {
    appInfo: { name: 'Bazaar' },
    ...(options.host === undefined ? {} : { host: options.host }),
    ...(options.port === undefined ? {} : { port: options.port }),
    ...(options.protocol === undefined ? {} : { protocol: options.protocol }),
  });

  /**
   * Runs `step`; when Stripe refuses it because the payment has moved on, and the payment stands
   * where `step` would have left it (captured, canceled) by another request, that is a success.
   */
  async function unlessAlready<T>(
    ref: string,
    step: () => Promise<T>,
    reached: Stripe.PaymentIntent.Status,
    result: (intent: Stripe.PaymentIntent) => T,
  ): Promise<T> {
    try {
      return await step();
    } catch (error) {
      if (!(error instanceof Stripe.errors.StripeError)) throw error;
      if (error.code !== 'payment_intent_unexpected_state') throw error;
      const intent = error.payment_intent ?? (await stripe.paymentIntents.retrieve(ref));
      if (intent.status !== reached) throw error;
      return result(intent);
    }
  }

  return {
    name: 'stripe',
    publishableKey: options.publishableKey,

    async createPayment(input) {
      const intent = await stripe.paymentIntents.create(
        {
          amount: input.amount,
          currency: input.currency.toLowerCase(),
          capture_method: options.captureMethod,
          automatic_payment_methods: { enabled: true },
          receipt_email: input.email,
          metadata: { orderId: input.orderId, orderNumber: String(input.orderNumber) },
        },
        { idempotencyKey: input.idempotencyKey },
      );
      return toPayment(intent);
    },

    async retrievePayment(ref) {
      return toPayment(await stripe.paymentIntents.retrieve(ref));
    },

    async capturePayment(ref, idempotencyKey) {
      return unlessAlready(
        ref,
        async () => toPayment(await stripe.paymentIntents.capture(ref, {}, { idempotencyKey })),
        'succeeded',
        toPayment,
      );
    },

    async cancelPayment(ref, idempotencyKey) {
      await unlessAlready(
        ref,
        () => stripe.paymentIntents.cancel(ref, {}, { idempotencyKey }),
        'canceled',
        (intent) => intent,
      );
    },

    async refund(input) {
      const refund = await stripe.refunds.create(
        { payment_intent: input.paymentRef, amount: input.amount },
        { idempotencyKey: input.idempotencyKey },
      );
      return { ref: refund.id, status: refundStatus(refund.status) };
    },

    verifyWebhook(rawBody, headers) {
      return toPaymentEvent(readEvent(stripe, rawBody, headers, options.webhookSecret));
    },
  };
}

function readEvent(
  stripe: Stripe,
  rawBody: Buffer,
  headers: IncomingHttpHeaders,
  secret: string,
): Stripe.Event {
  const signature = headers['stripe-signature'];
  if (typeof signature !== 'string' || signature === '')
    throw new WebhookSignatureError(
      Array.isArray(signature)
        ? 'more than one Stripe-Signature header'
        : 'no Stripe-Signature header',
    );
  try {
    // Checks the HMAC with the secret, and that the timestamp is at most 300 s old.
    return stripe.webhooks.constructEvent(rawBody, signature, secret);
  } catch (error) {
    if (error instanceof Stripe.errors.StripeSignatureVerificationError)
      // The SDK's reason ("No signatures found matching…", "Timestamp outside the tolerance
      // zone"), without the paragraph of advice that follows it.
      throw new WebhookSignatureError(error.message.split('\n')[0]?.trim() || 'bad signature', {
        cause: error,
      });
    throw error;
  }
}

/** Exported for tests. */
export function toPayment(intent: Stripe.PaymentIntent): ProviderPayment {
  const failure = paymentFailure(intent);
  return {
    ref: intent.id,
    clientSecret: intent.client_secret ?? '',
    status: paymentStatus(intent, failure),
    amount: intent.amount,
    currency: intent.currency.toUpperCase(),
    failure,
  };
}

function paymentStatus(
  intent: Stripe.PaymentIntent,
  failure: PaymentFailure | null,
): ProviderPayment['status'] {
  switch (intent.status) {
    case 'requires_payment_method':
      // Back here after an attempt: the attempt failed (the payer may still try another card).
      return failure ? 'failed' : 'requires_payment';
    case 'requires_confirmation':
    case 'requires_action':
      return 'requires_payment';
    case 'processing':
      return 'processing';
    case 'requires_capture':
      return 'requires_capture';
    case 'succeeded':
      return 'succeeded';
    case 'canceled':
      return 'canceled';
    default:
      // A status newer than this code: not settled either way.
      return 'processing';
  }
}

/** The last attempt's failure, while the payment waits for another payment method. */
function paymentFailure(intent: Stripe.PaymentIntent): PaymentFailure | null {
  const error = intent.last_payment_error;
  if (!error || intent.status !== 'requires_payment_method') return null;
  return lastPaymentFailure(error);
}

function lastPaymentFailure(error: Stripe.PaymentIntent.LastPaymentError): PaymentFailure {
  return {
    code: error.decline_code ?? error.code ?? error.type ?? 'payment_failed',
    message: error.message ?? 'The payment failed.',
  };
}

function refundStatus(status: string | null): ProviderRefund['status'] {
  if (status === 'succeeded') return 'succeeded';
  // A canceled refund (Stripe cancels ones that wait for the customer's action) gives no money back.
  if (status === 'failed' || status === 'canceled') return 'failed';
  return 'pending';
}

/** The event in our words; null for the types the order state machine does not act on. */
export function toPaymentEvent(event: Stripe.Event): PaymentEvent | null {
  switch (event.type) {
    case 'payment_intent.succeeded': {
      const intent = event.data.object;
      // What was taken (less than `amount` only after a partial capture, which we never ask for).
      return paymentEvent(event.id, 'payment.succeeded', intent, intent.amount_received, null);
    }
    case 'payment_intent.amount_capturable_updated': {
      const intent = event.data.object;
      if (intent.status !== 'requires_capture') return null;
      return paymentEvent(event.id, 'payment.authorized', intent, intent.amount_capturable, null);
    }
    case 'payment_intent.payment_failed': {
      const intent = event.data.object;
      const failure = intent.last_payment_error
        ? lastPaymentFailure(intent.last_payment_error)
        : { code: 'payment_failed', message: 'The payment failed.' };
      return paymentEvent(event.id, 'payment.failed', intent, intent.amount, failure);
    }
    case 'payment_intent.canceled': {
      const intent = event.data.object;
      return paymentEvent(event.id, 'payment.canceled', intent, intent.amount, null);
    }
    // `charge.refunded` carries the charge, whose refunds list Stripe no longer includes: the
    // refund events carry the refund itself, with its id and its PaymentIntent.
    case 'refund.created':
    case 'refund.updated':
    case 'refund.failed':
    case 'charge.refund.updated': {
      const refund = event.data.object;
      const paymentRef =
        typeof refund.payment_intent === 'string'
          ? refund.payment_intent
          : (refund.payment_intent?.id ?? null);
      if (paymentRef === null) return null; // A charge made without a PaymentIntent: not ours.
      const status = refundStatus(refund.status);
      if (status === 'pending') return null;
      return {
        id: event.id,
        kind: status === 'succeeded' ? 'refund.succeeded' : 'refund.failed',
        paymentRef,
        amount: refund.amount,
        currency: refund.currency.toUpperCase(),
        failure:
          status === 'failed'
            ? {
                code: refund.failure_reason ?? refund.status ?? 'refund_failed',
                message: 'The refund failed.',
              }
            : null,
        refundRef: refund.id,
      };
    }
    default:
      return null;
  }
}

function paymentEvent(
  id: string,
  kind: PaymentEvent['kind'],
  intent: Stripe.PaymentIntent,
  amount: number,
  failure: PaymentFailure | null,
): PaymentEvent {
  return {
    id,
    kind,
    paymentRef: intent.id,
    amount,
    currency: intent.currency.toUpperCase(),
    failure,
    refundRef: null,
  };
}
