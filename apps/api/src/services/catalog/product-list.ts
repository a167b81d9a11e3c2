import type {
  ProductListQuery,
  ProductPage,
  ProductSort,
  ProductSummary,
} from '@bazaar/contracts/server';
import { notFound } from '@bazaar/contracts/server';
import type { Database } from '@bazaar/db';
import { type SQL, sql } from 'drizzle-orm';
import { limitOf, rowsOf } from '../../db.ts';
import { resolveCurrency } from '../pricing/currencies.ts';
import { decodeCursor, encodeCursor, type ProductCursor } from './cursor.ts';
import { keptTotal } from './listing-counts.ts';
import {
  categoryExists,
  firstImageJson,
  listingConditions,
  resolvedFilters,
  searchQuery,
} from './listing-filters.ts';
import { resolveSearch, searchWords } from './search-words.ts';

interface PageRow {
  total: number;
  category_found: boolean;
  id: string | null;
  slug: string;
  title: string;
  category_slug: string;
  category_name: string;
  price_min: string;
  price_max: string;
  compare_at: string | null;
  in_stock: boolean;
  created_at: string;
  title_key: string;
  rank: string | null;
  ord: number;
  image: ProductSummary['image'];
}

/** The columns of `product_listings` a page reads. */
const LISTING_COLUMNS = [
  'product_id',
  'category_id',
  'price_min',
  'price_max',
  'compare_at',
  'in_stock',
  'created_at',
  'title_key',
];

/** Per sort: the ORDER BY (matching an index of `product_listings`) and the keyset condition. */
function ordering(
  sort: ProductSort,
  cursor: ProductCursor | null,
  rank: SQL,
): { order: SQL; after: SQL | null } {
  switch (sort) {
    case 'newest':
      return {
        // NULLS LAST as the index is declared, or PostgreSQL sorts every row instead of reading it.
        order: sql`pl.created_at desc nulls last, pl.product_id desc nulls last`,
        after:
          cursor?.s === 'newest'
            ? sql`(pl.created_at, pl.product_id) < (${cursor.t}::timestamptz, ${cursor.i}::uuid)`
            : null,
      };
    case 'price_asc':
      return {
        order: sql`pl.price_min, pl.product_id`,
        after:
          cursor?.s === 'price_asc'
            ? sql`(pl.price_min, pl.product_id) > (${cursor.p}::bigint, ${cursor.i}::uuid)`
            : null,
      };
    case 'price_desc':
      return {
        order: sql`pl.price_min desc, pl.product_id desc`,
        after:
          cursor?.s === 'price_desc'
            ? sql`(pl.price_min, pl.product_id) < (${cursor.p}::bigint, ${cursor.i}::uuid)`
            : null,
      };
    case 'name':
      return {
        order: sql`pl.title_key, pl.product_id`,
        after:
          cursor?.s === 'name'
            ? sql`(pl.title_key, pl.product_id) > (${cursor.k}::text, ${cursor.i}::uuid)`
            : null,
      };
    case 'relevance':
      return {
        order: sql`${rank} desc, pl.product_id`,
        after:
          cursor?.s === 'relevance'
            ? sql`(${rank} < ${cursor.r}::real
                or (${rank} = ${cursor.r}::real and pl.product_id > ${cursor.i}::uuid))`
            : null,
      };
  }
}

function cursorAfter(sort: ProductSort, row: PageRow): ProductCursor {
  const i = row.id as string;
  switch (sort) {
    case 'newest':
      return { s: sort, t: row.created_at, i };
    case 'price_asc':
    case 'price_desc':
      return { s: sort, p: Number(row.price_min), i };
    case 'name':
      return { s: sort, k: row.title_key, i };
    case 'relevance':
      return { s: sort, r: row.rank ?? '0', i };
  }
}

/**
 * A page of the storefront's catalog in one statement (after the currency and the search words):
 * the matching count, and the page read in index order from the keyset position. However many
 * items a page has, the statements are the same.
 */
