'use client';

import { useSuspenseQuery } from '@tanstack/react-query';
import { firstListingPage } from '@/lib/listing-filters';
import type { ListingState } from '@/lib/listing-params';
import { type ListingContext, listingFacetsInput } from '@/lib/listing-query';
import { useTRPC } from '@/trpc/react';
import { ExpiredCursorNotice } from './expired-cursor-notice';
import { FacetPanel } from './facet-panel';
import { FilterChips } from './filter-chips';
import { FiltersDialog } from './filters-dialog';
import { ListingNavigationProvider, useListingNavigation } from './listing-navigation';
import { ListingResults } from './listing-results';
import { SortSelect } from './sort-select';

interface CatalogBrowserProps {
  /** The listing's own path (`/search`, `/c/outerwear`); its state lives in the query string. */
  path: string;
  /** The state the page was rendered for (parsed from the URL on the server). */
  state: ListingState;
  context: ListingContext;
  /** The product grid's accessible name. */
  label: string;
  /** The API refused the URL's cursor. */
  cursorExpired: boolean;
}

/**
 * A searchable, filterable, sortable product listing: the filter panel (a sheet on small
 * screens), the count, the sort, the chosen filters, the products and the paging. The page
 * prefetches both queries; changes navigate to the new URL and the page renders again with it.
 */
export function CatalogBrowser(props: CatalogBrowserProps) {
  return (
    <ListingNavigationProvider
      path={props.path}
      state={props.state}
      currency={props.context.currency}
    >
      <Browser {...props} />
    </ListingNavigationProvider>
  );
}

function Browser({ state, context, label, cursorExpired }: CatalogBrowserProps) {
  const trpc = useTRPC();
  const { pending, href } = useListingNavigation();
  // The rendered state, not the one being navigated to: its data is already here.
  const { data: facets } = useSuspenseQuery(
    trpc.catalog.products.facets.queryOptions(listingFacetsInput(state, context)),
  );
  const categoryBelow = context.categorySlug;

  return (
    <div className="lg:grid lg:grid-cols-[15rem_minmax(0,1fr)] lg:items-start lg:gap-10 xl:gap-14">
      <aside aria-label="Filters" className="hidden lg:block">
        <FacetPanel facets={facets} categoryBelow={categoryBelow} />
      </aside>

      <div className="min-w-0">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p role="status" className="font-medium text-sm text-stone-600 tabular-nums">
            {facets.total} {facets.total === 1 ? 'product' : 'products'}
          </p>
          <div className="flex items-center gap-2">
            <FiltersDialog facets={facets} categoryBelow={categoryBelow} />
            <SortSelect />
          </div>
        </div>
        <div className="mt-4 empty:hidden">
          <FilterChips />
        </div>
        <div
          aria-busy={pending || undefined}
          className={`mt-8 transition-opacity ${pending ? 'opacity-50 delay-150 duration-300' : ''}`}
        >
          {cursorExpired ? (
            <ExpiredCursorNotice firstPageHref={href(firstListingPage(state))} />
          ) : (
            <ListingResults state={state} context={context} label={label} />
          )}
        </div>
      </div>
    </div>
  );
}
