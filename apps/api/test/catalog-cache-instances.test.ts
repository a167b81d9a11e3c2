import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../src/app.ts';
import { loadEnv } from '../src/env.ts';
import { editThroughAThenReadOnB } from './across-instances.ts';
import { capturingLogger, SHOP_ORIGIN, useTestApp } from './helpers.ts';

/**
 * Two API instances (the whole app, as `main.ts` starts it) on one PostgreSQL database: an edit
 * made through instance A reaches shoppers of instance B within 5 seconds, with the catalog cache
 * in Redis (shared) and in each process's memory (no REDIS_URL).
 */
const app = useTestApp();
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
const dataDir = mkdtempSync(join(tmpdir(), 'bazaar-instances-'));
const prefixes: string[] = [];
afterAll(async () => {
  for (const prefix of prefixes) {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
  }
  redis.disconnect();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Instance {
  app: App;
  url: string;
}

async function instances(withRedis: boolean): Promise<[Instance, Instance]> {
  const prefix = `test-${process.pid}-${randomBytes(4).toString('hex')}`;
  prefixes.push(prefix);
  const env = loadEnv({
    DATABASE_URL: app().testDb.url,
    DATA_DIR: dataDir,
    PUBLIC_URL: SHOP_ORIGIN,
    DEMO_MODE: 'false',
    LOG_LEVEL: 'silent',
    DB_POOL_MAX: '3',
    ...(withRedis ? { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix } : {}),
  });
  const start = async (): Promise<Instance> => {
    const started = await createApp(env, capturingLogger().log);
    await new Promise<void>((ready) => started.server.listen(0, '127.0.0.1', ready));
    return {
      app: started,
      url: `http://127.0.0.1:${(started.server.address() as AddressInfo).port}`,
    };
  };
  return [await start(), await start()];
}

describe('two API instances on one database', () => {
  it('with Redis: an edit made on A is served by B within 5 s, from a cache both share', async () => {
    const [a, b] = await instances(true);
    try {
      const prefix = prefixes.at(-1) as string;
      await editThroughAThenReadOnB(app().db, a, b);
      const keys = await redis.keys(`${prefix}:cache:catalog:*`);
      expect(keys.some((k) => k.includes(':productBySlug:'))).toBe(true);
      // Entries are keyed by catalog version: those written before the edit are under an older one.
      expect(new Set(keys.map((k) => k.split(':')[3])).size).toBeGreaterThan(1);
    } finally {
      await Promise.all([a.app.shutdown(), b.app.shutdown()]);
    }
  }, 60_000);

  it('without Redis (each its own LRU): an edit made on A is served by B within 5 s', async () => {
    const [a, b] = await instances(false);
    try {
      await editThroughAThenReadOnB(app().db, a, b);
    } finally {
      await Promise.all([a.app.shutdown(), b.app.shutdown()]);
    }
  }, 60_000);
});
