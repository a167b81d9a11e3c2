import type { Database } from '@bazaar/db';
import { orderEvents, orderLines, orders } from '@bazaar/db/schema';
import { eq, sql } from 'drizzle-orm';
import { rowsOf } from '../../db.ts';
import { releaseDiscount } from '../discounts/discount-codes.ts';
import { changeStock } from '../inventory/stock.ts';

/**
 * Cancels one unpaid order whose reservation has run out: its stock and its discount use are
 * given back and the timeline says why, in one transaction. Orders are claimed with SKIP LOCKED,
 * so several workers (or instances) never release the same order twice. Returns the order's id,
 * or null when none is due.
 */
async function expireOne(db: Database): Promise<string | null> {
  return db.transaction(async (tx) => {
    const [due] = rowsOf<{ id: string; customer_key: string; discount_code_id: string | null }>(
      await tx.execute(sql`
        select id, customer_key, discount_code_id from orders
        where status = 'pending_payment' and reserved_until <= now()
        order by reserved_until limit 1
        for update skip locked`),
    );
    if (!due) return null;
    const lines = await tx
      .select({ variantId: orderLines.variantId, quantity: orderLines.quantity })
      .from(orderLines)
      .where(eq(orderLines.orderId, due.id))
      .orderBy(orderLines.variantId);
    for (const line of lines) {
      await changeStock(tx as unknown as Database, {
        variantId: line.variantId,
        change: { kind: 'release', quantity: line.quantity },
        reference: due.id,
        note: 'Reservation expired',
      });
    }
    if (due.discount_code_id) await releaseDiscount(tx, due.discount_code_id, due.customer_key);
    await tx
      .update(orders)
      .set({
        status: 'cancelled',
        cancelReason: 'expired',
        reservedUntil: null,
        updatedAt: sql`now()`,
      })
      .where(eq(orders.id, due.id));
    await tx
      .insert(orderEvents)
      .values({ orderId: due.id, type: 'cancelled', data: { reason: 'expired' } });
    return due.id;
  });
}

/** Cancels every unpaid order whose reservation ran out (at most `limit` per call). */
export async function expireReservations(db: Database, limit = 500): Promise<string[]> {
  const expired: string[] = [];
  while (expired.length < limit) {
    const id = await expireOne(db);
    if (!id) break;
    expired.push(id);
  }
  return expired;
}
