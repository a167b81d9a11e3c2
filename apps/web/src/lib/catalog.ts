/** Products per page on category pages. */
export const CATEGORY_PAGE_SIZE = 12;
/** Products in the home page's "New arrivals" strip. */
export const FEATURED_COUNT = 8;

export interface ProductListQuery {
  categorySlug?: string;
  limit: number;
  cursor?: string;
  currency: string;
}

/**
 * Builds `catalog.products.list` input without `undefined` keys, so the server prefetch and the
 * client's `useSuspenseQuery` always produce the same query key.
 */
export function productListQuery(opts: {
  categorySlug?: string | undefined;
  limit: number;
  cursor?: string | undefined;
  currency: string;
}): ProductListQuery {
  const input: ProductListQuery = { limit: opts.limit, currency: opts.currency };
  if (opts.categorySlug) input.categorySlug = opts.categorySlug;
  if (opts.cursor) input.cursor = opts.cursor;
  return input;
}
