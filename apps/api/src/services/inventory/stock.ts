import { AppError } from '@bazaar/contracts';
import type { Database } from '@bazaar/db';
import { inventoryLevels, stockMovements, variants } from '@bazaar/db/schema';
import { and, eq, gte, sql } from 'drizzle-orm';

/**
 * What happens to a variant's stock. `on hand` is what the shop holds; `reserved` is held for
 * unpaid orders; `on hand − reserved` can still be sold.
 */
export type StockChange =
  /** Goods received, lost, found, returned: on hand moves by `delta`. */
  | { kind: 'adjust'; delta: number; reason: 'received' | 'adjustment' | 'returned' }
  /** A count or an import sets on hand. */
  | { kind: 'set'; onHand: number; reason: 'count' | 'import' | 'initial' }
  /** Hold units for an order; refused when fewer are available. */
  | { kind: 'reserve'; quantity: number }
  /** Give held units back (order cancelled or expired). */
  | { kind: 'release'; quantity: number }
  /** Held units were sold (order paid): they leave on hand and reserved together. */
  | { kind: 'sell'; quantity: number };

export interface StockChangeRequest {
  variantId: string;
  change: StockChange;
  /** Who did it; null for the system. */
  actorId?: string | null;
  note?: string;
  /** What caused it, e.g. an order id. */
  reference?: string | null;
}

export interface StockLevel {
  variantId: string;
  onHand: number;
  reserved: number;
}

/**
 * The one way stock changes. Each change is a single conditional UPDATE (the condition is the rule:
 * on hand never below reserved, reserved never below zero), so concurrent callers can never take
 * more than there is; then the movement is recorded. Pass a transaction to make the change part of
 * a larger one (an order): if that rolls back, so does the stock.
 *
 * Refusals are CONFLICT errors naming the SKU.
 */
export async function changeStock(db: Database, request: StockChangeRequest): Promise<StockLevel> {
  const { variantId, change } = request;
  const amount =
    change.kind === 'adjust'
      ? change.delta
      : change.kind === 'set'
        ? change.onHand
        : change.quantity;
  const valid =
    change.kind === 'adjust' ? amount !== 0 : change.kind === 'set' ? amount >= 0 : amount > 0;
  if (!Number.isSafeInteger(amount) || !valid) {
    throw new RangeError(`Invalid stock change: ${JSON.stringify(change)}`);
  }
  return db.transaction(async (tx) => {
    let onHandDelta = 0;
    let reservedDelta = 0;
    if (change.kind === 'set') {
      // Lock the row first, so the recorded delta is against the level this change replaces.
      const [current] = await tx
        .select({ onHand: inventoryLevels.onHand })
        .from(inventoryLevels)
        .where(eq(inventoryLevels.variantId, variantId))
        .for('update');
      if (!current) return refuse(tx, variantId, 'has no stock record');
      onHandDelta = change.onHand - current.onHand;
    } else if (change.kind === 'adjust') {
      onHandDelta = change.delta;
    } else if (change.kind === 'reserve') {
      reservedDelta = change.quantity;
    } else if (change.kind === 'release') {
      reservedDelta = -change.quantity;
    } else {
      onHandDelta = -change.quantity;
      reservedDelta = -change.quantity;
    }

    const [level] = await tx
      .update(inventoryLevels)
      .set({
        onHand: sql`${inventoryLevels.onHand} + ${onHandDelta}`,
        reserved: sql`${inventoryLevels.reserved} + ${reservedDelta}`,
        updatedAt: sql`now()`,
      })
      .where(
        and(
          eq(inventoryLevels.variantId, variantId),
          // The table's CHECKs as conditions (a refusal, not a constraint error); for a
          // reservation the first is "enough available".
          gte(
            sql`${inventoryLevels.onHand} + ${onHandDelta}`,
            sql`${inventoryLevels.reserved} + ${reservedDelta}`,
          ),
          gte(sql`${inventoryLevels.reserved} + ${reservedDelta}`, 0),
        ),
      )
      .returning({ onHand: inventoryLevels.onHand, reserved: inventoryLevels.reserved });
    if (!level) return refuse(tx, variantId, refusalFor(change));

    await tx.insert(stockMovements).values({
      variantId,
      reason: 'reason' in change ? change.reason : reasonOf[change.kind],
      onHandDelta,
      reservedDelta,
      onHandAfter: level.onHand,
      reservedAfter: level.reserved,
      actorId: request.actorId ?? null,
      note: request.note ?? '',
      reference: request.reference ?? null,
    });
    return { variantId, ...level };
  });
}

const reasonOf = { reserve: 'reserved', release: 'released', sell: 'sold' } as const;

function refusalFor(change: StockChange): string {
  switch (change.kind) {
    case 'reserve':
      return `has fewer than ${change.quantity} available`;
    case 'release':
    case 'sell':
      return `has fewer than ${change.quantity} reserved`;
    default:
      return 'cannot go below the units reserved for orders';
  }
}

async function refuse(tx: Database, variantId: string, reason: string): Promise<never> {
  const [variant] = await tx
    .select({ sku: variants.sku })
    .from(variants)
    .where(eq(variants.id, variantId));
  throw new AppError(
    'CONFLICT',
    variant ? `${variant.sku} ${reason}` : 'This variant does not exist',
  );
}
