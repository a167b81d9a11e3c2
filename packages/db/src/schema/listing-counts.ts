import { boolean, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';

/**
 * How many listings (products, per currency) there are by category, stock and option value: what
 * an unfiltered or category page counts and its facets show, without counting 100,000 rows. Kept
 * by triggers on `product_listings` (migration 0013) as signed changes, which each writer inserts
 * (never updating a shared row, so writers neither wait for nor deadlock on each other) and
 * folds together when nobody holds them: a key's count is the sum of its rows.
 *
 * `facet` is '' for the listing itself, `Option␟Value` for each value it has.
 */
export const productListingCounts = pgTable(
  'product_listing_counts',
  {
    currency: text().notNull(),
    categoryId: uuid().notNull(),
    inStock: boolean().notNull(),
    facet: text().notNull(),
    n: integer().notNull(),
  },
  (t) => [index('product_listing_counts_key_idx').on(t.currency, t.categoryId, t.inStock, t.facet)],
);
