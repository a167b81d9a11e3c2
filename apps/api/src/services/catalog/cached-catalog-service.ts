import type { CatalogService } from '@bazaar/contracts/server';
import { cacheKey } from '../../cache/cache-key.ts';
import { createSingleFlight } from '../../cache/single-flight.ts';
import type { CacheStore } from '../../cache/store.ts';
import type { Logger } from '../../logger.ts';
import type { CatalogVersion } from './catalog-version.ts';

/**
 * How long a cached read lives. Every catalog change invalidates all of them at once (the version
 * is in the key); what the version leaves out is stock, which changes with every sale. So the TTL
 * is how stale stock may be: product pages show counts ("only 2 left"), lists and facets only
 * whether something is in stock at all, suggestions, categories and currencies none.
 */
export const CATALOG_CACHE_TTL_MS = {
  productBySlug: 5_000,
  listProducts: 30_000,
  productFacets: 30_000,
  suggestProducts: 60_000,
  listCategories: 300_000,
  listCurrencies: 300_000,
} satisfies Record<keyof CatalogService, number>;

export interface CachedCatalogOptions {
  store: CacheStore;
  version: CatalogVersion;
  log: Logger;
  ttlMs?: Partial<Record<keyof CatalogService, number>>;
}

/**
 * The storefront's catalog reads through a cache keyed by the catalog version, the method and its
 * input. Concurrent misses of one key share one read; values are stored as JSON (catalog answers
 * are plain JSON), and every caller gets its own copy.
 */
export function createCachedCatalogService(
  inner: CatalogService,
  { store, version, log, ttlMs }: CachedCatalogOptions,
): CatalogService {
  const flight = createSingleFlight<string>();

  async function cached<T>(
    method: keyof CatalogService,
    input: unknown,
    load: () => Promise<T>,
  ): Promise<T> {
    const v = await version.current();
    if (v === null) return load();
    const key = `v${v}:${cacheKey(method, input)}`;
    const json = await flight(key, async () => {
      const hit = await store.get(key).catch(() => undefined);
      if (hit !== undefined) return hit;
      const text = JSON.stringify(await load());
      store
        .set(key, text, ttlMs?.[method] ?? CATALOG_CACHE_TTL_MS[method])
        .catch((err: unknown) => log.warn({ err, method }, 'catalog cache write failed'));
      return text;
    });
    return JSON.parse(json) as T;
  }

  return {
    listCurrencies: () => cached('listCurrencies', null, () => inner.listCurrencies()),
    listCategories: (input) => cached('listCategories', input, () => inner.listCategories(input)),
    listProducts: (input) => cached('listProducts', input, () => inner.listProducts(input)),
    productFacets: (input) => cached('productFacets', input, () => inner.productFacets(input)),
    suggestProducts: (input) =>
      cached('suggestProducts', input, () => inner.suggestProducts(input)),
    productBySlug: (input) => cached('productBySlug', input, () => inner.productBySlug(input)),
  };
}
