import {
  type CheckoutQuote,
  type CheckoutQuoteRequest,
  checkoutQuoteInputSchema,
  checkoutQuoteSchema,
} from '../schemas/checkout.ts';
import { createRouter, publicProcedure } from '../trpc.ts';
import { type CartOwner, cartOwner } from './cart.ts';

export interface CheckoutService {
  /**
   * Totals for the caller's cart shipped to a destination: shipping options, the discount, tax
   * and total. CONFLICT while the cart is empty or has a line that cannot be bought.
   */
  quote(owner: CartOwner, input: CheckoutQuoteRequest): Promise<CheckoutQuote>;
}

/** Guests check out too; each call is about the caller's own cart. */
export const checkoutRouter = createRouter({
  quote: publicProcedure
    .input(checkoutQuoteInputSchema)
    .output(checkoutQuoteSchema)
    .query(({ ctx, input }) => ctx.services.checkout.quote(cartOwner(ctx), input)),
});
