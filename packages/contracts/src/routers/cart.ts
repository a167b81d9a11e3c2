import type { Context } from '../context.ts';
import {
  type AddToCartInput,
  addToCartInputSchema,
  type Cart,
  type CartGetInput,
  cartGetInputSchema,
  cartSchema,
  type RemoveCartLineInput,
  removeCartLineInputSchema,
  type SetCartQuantityInput,
  setCartQuantityInputSchema,
} from '../schemas/cart.ts';
import { createRouter, publicRoute } from '../trpc.ts';

const tags = ['Cart'];

/**
 * Whose cart a call is about: the signed-in user's, or the guest's named by the cart cookie. A
 * call never names a cart; a line id of another cart is NOT_FOUND.
 */
export interface CartOwner {
  userId: string | null;
  /** The guest cart cookie's token, if the browser sent one. */
  guestToken: string | null;
  /** Sets the guest cart cookie (a guest's first line). */
  setGuestToken(token: string): void;
  /** Removes the guest cart cookie (its cart merged into the user's, or gone). */
  clearGuestToken(): void;
}

export interface CartService {
  /** The cart with current prices and availability (an empty one if there is none yet). */
  get(owner: CartOwner, input: CartGetInput): Promise<Cart>;
  /** Adds units (to a line of the same variant if there is one); refuses more than available. */
  add(owner: CartOwner, input: AddToCartInput): Promise<Cart>;
  setQuantity(owner: CartOwner, input: SetCartQuantityInput): Promise<Cart>;
  remove(owner: CartOwner, input: RemoveCartLineInput): Promise<Cart>;
  /** The shopper has read the notices. */
  dismissNotices(owner: CartOwner): Promise<Cart>;
}

export function cartOwner(ctx: Context): CartOwner {
  return {
    // A program's API key shops as a guest: its cart is the one its cart cookie names.
    userId: ctx.actor.kind === 'customer' || ctx.actor.kind === 'staff' ? ctx.actor.userId : null,
    guestToken: ctx.cartToken,
    setGuestToken: (token) => ctx.cookies.setCart(token),
    clearGuestToken: () => ctx.cookies.clearCart(),
  };
}

/** Guests and signed-in shoppers alike; each only ever reaches their own cart. */
export const cartRouter = createRouter({
  get: publicRoute({ method: 'GET', path: '/cart', tags, summary: "The caller's cart" })
    .input(cartGetInputSchema)
    .output(cartSchema)
    .query(({ ctx, input }) => ctx.services.cart.get(cartOwner(ctx), input)),

  add: publicRoute({ method: 'POST', path: '/cart/items', tags, summary: 'Add units of a variant' })
    .input(addToCartInputSchema)
    .output(cartSchema)
    .mutation(({ ctx, input }) => ctx.services.cart.add(cartOwner(ctx), input)),

  setQuantity: publicRoute({
    method: 'PATCH',
    path: '/cart/items/{lineId}',
    tags,
    summary: "Set a line's quantity",
  })
    .input(setCartQuantityInputSchema)
    .output(cartSchema)
    .mutation(({ ctx, input }) => ctx.services.cart.setQuantity(cartOwner(ctx), input)),

  remove: publicRoute({
    method: 'DELETE',
    path: '/cart/items/{lineId}',
    tags,
    summary: 'Remove a line',
  })
    .input(removeCartLineInputSchema)
    .output(cartSchema)
    .mutation(({ ctx, input }) => ctx.services.cart.remove(cartOwner(ctx), input)),

  dismissNotices: publicRoute({
    method: 'POST',
    path: '/cart/notices/dismiss',
    tags,
    summary: 'Mark price and stock notices read',
  })
    .output(cartSchema)
    .mutation(({ ctx }) => ctx.services.cart.dismissNotices(cartOwner(ctx))),
});
