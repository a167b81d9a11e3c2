import {
  type AdminProductSort,
  adminProductSortSchema,
  type ProductStatus,
  productStatusSchema,
  type StockFilter,
  stockFilterSchema,
} from '@bazaar/contracts';
import { listHref, type SearchParams, searchParam } from './list-url';

/** Products per page in the admin's list. */
export const ADMIN_PRODUCT_PAGE_SIZE = 50;

export interface AdminProductQuery {
  limit: number;
  sort: AdminProductSort;
  search?: string;
  status?: ProductStatus;
  categoryId?: string;
  stock?: StockFilter;
  cursor?: string;
}

/**
 * The list's query from the page's URL (filters live in the URL: shareable, back/forward works).
 * Unknown values are dropped rather than sent, and keys without a value are left out, so the
 * server prefetch and the browser build the same query key.
 */
export function adminProductQuery(params: SearchParams): AdminProductQuery {
  const query: AdminProductQuery = {
    limit: ADMIN_PRODUCT_PAGE_SIZE,
    sort: adminProductSortSchema.catch('updated').parse(searchParam(params, 'sort')),
  };
  const search = searchParam(params, 'q')?.trim().slice(0, 100);
  if (search) query.search = search;
  const status = productStatusSchema.safeParse(searchParam(params, 'status'));
  if (status.success) query.status = status.data;
  const stock = stockFilterSchema.safeParse(searchParam(params, 'stock'));
  if (stock.success) query.stock = stock.data;
  const category = searchParam(params, 'category');
  if (category && /^[0-9a-f-]{36}$/i.test(category)) query.categoryId = category;
  const cursor = searchParam(params, 'cursor');
  if (cursor) query.cursor = cursor;
  return query;
}

/** The URL of the list with `changes` applied; a new filter starts again at the first page. */
export function adminProductHref(
  current: AdminProductQuery,
  changes: Partial<
    Record<'q' | 'status' | 'stock' | 'category' | 'sort' | 'cursor', string | undefined>
  >,
): string {
  return listHref('/admin/products', {
    q: current.search,
    status: current.status,
    stock: current.stock,
    category: current.categoryId,
    sort: current.sort === 'updated' ? undefined : current.sort,
    cursor: undefined,
    ...changes,
  });
}
