'use client';

import { useSuspenseQuery } from '@tanstack/react-query';
import {
  type ActiveFilter,
  activeFilters,
  clearFilters,
  withoutFilter,
} from '@/lib/listing-filters';
import { priceRangeLabel } from '@/lib/price-range';
import { useTRPC } from '@/trpc/react';
import { linkClass } from '../ui/styles';
import { ListingLink, useListingNavigation } from './listing-navigation';

/** The chosen filters as chips that remove themselves, and "Clear all". */
export function FilterChips() {
  const { state, currency } = useListingNavigation();
  const trpc = useTRPC();
  // The shop layout prefetches the categories for the header.
  const { data: categories } = useSuspenseQuery(trpc.catalog.categories.queryOptions({ currency }));
  const filters = activeFilters(state);
  if (filters.length === 0) return null;

  const label = (filter: ActiveFilter) => {
    switch (filter.kind) {
      case 'category':
        return categories.find((c) => c.slug === filter.slug)?.name ?? filter.slug;
      case 'option':
        return `${filter.name}: ${filter.value}`;
      case 'price':
        return priceRangeLabel(filter.min, filter.max, currency);
      case 'stock':
        return 'In stock';
    }
  };

  return (
    <div className="flex flex-wrap items-center gap-2">
      <ul aria-label="Active filters" className="flex flex-wrap gap-2">
        {filters.map((filter) => {
          const text = label(filter);
          return (
            <li key={`${filter.kind}:${text}`}>
              <ListingLink
                to={withoutFilter(state, filter)}
                aria-label={`Remove filter ${text}`}
                className="inline-flex items-center gap-1.5 rounded-full bg-white py-1 pr-2 pl-3 text-sm text-stone-800 shadow-sm ring-1 ring-stone-300 transition-colors hover:bg-stone-100 hover:ring-stone-400"
              >
                {text}
                <svg
                  aria-hidden="true"
                  viewBox="0 0 20 20"
                  fill="currentColor"
                  className="size-4 text-stone-400"
                >
                  <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
                </svg>
              </ListingLink>
            </li>
          );
        })}
      </ul>
      <ListingLink to={clearFilters(state)} className={`px-1 text-sm ${linkClass}`}>
        Clear all
      </ListingLink>
    </div>
  );
}
