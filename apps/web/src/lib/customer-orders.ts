import type { OrderEventType, OrderStatus, PaymentStatus } from '@bazaar/contracts';
import type { BadgeTone } from '@/components/ui/badge';

/** How an order's status reads to its customer, and the badge's colour. */
export const ORDER_STATUS: Record<OrderStatus, { label: string; tone: BadgeTone }> = {
  pending_payment: { label: 'Awaiting payment', tone: 'warning' },
  paid: { label: 'Paid', tone: 'brand' },
  fulfilled: { label: 'Shipped', tone: 'brand' },
  delivered: { label: 'Delivered', tone: 'success' },
  cancelled: { label: 'Cancelled', tone: 'muted' },
  refunded: { label: 'Refunded', tone: 'muted' },
  partially_refunded: { label: 'Partly refunded', tone: 'warning' },
};

export const PAYMENT_STATUS: Record<PaymentStatus, string> = {
  awaiting_payment: 'Awaiting payment',
  processing: 'Payment processing',
  paid: 'Payment received',
  failed: 'Payment failed',
  refunded: 'Payment refunded',
  partially_refunded: 'Payment partly refunded',
  cancelled: 'Payment cancelled',
};

/** The timeline's headings; `detail` from the API says the rest. */
export const ORDER_EVENT: Record<OrderEventType, string> = {
  placed: 'Order placed',
  paid: 'Payment received',
  payment_failed: 'Payment failed',
  shipped: 'Shipped',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
  refunded: 'Refunded',
  note: 'Note',
};

/**
 * A timeline entry as a heading and an optional line under it: the API's own words ("Shipped
 * with DHL") when they say more than the heading, and only once when they start with it.
 */
export function timelineText(
  type: OrderEventType,
  detail: string,
): { title: string; detail: string | null } {
  const label = ORDER_EVENT[type];
  if (!detail || detail === label) return { title: label, detail: null };
  if (detail.startsWith(label)) return { title: detail, detail: null };
  return { title: label, detail };
}

/** "#1001". */
export const orderNumberLabel = (number: number) => `#${number}`;

/** While the provider has not settled the payment, the confirmation page keeps asking. */
export const paymentPending = (status: PaymentStatus) =>
  status === 'awaiting_payment' || status === 'processing';

/** How often and how long the confirmation page asks how the payment stands. */
export const PAYMENT_POLL_MS = 1000;
export const PAYMENT_POLL_LIMIT = 30;

/** Whether the shopper should be told the payment did not go through. */
export const paymentFailed = (status: PaymentStatus) =>
  status === 'failed' || status === 'cancelled';

/** "1 item", "3 items". */
export const itemCountLabel = (count: number) => `${count} ${count === 1 ? 'item' : 'items'}`;

/** The path segment of `/account/orders/<number>`, when it is an order number at all. */
export function parseOrderNumber(raw: string): number | null {
  if (!/^\d{1,15}$/.test(raw)) return null;
  const n = Number(raw);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/** What the shopper types as an order number: "1001", "#1001", " # 1001 ". */
export function normaliseOrderNumberInput(raw: string): string {
  return raw.trim().replace(/^#\s*/, '');
}