export async function listProducts(db: Database, input: ProductListQuery): Promise<ProductPage> {
  const words = searchWords(input.q);
  const [currency, search] = await Promise.all([
    resolveCurrency(db, input.currency),
    resolveSearch(db, words),
  ]);
  const sort: ProductSort =
    input.sort === 'relevance' && !search
      ? 'newest'
      : (input.sort ?? (search ? 'relevance' : 'newest'));
  const cursor = input.cursor ? decodeCursor(input.cursor, sort) : null;
  const filters = resolvedFilters(input, currency, search);
  const where = listingConditions(filters);
  const { order, after } = ordering(sort, cursor, sql`pl.rank`);
  // Unfiltered and category pages are counted from the kept counts, not by reading every row.
  const kept = keptTotal(filters);
  const columns = (alias: 'pl' | 'l') =>
    sql.raw(LISTING_COLUMNS.map((column) => `${alias}.${column}`).join(', '));
  // Sorted by relevance, a search ranks its matches once into `matched` (id and rank only: the
  // narrow rows cost a fifth less than carrying every column), which is both counted and top-N
  // sorted; the page's rows are then read by key. Other pages are read in index order from the
  // keyset position; a search sorted by price or name too, as a common word matches a row every few.
  const relevance = search && sort === 'relevance';
  const matched = relevance
    ? sql`with matched as materialized (
        select pl.product_id, ts_rank(pl.search_vector, ${searchQuery(search.tsquery)}) as rank
        from product_listings pl where ${where})`
    : sql``;
  const total = relevance
    ? sql`(select count(*)::int from matched)`
    : (kept ?? sql`(select count(*)::int from product_listings pl where ${where})`);
  const pageRows = relevance
    ? sql`select ${columns('l')}, pl.rank from (
          select * from matched pl ${after ? sql`where ${after}` : sql``}
          order by ${order} ${limitOf(input.limit + 1)}) pl
        join product_listings l on l.currency = ${currency} and l.product_id = pl.product_id`
    : sql`select ${columns('pl')}, null::real as rank from product_listings pl
        where ${where} ${after ? sql`and ${after}` : sql``}
        order by ${order} ${limitOf(input.limit + 1)}`;

  // Only the page's rows are joined to their product, category and picture, and numbered in
  // their order (the left join does not keep it).
  const result = await db.execute(sql`
    ${matched}
    select counted.total, counted.category_found, page.* from
      (select ${total} as total, ${categoryExists(input.categorySlug)} as category_found) counted
    left join lateral (
      select pl.product_id as id, p.slug, p.title, c.slug as category_slug, c.name as category_name,
        pl.price_min, pl.price_max, pl.compare_at, pl.in_stock, pl.created_at::text as created_at,
        pl.title_key, pl.rank::text as rank,
        row_number() over (order by ${order}) as ord,
        ${firstImageJson(sql`pl.product_id`)} as image
      from (${pageRows}) pl
      join products p on p.id = pl.product_id
      join categories c on c.id = pl.category_id
    ) page on true`);
  // Each page row in its place by its number (1, 2, …): no sort and its comparisons.
  const all = rowsOf<PageRow>(result);
  const rows: PageRow[] = [];
  for (const r of all) if (r.id !== null) rows[Number(r.ord) - 1] = r;
  const counted = all[0];
  if (counted && !counted.category_found) throw notFound('Category');
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  const money = (amount: string | number) => ({ amount: Number(amount), currency });
  return {
    currency,
    total: Number(counted?.total ?? 0),
    sort,
    searchedFor: search?.searchedFor ?? null,
    items: page.map((r) => ({
      id: r.id as string,
      slug: r.slug,
      title: r.title,
      category: { slug: r.category_slug, name: r.category_name },
      priceMin: money(r.price_min),
      priceMax: money(r.price_max),
      compareAt: r.compare_at === null ? null : money(r.compare_at),
      inStock: r.in_stock,
      image: r.image,
    })),
    nextCursor: rows.length > input.limit && last ? encodeCursor(cursorAfter(sort, last)) : null,
  };
}
