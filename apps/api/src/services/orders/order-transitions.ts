import { AppError } from '@bazaar/contracts/server';
import { carts, orderEvents, orders, payments, refunds } from '@bazaar/db/schema';
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db.ts';
import { releaseDiscount } from '../discounts/discount-codes.ts';
import { enqueueOrderMail } from './order-mails.ts';
import {
  assertTransition,
  fulfilmentStatus,
  type LockedOrder,
  statusAfterRefund,
} from './order-states.ts';
import { moveOrderStock } from './order-stock.ts';

/**
 * The order's transitions, each run inside the caller's transaction on an order it locked
 * (`lockOrder`). They check the state machine, move stock, write the timeline and queue mail.
 */

export interface TransitionContext {
  publicUrl: string;
  actorId?: string | null;
}

async function logEvent(
  tx: Tx,
  orderId: string,
  type: string,
  data: Record<string, unknown>,
  actorId?: string | null,
) {
  await tx.insert(orderEvents).values({ orderId, type, data, actorId: actorId ?? null });
}

/** pending payment → paid: the reserved stock is sold and the confirmation is mailed. */
export async function markPaid(tx: Tx, order: LockedOrder, ctx: TransitionContext) {
  assertTransition(order.status, 'paid', 'paid');
  await moveOrderStock(tx, order.id, 'sell', { note: 'Order paid' });
  const [paid] = await tx
    .update(orders)
    .set({ status: 'paid', paidAt: sql`now()`, reservedUntil: null, updatedAt: sql`now()` })
    .where(eq(orders.id, order.id))
    .returning();
  await logEvent(tx, order.id, 'paid', { amount: order.total, currency: order.currency });
  await enqueueOrderMail(tx, ctx.publicUrl, paid ?? order, { kind: 'confirmation' });
}

/**
 * An unpaid order is cancelled: its reservation and discount use are given back. After a failed
 * payment the cart it came from is opened again (unless the shopper started another), so they
 * can try another card.
 */
export async function cancelUnpaid(
  tx: Tx,
  order: LockedOrder,
  reason: 'expired' | 'payment_failed' | 'staff',
  ctx: { actorId?: string | null; note?: string },
) {
  assertTransition(order.status, 'cancelled', 'cancelled');
  const note =
    reason === 'expired'
      ? 'Reservation expired'
      : reason === 'payment_failed'
        ? 'Payment failed'
        : 'Cancelled by staff';
  await moveOrderStock(tx, order.id, 'release', { actorId: ctx.actorId, note });
  if (order.discountCodeId) await releaseDiscount(tx, order.discountCodeId, order.customerKey);
  await tx
    .update(orders)
    .set({
      status: 'cancelled',
      cancelReason: ctx.note || reason,
      cancelledAt: sql`now()`,
      reservedUntil: null,
      updatedAt: sql`now()`,
    })
    .where(eq(orders.id, order.id));
  await logEvent(
    tx,
    order.id,
    'cancelled',
    ctx.note ? { reason, note: ctx.note } : { reason },
    ctx.actorId,
  );
  if (reason === 'payment_failed' && order.cartId) await reopenCart(tx, order.cartId);
}

async function reopenCart(tx: Tx, cartId: string) {
  await tx.execute(sql`
    update ${carts} set status = 'active', updated_at = now()
    where id = ${cartId} and status = 'ordered'
      and (user_id is null or not exists (
        select 1 from ${carts} other where other.user_id = ${carts.userId} and other.status = 'active'))`);
}

/**
 * Takes a refund: the row is written `pending` and the order's refunded total raised in this
 * transaction, refused when it would pass what was paid; the provider is called after commit
 * (`processRefund`). Returns the refund's id, or null when the key was already used.
 */
