import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProductInput } from '@bazaar/contracts/server';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../src/app.ts';
import { loadEnv } from '../src/env.ts';
import { staffMember } from './fixtures.ts';
import { browserClient, capturingLogger, PASSWORD, SHOP_ORIGIN, useTestApp } from './helpers.ts';

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

const input = (value: unknown) => encodeURIComponent(JSON.stringify({ json: value }));

/** What a shopper's browser asks for: an anonymous GET, revalidating what it holds. */
async function storefront(base: string, path: string, etag?: string) {
  const res = await fetch(`${base}${path}`, {
    headers: { origin: SHOP_ORIGIN, ...(etag ? { 'if-none-match': etag } : {}) },
  });
  const text = await res.text();
  return {
    status: res.status,
    etag: res.headers.get('etag') ?? undefined,
    data:
      res.status === 200
        ? (JSON.parse(text) as { result: { data: { json: unknown } } }).result.data.json
        : null,
  };
}

async function within<T>(
  ms: number,
  probe: () => Promise<T | undefined>,
): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return { value, ms: Date.now() - started };
    if (Date.now() - started > ms) throw new Error(`not seen within ${ms} ms`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

async function editThroughAThenReadOnB(a: Instance, b: Instance) {
  const person = await staffMember(app().db, 'Catalog editor');
  const staff = browserClient({ url: a.url, lines: () => [], close: async () => {} });
  expect(
    (await staff.client.auth.signIn.mutate({ email: person.email, password: PASSWORD })).status,
  ).toBe('signed-in');
  const admin = staff.client.admin.catalog;
  const [category] = await admin.categories.list.query();
  // Letters only: a search word like "43e63a" would be read as a number by the text search.
  const word = [...randomBytes(8)].map((b) => String.fromCharCode(97 + (b % 26))).join('');
  const sku = `INST-${word}`;
  const product: ProductInput = {
    title: `Instance Lamp ${word}`,
    slug: '',
    description: '',
    status: 'active',
    categoryId: category?.id as string,
    options: [],
    variants: [
      {
        sku,
        options: {},
        prices: [{ currency: 'EUR', amount: 4000, compareAt: null }],
        onHand: 3,
        lowStockThreshold: null,
        archived: false,
      },
    ],
    images: [],
  };
  const created = await admin.products.create.mutate(product);
  const page = `/trpc/catalog.products.bySlug?input=${input({ slug: created.slug, currency: 'EUR' })}`;
  const search = `/trpc/catalog.products.list?input=${input({ q: word, currency: 'EUR' })}`;

  // Both instances have the product page and the search cached (asked twice: the second is a hit).
  const before: Record<string, string | undefined> = {};
  for (const base of [a.url, b.url])
    for (const path of [page, search]) {
      await storefront(base, path);
      const seen = await storefront(base, path);
      expect(seen.status).toBe(200);
      before[base + path] = seen.etag;
    }
  expect((await storefront(b.url, page)).data).toMatchObject({ title: product.title });
  expect((await storefront(b.url, search)).data).toMatchObject({
    items: [{ title: product.title }],
  });

  const edited = await admin.products.update.mutate({
    ...created,
    title: `${product.title}, renamed`,
    variants: created.variants.map((v) => ({
      ...v,
      prices: [{ currency: 'EUR', amount: 4500, compareAt: null }],
    })),
  });
  expect(edited.title).toBe(`${product.title}, renamed`);

  // A shows its own edit at once; B within 5 s, to a browser revalidating what it held.
  expect((await storefront(a.url, page)).data).toMatchObject({ title: edited.title });
  const onPage = await within(5_000, async () => {
    const res = await storefront(b.url, page, before[b.url + page]);
    return res.status === 200 && (res.data as { title: string }).title === edited.title
      ? res
      : undefined;
  });
  const inList = await within(5_000, async () => {
    const res = await storefront(b.url, search, before[b.url + search]);
    const items = (res.data as { items: { title: string; priceMin: { amount: number } }[] } | null)
      ?.items;
    return items?.[0]?.priceMin.amount === 4500 ? items[0] : undefined;
  });
  expect(inList.value.title).toBe(edited.title);
  expect(onPage.ms).toBeLessThan(5_000);
  expect(inList.ms).toBeLessThan(5_000);
  return { created, edited };
}

describe('two API instances on one database', () => {
  it('with Redis: an edit made on A is served by B within 5 s, from a cache both share', async () => {
    const [a, b] = await instances(true);
    try {
      const prefix = prefixes.at(-1) as string;
      await editThroughAThenReadOnB(a, b);
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
      await editThroughAThenReadOnB(a, b);
    } finally {
      await Promise.all([a.app.shutdown(), b.app.shutdown()]);
    }
  }, 60_000);
});
