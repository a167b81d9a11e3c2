import { AppError, type OrderStatus } from '@bazaar/contracts/server';
import { orders } from '@bazaar/db/schema';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db.ts';

/**
 * The one order state machine. Every change of an order's status (checkout, payment webhooks,
 * the payer's return, reservation expiry, staff actions) asks `assertTransition` first, holding
 * the order's row lock (`lockOrder`), so two paths can never both move the same order.
 */
const allowed: Record<OrderStatus, readonly OrderStatus[]> = {
  pending_payment: ['paid', 'cancelled'],
  paid: ['fulfilled', 'cancelled', 'refunded', 'partially_refunded'],
  fulfilled: ['delivered', 'refunded', 'partially_refunded'],
  delivered: ['refunded', 'partially_refunded'],
  partially_refunded: ['refunded', 'partially_refunded'],
  // A payment that arrives after the order was cancelled is refunded automatically.
  cancelled: ['refunded'],
  refunded: [],
};

const words: Record<OrderStatus, string> = {
  pending_payment: 'awaiting payment',
  paid: 'paid',
  fulfilled: 'shipped',
  delivered: 'delivered',
  cancelled: 'cancelled',
  refunded: 'refunded',
  partially_refunded: 'partially refunded',
};

export const canTransition = (from: OrderStatus, to: OrderStatus) => allowed[from].includes(to);

/** CONFLICT naming the order's state and what was asked, e.g. "A shipped order cannot be cancelled". */
export function assertTransition(from: OrderStatus, to: OrderStatus, action: string): void {
  if (canTransition(from, to)) return;
  throw new AppError('CONFLICT', `An order that is ${words[from]} cannot be ${action}`, {
    appCode: 'ORDER_STATE_CONFLICT',
  });
}

export type LockedOrder = typeof orders.$inferSelect;

/** The order, row-locked until the transaction ends; NOT_FOUND when there is none. */
export async function lockOrder(tx: DbOrTx, orderId: string): Promise<LockedOrder> {
  const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for('update');
  if (!order) throw new AppError('NOT_FOUND', 'Order not found');
  return order;
}

/**
 * The status that decides fulfilment: a partially refunded order still ships, is delivered or is
 * cancelled as the paid, shipped or delivered order it otherwise is.
 */
export function fulfilmentStatus(order: LockedOrder): OrderStatus {
  if (order.status !== 'partially_refunded') return order.status;
  return order.deliveredAt ? 'delivered' : order.shippedAt ? 'fulfilled' : 'paid';
}

/** What an order's status is once `refundedTotal` of it has been refunded. */
export function statusAfterRefund(order: LockedOrder, refundedTotal: number): OrderStatus {
  // Never paid: a payment that came after the order was cancelled, refunded automatically.
  if (order.paidAt === null) return refundedTotal > 0 ? 'refunded' : 'cancelled';
  if (order.status === 'cancelled') return 'cancelled';
  if (refundedTotal >= order.total) return 'refunded';
  if (refundedTotal > 0) return 'partially_refunded';
  if (order.deliveredAt) return 'delivered';
  if (order.shippedAt) return 'fulfilled';
  return 'paid';
}
