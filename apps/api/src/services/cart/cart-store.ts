import { carts } from '@bazaar/db/schema';
import { and, eq, sql } from 'drizzle-orm';
import { type DbOrTx, rowsOf } from '../../db.ts';
import { sha256Hex } from '../../security/secrets.ts';

/** A guest cart (and its cookie) lives this many days after its last change. */
export const GUEST_CART_DAYS = 30;

export interface CartRow {
  id: string;
  currency: string;
  notices: string[];
}

export const cartColumns = { id: carts.id, currency: carts.currency, notices: carts.notices };

/** The active guest cart the token names. (In SQL by hand: every cart request reads it.) */
export async function guestCart(db: DbOrTx, token: string): Promise<CartRow | null> {
  const [row] = rowsOf<CartRow>(
    await db.execute(sql`
      select id, currency, notices from carts
      where token_hash = ${sha256Hex(token)} and status = 'active' and user_id is null`),
  );
  return row ?? null;
}

/** True when the guest token names a cart that became an order. */
export async function isOrderedCart(db: DbOrTx, token: string): Promise<boolean> {
  const [row] = await db
    .select({ status: carts.status })
    .from(carts)
    .where(eq(carts.tokenHash, sha256Hex(token)));
  return row?.status === 'ordered';
}

export async function userCart(db: DbOrTx, userId: string): Promise<CartRow | null> {
  const [row] = await db
    .select(cartColumns)
    .from(carts)
    .where(and(eq(carts.userId, userId), eq(carts.status, 'active')));
  return row ?? null;
}

/** The user's active cart, created (in `currency`) if they have none; safe against a race. */
export async function userCartOrNew(db: DbOrTx, userId: string, currency: string) {
  const existing = await userCart(db, userId);
  if (existing) return existing;
  await db.insert(carts).values({ userId, currency }).onConflictDoNothing();
  return (await userCart(db, userId)) as CartRow;
}

/** Locks the cart's row for the rest of the transaction: its changes happen one at a time. */
export async function lockCart(tx: DbOrTx, cartId: string) {
  await tx.execute(sql`select 1 from carts where id = ${cartId} for update`);
}

/** {@link lockCart}, answering the cart's status once locked (null when there is no such cart). */
export async function lockCartStatus(tx: DbOrTx, cartId: string): Promise<string | null> {
  const [row] = rowsOf<{ status: string }>(
    await tx.execute(sql`select status from carts where id = ${cartId} for update`),
  );
  return row?.status ?? null;
}
