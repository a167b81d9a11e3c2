import type { IncomingHttpHeaders } from 'node:http';
import type { PaymentProviderName } from '@bazaar/contracts/server';

/** A payment as its provider sees it. Currencies are upper-case ISO 4217 codes. */
export interface ProviderPayment {
  /** The provider's id (a Stripe PaymentIntent's `pi_…`). */
  ref: string;
  clientSecret: string;
  status:
    | 'requires_payment'
    | 'processing'
    | 'requires_capture'
    | 'succeeded'
    | 'failed'
    | 'canceled';
  amount: number;
  currency: string;
  failure: PaymentFailure | null;
}

export interface PaymentFailure {
  /** The provider's code, e.g. `card_declined`, `insufficient_funds`. */
  code: string;
  /** Words for the payer: "Your card was declined." */
  message: string;
}

/**
 * What a verified webhook tells us, in the provider-neutral words of the order state machine.
 * `authorized`: the money is held and waits for `capturePayment` (manual capture).
 */
export interface PaymentEvent {
  /** The provider's event id: events are applied once per id. */
  id: string;
  kind:
    | 'payment.succeeded'
    | 'payment.failed'
    | 'payment.canceled'
    | 'payment.authorized'
    | 'refund.succeeded'
    | 'refund.failed';
  /** The payment the event is about (for refunds too). */
  paymentRef: string;
  amount: number;
  currency: string;
  failure: PaymentFailure | null;
  /** The refund's id at the provider, for refund events. */
  refundRef: string | null;
}

export interface CreatePaymentInput {
  amount: number;
  currency: string;
  orderId: string;
  orderNumber: number;
  email: string;
  /** Forwarded to the provider, so a retried create makes no second payment. */
  idempotencyKey: string;
}

export interface ProviderRefund {
  ref: string;
  status: 'pending' | 'succeeded' | 'failed';
}

/** Thrown by `verifyWebhook` for a missing or forged signature or a stale timestamp. */
export class WebhookSignatureError extends Error {
  override name = 'WebhookSignatureError';
}

/**
 * A payment provider. Our servers never see card numbers (the payer's browser gives them to the
 * provider with the client secret); we create payments, ask how they stand, capture, refund, and
 * read the provider's signed webhooks.
 */
export interface PaymentProvider {
  readonly name: PaymentProviderName;
  /** What the browser needs besides the client secret (Stripe's publishable key). */
  readonly publishableKey: string | null;
  createPayment(input: CreatePaymentInput): Promise<ProviderPayment>;
  retrievePayment(ref: string): Promise<ProviderPayment>;
  /** Takes money held by an authorization (manual capture). */
  capturePayment(ref: string, idempotencyKey: string): Promise<ProviderPayment>;
  /** Voids a payment not taken yet. */
  cancelPayment(ref: string, idempotencyKey: string): Promise<void>;
  refund(input: {
    paymentRef: string;
    amount: number;
    idempotencyKey: string;
  }): Promise<ProviderRefund>;
  /**
   * Checks the signature and its timestamp against the raw body and reads the event; null for an
   * event type we do not act on. Throws `WebhookSignatureError` when the signature is wrong.
   */
  verifyWebhook(rawBody: Buffer, headers: IncomingHttpHeaders): PaymentEvent | null;
}
