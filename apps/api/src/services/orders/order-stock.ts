import { orderLines } from '@bazaar/db/schema';
import { eq } from 'drizzle-orm';
import type { Tx } from '../../db.ts';
import { changeStockIn } from '../inventory/stock.ts';

/**
 * Moves the stock of every line of an order, in variant order (as placing reserves it, so two
 * orders never deadlock): `release` an unpaid reservation, `sell` what was paid for, or `restock`
 * what a cancelled paid order gives back.
 */
export async function moveOrderStock(
  tx: Tx,
  orderId: string,
  kind: 'release' | 'sell' | 'restock',
  who: { actorId?: string | null; note: string },
): Promise<void> {
  const lines = await tx
    .select({ variantId: orderLines.variantId, quantity: orderLines.quantity })
    .from(orderLines)
    .where(eq(orderLines.orderId, orderId))
    .orderBy(orderLines.variantId);
  for (const line of lines) {
    await changeStockIn(tx, {
      variantId: line.variantId,
      change:
        kind === 'restock'
          ? { kind: 'adjust', delta: line.quantity, reason: 'returned' }
          : { kind, quantity: line.quantity },
      actorId: who.actorId ?? null,
      reference: orderId,
      note: who.note,
    });
  }
}
