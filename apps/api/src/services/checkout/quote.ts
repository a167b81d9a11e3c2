import {
  AppError,
  type Cart,
  type CartOwner,
  type CheckoutQuote,
  type CheckoutQuoteRequest,
  invalidField,
  type Money,
} from '@bazaar/contracts/server';
import type { Database } from '@bazaar/db';
import { sql } from 'drizzle-orm';
import { type DbOrTx, rowsOf } from '../../db.ts';
import type { CartRow } from '../cart/cart-store.ts';
import { type CheckoutCart, checkoutCartView } from '../cart/cart-view.ts';
import { findCart } from '../cart/find-cart.ts';
import { itemName } from '../cart/item-name.ts';
import { type ApplicableDiscount, applicableDiscount } from '../discounts/discount-codes.ts';
import { computeTotals, type Totals } from '../pricing/totals.ts';
import { type ShippingOption, shippingOptionsJson } from '../shipping/shipping-options.ts';
import { NO_TAX, type TaxRate, taxRateJson } from '../tax/tax-rates.ts';

export interface PricedCart {
  cart: CheckoutCart;
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
  if (!line) return new AppError('CONFLICT', 'Your cart is empty', { appCode: 'CART_EMPTY' });
  const item = itemName(line.productTitle, line.variantTitle);
  const why = {
    unavailable: `${item} is no longer available`,
    not_priced: `${item} is not sold in ${cart.currency}`,
    sold_out: `${item} is sold out`,
    short: `Only ${line.available} of ${item} available`,
  }[line.problem as NonNullable<typeof line.problem>];
  const appCode = ({ unavailable: 'CART_CHANGED', not_priced: 'NOT_SOLD_IN_CURRENCY' } as const)[
    line.problem as 'unavailable' | 'not_priced'
  ];
  return new AppError('CONFLICT', `${why}: update your cart to check out`, {
    appCode: appCode ?? 'OUT_OF_STOCK',
  });
}

interface ContextRow {
  currency: string | null;
  options: ShippingOption[];
  tax: TaxRate | null;
  prices_include_tax: boolean | null;
}

export interface PricingContext {
  currency: string;
  options: ShippingOption[];
  tax: TaxRate;
  pricesIncludeTax: boolean;
}

/**
 * What pricing needs besides the cart, in one statement: the currency (the one asked for when the
 * shop sells in it, else the default), the shipping options to `country` in it, in the shop's
 * order, the tax rate (the region's if the shop set one, else the country's, else none) and
 * whether prices include tax. A currency the shop does not sell in is a field error.
 */
export async function pricingContext(db: DbOrTx, input: PricingRequest): Promise<PricingContext> {
  const requested = input.currency ?? null;
  const [row] = rowsOf<ContextRow>(
    await db.execute(sql`
      select cur.code as currency,
        ${shippingOptionsJson(input.country, sql`cur.code`)} as options,
        ${taxRateJson(input.country, input.region)} as tax,
        (select s.prices_include_tax from shop_settings s limit 1) as prices_include_tax
      from (select) as one
      left join lateral (
        select c.code from currencies c
        where ${requested}::text is null or c.code = ${requested}::text
        order by c.is_default desc, c.position, c.code
        limit 1
      ) as cur on true`),
  );
  if (!row?.currency) {
    if (requested === null) throw new Error('The shop has no currency; migration 0003 creates one');
    throw invalidField('currency', `The shop does not sell in ${requested}`);
  }
  return {
    currency: row.currency,
    options: row.options,
    tax: row.tax ?? NO_TAX,
    pricesIncludeTax: row.prices_include_tax ?? true,
  };
}

/**
 * The cart priced for a destination, by the one pricing function: what the checkout shows and
 * what an order records. CONFLICT while the cart is empty or has a line that cannot be bought.
 * Two statements (three with a discount code); one less when the caller read `context` already.
 */
export async function priceCart(
  db: DbOrTx,
  cartRow: CartRow | null,
  input: PricingRequest,
  context?: PricingContext,
): Promise<PricedCart> {
  const { currency, options, tax, pricesIncludeTax } = context ?? (await pricingContext(db, input));
  const cart = await checkoutCartView(db, cartRow, currency);
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
  const chosen =
    (input.shippingMethodId ? options.find((o) => o.id === input.shippingMethodId) : options[0]) ??
    null;
  if (input.shippingMethodId && !chosen) {
    const message = 'This shipping method is not available for this address';
    throw new AppError('BAD_REQUEST', message, { fieldErrors: { shippingMethodId: [message] } });
  }
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
