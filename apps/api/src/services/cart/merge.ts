import { type CartOwner, MAX_LINE_QUANTITY } from '@bazaar/contracts/server';
import type { Database } from '@bazaar/db';
import { cartLines, carts } from '@bazaar/db/schema';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { rowsOf } from '../../db.ts';
import { sha256Hex } from '../../security/secrets.ts';
import { lockCart, userCartOrNew } from './cart-store.ts';
import { itemName } from './item-name.ts';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Moves the guest cart named by `token` into the user's cart, once: quantities of the same item
 * are summed, then capped by what is available (and the per-line limit), and the shopper is told
 * what changed through the cart's notices. The guest cart is marked merged in the same
 * transaction that moves its lines, so two requests cannot merge it twice.
 */
export async function mergeGuestCart(
  db: Database,
  userId: string,
  token: string,
  owner: Pick<CartOwner, 'clearGuestToken'>,
) {
  await db.transaction(async (tx) => {
    const [guest] = await tx
      .update(carts)
      .set({ status: 'merged', updatedAt: sql`now()` })
      .where(
        and(
          eq(carts.tokenHash, sha256Hex(token)),
          eq(carts.status, 'active'),
          isNull(carts.userId),
        ),
      )
      .returning({ id: carts.id, currency: carts.currency });
    if (!guest) return;
    const target = await userCartOrNew(tx, userId, guest.currency);
    await lockCart(tx, target.id);
    await tx.execute(sql`
      insert into cart_lines (cart_id, variant_id, quantity)
      select ${target.id}::uuid, variant_id, quantity from cart_lines where cart_id = ${guest.id}
      on conflict (cart_id, variant_id) do update
        set quantity = least(cart_lines.quantity + excluded.quantity, ${MAX_LINE_QUANTITY}::int)`);
    const guestUnits = await tx
      .select({ units: sql<number>`coalesce(sum(${cartLines.quantity}), 0)::int` })
      .from(cartLines)
      .where(eq(cartLines.cartId, guest.id));
    const units = guestUnits[0]?.units ?? 0;
    if (!units) return;
    // Summed lines above what can be bought come down to it (a sold-out line stays, flagged).
    const capped = rowsOf<{ title: string; variant: string; available: number }>(
      await tx.execute(sql`
        update cart_lines cl set quantity = l.on_hand - l.reserved
        from variants v, products p, inventory_levels l
        where cl.cart_id = ${target.id} and v.id = cl.variant_id and p.id = v.product_id
          and l.variant_id = v.id and l.on_hand - l.reserved > 0
          and cl.quantity > l.on_hand - l.reserved
        returning p.title, v.title as variant, l.on_hand - l.reserved as available`),
    );
    const notices = [
      `The ${plural(units, 'item')} you added before signing in ${units === 1 ? 'is' : 'are'} in your cart now.`,
      ...capped.map(
        (c) =>
          `${itemName(c.title, c.variant)}: only ${c.available} available, so your cart has ${c.available}.`,
      ),
    ];
    await tx
      .update(carts)
      .set({
        notices: sql`${carts.notices} || ${JSON.stringify(notices)}::jsonb`,
        updatedAt: sql`now()`,
      })
      .where(eq(carts.id, target.id));
  });
  owner.clearGuestToken();
}
