import type { AdminOrder, Money, OrderStatus } from '@bazaar/contracts';
import { formatMoney, parseMoneyInput } from '@/lib/money';

/** What staff can do to an order in its state (holding `orders:write` is checked elsewhere). */
export interface OrderActions {
  ship: boolean;
  deliver: boolean;
  cancel: boolean;
  refund: boolean;
}

const REFUNDABLE_STATUSES: readonly OrderStatus[] = [
  'paid',
  'fulfilled',
  'delivered',
  'partially_refunded',
];

/**
 * The transitions of the order state machine offered for `order`: ship a paid order, mark a
 * shipped one delivered, cancel one not yet shipped, refund what was paid and not yet refunded.
 * The API decides in the end (CONFLICT); this only keeps buttons that cannot work off the page.
 */
export function orderActions(order: Pick<AdminOrder, 'status' | 'refundable'>): OrderActions {
  return {
    ship: order.status === 'paid',
    deliver: order.status === 'fulfilled',
    cancel: order.status === 'pending_payment' || order.status === 'paid',
    refund: REFUNDABLE_STATUSES.includes(order.status) && order.refundable.amount > 0,
  };
}

export type RefundAmount = { ok: true; amount: number } | { ok: false; error: string };

/** The refund form's amount ("12.50" in the order's currency) checked against what is left. */
export function parseRefundAmount(text: string, refundable: Money): RefundAmount {
  const amount = parseMoneyInput(text, refundable.currency);
  if (amount === null) {
    return { ok: false, error: `Enter an amount in ${refundable.currency}, such as 12.50` };
  }
  if (amount <= 0) return { ok: false, error: 'Enter an amount above zero' };
  if (amount > refundable.amount) {
    return {
      ok: false,
      error: `At most ${formatMoney(refundable)} can still be refunded`,
    };
  }
  return { ok: true, amount };
}

/** 2100 → "21%", 725 → "7.25%". */
export function formatRateBps(rateBps: number): string {
  return `${(rateBps / 100).toLocaleString('en', { maximumFractionDigits: 2 })}%`;
}

/** "#1001". */
export const orderLabel = (order: { number: number }) => `#${order.number}`;

/** A key for one refund form: the API refunds once per key, however often a request is sent. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // Outside a secure context (plain http on a LAN address) randomUUID is missing.
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}
