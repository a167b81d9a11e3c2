import type { Metadata } from 'next';
import { Container } from '@/components/container';
import { CatalogBrowser } from '@/components/listing/catalog-browser';
import { parseListingParams, type RawSearchParams } from '@/lib/listing-params';
import { SEARCH_PAGE_SIZE } from '@/lib/listing-query';
import { getQueryClient, getTRPC, HydrateClient } from '@/trpc/server';
import { getShopCurrency } from '@/trpc/shop-currency';
import { prefetchListing } from '../_lib/prefetch-listing';

export const dynamic = 'force-dynamic';

interface Props {
  searchParams: Promise<RawSearchParams>;
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { current: currency } = await getShopCurrency();
  const { q } = parseListingParams(await searchParams, currency);
  return {
    title: q ? `Search results for “${q}”` : 'All products',
    // Endless combinations of words and filters: crawlers follow the links, index the products.
    robots: { index: false, follow: true },
  };
}

export default async function SearchPage({ searchParams }: Props) {
  const { current: currency } = await getShopCurrency();
  const parsed = parseListingParams(await searchParams, currency);
  const categories = await getQueryClient().fetchQuery(
    getTRPC().catalog.categories.queryOptions({ currency }),
  );
  // A category renamed or deleted since the link was made is dropped, not a 404.
  const state =
    parsed.category && !categories.some((c) => c.slug === parsed.category)
      ? { ...parsed, category: null }
      : parsed;
  const context = { currency, limit: SEARCH_PAGE_SIZE };
  const listing = await prefetchListing(state, context);
  const searchedFor = listing.page?.searchedFor ?? null;

  return (
    <HydrateClient>
      <div className="border-stone-200/80 border-b bg-white">
        <Container className="py-10 sm:py-12">
          <p className="font-medium text-brand-700 text-sm uppercase tracking-widest">
            {state.q ? 'Search results' : 'Browse'}
          </p>
          <h1 className="mt-3 break-words font-display font-semibold text-4xl text-stone-900 tracking-tight sm:text-5xl">
            {state.q ? `“${state.q}”` : 'All products'}
          </h1>
          {searchedFor ? (
            <p className="mt-3 text-lg text-stone-600">
              Showing results for{' '}
              <strong className="font-semibold text-stone-900">{searchedFor}</strong>
            </p>
          ) : null}
        </Container>
      </div>
      <Container className="pt-10 pb-24">
        <h2 className="sr-only">Products</h2>
        <CatalogBrowser
          path="/search"
          state={state}
          context={context}
          label="Search results"
          cursorExpired={listing.cursorExpired}
        />
      </Container>
    </HydrateClient>
  );
}
