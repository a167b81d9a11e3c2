import type { Database } from '@bazaar/db';
import { categories, products, variantPrices, variants } from '@bazaar/db/schema';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import { rowsOf } from '../../db.ts';

/** The most URLs one sitemap file may hold (sitemaps.org). */
export const SITEMAP_MAX_URLS = 50_000;

/** Rows per keyset page while a product sitemap streams. */
const PAGE = 2_000;

/**
 * Oldest first, as `products_status_created_idx` (status, created_at DESC NULLS LAST, id DESC
 * NULLS LAST) reads backwards. The columns are NOT NULL, but PostgreSQL only walks the index
 * when NULLS FIRST is spelled out: plain ASC made every keyset page sort all products.
 */
const creationOrder = sql`${products.createdAt} asc nulls first, ${products.id} asc nulls first`;

/** A W3C datetime in UTC, as `<lastmod>` wants it (`2026-03-01T10:00:00Z`). */
const w3c = (column: unknown) =>
  sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

/**
 * A live variant with a price somewhere: the product page is a 404 without a live variant, and a
 * page with no price is no use to a search.
 */
const hasOffer: SQL = sql`exists (
  select 1 from ${variants} join ${variantPrices} on ${variantPrices.variantId} = ${variants.id}
  where ${variants.productId} = ${products.id} and ${variants.archivedAt} is null)`;

/** Products the storefront shows. */
const shown = and(eq(products.status, 'active'), hasOffer) as SQL;

export interface SitemapEntry {
  slug: string;
  lastmod: string;
}

/**
 * The product sitemap files: shown products in creation order, `perFile` to a file, so a new
 * product lands in the last file and the others stay as they were. One pass over the products,
 * in PostgreSQL; only one row per file comes back, with the file's newest update.
 */
export async function productSitemapFiles(
  db: Database,
  perFile: number,
): Promise<{ lastmod: string }[]> {
  const result = await db.execute<{ lastmod: string }>(sql`
    select ${w3c(sql`max(updated_at)`)} as lastmod
    from (
      select ${products.updatedAt} as updated_at,
        (row_number() over (order by ${creationOrder}) - 1) / ${perFile} as file
      from ${products} where ${shown}
    ) numbered
    group by file
    order by file`);
  return rowsOf<{ lastmod: string }>(result);
}

/**
 * Product sitemap file `file` (1-based), a keyset page at a time; null when there is no such
 * file. Where the file starts is found once, by skipping the earlier files' products inside
 * PostgreSQL (one query, one row back; about 40 ms for 50,000); from there on it is keyset
 * pages on (created_at, id), each an index range read of `products_status_created_idx`.
 */
export async function productSitemapPages(
  db: Database,
  file: number,
  perFile: number,
  pageSize = PAGE,
): Promise<AsyncGenerator<SitemapEntry[]> | null> {
  const [start] = await db
    .select({ createdAt: sql<string>`${products.createdAt}::text`, id: products.id })
    .from(products)
    .where(shown)
    .orderBy(creationOrder)
    .offset((file - 1) * perFile)
    .limit(1);
  if (!start) return null;
  return pagesFrom(db, start, perFile, pageSize);
}

async function* pagesFrom(
  db: Database,
  start: { createdAt: string; id: string },
  count: number,
  pageSize: number,
): AsyncGenerator<SitemapEntry[]> {
  type Row = SitemapEntry & { createdAt: string; id: string; shown: boolean };
  let after = sql`(${products.createdAt}, ${products.id}) >= (${start.createdAt}::timestamptz, ${start.id}::uuid)`;
  for (let left = count; left > 0; ) {
    // The next active products by the index, then the offer check for just those, one index
    // lookup each. (Asked as EXISTS, the planner hashes every product's variants per page.)
    const result = await db.execute(sql`
      select page.slug, page.lastmod, page.created_text as "createdAt", page.id,
        offer.id is not null as shown
      from (
        select ${products.id}, ${products.slug}, ${w3c(products.updatedAt)} as lastmod,
          ${products.createdAt}, ${products.createdAt}::text as created_text
        from ${products}
        where ${products.status} = 'active' and ${after}
        order by ${creationOrder}
        limit ${pageSize}
      ) page
      left join lateral (
        select v.id from ${variants} v join ${variantPrices} vp on vp.variant_id = v.id
        where v.product_id = page.id and v.archived_at is null
        limit 1
      ) offer on true
      order by page.created_at, page.id`);
    const rows = rowsOf<Row>(result);
    const last = rows.at(-1);
    if (!last) return;
    const page = rows
      .filter((r) => r.shown)
      .slice(0, left)
      .map(({ slug, lastmod }) => ({ slug, lastmod }));
    if (page.length > 0) yield page;
    left -= page.length;
    after = sql`(${products.createdAt}, ${products.id}) > (${last.createdAt}::timestamptz, ${last.id}::uuid)`;
  }
}

/**
 * Slugs of the categories worth a search engine's visit: those with a shown product in them or
 * in a subcategory, in the shop's order. (Empty ones have pages too, but nothing on them.)
 */
export async function sitemapCategorySlugs(db: Database): Promise<string[]> {
  const result = await db.execute<{ slug: string }>(sql`
    with recursive ancestry as (
      select ${categories.id} as id, ${categories.id} as ancestor from ${categories}
      union
      select a.id, c.parent_id from ancestry a join ${categories} c on c.id = a.ancestor
      where c.parent_id is not null
    )
    select c.slug from ${categories} c
    where exists (
      select 1 from ancestry a join ${products} on ${products.categoryId} = a.id
      where a.ancestor = c.id and ${shown})
    order by c.position, c.name`);
  return rowsOf<{ slug: string }>(result).map((r) => r.slug);
}
