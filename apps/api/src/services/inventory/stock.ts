import { AppError } from '@bazaar/contracts/server';
import type { Database } from '@bazaar/db';
import { inventoryLevels, variants } from '@bazaar/db/schema';
import { eq, sql } from 'drizzle-orm';
import { type DbOrTx, rowsOf } from '../../db.ts';

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
 * more than there is; the movement is recorded by the same statement. Pass a transaction to make
 * the change part of a larger one (an order): if that rolls back, so does the stock. The change
 * runs in a transaction (or savepoint) of its own, so a caller may catch a refusal and go on.
 *
 * Refusals are CONFLICT errors naming the SKU.
 */
export async function changeStock(db: Database, request: StockChangeRequest): Promise<StockLevel> {
  deltasOf(request.change);
  return db.transaction((tx) => changeStockIn(tx, request));
}

/**
 * {@link changeStock} on the caller's transaction, without a savepoint: for a caller that lets any
 * error roll its whole transaction back (placing an order). Refused, it throws the same CONFLICT
 * and has changed nothing; a database error aborts the caller's transaction.
 */
export async function changeStockIn(tx: DbOrTx, request: StockChangeRequest): Promise<StockLevel> {
  const { variantId, change } = request;
  let { onHandDelta, reservedDelta } = deltasOf(change);
  if (change.kind === 'set') {
    // Lock the row first, so the recorded delta is against the level this change replaces.
    const [current] = await tx
      .select({ onHand: inventoryLevels.onHand })
      .from(inventoryLevels)
      .where(eq(inventoryLevels.variantId, variantId))
      .for('update');
    if (!current) return refuse(tx, variantId, 'has no stock record');
    onHandDelta = change.onHand - current.onHand;
  }
  const reason = 'reason' in change ? change.reason : reasonOf[change.kind];
  // The table's CHECKs as conditions (a refusal, not a constraint error); for a reservation the
  // first is "enough available". The movement is written from what the update returns: when it
  // is refused, nothing is.
  const [level] = rowsOf<{ on_hand: number; reserved: number }>(
    await tx.execute(sql`
      with level as (
        update inventory_levels
        set on_hand = on_hand + ${onHandDelta}::int, reserved = reserved + ${reservedDelta}::int,
          updated_at = now()
        where variant_id = ${variantId}::uuid
          and on_hand + ${onHandDelta}::int >= reserved + ${reservedDelta}::int
          and reserved + ${reservedDelta}::int >= 0
        returning variant_id, on_hand, reserved
      ), movement as (
        insert into stock_movements (variant_id, reason, on_hand_delta, reserved_delta,
          on_hand_after, reserved_after, actor_id, note, reference)
        select variant_id, ${reason}::stock_movement_reason, ${onHandDelta}::int,
          ${reservedDelta}::int, on_hand, reserved, ${request.actorId ?? null}::uuid,
          ${request.note ?? ''}::text, ${request.reference ?? null}::text
        from level
      )
      select on_hand, reserved from level`),
  );
  if (!level) return refuse(tx, variantId, refusalFor(change));
  return { variantId, onHand: level.on_hand, reserved: level.reserved };
}

/** What a change does to on hand and reserved (a count's, against the level: 0 until read). */
function deltasOf(change: StockChange): { onHandDelta: number; reservedDelta: number } {
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
  switch (change.kind) {
    case 'adjust':
      return { onHandDelta: change.delta, reservedDelta: 0 };
    case 'set':
      return { onHandDelta: 0, reservedDelta: 0 };
    case 'reserve':
      return { onHandDelta: 0, reservedDelta: change.quantity };
    case 'release':
      return { onHandDelta: 0, reservedDelta: -change.quantity };
    case 'sell':
      return { onHandDelta: -change.quantity, reservedDelta: -change.quantity };
  }
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

async function refuse(tx: DbOrTx, variantId: string, reason: string): Promise<never> {
  const [variant] = await tx
    .select({ sku: variants.sku })
    .from(variants)
    .where(eq(variants.id, variantId));
  throw new AppError(
    'CONFLICT',
    variant ? `${variant.sku} ${reason}` : 'This variant does not exist',
    { appCode: variant ? 'OUT_OF_STOCK' : 'NOT_FOUND' },
  );
}
