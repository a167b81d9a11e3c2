import type { Logger } from '../logger.ts';
import type { CacheStore } from './store.ts';

/**
 * `primary` (Redis) while it answers, `fallback` (this process's LRU) while it does not: an
 * outage makes the cache per-instance, never a failed request. One warning per outage.
 */
export function createFallbackStore(
  primary: CacheStore,
  fallback: CacheStore,
  log: Logger,
): CacheStore {
  let down = false;
  const failed = (err: unknown) => {
    if (!down) log.warn({ err }, 'redis unavailable; the catalog cache falls back to memory');
    down = true;
  };
  const recovered = () => {
    if (down) log.info('redis is back; the catalog cache is shared again');
    down = false;
  };
  return {
    async get(key) {
      try {
        const value = await primary.get(key);
        recovered();
        return value;
      } catch (err) {
        failed(err);
        return fallback.get(key);
      }
    },
    async set(key, value, ttlMs) {
      try {
        await primary.set(key, value, ttlMs);
        recovered();
      } catch (err) {
        failed(err);
        await fallback.set(key, value, ttlMs);
      }
    },
  };
}
