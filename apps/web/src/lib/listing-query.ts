import type { ProductFilters, ProductListInput } from '@bazaar/contracts';
import type { ListingState } from './listing-params';

/** Products per page of the search page. */
export const SEARCH_PAGE_SIZE = 24;

/** Where a listing is shown: its currency, page size and, on a category page, the category. */
export interface ListingContext {
  currency: string;
  limit: number;
  /** The category page's own category; on the search page the state's filter applies. */
  categorySlug?: string | undefined;
}

/**
 * `catalog.products.facets` input for a listing, without `undefined` keys (so the server's
 * prefetch and the browser build the same query key).
 */
export function listingFacetsInput(state: ListingState, context: ListingContext): ProductFilters {
  const input: ProductFilters = { currency: context.currency };
  if (state.q) input.q = state.q;
  const categorySlug = context.categorySlug ?? state.category;
  if (categorySlug) input.categorySlug = categorySlug;
  if (Object.keys(state.options).length > 0) input.options = state.options;
  if (state.priceMin !== null) input.priceMin = state.priceMin;
  if (state.priceMax !== null) input.priceMax = state.priceMax;
  if (state.inStock) input.inStock = true;
  return input;
}

/** `catalog.products.list` input for a listing's page, without `undefined` keys. */
export function listingPageInput(state: ListingState, context: ListingContext): ProductListInput {
  const input: ProductListInput = { ...listingFacetsInput(state, context), limit: context.limit };
  if (state.sort) input.sort = state.sort;
  if (state.cursor) input.cursor = state.cursor;
  return input;
}

/** "Showing 25–48 of 312": the first and last position on a page, 1-based. */
export function pageRange(
  page: number,
  limit: number,
  itemsOnPage: number,
): { from: number; to: number } {
  const from = (page - 1) * limit + 1;
  return { from, to: from + itemsOnPage - 1 };
}
