/**
 * Admin lists keep their filters in the URL (shareable, back/forward works): reading them from a
 * page's search params, and building the URL of the list with other filters.
 */

/** A page's search params, as Next.js passes them. */
export type SearchParams = Record<string, string | string[] | undefined>;

/** The one non-empty value of `key`, or undefined (absent, empty or given more than once). */
export function searchParam(params: SearchParams, key: string): string | undefined {
  const value = params[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** `path` with the filters that have a value, in the order given: `/admin/orders?status=paid`. */
export function listHref(path: string, filters: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}
