import { LRUCache } from 'lru-cache';
import type { CacheStore } from './store.ts';

export interface MemoryStoreOptions {
  /** Most entries kept. */
  maxEntries?: number;
  /** Most characters kept, all values together (about twice as many bytes). */
  maxChars?: number;
}

/** An in-process LRU, bounded by entries and size; entries also expire after their TTL. */
export function createMemoryStore(options: MemoryStoreOptions = {}): CacheStore {
  const lru = new LRUCache<string, string>({
    max: options.maxEntries ?? 5_000,
    maxSize: options.maxChars ?? 32 * 1024 * 1024,
    sizeCalculation: (value, key) => value.length + key.length,
  });
  return {
    get: async (key) => lru.get(key),
    set: async (key, value, ttlMs) => {
      lru.set(key, value, { ttl: ttlMs });
    },
  };
}
