'use client';

import type { ProductSort } from '@bazaar/contracts';
import { useId, useRef } from 'react';
import { refineListing } from '@/lib/listing-filters';
import { chosenSort, defaultSort, hasSearchWords, sortChoices } from '@/lib/listing-sort';
import { useEarlyValue } from '@/lib/use-early-input';
import { useListingNavigation } from './listing-navigation';

/** The listing's order, sorted by the API (relevance only offered when searching). */
export function SortSelect() {
  const { state, navigate } = useListingNavigation();
  const id = useId();
  const searching = hasSearchWords(state.q);
  const sort = state.sort ?? defaultSort(searching);
  const selectRef = useRef<HTMLSelectElement>(null);
  const sortBy = (value: string) =>
    navigate(refineListing(state, { sort: chosenSort(value as ProductSort, searching) }));
  useEarlyValue(selectRef, sort, sortBy);
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="whitespace-nowrap text-sm text-stone-600">
        Sort by
      </label>
      <div className="relative">
        <select
          ref={selectRef}
          id={id}
          value={sort}
          onChange={(event) => sortBy(event.currentTarget.value)}
          className="appearance-none rounded-full border-0 bg-white py-1.5 pr-9 pl-3.5 font-medium text-sm text-stone-800 shadow-sm ring-1 ring-stone-300 hover:ring-stone-400 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
        >
          {sortChoices(searching).map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
        <svg
          aria-hidden="true"
          viewBox="0 0 20 20"
          fill="currentColor"
          className="pointer-events-none absolute top-1/2 right-3 size-4 -translate-y-1/2 text-stone-500"
        >
          <path
            fillRule="evenodd"
            d="M5.22 8.22a.75.75 0 0 1 1.06 0L10 11.94l3.72-3.72a.75.75 0 1 1 1.06 1.06l-4.25 4.25a.75.75 0 0 1-1.06 0L5.22 9.28a.75.75 0 0 1 0-1.06Z"
            clipRule="evenodd"
          />
        </svg>
      </div>
    </div>
  );
}
