import { type AdminOrderListInput, type OrderStatus, orderStatusSchema } from '@bazaar/contracts';
import { z } from 'zod';
import { listHref, type SearchParams, searchParam } from '@/lib/list-url';

/** Orders per page in the admin's list. */
export const ADMIN_ORDER_PAGE_SIZE = 50;

/** The list's filters, as `admin.orders.list` takes them (absent keys left out). */
export interface AdminOrderQuery extends AdminOrderListInput {
  limit: number;
  status?: OrderStatus;
  from?: string;
  to?: string;
  customerId?: string;
  q?: string;
  cursor?: string;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL_OR_BREAK = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]+/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A search as the API's plain text takes it: control characters and line breaks become spaces,
 * at most 100 characters (never half a surrogate pair).
 */
function plainSearch(text: string | undefined): string | undefined {
  const q = text
    ?.replace(CONTROL_OR_BREAK, ' ')
    .trim()
    .slice(0, 100)
    .replace(LONE_SURROGATE, '')
    .trim();
  return q || undefined;
}

const isoDate = z.iso.date();
const uuid = z.uuid();
const cursor = z
  .string()
  .max(200)
  .regex(/^[\w-]+$/);

/**
 * The list's query from the page's URL (filters live in the URL: shareable, back/forward works).
 * Values the API would refuse are dropped rather than sent, so a mangled link still opens the
 * list, and the server prefetch and the browser build the same query key.
 */
export function adminOrderQuery(params: SearchParams): AdminOrderQuery {
  const query: AdminOrderQuery = { limit: ADMIN_ORDER_PAGE_SIZE };
  const status = orderStatusSchema.safeParse(searchParam(params, 'status'));
  if (status.success) query.status = status.data;
  const from = searchParam(params, 'from');
  if (from && isoDate.safeParse(from).success) query.from = from;
  const to = searchParam(params, 'to');
  if (to && isoDate.safeParse(to).success) query.to = to;
  const customerId = searchParam(params, 'customerId');
  if (customerId && uuid.safeParse(customerId).success) query.customerId = customerId.toLowerCase();
  const q = plainSearch(searchParam(params, 'q'));
  if (q) query.q = q;
  const after = searchParam(params, 'cursor');
  if (after && cursor.safeParse(after).success) query.cursor = after;
  return query;
}

export type AdminOrderFilter = 'q' | 'status' | 'from' | 'to' | 'customerId' | 'cursor';

/** The URL of the list with `changes` applied; a new filter starts again at the first page. */
export function adminOrderHref(
  current: AdminOrderQuery,
  changes: Partial<Record<AdminOrderFilter, string | undefined>>,
): string {
  return listHref('/admin/orders', {
    q: current.q,
    status: current.status,
    from: current.from,
    to: current.to,
    customerId: current.customerId,
    cursor: undefined,
    ...changes,
  });
}

/** Whether any filter narrows the list (paging aside). */
export function isFiltered(query: AdminOrderQuery): boolean {
  return Boolean(query.q || query.status || query.from || query.to || query.customerId);
}