export async function takeRefund(
  tx: Tx,
  order: LockedOrder,
  input: {
    amount: number;
    reason: string;
    idempotencyKey: string;
    automatic?: boolean;
  },
  ctx: TransitionContext,
): Promise<string | null> {
  const [earlier] = await tx
    .select({ id: refunds.id })
    .from(refunds)
    .where(and(eq(refunds.orderId, order.id), eq(refunds.idempotencyKey, input.idempotencyKey)));
  if (earlier) return null;
  const [payment] = await tx
    .select()
    .from(payments)
    .where(and(eq(payments.orderId, order.id), eq(payments.status, 'succeeded')));
  if (!payment)
    throw new AppError('CONFLICT', 'This order has no payment to refund', {
      appCode: 'ORDER_STATE_CONFLICT',
    });
  const refundable = payment.amount - order.refundedTotal;
  if (input.amount > refundable) {
    const message =
      refundable > 0
        ? `At most ${refundable} (minor units) can still be refunded`
        : 'Everything paid has already been refunded';
    throw new AppError('BAD_REQUEST', message, { fieldErrors: { amount: [message] } });
  }
  const refundedTotal = order.refundedTotal + input.amount;
  const status = statusAfterRefund(order, refundedTotal);
  if (status !== order.status) assertTransition(order.status, status, 'refunded');
  const [refund] = await tx
    .insert(refunds)
    .values({
      orderId: order.id,
      paymentId: payment.id,
      amount: input.amount,
      reason: input.reason,
      automatic: input.automatic ?? false,
      idempotencyKey: input.idempotencyKey,
      actorId: ctx.actorId ?? null,
    })
    .returning({ id: refunds.id });
  const [updated] = await tx
    .update(orders)
    .set({ refundedTotal, status, updatedAt: sql`now()` })
    .where(eq(orders.id, order.id))
    .returning();
  await logEvent(
    tx,
    order.id,
    'refunded',
    {
      amount: input.amount,
      currency: order.currency,
      reason: input.reason,
      automatic: input.automatic ?? false,
    },
    ctx.actorId,
  );
  await enqueueOrderMail(tx, ctx.publicUrl, updated ?? order, {
    kind: 'refund',
    amount: input.amount,
  });
  return refund?.id ?? null;
}

/**
 * A refund the provider refused: the amount is given back to the order's refundable total and
 * its status follows.
 */
export async function failRefund(tx: Tx, order: LockedOrder, refundId: string, error: string) {
  const [failed] = await tx
    .update(refunds)
    .set({ status: 'failed', lastError: error, updatedAt: sql`now()` })
    .where(and(eq(refunds.id, refundId), eq(refunds.status, 'pending')))
    .returning({ amount: refunds.amount });
  if (!failed) return;
  const refundedTotal = order.refundedTotal - failed.amount;
  await tx
    .update(orders)
    .set({
      refundedTotal,
      status: statusAfterRefund(order, refundedTotal),
      updatedAt: sql`now()`,
    })
    .where(eq(orders.id, order.id));
  await logEvent(tx, order.id, 'refund_failed', {
    amount: failed.amount,
    currency: order.currency,
    error,
  });
}

/** paid → fulfilled, with the carrier and tracking number; the customer is told. */
export async function markShipped(
  tx: Tx,
  order: LockedOrder,
  shipment: { carrier: string; trackingNumber: string },
  ctx: TransitionContext,
) {
  assertTransition(fulfilmentStatus(order), 'fulfilled', 'shipped');
  await tx
    .update(orders)
    .set({
      status: order.status === 'partially_refunded' ? order.status : 'fulfilled',
      ...shipment,
      shippedAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(eq(orders.id, order.id));
  await logEvent(tx, order.id, 'shipped', shipment, ctx.actorId);
  await enqueueOrderMail(tx, ctx.publicUrl, order, { kind: 'shipped', ...shipment });
}

/** fulfilled → delivered. */
export async function markDelivered(tx: Tx, order: LockedOrder, ctx: TransitionContext) {
  assertTransition(fulfilmentStatus(order), 'delivered', 'marked delivered');
  await tx
    .update(orders)
    .set({
      status: order.status === 'partially_refunded' ? order.status : 'delivered',
      deliveredAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(eq(orders.id, order.id));
  await logEvent(tx, order.id, 'delivered', {}, ctx.actorId);
}

export async function addOrderNote(tx: Tx, orderId: string, text: string, actorId: string) {
  await logEvent(tx, orderId, 'note', { text }, actorId);
}

/**
 * A paid order that has not shipped is cancelled: its stock goes back on the shelf and what was
 * paid (less earlier refunds) is refunded. Returns the refund to process, if any.
 */
export async function cancelPaid(
  tx: Tx,
  order: LockedOrder,
  input: { reason: string; idempotencyKey: string },
  ctx: TransitionContext,
): Promise<string | null> {
  assertTransition(fulfilmentStatus(order), 'cancelled', 'cancelled');
  await moveOrderStock(tx, order.id, 'restock', {
    actorId: ctx.actorId,
    note: 'Order cancelled',
  });
  const remaining = order.total - order.refundedTotal;
  const refundId =
    remaining > 0
      ? await takeRefund(
          tx,
          order,
          {
            amount: remaining,
            reason: input.reason || 'Order cancelled',
            idempotencyKey: input.idempotencyKey,
          },
          ctx,
        )
      : null;
  await tx
    .update(orders)
    .set({
      status: 'cancelled',
      cancelReason: input.reason || 'staff',
      cancelledAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(eq(orders.id, order.id));
  await logEvent(tx, order.id, 'cancelled', { reason: 'staff', note: input.reason }, ctx.actorId);
  return refundId;
}
