import {
  AppError,
  type CartOwner,
  type CartService,
  MAX_CART_LINES,
  MAX_LINE_QUANTITY,
} from '@bazaar/contracts/server';
import type { Database } from '@bazaar/db';
import { cartLines, carts } from '@bazaar/db/schema';
import { and, eq, sql } from 'drizzle-orm';
import { type DbOrTx, rowsOf } from '../../db.ts';
import { resolveCurrency, shopCurrencies } from '../pricing/currencies.ts';
import { type CartRow, lockCart } from './cart-store.ts';
import { cartView } from './cart-view.ts';
import { findCart } from './find-cart.ts';
import { itemName } from './item-name.ts';

/** What can be bought of a variant now, and whether it can be bought at all. */
async function variantForSale(db: DbOrTx, variantId: string, currency: string) {
  const [row] = rowsOf<{
    product: string;
    variant: string;
    available: number;
    priced: boolean;
    sellable: boolean;
  }>(
    await db.execute(sql`
      select p.title as product, v.title as variant,
        greatest(coalesce(l.on_hand - l.reserved, 0), 0)::int as available,
        exists (select 1 from variant_prices vp where vp.variant_id = v.id and vp.currency = ${currency}) as priced,
        (v.archived_at is null and p.status = 'active') as sellable
      from variants v join products p on p.id = v.product_id
      left join inventory_levels l on l.variant_id = v.id
      where v.id = ${variantId}`),
  );
  if (!row?.sellable) throw new AppError('NOT_FOUND', 'This item is not for sale');
  const title = itemName(row.product, row.variant);
  if (!row.priced)
    throw new AppError('CONFLICT', `${title} is not sold in ${currency}`, {
      appCode: 'NOT_SOLD_IN_CURRENCY',
    });
  return { title, available: row.available };
}

function refuseAbove(title: string, available: number, quantity: number) {
  if (quantity <= available) return;
  throw new AppError(
    'CONFLICT',
    available === 0 ? `${title} is sold out` : `Only ${available} of ${title} available`,
    {
      fieldErrors: { quantity: [available === 0 ? 'Sold out' : `Only ${available} available`] },
      appCode: 'OUT_OF_STOCK',
    },
  );
}

export function createCartService(db: Database): CartService {
  /** The currency asked for, else the cart's while the shop still sells in it, else the default. */
  async function currencyFor(requested: string | undefined, cart: CartRow | null) {
    if (requested !== undefined || !cart) return resolveCurrency(db, requested);
    const sold = await shopCurrencies(db);
    return sold.some((c) => c.code === cart.currency)
      ? cart.currency
      : resolveCurrency(db, undefined);
  }

  /** Runs `change` on the owner's cart with its row locked, then answers the updated cart. */
  async function change(
    owner: CartOwner,
    requested: string | undefined,
    create: boolean,
    apply: (tx: DbOrTx, cart: CartRow, currency: string) => Promise<void>,
  ) {
    const currency = await resolveCurrency(db, requested);
    const cart = await findCart(db, owner, create ? { currency } : null);
    if (!cart) throw new AppError('NOT_FOUND', 'Cart line not found');
    return db.transaction(async (tx) => {
      await lockCart(tx, cart.id);
      await apply(tx, cart, currency);
      const [saved] = await tx
        .update(carts)
        .set({ currency, updatedAt: sql`now()` })
        .where(eq(carts.id, cart.id))
        .returning({ id: carts.id, notices: carts.notices });
      return cartView(tx, saved ?? null, currency);
    });
  }

  return {
    async get(owner, input) {
      const cart = await findCart(db, owner, null);
      const currency = await currencyFor(input?.currency, cart);
      if (cart && cart.currency !== currency) {
        await db.update(carts).set({ currency }).where(eq(carts.id, cart.id));
      }
      return cartView(db, cart, currency);
    },

    add(owner, input) {
      return change(owner, input.currency, true, async (tx, cart, currency) => {
        const variant = await variantForSale(tx, input.variantId, currency);
        // Take, then check: the summed quantity is what the checks see.
        const [line] = await tx
          .insert(cartLines)
          .values({ cartId: cart.id, variantId: input.variantId, quantity: input.quantity })
          .onConflictDoUpdate({
            target: [cartLines.cartId, cartLines.variantId],
            set: { quantity: sql`${cartLines.quantity} + excluded.quantity` },
          })
          .returning({ quantity: cartLines.quantity });
        const quantity = line?.quantity ?? 0;
        if (quantity > MAX_LINE_QUANTITY) {
          throw new AppError('BAD_REQUEST', `At most ${MAX_LINE_QUANTITY} of one item`, {
            fieldErrors: { quantity: [`At most ${MAX_LINE_QUANTITY} of one item in a cart`] },
          });
        }
        refuseAbove(variant.title, variant.available, quantity);
        const lines = await tx.$count(cartLines, eq(cartLines.cartId, cart.id));
        if (lines > MAX_CART_LINES) {
          throw new AppError('CONFLICT', `A cart holds at most ${MAX_CART_LINES} different items`, {
            appCode: 'LIMIT_REACHED',
          });
        }
      });
    },

    setQuantity(owner, input) {
      return change(owner, input.currency, false, async (tx, cart, currency) => {
        const [line] = rowsOf<{ variant_id: string; before: number }>(
          await tx.execute(sql`
            update cart_lines cl set quantity = ${input.quantity}
            from cart_lines old
            where cl.id = ${input.lineId} and cl.cart_id = ${cart.id} and old.id = cl.id
            returning cl.variant_id, old.quantity as before`),
        );
        if (!line) throw new AppError('NOT_FOUND', 'Cart line not found');
        // Fewer is always allowed (it is how a shopper fixes a line that is short).
        if (input.quantity > line.before) {
          const variant = await variantForSale(tx, line.variant_id, currency);
          refuseAbove(variant.title, variant.available, input.quantity);
        }
      });
    },

    remove(owner, input) {
      return change(owner, input.currency, false, async (tx, cart) => {
        const removed = await tx
          .delete(cartLines)
          .where(and(eq(cartLines.id, input.lineId), eq(cartLines.cartId, cart.id)))
          .returning({ id: cartLines.id });
        if (!removed.length) throw new AppError('NOT_FOUND', 'Cart line not found');
      });
    },

    async dismissNotices(owner) {
      const cart = await findCart(db, owner, null);
      const currency = await currencyFor(undefined, cart);
      if (!cart) return cartView(db, null, currency);
      const [saved] = await db
        .update(carts)
        .set({ notices: [] })
        .where(eq(carts.id, cart.id))
        .returning({ id: carts.id, notices: carts.notices });
      return cartView(db, saved ?? null, currency);
    },
  };
}
