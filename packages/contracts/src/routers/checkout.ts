import {
  type CheckoutQuote,
  type CheckoutQuoteRequest,
  checkoutQuoteInputSchema,
  checkoutQuoteSchema,
  type PlaceOrderRequest,
  placeOrderInputSchema,
} from '../schemas/checkout.ts';
import {
  type ConfirmTestPaymentRequest,
  confirmTestPaymentInputSchema,
  type Order,
  orderSchema,
  type PaymentAttempt,
  type PaymentOptions,
  type PaymentResultInput,
  type PlacedOrder,
  paymentAttemptSchema,
  paymentOptionsSchema,
  paymentResultInputSchema,
  placedOrderSchema,
} from '../schemas/orders.ts';
import { createRouter, publicRoute } from '../trpc.ts';
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
  /**
   * The offline test provider's card form: the payment is accepted or declined at once and the
   * provider confirms it later with a signed webhook, as Stripe does. NOT_FOUND with another
   * provider configured.
   */
  confirmTestPayment(input: ConfirmTestPaymentRequest): Promise<PaymentAttempt>;
  /**
   * The order after the payer returns (the redirect path): asks the provider how the payment
   * stands and applies it through the same state machine as the webhook. The payment's client
   * secret is the payer's proof; a wrong one is NOT_FOUND.
   */
  paymentResult(input: PaymentResultInput): Promise<Order>;
  /** The configured payment provider, and Stripe's publishable key when it is Stripe. */
  paymentOptions(): PaymentOptions;
}

/** Guests check out too; each call is about the caller's own cart. */
const tags = ['Checkout'];

export const checkoutRouter = createRouter({
  quote: publicRoute({
    method: 'GET',
    path: '/checkout/quote',
    tags,
    summary: 'Totals for the cart shipped to a destination',
  })
    .input(checkoutQuoteInputSchema)
    .output(checkoutQuoteSchema)
    .query(({ ctx, input }) => ctx.services.checkout.quote(cartOwner(ctx), input)),

  placeOrder: publicRoute({ method: 'POST', path: '/orders', tags, summary: 'Place the order' })
    .input(placeOrderInputSchema)
    .output(placedOrderSchema)
    .mutation(({ ctx, input }) => ctx.services.checkout.placeOrder(cartOwner(ctx), input)),

  confirmTestPayment: publicRoute({
    method: 'POST',
    path: '/checkout/test-payment',
    tags,
    summary: "Pay with the offline test provider's card form",
  })
    .input(confirmTestPaymentInputSchema)
    .output(paymentAttemptSchema)
    .mutation(({ ctx, input }) => ctx.services.checkout.confirmTestPayment(input)),

  // POST: the payment's client secret is the payer's proof and does not belong in a URL.
  paymentResult: publicRoute({
    method: 'POST',
    path: '/checkout/payment-result',
    tags,
    summary: 'How the payment stands after the payer returns',
  })
    .input(paymentResultInputSchema)
    .output(orderSchema)
    .query(({ ctx, input }) => ctx.services.checkout.paymentResult(input)),

  paymentOptions: publicRoute({
    method: 'GET',
    path: '/checkout/payment-options',
    tags,
    summary: 'The payment provider',
  })
    .output(paymentOptionsSchema)
    .query(({ ctx }) => ctx.services.checkout.paymentOptions()),
});
