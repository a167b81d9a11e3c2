import type { Cart, CartLine, CartLineProblem, ProductImage } from '@bazaar/contracts/server';
import { sql } from 'drizzle-orm';
import { type DbOrTx, rowsOf } from '../../db.ts';

interface LineRow {
  id: string;
  variant_id: string;
  product_id: string;
  quantity: number;
  sku: string;
  variant_title: string;
  product_slug: string;
  product_title: string;
  sellable: boolean;
  available: number;
  amount: string | number | null;
  compare_at_amount: string | number | null;
  options: { name: string; value: string }[] | null;
  image: ProductImage | null;
}

function problemOf(row: LineRow): CartLineProblem | null {
  if (!row.sellable) return 'unavailable';
  if (row.amount === null) return 'not_priced';
  if (row.available === 0) return 'sold_out';
  return row.quantity > row.available ? 'short' : null;
}

/** A cart line as checkout needs it: with its product, without its picture. */
export interface CheckoutCartLine extends CartLine {
  productId: string;
}

export interface CheckoutCart extends Cart {
  lines: CheckoutCartLine[];
}

/**
 * The cart as the shopper sees it: each line with today's price in `currency`, what is
 * available, its picture (the variant's, else its option value's, else the product's) and what
 * stops it being bought. One statement.
 */
export async function cartView(
  db: DbOrTx,
  cart: { id: string; notices: string[] } | null,
  currency: string,
): Promise<Cart> {
  const rows = await lineRows(db, cart, currency, true);
  return assemble(
    rows.map((row) => lineOf(row, currency)),
    cart,
    currency,
  );
}

/**
 * The cart as checkout prices and orders it: {@link cartView}'s lines with their product ids and
 * without pictures (`image` is null). One statement.
 */
export async function checkoutCartView(
  db: DbOrTx,
  cart: { id: string; notices: string[] } | null,
  currency: string,
): Promise<CheckoutCart> {
  const rows = await lineRows(db, cart, currency, false);
  return assemble(
    rows.map((row) => ({ ...lineOf(row, currency), productId: row.product_id })),
    cart,
    currency,
  );
}

async function lineRows(
  db: DbOrTx,
  cart: { id: string } | null,
  currency: string,
  withImage: boolean,
): Promise<LineRow[]> {
  if (!cart) return [];
  const image = withImage
    ? sql`(select json_build_object('url', i.url, 'alt', i.alt, 'width', i.width, 'height', i.height)
        from product_images i
        where i.product_id = p.id and (i.variant_id = v.id
          or i.option_value_id in (select value_id from variant_option_values where variant_id = v.id)
          or (i.variant_id is null and i.option_value_id is null))
        order by (i.variant_id is not null) desc, (i.option_value_id is not null) desc, i.position
        limit 1)`
    : sql`null::json`;
  return rowsOf<LineRow>(
    await db.execute(sql`
      select cl.id, cl.variant_id, v.product_id, cl.quantity, v.sku, v.title as variant_title,
        p.slug as product_slug, p.title as product_title,
        (v.archived_at is null and p.status = 'active') as sellable,
        greatest(coalesce(l.on_hand - l.reserved, 0), 0)::int as available,
        vp.amount, vp.compare_at_amount,
        (select json_agg(json_build_object('name', o.name, 'value', ov.value) order by o.position)
          from variant_option_values x
          join product_options o on o.id = x.option_id
          join product_option_values ov on ov.id = x.value_id
          where x.variant_id = v.id) as options,
        ${image} as image
      from cart_lines cl
      join variants v on v.id = cl.variant_id
      join products p on p.id = v.product_id
      left join inventory_levels l on l.variant_id = v.id
      left join variant_prices vp on vp.variant_id = v.id and vp.currency = ${currency}
      where cl.cart_id = ${cart.id}
      order by cl.created_at, cl.id`),
  );
}

function lineOf(row: LineRow, currency: string): CartLine {
  const unitPrice = money(row.amount, currency);
  return {
    id: row.id,
    variantId: row.variant_id,
    productSlug: row.product_slug,
    productTitle: row.product_title,
    variantTitle: row.variant_title,
    sku: row.sku,
    options: row.options ?? [],
    image: row.image,
    quantity: row.quantity,
    available: row.available,
    unitPrice,
    compareAtPrice: money(row.compare_at_amount, currency),
    lineTotal: unitPrice && { amount: unitPrice.amount * row.quantity, currency },
    problem: problemOf(row),
  };
}

const money = (amount: string | number | null, currency: string) =>
  amount === null ? null : { amount: Number(amount), currency };

function assemble<L extends CartLine>(
  lines: L[],
  cart: { notices: string[] } | null,
  currency: string,
): Cart & { lines: L[] } {
  const ready = lines.filter((l) => l.problem === null);
  return {
    currency,
    lines,
    itemCount: lines.reduce((n, l) => n + l.quantity, 0),
    subtotal: { amount: ready.reduce((sum, l) => sum + (l.lineTotal?.amount ?? 0), 0), currency },
    checkoutReady: lines.length > 0 && ready.length === lines.length,
    notices: cart?.notices ?? [],
  };
}
