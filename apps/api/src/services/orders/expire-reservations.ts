import type { Database } from '@bazaar/db';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../db.ts';
import { lockOrder } from './order-states.ts';
import { cancelUnpaid } from './order-transitions.ts';

/**
 * Cancels one unpaid order whose reservation has run out: its stock and its discount use are
 * given back and the timeline says why, in one transaction. Orders are claimed with SKIP LOCKED,
 * so several workers (or instances) never release the same order twice. A payment that still
 * succeeds afterwards is refunded automatically (see payments.ts). Returns the order's id, or
 * null when none is due.
 */
async function expireOne(db: Database): Promise<string | null> {
  return db.transaction(async (tx) => {
    const [due] = rowsOf<{ id: string }>(
      await tx.execute(sql`
        select id from orders
        where status = 'pending_payment' and reserved_until <= now()
        order by reserved_until limit 1
        for update skip locked`),
    );
    if (!due) return null;
    await cancelUnpaid(tx, await lockOrder(tx, due.id), 'expired', {});
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
