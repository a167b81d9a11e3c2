import {
  type CheckoutQuote,
  type CheckoutQuoteRequest,
  checkoutQuoteInputSchema,
  checkoutQuoteSchema,
  type PlaceOrderRequest,
  placeOrderInputSchema,
} from '../schemas/checkout.ts';
import { type PlacedOrder, placedOrderSchema } from '../schemas/orders.ts';
import { createRouter, publicProcedure } from '../trpc.ts';
import { type CartOwner, cartOwner } from './cart.ts';

export interface CheckoutService {
  /**
   * Totals for the caller's cart shipped to a destination: shipping options, the discount, tax
   * and total. CONFLICT while the cart is empty or has a line that cannot be bought.
   */
  quote(owner: CartOwner, input: CheckoutQuoteRequest): Promise<CheckoutQuote>;
  /**
   * Places the order for the cart: totals as quoted, stock reserved, the discount's use taken,
   * the cart closed, all in one transaction; a losing buyer gets CONFLICT naming the item.
   */
  placeOrder(owner: CartOwner, input: PlaceOrderRequest): Promise<PlacedOrder>;
}

/** Guests check out too; each call is about the caller's own cart. */
export const checkoutRouter = createRouter({
  quote: publicProcedure
    .input(checkoutQuoteInputSchema)
    .output(checkoutQuoteSchema)
    .query(({ ctx, input }) => ctx.services.checkout.quote(cartOwner(ctx), input)),

  placeOrder: publicProcedure
    .input(placeOrderInputSchema)
    .output(placedOrderSchema)
    .mutation(({ ctx, input }) => ctx.services.checkout.placeOrder(cartOwner(ctx), input)),
});
