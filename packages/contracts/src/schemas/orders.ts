import { z } from 'zod';
import { emailSchema } from './accounts.ts';
import { currencyCodeSchema, moneySchema } from './money.ts';
import { plainText } from './text.ts';
import { timestampSchema } from './time.ts';

export const orderStatusSchema = z.enum([
  'pending_payment',
  'paid',
  'fulfilled',
  'delivered',
  'cancelled',
  'refunded',
  'partially_refunded',
]);
export type OrderStatus = z.infer<typeof orderStatusSchema>;

export const paymentProviderSchema = z.enum(['test', 'stripe']);
export type PaymentProviderName = z.infer<typeof paymentProviderSchema>;

/**
 * What the browser needs to pay for a placed order with its provider: the payment's client
 * secret (Stripe's PaymentIntent `client_secret`; the test provider's own), which also lets the
 * payer read the order's payment result afterwards.
 */
export const paymentSessionSchema = z.object({
  provider: paymentProviderSchema,
  clientSecret: z.string(),
  /** Stripe's publishable key for Stripe.js; null for the test provider. */
  publishableKey: z.string().nullable(),
});
export type PaymentSession = z.infer<typeof paymentSessionSchema>;

/** How this shop takes payments: which form the checkout shows before placing the order. */
export const paymentOptionsSchema = z.object({
  provider: paymentProviderSchema,
  /** Stripe's publishable key for Stripe.js; null for the test provider. */
  publishableKey: z.string().nullable(),
});
export type PaymentOptions = z.infer<typeof paymentOptionsSchema>;

/** An order as placing it answers (and a replay of the same request answers again). */
export const placedOrderSchema = z.object({
  id: z.uuid(),
  /** Shown as "#1001". */
  number: z.int().positive(),
  status: orderStatusSchema,
  email: z.string(),
  total: moneySchema,
  /** Unpaid by then, the order is cancelled and its stock released. */
  reservedUntil: timestampSchema.nullable(),
  createdAt: timestampSchema,
  payment: paymentSessionSchema,
});
export type PlacedOrder = z.infer<typeof placedOrderSchema>;

const clientSecretSchema = z.string().regex(/^[\w-]{10,200}$/, 'Invalid payment reference');

/** The test provider's card form (offline stand-in for Stripe.js). */
export const confirmTestPaymentInputSchema = z.object({
  orderId: z.uuid(),
  clientSecret: clientSecretSchema,
  /** Digits; spaces are ignored. 4242 4242 4242 4242 succeeds, 4000 0000 0000 0002 is declined. */
  cardNumber: z
    .string()
    .transform((v) => v.replace(/[\s-]/g, ''))
    .pipe(z.string().regex(/^\d{12,19}$/, 'Enter the card number')),
});
export type ConfirmTestPaymentInput = z.input<typeof confirmTestPaymentInputSchema>;
export type ConfirmTestPaymentRequest = z.output<typeof confirmTestPaymentInputSchema>;

export const paymentAttemptSchema = z.object({
  /** `processing`: accepted, the provider will confirm (webhook); `failed`: see `message`. */
  status: z.enum(['processing', 'succeeded', 'failed']),
  message: z.string().nullable(),
});
export type PaymentAttempt = z.infer<typeof paymentAttemptSchema>;

export const paymentResultInputSchema = z.object({
  orderId: z.uuid(),
  clientSecret: clientSecretSchema,
});
export type PaymentResultInput = z.infer<typeof paymentResultInputSchema>;

/** How the order's payment stands, as the shopper sees it. */
export const paymentStatusSchema = z.enum([
  'awaiting_payment',
  'processing',
  'paid',
  'failed',
  'refunded',
  'partially_refunded',
  'cancelled',
]);
export type PaymentStatus = z.infer<typeof paymentStatusSchema>;

