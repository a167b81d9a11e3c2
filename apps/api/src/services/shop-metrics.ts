import type { BazaarErrorCode } from '@bazaar/contracts/server';

/** A payment's new state, from what its provider said. */
export type PaymentOutcome = 'succeeded' | 'failed' | 'canceled' | 'authorized';
export type RefundOutcome = 'succeeded' | 'failed';

/**
 * What the services count for the metrics: a small interface, so they need no metrics library
 * (the app passes prom-client counters, tests may pass their own, the default counts nothing).
 */
export interface ShopMetrics {
  /** A new order was committed (a replay of the same request is not counted again). */
  checkoutPlaced(): void;
  /** Placing an order failed: its app code (OUT_OF_STOCK, CART_CHANGED…), INTERNAL for an unexpected error. */
  checkoutFailed(reason: BazaarErrorCode): void;
  /** A provider event moved a payment (committed; duplicates and stale events are not counted). */
  payment(outcome: PaymentOutcome): void;
  refund(outcome: RefundOutcome): void;
}

export const noShopMetrics: ShopMetrics = {
  checkoutPlaced: () => {},
  checkoutFailed: () => {},
  payment: () => {},
  refund: () => {},
};
