import { type SQL, sql } from 'drizzle-orm';
import { categoryTree, type ListingFilters, optionFilters } from './listing-filters.ts';

/**
 * `product_listing_counts` (migration 0013) answers counts by currency, category, stock and one
 * option value without reading the listings: 100,000 of them took ~30 ms to count, the kept sums
 * well under 1 ms. A search, a price range or several option values need the listings read.
 */

/** The facet key of the filters' one option value, '' for none; undefined when not answerable. */
function keptFacet(f: ListingFilters): string | undefined {
  if (f.tsquery !== null || f.priceMin !== undefined || f.priceMax !== undefined) return undefined;
  const options = optionFilters(f.options);
  if (options.length === 0) return '';
  if (options.length === 1 && options[0]?.values.length === 1) return options[0].values[0];
  return undefined;
}

/** The kept rows of a currency in the filters' category (all when none), summed per key. */
export const keptCounts = (f: ListingFilters, columns: SQL) => sql`(
  select ${columns}, sum(n)::int as n from product_listing_counts
  where currency = ${f.currency}
    ${f.categorySlug ? sql`and category_id in ${categoryTree(f.categorySlug)}` : sql``}
  group by ${columns} having sum(n) <> 0)`;

/** The number of listings the filters match, from the kept counts; null when they cannot say. */
export function keptTotal(f: ListingFilters): SQL | null {
  const facet = keptFacet(f);
  if (facet === undefined) return null;
  return sql`(select coalesce(sum(k.n), 0)::int
    from ${keptCounts(f, sql`in_stock, facet`)} k
    where k.facet = ${facet} ${f.inStock ? sql`and k.in_stock` : sql``})`;
}

/** Facets come from the kept counts when only the category and "in stock" are chosen. */
export const facetsAreKept = (f: ListingFilters) => keptFacet(f) === '';
