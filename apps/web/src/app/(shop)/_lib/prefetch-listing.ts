import 'server-only';

import type { ProductPage } from '@bazaar/contracts';
import type { ListingState } from '@/lib/listing-params';
import { type ListingContext, listingFacetsInput, listingPageInput } from '@/lib/listing-query';
import { getQueryClient, getTRPC, trpcErrorCode } from '@/trpc/server';

export type PrefetchedListing =
  | { cursorExpired: false; page: ProductPage }
  | { cursorExpired: true; page: null };

/**
 * Fetches a listing's page and facets into the request's query client, for the browser to
 * hydrate. A cursor the API refuses (tampered, or the catalogue changed) is not an error page:
 * the listing says so and offers the first page.
 */
export async function prefetchListing(
  state: ListingState,
  context: ListingContext,
): Promise<PrefetchedListing> {
  const queryClient = getQueryClient();
  const trpc = getTRPC();
  const [page, facets] = await Promise.allSettled([
    queryClient.fetchQuery(
      trpc.catalog.products.list.queryOptions(listingPageInput(state, context)),
    ),
    queryClient.fetchQuery(
      trpc.catalog.products.facets.queryOptions(listingFacetsInput(state, context)),
    ),
  ]);
  if (facets.status === 'rejected') throw facets.reason;
  if (page.status === 'fulfilled') return { cursorExpired: false, page: page.value };
  if (state.cursor && trpcErrorCode(page.reason) === 'BAD_REQUEST') {
    return { cursorExpired: true, page: null };
  }
  throw page.reason;
}
