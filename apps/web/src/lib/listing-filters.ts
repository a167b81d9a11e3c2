import type { ListingState } from './listing-params';

/**
 * Moves between listing states. Any change of what is listed or how it is sorted starts again at
 * the first page: a cursor is only valid for the results it was made from.
 */

/** The state with `change` applied, back on the first page. */
export function refineListing(state: ListingState, change: Partial<ListingState>): ListingState {
  return { ...state, ...change, cursor: null, page: 1 };
}

/** Adds or removes one accepted value of an option. */
export function toggleOptionValue(state: ListingState, name: string, value: string): ListingState {
  const current = state.options[name] ?? [];
  const values = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  const options = { ...state.options };
  if (values.length > 0) options[name] = values;
  else delete options[name];
  return refineListing(state, { options });
}

/** The next page, reached with the API's `nextCursor`. */
export function nextListingPage(state: ListingState, cursor: string): ListingState {
  return { ...state, cursor, page: state.page + 1 };
}

/** The same listing from its first page. */
export function firstListingPage(state: ListingState): ListingState {
  return { ...state, cursor: null, page: 1 };
}

/** A filter the shopper chose, as a removable chip shows it. */
export type ActiveFilter =
  | { kind: 'category'; slug: string }
  | { kind: 'option'; name: string; value: string }
  | { kind: 'price'; min: number | null; max: number | null }
  | { kind: 'stock' };

/** The filters in effect, in the order the sidebar shows them. The search words are not one. */
export function activeFilters(state: ListingState): ActiveFilter[] {
  const filters: ActiveFilter[] = [];
  if (state.category) filters.push({ kind: 'category', slug: state.category });
  for (const [name, values] of Object.entries(state.options)) {
    for (const value of values) filters.push({ kind: 'option', name, value });
  }
  if (state.priceMin !== null || state.priceMax !== null) {
    filters.push({ kind: 'price', min: state.priceMin, max: state.priceMax });
  }
  if (state.inStock) filters.push({ kind: 'stock' });
  return filters;
}

/** The state without one of its filters. */
export function withoutFilter(state: ListingState, filter: ActiveFilter): ListingState {
  switch (filter.kind) {
    case 'category':
      return refineListing(state, { category: null });
    case 'option':
      return toggleOptionValue(state, filter.name, filter.value);
    case 'price':
      return refineListing(state, { priceMin: null, priceMax: null });
    case 'stock':
      return refineListing(state, { inStock: false });
  }
}

/** Every filter removed; the search words and the sort stay. */
export function clearFilters(state: ListingState): ListingState {
  return refineListing(state, {
    category: null,
    options: {},
    priceMin: null,
    priceMax: null,
    inStock: false,
  });
}