export const orderAddressSchema = z.object({
  fullName: z.string(),
  company: z.string(),
  line1: z.string(),
  line2: z.string(),
  city: z.string(),
  region: z.string(),
  postalCode: z.string(),
  country: z.string(),
  phone: z.string(),
});
export type OrderAddress = z.infer<typeof orderAddressSchema>;

export const orderLineSchema = z.object({
  id: z.uuid(),
  productTitle: z.string(),
  variantTitle: z.string(),
  sku: z.string(),
  options: z.array(z.object({ name: z.string(), value: z.string() })),
  quantity: z.int().positive(),
  unitPrice: moneySchema,
  discount: moneySchema,
  tax: moneySchema,
  total: moneySchema,
});
export type OrderLine = z.infer<typeof orderLineSchema>;

/** What the customer's timeline shows; staff also see `note` and `payment_failed` entries. */
export const orderEventTypeSchema = z.enum([
  'placed',
  'paid',
  'payment_failed',
  'shipped',
  'delivered',
  'cancelled',
  'refunded',
  'note',
]);
export type OrderEventType = z.infer<typeof orderEventTypeSchema>;

export const orderEventSchema = z.object({
  type: orderEventTypeSchema,
  at: timestampSchema,
  /** Words for the timeline: "Shipped with DHL", "Refunded €10.00", the note's text. */
  detail: z.string(),
});
export type OrderEvent = z.infer<typeof orderEventSchema>;

export const shipmentSchema = z.object({
  carrier: z.string(),
  trackingNumber: z.string(),
  shippedAt: timestampSchema,
});

/** An order as its customer sees it (account area, guest lookup, confirmation page). */
export const orderSchema = z.object({
  id: z.uuid(),
  number: z.int().positive(),
  status: orderStatusSchema,
  paymentStatus: paymentStatusSchema,
  /** Why the last payment attempt failed, in the provider's words ("Your card was declined."). */
  paymentMessage: z.string().nullable(),
  email: z.string(),
  currency: currencyCodeSchema,
  lines: z.array(orderLineSchema),
  subtotal: moneySchema,
  discount: z.object({ code: z.string(), amount: moneySchema }).nullable(),
  shipping: z.object({ method: z.string(), amount: moneySchema }),
  tax: z.object({
    name: z.string(),
    rateBps: z.int().min(0),
    included: z.boolean(),
    amount: moneySchema,
  }),
  total: moneySchema,
  refunded: moneySchema,
  shippingAddress: orderAddressSchema,
  shipment: shipmentSchema.nullable(),
  deliveredAt: timestampSchema.nullable(),
  reservedUntil: timestampSchema.nullable(),
  cancelReason: z.string().nullable(),
  createdAt: timestampSchema,
  timeline: z.array(orderEventSchema),
});
export type Order = z.infer<typeof orderSchema>;

export const orderSummarySchema = z.object({
  id: z.uuid(),
  number: z.int().positive(),
  status: orderStatusSchema,
  email: z.string(),
  total: moneySchema,
  itemCount: z.int().min(0),
  createdAt: timestampSchema,
});
export type OrderSummary = z.infer<typeof orderSummarySchema>;

const orderCursorSchema = z
  .string()
  .max(200)
  .regex(/^[\w-]+$/, 'Invalid cursor');

export const orderNumberSchema = z.coerce
  .number({ error: 'Enter the order number' })
  .int('Enter the order number')
  .positive('Enter the order number')
  .max(Number.MAX_SAFE_INTEGER, 'Enter the order number');

export const myOrdersInputSchema = z.object({
  cursor: orderCursorSchema.optional(),
  limit: z.int().min(1).max(50).default(20),
});
export type MyOrdersInput = z.input<typeof myOrdersInputSchema>;
export type MyOrdersRequest = z.output<typeof myOrdersInputSchema>;

export const orderPageSchema = z.object({
  items: z.array(orderSummarySchema),
  nextCursor: z.string().nullable(),
});
export type OrderPage = z.infer<typeof orderPageSchema>;

