import {
  type AdminProductListInput,
  type AdminProductPage,
  invalidField,
  type ProductImage,
  type StockFilter,
} from '@bazaar/contracts/server';
import type { Database } from '@bazaar/db';
import { categories, products, shopSettings } from '@bazaar/db/schema';
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { resolveCurrency } from '../pricing/currencies.ts';
import { categorySubtreeIds } from './categories.ts';
import { isPgTimestamptz } from './cursor.ts';

const cursorSchema = z.discriminatedUnion('s', [
  z.object({ s: z.literal('updated'), v: z.string().max(40).refine(isPgTimestamptz), i: z.uuid() }),
  z.object({ s: z.literal('created'), v: z.string().max(40).refine(isPgTimestamptz), i: z.uuid() }),
  z.object({ s: z.literal('title'), v: z.string().max(400), i: z.uuid() }),
]);
type AdminCursor = z.infer<typeof cursorSchema>;

function decode(raw: string, sort: AdminCursor['s']): AdminCursor {
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(raw, 'base64url').toString()));
    if (parsed.success && parsed.data.s === sort) return parsed.data;
  } catch {
    // any malformed cursor is the caller's error
  }
  throw invalidField('cursor', 'Invalid cursor');
}

const encode = (cursor: AdminCursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url');

/** `%` and `_` match themselves in a search. */
const likePattern = (search: string) => `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** A live variant of the product whose stock meets `condition` (on `l`, its inventory level). */
const liveVariantWhere = (condition: SQL) => sql`exists (
  select 1 from variants v join inventory_levels l on l.variant_id = v.id
  where v.product_id = ${products.id} and v.archived_at is null and ${condition})`;

/**
 * The stock states as semi-joins, equal to the list's `stock` column (out: nothing available; low:
 * some variant at or below its threshold), so the planner can answer them for every product at
 * once instead of computing each product's figures.
 */
function stockCondition(state: StockFilter): SQL {
  const sellable = liveVariantWhere(sql`l.on_hand > l.reserved`);
  const low = liveVariantWhere(
    sql`l.on_hand - l.reserved <= coalesce(l.low_stock_threshold, (select ${shopSettings.lowStockThreshold} from ${shopSettings}))`,
  );
  if (state === 'out') return sql`not ${sellable}`;
  return state === 'low' ? sql`${sellable} and ${low}` : sql`${sellable} and not ${low}`;
}

/**
 * The admin's product list: server-side search, filters, sort and keyset pagination, with live
 * variant figures per product computed in one statement (plus one for the total).
 */
export async function listAdminProducts(
  db: Database,
  input: AdminProductListInput,
): Promise<AdminProductPage> {
  const currency = await resolveCurrency(db, undefined);
  const figures = sql`(
    select count(*)::int as variant_count,
      coalesce(sum(l.on_hand - l.reserved), 0)::int as available,
      coalesce(bool_or(l.on_hand - l.reserved <= coalesce(l.low_stock_threshold,
        (select ${shopSettings.lowStockThreshold} from ${shopSettings}))), false) as low,
      min(vp.amount) as price
    from variants v
    left join inventory_levels l on l.variant_id = v.id
    left join variant_prices vp on vp.variant_id = v.id and vp.currency = ${currency}
    where v.product_id = ${products.id} and v.archived_at is null)`;
  const stockState = sql<StockFilter>`case when f.available = 0 then 'out' when f.low then 'low' else 'in' end`;

  const conditions: SQL[] = [];
  if (input.search) {
    const pattern = likePattern(input.search);
    // One index scan per column (trigram indexes, migration 0006), not an OR the planner scans.
    conditions.push(sql`${products.id} in (
      select p.id from products p where p.title ilike ${pattern}
      union all select p.id from products p where p.slug ilike ${pattern}
      union all select v.product_id from variants v where v.sku ilike ${pattern})`);
  }
  if (input.status) conditions.push(eq(products.status, input.status));
  if (input.categoryId) {
    const ids = await categorySubtreeIds(db, { id: input.categoryId });
    if (ids.length === 0) throw invalidField('categoryId', 'No such category');
    conditions.push(inArray(products.categoryId, ids));
  }
  if (input.stock) conditions.push(stockCondition(input.stock));
  const filtered = conditions.length ? and(...conditions) : undefined;

  const keyset: SQL[] = [];
  if (input.cursor) {
    const c = decode(input.cursor, input.sort);
    keyset.push(
      c.s === 'title'
        ? sql`(${products.title}, ${products.id}) > (${c.v}, ${c.i}::uuid)`
        : c.s === 'updated'
          ? sql`(${products.updatedAt}, ${products.id}) < (${c.v}::timestamptz, ${c.i}::uuid)`
          : sql`(${products.createdAt}, ${products.id}) < (${c.v}::timestamptz, ${c.i}::uuid)`,
    );
  }
  const order =
    input.sort === 'title'
      ? sql`${products.title} asc, ${products.id} asc`
      : input.sort === 'updated'
        ? sql`${products.updatedAt} desc, ${products.id} desc`
        : sql`${products.createdAt} desc, ${products.id} desc`;
  const sortValue =
    input.sort === 'title'
      ? sql<string>`${products.title}`
      : input.sort === 'updated'
        ? sql<string>`${products.updatedAt}::text`
        : sql<string>`${products.createdAt}::text`;

  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: products.id,
        slug: products.slug,
        title: products.title,
        status: products.status,
        updatedAt: products.updatedAt,
        category: { id: categories.id, name: categories.name },
        variantCount: sql<number>`f.variant_count`,
        available: sql<number>`greatest(f.available, 0)`,
        stock: stockState,
        price: sql<number | null>`f.price`,
        sortValue,
        image: sql<ProductImage | null>`(
          select json_build_object('url', i.url, 'alt', i.alt, 'width', i.width, 'height', i.height)
          from product_images i where i.product_id = ${products.id}
          order by (i.variant_id is null and i.option_value_id is null) desc, i.position limit 1)`,
      })
      .from(products)
      .innerJoin(categories, eq(categories.id, products.categoryId))
      .innerJoinLateral(sql`${figures} as f`, sql`true`)
      .where(and(filtered, ...keyset))
      .orderBy(order)
      .limit(input.limit + 1),
    db.select({ n: sql<number>`count(*)::int` }).from(products).where(filtered),
  ]);

  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map(({ sortValue: _v, price, ...row }) => ({
      ...row,
      price: price === null ? null : { amount: Number(price), currency },
    })),
    nextCursor:
      rows.length > input.limit && last
        ? encode({ s: input.sort, v: last.sortValue, i: last.id } as AdminCursor)
        : null,
    total: total?.n ?? 0,
  };
}
