import type { CartOwner } from '@bazaar/contracts/server';
import type { Database } from '@bazaar/db';
import { carts } from '@bazaar/db/schema';
import { randomSecret, sha256Hex } from '../../security/secrets.ts';
import {
  type CartRow,
  cartColumns,
  guestCart,
  isOrderedCart,
  userCart,
  userCartOrNew,
} from './cart-store.ts';
import { mergeGuestCart } from './merge.ts';

/**
 * The owner's cart: a signed-in user's (after taking in the guest cart this browser still names,
 * if any), or the guest's. With `create`, one is made when there is none (a guest's comes with its
 * cookie); without, null.
 */
export async function findCart(
  db: Database,
  owner: CartOwner,
  create: { currency: string } | null,
): Promise<CartRow | null> {
  if (owner.userId) {
    if (owner.guestToken) await mergeGuestCart(db, owner.userId, owner.guestToken, owner);
    return create ? userCartOrNew(db, owner.userId, create.currency) : userCart(db, owner.userId);
  }
  if (owner.guestToken) {
    const cart = await guestCart(db, owner.guestToken);
    if (cart) return cart;
    // Expired, merged or made up: the cookie names nothing. A cart that became an order keeps
    // its cookie until a new cart replaces it: it scopes the guest's idempotency keys, so a
    // retried order request still finds its answer.
    if (!(await isOrderedCart(db, owner.guestToken))) owner.clearGuestToken();
  }
  if (!create) return null;
  const token = randomSecret();
  const [cart] = await db
    .insert(carts)
    .values({ tokenHash: sha256Hex(token), currency: create.currency })
    .returning(cartColumns);
  owner.setGuestToken(token);
  return cart as CartRow;
}
