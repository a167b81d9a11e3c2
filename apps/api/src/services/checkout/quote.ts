import {
  AppError,
  type CartOwner,
  type CheckoutQuote,
  type CheckoutQuoteRequest,
  type Money,
} from '@bazaar/contracts';
import type { Database } from '@bazaar/db';
import { shopSettings } from '@bazaar/db/schema';
import { cartView } from '../cart/cart-view.ts';
import { findCart } from '../cart/find-cart.ts';
import { applicableDiscount } from '../discounts/discount-codes.ts';
import { resolveCurrency } from '../pricing/currencies.ts';
import { computeTotals } from '../pricing/totals.ts';
import { shippingOptions } from '../shipping/shipping-options.ts';
import { taxRateFor } from '../tax/tax-rates.ts';

/**
 * Prices the caller's cart for a destination: everything the checkout shows, from the same
 * function the order will use.
 */
export async function quoteCheckout(
  db: Database,
  owner: CartOwner,
  input: CheckoutQuoteRequest,
): Promise<CheckoutQuote> {
  const currency = await resolveCurrency(db, input.currency);
  const cart = await cartView(db, await findCart(db, owner, null), currency);
  if (!cart.checkoutReady) {
    throw new AppError(
      'CONFLICT',
      cart.lines.length ? 'Fix the items marked in your cart first' : 'Your cart is empty',
    );
  }
  const money = (amount: number): Money => ({ amount, currency });
  const lines = cart.lines.map((l) => ({
    key: l.id,
    unitAmount: (l.unitPrice as Money).amount,
    quantity: l.quantity,
  }));
  const subtotal = lines.reduce((sum, l) => sum + l.unitAmount * l.quantity, 0);
  const discount = input.discountCode
    ? await applicableDiscount(db, input.discountCode, currency, subtotal)
    : null;
  const [options, tax, [settings]] = await Promise.all([
    shippingOptions(db, input.country, currency),
    taxRateFor(db, input.country, input.region),
    db.select({ pricesIncludeTax: shopSettings.pricesIncludeTax }).from(shopSettings),
  ]);
  const chosen = input.shippingMethodId
    ? options.find((o) => o.id === input.shippingMethodId)
    : options[0];
  if (input.shippingMethodId && !chosen) {
    const message = 'This shipping method is not available for this address';
    throw new AppError('BAD_REQUEST', message, { fieldErrors: { shippingMethodId: [message] } });
  }
  const pricesIncludeTax = settings?.pricesIncludeTax ?? true;
  const totals = computeTotals({
    lines,
    discount: discount?.rule ?? null,
    shipping: chosen ?? null,
    taxRateBps: tax.rateBps,
    pricesIncludeTax,
  });
  const afterDiscount = totals.subtotal - totals.discount;
  return {
    currency,
    lines: totals.lines.map((t, i) => {
      const line = cart.lines[i] as (typeof cart.lines)[number];
      return {
        lineId: line.id,
        sku: line.sku,
        quantity: line.quantity,
        unitPrice: line.unitPrice as Money,
        discount: money(t.discount),
        tax: money(t.tax),
        total: money(t.total),
      };
    }),
    shippingOptions: options.map((o) => ({
      id: o.id,
      name: o.name,
      description: o.description,
      price: money(o.freeOverAmount !== null && afterDiscount >= o.freeOverAmount ? 0 : o.amount),
      freeOver: o.freeOverAmount === null ? null : money(o.freeOverAmount),
    })),
    shippingMethodId: chosen?.id ?? null,
    discount: discount ? { code: discount.code, amount: money(totals.discount) } : null,
    subtotal: money(totals.subtotal),
    shipping: money(totals.shipping),
    tax: {
      name: tax.name,
      rateBps: tax.rateBps,
      included: pricesIncludeTax,
      amount: money(totals.tax),
    },
    total: money(totals.total),
  };
}
