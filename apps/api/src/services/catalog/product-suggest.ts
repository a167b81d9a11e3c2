import type { ProductSuggestInput, ProductSuggestions } from '@bazaar/contracts/server';
import type { Database } from '@bazaar/db';
import { sql } from 'drizzle-orm';
import { limitOf, rowsOf } from '../../db.ts';
import { resolveCurrency } from '../pricing/currencies.ts';
import { firstImageJson, searchQuery } from './listing-filters.ts';
import { resolveSearch, searchWords } from './search-words.ts';

interface SuggestRow {
  products: {
    slug: string;
    title: string;
    price: string;
    image: ProductSuggestions['products'][number]['image'];
  }[];
  categories: { slug: string; name: string }[];
}

/** Search-as-you-type: the best products for the words so far (the last one a prefix), and categories. */
export async function suggestProducts(
  db: Database,
  input: Required<Pick<ProductSuggestInput, 'q' | 'limit'>> & { currency?: string | undefined },
): Promise<ProductSuggestions> {
  const words = searchWords(input.q);
  const [currency, search] = await Promise.all([
    resolveCurrency(db, input.currency),
    resolveSearch(db, words, { lastIsPrefix: true }),
  ]);
  if (!search) return { currency, products: [], categories: [], searchedFor: null };
  const phrase = words.join(' ');
  const query = searchQuery(search.tsquery);
  const result = await db.execute(sql`
    select
      (select coalesce(json_agg(s order by s.rank desc, s.title), '[]') from (
        select p.slug, p.title, top.price_min::text as price, top.rank,
          ${firstImageJson(sql`p.id`)} as image
        from (
          select pl.product_id, pl.price_min, pl.title_key,
            ts_rank(pl.search_vector, ${query}) as rank
          from product_listings pl
          where pl.currency = ${currency} and pl.search_vector @@ ${query}
          order by rank desc, pl.title_key ${limitOf(input.limit)}) top
        join products p on p.id = top.product_id) s) as products,
      (select coalesce(json_agg(json_build_object('slug', c.slug, 'name', c.name) order by c.sim desc, c.name), '[]') from (
        select slug, name, word_similarity(${phrase}, lower(name)) as sim from categories
        where lower(name) like ${`%${phrase}%`} or word_similarity(${phrase}, lower(name)) >= 0.5
        order by sim desc, name limit 3) c) as categories`);
  const row = rowsOf<SuggestRow>(result)[0];
  return {
    currency,
    products: (row?.products ?? []).map((p) => ({
      slug: p.slug,
      title: p.title,
      priceMin: { amount: Number(p.price), currency },
      image: p.image,
    })),
    categories: row?.categories ?? [],
    searchedFor: search.searchedFor,
  };
}
