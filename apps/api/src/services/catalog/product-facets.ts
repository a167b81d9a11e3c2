import type { ProductFacets, ProductFilters } from '@bazaar/contracts/server';
import { notFound } from '@bazaar/contracts/server';
import type { Database } from '@bazaar/db';
import { type SQL, sql } from 'drizzle-orm';
import { rowsOf } from '../../db.ts';
import { resolveCurrency } from '../pricing/currencies.ts';
import { facetsAreKept } from './listing-counts.ts';
import {
  categoryExists,
  categoryTree,
  hasOption,
  OPTION_SEPARATOR,
  optionFilters,
  resolvedFilters,
  searchQuery,
} from './listing-filters.ts';
import { sortOptionValues } from './option-order.ts';
import { keptFacetRow } from './product-facets-kept.ts';
import { resolveSearch, searchWords } from './search-words.ts';

export interface FacetRow {
  total: number;
  category_found: boolean;
  category_counts: { id: string; count: number }[];
  categories: { id: string; slug: string; name: string; parentId: string | null }[];
  option_counts: { v: string; count: number }[];
  price: { min: string | null; max: string | null };
  in_stock: number;
}

/**
 * Facet counts in one statement: the rows matching the search (and currency) are read once, each
 * marked with which of the other filters it meets; every facet then counts the rows meeting all
 * filters but its own, so a count says what choosing that value would give.
 */
export async function productFacets(db: Database, input: ProductFilters): Promise<ProductFacets> {
  const [currency, search] = await Promise.all([
    resolveCurrency(db, input.currency),
    resolveSearch(db, searchWords(input.q)),
  ]);
  const f = resolvedFilters(input, currency, search);
  const options = optionFilters(f.options);
  // The names of the option filters a group fails; a value of option X counts when X is the only one.
  const fails =
    options.length > 0
      ? sql`array_remove(array[${sql.join(
          options.map(
            (o) => sql`case when ${hasOption('o', o.values)} then null else ${o.name}::text end`,
          ),
          sql`, `,
        )}], null)`
      : sql`'{}'::text[]`;
  const priceChecks = [
    f.priceMin !== undefined ? sql`pl.price_min >= ${f.priceMin}` : null,
    f.priceMax !== undefined ? sql`pl.price_min <= ${f.priceMax}` : null,
  ].filter((c) => c !== null);

  // The matches are grouped once by what the counts tell apart (category, stock, option values),
  // each group keeping how many of its rows are in the price range and the range of all its
  // prices; every facet is then summed over the groups. A common word's 10,903 matches make ~350
  // groups, and this took half the time of keeping the matches and reading them once per facet
  // (17 vs 33 ms). Listings are grouped by the number of their option values (migration 0016),
  // whose values are read once per group, in the order of the index that holds every column
  // grouped on: with no search, PostgreSQL reads that index alone and counts each group as it
  // passes, with no hash table (a price range's facets over 100,000 listings: ~95 -> ~17 ms).
  // Each sum's condition names only the filters chosen: a constant `true` column still counts as
  // a filter to the planner, which then expects a handful of rows and sorts where it should hash.
  const meets = (...conditions: (SQL | false)[]) => {
    const chosen = conditions.filter((c) => c !== false);
    return chosen.length > 0 ? sql`where ${sql.join(chosen, sql` and `)}` : sql``;
  };
  const catOk = !!f.categorySlug && sql`cat_ok`;
  const stockOk = !!f.inStock && sql`in_stock`;
  const optionsOk = options.length > 0 && sql`cardinality(fails) = 0`;
  const optionOk =
    options.length > 0 &&
    sql`(cardinality(fails) = 0 or (cardinality(fails) = 1 and fails[1] = split_part(v, ${OPTION_SEPARATOR}, 1)))`;

  // Unfiltered and category pages: from the kept counts (product-facets-kept.ts).
  const result = facetsAreKept(f)
    ? null
    : await db.execute(sql`
    with s as (
      select pl.category_id, pl.in_stock, pl.option_set_id,
        count(*) ${priceChecks.length > 0 ? sql`filter (where ${sql.join(priceChecks, sql` and `)})` : sql``} as n,
        min(pl.price_min) as price_lo, max(pl.price_min) as price_hi
      from product_listings pl
      where pl.currency = ${currency} ${search ? sql`and pl.search_vector @@ ${searchQuery(search.tsquery)}` : sql``}
      group by 1, 2, 3
    ), g as materialized (
      select s.category_id, s.in_stock, o.option_values, s.n, s.price_lo, s.price_hi,
        ${f.categorySlug ? sql`s.category_id in ${categoryTree(f.categorySlug)}` : sql`true`} as cat_ok,
        ${fails} as fails
      from s join listing_option_sets o on o.id = s.option_set_id
    )
    select
      (select coalesce(sum(n), 0) from g ${meets(catOk, stockOk, optionsOk)})::int as total,
      ${categoryExists(f.categorySlug)} as category_found,
      (select coalesce(json_agg(json_build_object('id', category_id, 'count', n)), '[]') from (
        select category_id, sum(n)::int as n from g
        ${meets(stockOk, optionsOk)} group by category_id having sum(n) > 0) x) as category_counts,
      (select coalesce(json_agg(json_build_object('id', id, 'slug', slug, 'name', name, 'parentId', parent_id)
        order by position, name), '[]') from categories) as categories,
      (select coalesce(json_agg(json_build_object('v', v, 'count', n)), '[]') from (
        select v, sum(n)::int as n from (
          select unnest(option_values) as v, fails, n from g ${meets(catOk, stockOk)}
        ) u ${meets(optionOk)}
        group by v having sum(n) > 0) x) as option_counts,
      (select json_build_object('min', min(price_lo)::text, 'max', max(price_hi)::text)
        from g ${meets(catOk, stockOk, optionsOk)}) as price,
      (select coalesce(sum(n), 0) from g ${meets(catOk, optionsOk, sql`in_stock`)})::int as in_stock`);
  const row = result ? rowsOf<FacetRow>(result)[0] : await keptFacetRow(db, f);
  if (!row) throw new Error('facet query returned no row');
  if (!row.category_found) throw notFound('Category');
  const money = (amount: string) => ({ amount: Number(amount), currency });
  return {
    currency,
    total: Number(row.total),
    categories: categoryFacet(row.categories, row.category_counts),
    options: optionFacet(row.option_counts),
    price:
      row.price.min !== null && row.price.max !== null
        ? { min: money(row.price.min), max: money(row.price.max) }
        : null,
    inStock: Number(row.in_stock),
  };
}

