'use client';

import { useSuspenseQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { topLevelCategories } from '@/lib/categories';
import { activeFilters, clearFilters } from '@/lib/listing-filters';
import { useTRPC } from '@/trpc/react';
import { buttonClass, emptyStateClass } from '../ui/styles';
import { ListingLink, useListingNavigation } from './listing-navigation';

/** Nothing matches: say what was asked for, and offer ways out. */
export function ListingEmpty() {
  const { state, currency } = useListingNavigation();
  const trpc = useTRPC();
  const { data: categories } = useSuspenseQuery(trpc.catalog.categories.queryOptions({ currency }));
  const filtered = activeFilters(state).length > 0;
  const asked = state.q ? `“${state.q}”` : 'these filters';

  return (
    <div className={`${emptyStateClass} py-16`}>
      <p className="font-display font-semibold text-stone-900 text-xl">
        No products match {asked}
        {state.q && filtered ? ' with these filters' : ''}
      </p>
      <ul className="mx-auto mt-3 max-w-md space-y-1 text-stone-600">
        {filtered ? <li>Try fewer filters: each one narrows the results further.</li> : null}
        {state.q ? <li>Check the spelling, or try a more general word.</li> : null}
      </ul>
      <div className="mt-6 flex flex-wrap justify-center gap-3">
        {filtered ? (
          <ListingLink to={clearFilters(state)} className={buttonClass('primary')}>
            Clear all filters
          </ListingLink>
        ) : null}
        {state.q ? (
          <Link href="/search" className={buttonClass('secondary')}>
            Browse all products
          </Link>
        ) : null}
      </div>
      <nav aria-label="Browse categories" className="mt-8">
        <p className="text-stone-500 text-xs uppercase tracking-wider">Or browse a category</p>
        <ul className="mt-3 flex flex-wrap justify-center gap-2">
          {topLevelCategories(categories).map((category) => (
            <li key={category.id}>
              <Link
                href={`/c/${category.slug}`}
                className="inline-flex rounded-full bg-stone-100 px-3 py-1 text-sm text-stone-700 transition-colors hover:bg-stone-200 hover:text-stone-900"
              >
                {category.name}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}
