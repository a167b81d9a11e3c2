import type { Redis } from 'ioredis';
import type { CacheStore } from './store.ts';

/**
 * Values in Redis under `prefix`, each with its TTL. A command that takes longer than
 * `timeoutMs` counts as a failure, so a hung Redis slows no request by more than that.
 */
export function createRedisStore(redis: Redis, prefix: string, timeoutMs = 250): CacheStore {
  return {
    get: async (key) => (await withTimeout(redis.get(`${prefix}:${key}`), timeoutMs)) ?? undefined,
    set: async (key, value, ttlMs) => {
      await withTimeout(redis.set(`${prefix}:${key}`, value, 'PX', ttlMs), timeoutMs);
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`redis did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