/** Each category's count with its descendants', in tree order; empty ones left out. */
function categoryFacet(
  all: FacetRow['categories'],
  counts: FacetRow['category_counts'],
): ProductFacets['categories'] {
  const byId = new Map(all.map((c) => [c.id, { ...c, count: 0 }]));
  for (const { id, count } of counts) {
    const seen = new Set<string>();
    for (let at: string | null = id; at && !seen.has(at); at = byId.get(at)?.parentId ?? null) {
      seen.add(at);
      const node = byId.get(at);
      if (node) node.count += count;
    }
  }
  return [...byId.values()]
    .filter((c) => c.count > 0)
    .map((c) => ({
      slug: c.slug,
      name: c.name,
      parentSlug: c.parentId ? (byId.get(c.parentId)?.slug ?? null) : null,
      count: c.count,
    }));
}

/** Options by how many products have them, values in their natural order (S, M, L; 2, 10). */
function optionFacet(counts: FacetRow['option_counts']): ProductFacets['options'] {
  const byName = new Map<string, { value: string; count: number }[]>();
  for (const { v, count } of counts) {
    const at = v.indexOf(OPTION_SEPARATOR);
    const name = v.slice(0, at);
    const values = byName.get(name) ?? [];
    values.push({ value: v.slice(at + 1), count });
    byName.set(name, values);
  }
  const weight = (values: { count: number }[]) => values.reduce((sum, v) => sum + v.count, 0);
  return [...byName.entries()]
    .sort(([a, av], [b, bv]) => weight(bv) - weight(av) || a.localeCompare(b))
    .map(([name, values]) => ({ name, values: sortOptionValues(values) }));
}