export const orderByNumberInputSchema = z.object({ number: orderNumberSchema });

/** A guest finds an order with both its number and the email it was placed with. */
export const orderLookupInputSchema = z.object({
  number: orderNumberSchema,
  email: emailSchema,
});
export type OrderLookupInput = z.infer<typeof orderLookupInputSchema>;

// ---- staff ----

export const adminOrderListInputSchema = z.object({
  status: orderStatusSchema.optional(),
  /** Placed on or after this day / before the end of this day (ISO dates, UTC). */
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  customerId: z.uuid().optional(),
  /** An order number ("1001" or "#1001") or part of an email address. */
  q: plainText(100).optional(),
  cursor: orderCursorSchema.optional(),
  limit: z.int().min(1).max(100).default(50),
});
export type AdminOrderListInput = z.input<typeof adminOrderListInputSchema>;
export type AdminOrderListRequest = z.output<typeof adminOrderListInputSchema>;

export const adminOrderSummarySchema = orderSummarySchema.extend({
  customerId: z.uuid().nullable(),
  customerName: z.string().nullable(),
  refunded: moneySchema,
});
export type AdminOrderSummary = z.infer<typeof adminOrderSummarySchema>;

export const adminOrderPageSchema = z.object({
  items: z.array(adminOrderSummarySchema),
  total: z.int().min(0),
  nextCursor: z.string().nullable(),
});
export type AdminOrderPage = z.infer<typeof adminOrderPageSchema>;

export const paymentRecordSchema = z.object({
  id: z.uuid(),
  provider: paymentProviderSchema,
  providerRef: z.string().nullable(),
  status: z.enum(['created', 'processing', 'succeeded', 'failed', 'canceled']),
  amount: moneySchema,
  refunded: moneySchema,
  failureMessage: z.string().nullable(),
  createdAt: timestampSchema,
});

export const refundRecordSchema = z.object({
  id: z.uuid(),
  amount: moneySchema,
  status: z.enum(['pending', 'succeeded', 'failed']),
  reason: z.string(),
  createdAt: timestampSchema,
});

export const adminOrderSchema = orderSchema.extend({
  customer: z.object({ id: z.uuid(), name: z.string(), email: z.string() }).nullable(),
  payments: z.array(paymentRecordSchema),
  refunds: z.array(refundRecordSchema),
  /** What can still be refunded. */
  refundable: moneySchema,
  /** Timeline with internal notes and who did what. */
  timeline: z.array(orderEventSchema.extend({ actor: z.string().nullable() })),
});
export type AdminOrder = z.infer<typeof adminOrderSchema>;

export const orderIdInputSchema = z.object({ id: z.uuid() });

export const shipOrderInputSchema = z.object({
  id: z.uuid(),
  carrier: plainText(60).min(1, 'Enter the carrier'),
  trackingNumber: plainText(100).min(1, 'Enter the tracking number'),
});
export type ShipOrderInput = z.infer<typeof shipOrderInputSchema>;

export const cancelOrderInputSchema = z.object({
  id: z.uuid(),
  reason: plainText(500).default(''),
});
export type CancelOrderInput = z.infer<typeof cancelOrderInputSchema>;

export const refundOrderInputSchema = z.object({
  id: z.uuid(),
  /** Minor units of the order's currency; at most what is still refundable. */
  amount: z.int().positive('Enter an amount above zero'),
  reason: plainText(500).default(''),
  /** Made once per refund form; a retried request refunds once. */
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{16,100}$/, 'Invalid idempotency key'),
});
export type RefundOrderInput = z.infer<typeof refundOrderInputSchema>;

export const orderNoteInputSchema = z.object({
  id: z.uuid(),
  text: plainText(2000, { multiline: true }).min(1, 'Write the note'),
});
export type OrderNoteInput = z.infer<typeof orderNoteInputSchema>;
