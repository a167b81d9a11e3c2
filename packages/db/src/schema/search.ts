import {
  bigint,
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { categories, products, tsvector } from './catalog.ts';
import { currencies } from './pricing.ts';

/**
 * What the storefront browses: one row per product on sale and currency it sells in, with what
 * listings filter and sort by. A read model kept by triggers (migration 0011) from products,
 * variants, prices, stock and options, so every writer (the editor, CSV imports, checkouts, plain
 * SQL) keeps it true, and a listing page reads one narrow table instead of aggregating variants.
 *
 * A product has a row for a currency when it is active and a live variant has a price in it.
 * `in_stock` follows stock only when it flips, so checkouts do not rewrite it on every sale.
 */
export const productListings = pgTable(
  'product_listings',
  {
    productId: uuid()
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    currency: text()
      .notNull()
      .references(() => currencies.code, { onDelete: 'cascade', onUpdate: 'cascade' }),
    categoryId: uuid()
      .notNull()
      .references(() => categories.id, { onDelete: 'cascade' }),
    /** The cheapest and dearest live variant in this currency, minor units. */
    priceMin: bigint({ mode: 'number' }).notNull(),
    priceMax: bigint({ mode: 'number' }).notNull(),
    /** The cheapest variant's "was" price. */
    compareAt: bigint({ mode: 'number' }),
    inStock: boolean().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    /** Sorting "by name": the title in lower case. */
    titleKey: text().notNull(),
    /** `Option␟Value` (U+001F between) for every value a live variant has: the option facets. */
    optionValues: text().array().notNull(),
    /**
     * `option_values` as a number (see `listingOptionSets`), set by a trigger (migration 0016). No
     * foreign key: sets are never deleted, and a key check on every listing write buys nothing.
     */
    optionSetId: integer().notNull(),
    /**
     * The product's `search_vector`, copied: a search reads one GIN index on (currency, words)
     * and ranks from the listing row, instead of joining every match to its product (migration
     * 0014, btree_gin).
     */
    searchVector: tsvector().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.currency, t.productId] }),
    index('product_listings_newest_idx').on(t.currency, t.createdAt.desc(), t.productId.desc()),
    index('product_listings_price_idx').on(t.currency, t.priceMin, t.productId),
    index('product_listings_name_idx').on(t.currency, t.titleKey, t.productId),
    index('product_listings_category_idx').on(
      t.currency,
      t.categoryId,
      t.createdAt.desc(),
      t.productId.desc(),
    ),
    index('product_listings_options_idx').using('gin', t.optionValues),
    index('product_listings_product_idx').on(t.productId),
    index('product_listings_search_idx').using('gin', t.currency, t.searchVector),
    // What facets group a currency's listings by, read without visiting the table.
    index('product_listings_facet_idx').on(
      t.currency,
      t.categoryId,
      t.inStock,
      t.optionSetId,
      t.priceMin,
    ),
  ],
);

/**
 * Each distinct `option_values` of the listings, numbered: facets group listings by this number
 * and read the values once per group. Grouping 100,000 listings by their arrays of text took most
 * of a price range's facets; there are a few hundred sets. A set may (rarely, when two writers
 * add it at once) have two numbers: each is still exact, as counts are summed over groups.
 */
export const listingOptionSets = pgTable(
  'listing_option_sets',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    optionValues: text().array().notNull(),
  },
  // A hash index: a btree's entries are limited to ~2.7 kB, an array of option values is not.
  (t) => [index('listing_option_sets_values_idx').using('hash', t.optionValues)],
);

/**
 * Every word of the shown catalog's titles and descriptions (lower case, as written): what a
 * misspelt search word is corrected to, by trigram similarity. Kept by a trigger on products
 * (only active ones, so a draft's words are never suggested).
 */
export const searchTerms = pgTable(
  'search_terms',
  {
    term: text().primaryKey(),
  },
  (t) => [index('search_terms_trgm_idx').using('gist', t.term.op('gist_trgm_ops'))],
);

/**
 * One row: a number raised when a transaction that changed what the storefront shows commits
 * (deferred triggers, migration 0011). API instances compare it to decide whether their cached
 * catalog reads are still current.
 */
export const catalogVersions = pgTable('catalog_versions', {
  id: boolean().primaryKey().default(true),
  version: bigint({ mode: 'number' }).notNull().default(1),
  changedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
