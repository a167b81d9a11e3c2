import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { cacheKey, stableStringify } from '../src/cache/cache-key.ts';
import { createCacheStore } from '../src/cache/create-store.ts';
import { createMemoryStore } from '../src/cache/memory-store.ts';
import { createRedisStore } from '../src/cache/redis-store.ts';
import { createSingleFlight } from '../src/cache/single-flight.ts';
import { capturingLogger } from './helpers.ts';

const redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', {
  maxRetriesPerRequest: 1,
});
const prefix = `test:cache:${process.pid}:${randomBytes(4).toString('hex')}`;
afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** A client of a port nothing listens on, failing at once (as the app's client does). */
function deadRedis() {
  const dead = new Redis('redis://127.0.0.1:1', {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    lazyConnect: true,
  });
  dead.on('error', () => {});
  return dead;
}

describe('cache keys', () => {
  it('do not depend on the order fields were written in, nor on undefined fields', () => {
    const a = { q: 'jacket', options: { Size: ['M'], Colour: ['Navy'] }, limit: 24 };
    const b = {
      limit: 24,
      options: { Colour: ['Navy'], Size: ['M'] },
      q: 'jacket',
      cursor: undefined,
    };
    expect(stableStringify(a)).toBe(stableStringify(b));
    expect(cacheKey('listProducts', a)).toBe(cacheKey('listProducts', b));
    // Array order means something (it is kept), and so do values and the method.
    expect(cacheKey('m', { v: [1, 2] })).not.toBe(cacheKey('m', { v: [2, 1] }));
    expect(cacheKey('m', { q: 'a' })).not.toBe(cacheKey('m', { q: 'b' }));
    expect(cacheKey('listProducts', a)).not.toBe(cacheKey('productFacets', a));
  });

  it('are bounded: long inputs are keyed by their hash', () => {
    const long = { q: 'x'.repeat(200) };
    const key = cacheKey('listProducts', long);
    expect(key.length).toBeLessThanOrEqual(100);
    expect(key).toMatch(/^listProducts#[\w-]{27}$/);
    expect(cacheKey('listProducts', { q: `${'x'.repeat(199)}y` })).not.toBe(key);
  });
});

describe('the in-process LRU', () => {
  it('expires entries after their TTL and keeps at most maxEntries', async () => {
    const store = createMemoryStore({ maxEntries: 2 });
    await store.set('a', '1', 30);
    expect(await store.get('a')).toBe('1');
    await sleep(60);
    expect(await store.get('a')).toBeUndefined();
    await store.set('a', '1', 10_000);
    await store.set('b', '2', 10_000);
    await store.get('a'); // used: b is now the least recently used
    await store.set('c', '3', 10_000);
    expect(await store.get('b')).toBeUndefined();
    expect(await store.get('a')).toBe('1');
    expect(await store.get('c')).toBe('3');
  });

  it('is bounded by size too', async () => {
    const store = createMemoryStore({ maxChars: 1000 });
    await store.set('big1', 'x'.repeat(600), 10_000);
    await store.set('big2', 'y'.repeat(600), 10_000);
    expect(await store.get('big1')).toBeUndefined();
    expect(await store.get('big2')).toHaveLength(600);
  });
});

describe('the Redis store', () => {
  it('keeps values under its prefix with their TTL', async () => {
    const store = createRedisStore(redis, prefix);
    await store.set('k', '{"a":1}', 5_000);
    expect(await store.get('k')).toBe('{"a":1}');
    expect(await redis.get(`${prefix}:k`)).toBe('{"a":1}');
    const ttl = await redis.pttl(`${prefix}:k`);
    expect(ttl).toBeGreaterThan(4_000);
    expect(ttl).toBeLessThanOrEqual(5_000);
    expect(await store.get('missing')).toBeUndefined();
  });

  it('gives up on a Redis that does not answer', async () => {
    const hung = { get: () => new Promise(() => {}) } as unknown as Redis;
    const started = Date.now();
    await expect(createRedisStore(hung, prefix, 50).get('k')).rejects.toThrow(/did not answer/);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('an outage falls back to this process’s memory, with one warning, and no failures', async () => {
    const { log, lines } = capturingLogger();
    const store = createCacheStore({ redis: deadRedis(), prefix, log });
    await store.set('k', 'v', 10_000);
    expect(await store.get('k')).toBe('v');
    await store.set('k2', 'v2', 10_000);
    expect(await store.get('nothing')).toBeUndefined();
    const warnings = lines().filter((l) => /falls back to memory/.test(String(l.msg)));
    expect(warnings).toHaveLength(1);
  });
});

describe('single flight', () => {
  it('runs one call for concurrent requests of a key, and again once it settled', async () => {
    const flight = createSingleFlight<number>();
    let runs = 0;
    const work = async () => {
      runs++;
      await sleep(20);
      return runs;
    };
    const answers = await Promise.all(Array.from({ length: 50 }, () => flight('k', work)));
    expect(runs).toBe(1);
    expect(new Set(answers)).toEqual(new Set([1]));
    await flight('other', work);
    expect(runs).toBe(2);
    await flight('k', work);
    expect(runs).toBe(3);
    // A failure is shared, then forgotten.
    const failing = () => Promise.reject(new Error('boom'));
    await expect(Promise.all([flight('f', failing), flight('f', failing)])).rejects.toThrow('boom');
    expect(await flight('f', async () => 7)).toBe(7);
  });
});
