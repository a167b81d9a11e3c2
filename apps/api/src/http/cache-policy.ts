import type { Context } from '@bazaar/contracts/server';

/**
 * How long browsers and shared caches may keep a public catalog read. Short, so an admin edit
 * reaches a revalidating client within seconds (the app cache sees it within a second); a stale
 * answer may be shown once more while the cache revalidates in the background.
 */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=3, stale-while-revalidate=60';
export const NO_STORE = 'no-store';

/** Whether the caller came with credentials: a session (even one owing its second factor) or an API key. */
export const withCredentials = (ctx: Pick<Context, 'session' | 'actor'> | undefined): boolean =>
  (ctx?.session ?? null) !== null || ctx?.actor.kind === 'apiKey';

export interface CacheDecision {
  type: string;
  paths: readonly string[] | undefined;
  /** The access kind the contract declares for a procedure path. */
  accessOf: (path: string) => string | undefined;
  /** Whether the caller has a session (even one still owing its second factor) or an API key. */
  signedIn: boolean;
  failed: boolean;
  /** The answer is streamed: its errors are not known when the headers go out. */
  streamed: boolean;
  /** The response sets a cookie (e.g. clears a stale session cookie): it belongs to one browser. */
  setsCookie: boolean;
}

/**
 * Only the catalog's public reads answer the same to everybody; other public queries read the
 * caller's cookies (the guest cart, the checkout quote) or carry secrets in their input (guest
 * order lookups, payment results), so everything else, every mutation, every failure and every
 * answer to a signed-in caller is `no-store`.
 *
 * No `Vary: Cookie`: a cacheable answer does not depend on the cookies (the catalog is the same
 * for everyone); what does depend on them is whether it may be stored, and that is decided per
 * response. Varying on Cookie would only stop visitors with a cart or device cookie from sharing.
 */
export function cacheControlFor(d: CacheDecision): string {
  const cacheable =
    d.type === 'query' &&
    !d.signedIn &&
    !d.failed &&
    !d.streamed &&
    !d.setsCookie &&
    !!d.paths?.length &&
    d.paths.every((path) => path.startsWith('catalog.') && d.accessOf(path) === 'public');
  return cacheable ? PUBLIC_CACHE_CONTROL : NO_STORE;
}
