import type { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';
import { createFallbackStore } from './fallback-store.ts';
import { createMemoryStore } from './memory-store.ts';
import { createRedisStore } from './redis-store.ts';
import type { CacheStore } from './store.ts';

/** Redis shared by every instance when there is one (this process's LRU while it is down), else the LRU. */
export function createCacheStore(options: {
  redis: Redis | undefined;
  prefix: string;
  log: Logger;
}): CacheStore {
  const memory = createMemoryStore();
  if (!options.redis) return memory;
  return createFallbackStore(createRedisStore(options.redis, options.prefix), memory, options.log);
}
