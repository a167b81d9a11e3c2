import {
  AppError,
  type Cart,
  type CartOwner,
  type CheckoutQuote,
  type CheckoutQuoteRequest,
  type Money,
} from '@bazaar/contracts';
import type { Database } from '@bazaar/db';
import { shopSettings } from '@bazaar/db/schema';
import type { DbOrTx } from '../../db.ts';
import type { CartRow } from '../cart/cart-store.ts';
import { cartView } from '../cart/cart-view.ts';
import { findCart } from '../cart/find-cart.ts';
import { itemName } from '../cart/item-name.ts';
import { type ApplicableDiscount, applicableDiscount } from '../discounts/discount-codes.ts';
import { resolveCurrency } from '../pricing/currencies.ts';
import { computeTotals, type Totals } from '../pricing/totals.ts';
import { type ShippingOption, shippingOptions } from '../shipping/shipping-options.ts';
import { type TaxRate, taxRateFor } from '../tax/tax-rates.ts';

export interface PricedCart {
  cart: Cart;
  currency: string;
  totals: Totals;
  options: ShippingOption[];
  chosen: ShippingOption | null;
  discount: ApplicableDiscount | null;
  tax: TaxRate;
  pricesIncludeTax: boolean;
}

export interface PricingRequest {
  currency?: string | undefined;
  country: string;
  region: string;
  shippingMethodId?: string | undefined;
  discountCode?: string | undefined;
}

/** Why the cart cannot be checked out, naming the first item that stops it. */
function notReady(cart: Cart): AppError {
  const line = cart.lines.find((l) => l.problem !== null);
  if (!line) return new AppError('CONFLICT', 'Your cart is empty');
  const item = itemName(line.productTitle, line.variantTitle);
  const why = {
    unavailable: `${item} is no longer available`,
    not_priced: `${item} is not sold in ${cart.currency}`,
    sold_out: `${item} is sold out`,
    short: `Only ${line.available} of ${item} available`,
  }[line.problem as NonNullable<typeof line.problem>];
  return new AppError('CONFLICT', `${why}: update your cart to check out`);
}

/**
 * The cart priced for a destination, by the one pricing function: what the checkout shows and
 * what an order records. CONFLICT while the cart is empty or has a line that cannot be bought.
 */
export async function priceCart(
  db: DbOrTx,
  cartRow: CartRow | null,
  input: PricingRequest,
): Promise<PricedCart> {
  const currency = await resolveCurrency(db as Database, input.currency);
  const cart = await cartView(db, cartRow, currency);
  if (!cart.checkoutReady) throw notReady(cart);
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
  const chosen =
    (input.shippingMethodId ? options.find((o) => o.id === input.shippingMethodId) : options[0]) ??
    null;
  if (input.shippingMethodId && !chosen) {
    const message = 'This shipping method is not available for this address';
    throw new AppError('BAD_REQUEST', message, { fieldErrors: { shippingMethodId: [message] } });
  }
  const pricesIncludeTax = settings?.pricesIncludeTax ?? true;
  const totals = computeTotals({
    lines,
    discount: discount?.rule ?? null,
    shipping: chosen,
    taxRateBps: tax.rateBps,
    pricesIncludeTax,
  });
  return { cart, currency, totals, options, chosen, discount, tax, pricesIncludeTax };
}

/** `checkout.quote`: the priced cart as the checkout shows it. */
export async function quoteCheckout(
  db: Database,
  owner: CartOwner,
  input: CheckoutQuoteRequest,
): Promise<CheckoutQuote> {
  const { cart, currency, totals, options, chosen, discount, tax, pricesIncludeTax } =
    await priceCart(db, await findCart(db, owner, null), input);
  const money = (amount: number): Money => ({ amount, currency });
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
