import { randomBytes } from 'node:crypto';
import {
  type CatalogService,
  permissions,
  productFiltersSchema,
  productListInputSchema,
  productSuggestInputSchema,
} from '@bazaar/contracts/server';
import { schema } from '@bazaar/db';
import { eq, sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createCacheStore } from '../src/cache/create-store.ts';
import { createMemoryStore } from '../src/cache/memory-store.ts';
import type { CacheStore } from '../src/cache/store.ts';
import { createCachedCatalogService } from '../src/services/catalog/cached-catalog-service.ts';
import { createCatalogService } from '../src/services/catalog/catalog-service.ts';
import {
  type CatalogVersion,
  createCatalogVersion,
  readCatalogVersion,
} from '../src/services/catalog/catalog-version.ts';
import { changeStock } from '../src/services/inventory/stock.ts';
import { insertProduct, oneVariantProduct } from './catalog-fixtures.ts';
import { staffMember } from './fixtures.ts';
import { callerAs, capturingLogger, rejection, useTestApp } from './helpers.ts';

const app = useTestApp();
const redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', {
  maxRetriesPerRequest: 1,
});
const prefix = `test:catalog-cache:${process.pid}:${randomBytes(4).toString('hex')}`;
afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

/** A clock the test moves by hand, so "within the poll interval" is exact. */
function manualClock() {
  let t = 1_000_000;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

/** The real catalog service, counting the calls that reach it (the database reads). */
function countingCatalog() {
  const real = createCatalogService(app().db);
  const calls: Record<string, number> = {};
  const counted = Object.fromEntries(
    Object.entries(real).map(([name, fn]) => [
      name,
      (...args: unknown[]) => {
        calls[name] = (calls[name] ?? 0) + 1;
        return (fn as (...a: unknown[]) => Promise<unknown>)(...args);
      },
    ]),
  ) as unknown as CatalogService;
  return { real, counted, calls };
}

function cachedCatalog(
  options: {
    store?: CacheStore;
    version?: CatalogVersion;
    ttlMs?: Partial<Record<keyof CatalogService, number>>;
  } = {},
) {
  const clock = manualClock();
  const { log, lines } = capturingLogger();
  const version =
    options.version ??
    createCatalogVersion(() => readCatalogVersion(app().db), {
      intervalMs: 1000,
      log,
      now: clock.now,
    });
  const { real, counted, calls } = countingCatalog();
  const catalog = createCachedCatalogService(counted, {
    store: options.store ?? createMemoryStore(),
    version,
    log,
    ttlMs: options.ttlMs,
  });
  return { catalog, real, calls, clock, version, lines };
}

const list = productListInputSchema.parse({ limit: 6 });

describe('cached catalog reads', () => {
  it.each([
    ['memory', () => createMemoryStore()],
    ['redis', () => createCacheStore({ redis, prefix, log: capturingLogger().log })],
  ])(
    'answer exactly what the service answers, from a miss and from a hit (%s)',
    async (_name, store) => {
      const { catalog, real, calls } = cachedCatalog({ store: store() });
      const slug = (await real.listProducts(list)).items[0]?.slug as string;
      const reads: [keyof CatalogService, () => Promise<unknown>, () => Promise<unknown>][] = [
        ['listCurrencies', () => catalog.listCurrencies(), () => real.listCurrencies()],
        [
          'listCategories',
          () => catalog.listCategories({ currency: 'USD' }),
          () => real.listCategories({ currency: 'USD' }),
        ],
        ['listProducts', () => catalog.listProducts(list), () => real.listProducts(list)],
        [
          'productFacets',
          () => catalog.productFacets(productFiltersSchema.parse({ q: 'tee' })),
          () => real.productFacets(productFiltersSchema.parse({ q: 'tee' })),
        ],
        [
          'suggestProducts',
          () => catalog.suggestProducts(productSuggestInputSchema.parse({ q: 'te' })),
          () => real.suggestProducts(productSuggestInputSchema.parse({ q: 'te' })),
        ],
        [
          'productBySlug',
          () => catalog.productBySlug({ slug }),
          () => real.productBySlug({ slug }),
        ],
      ];
      for (const [method, cached, uncached] of reads) {
        const expected = await uncached();
        expect(await cached(), `${method} (miss)`).toStrictEqual(expected);
        expect(await cached(), `${method} (hit)`).toStrictEqual(expected);
        expect(calls[method], method).toBe(1);
      }
    },
  );

  it('keys by the input: another input is another read, the same input in another order is not', async () => {
    const { catalog, calls } = cachedCatalog();
    await catalog.listProducts(
      productListInputSchema.parse({ limit: 3, sort: 'name', inStock: true }),
    );
    await catalog.listProducts(
      productListInputSchema.parse({ inStock: true, sort: 'name', limit: 3 }),
    );
    expect(calls.listProducts).toBe(1);
    await catalog.listProducts(
      productListInputSchema.parse({ limit: 4, sort: 'name', inStock: true }),
    );
    expect(calls.listProducts).toBe(2);
  });

  it('50 parallel identical reads on a cold cache make one service call', async () => {
    const { catalog, calls } = cachedCatalog();
    const input = productListInputSchema.parse({ limit: 12, sort: 'price_asc' });
    const pages = await Promise.all(Array.from({ length: 50 }, () => catalog.listProducts(input)));
    expect(calls.listProducts).toBe(1);
    expect(pages.every((p) => JSON.stringify(p) === JSON.stringify(pages[0]))).toBe(true);
    // Every caller gets a copy of its own: changing one changes no other.
    (pages[0] as { items: unknown[] }).items.length = 0;
    expect(pages[1]?.items.length).toBe(12);
  });

  it('never caches a failure', async () => {
    const { catalog, calls } = cachedCatalog();
    for (let i = 0; i < 2; i++)
      await expect(catalog.productBySlug({ slug: 'no-such-thing' })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    expect(calls.productBySlug).toBe(2);
  });
});

describe('invalidation by the catalog version', () => {
  async function freshProduct(title: string) {
    const slug = `cache-${randomBytes(4).toString('hex')}`;
    const product = await insertProduct(app().db, {
      slug,
      variants: [{ sku: slug.toUpperCase(), prices: { EUR: 1500 }, stock: 5 }],
    });
    await app().db.update(schema.products).set({ title }).where(eq(schema.products.id, product.id));
    return { ...product, slug };
  }

  it('any committed change (here plain SQL) is seen at the next version read, and not before', async () => {
    const { catalog, calls, clock } = cachedCatalog();
    const { id, slug } = await freshProduct('Before');
    expect((await catalog.productBySlug({ slug })).title).toBe('Before');
    await app()
      .db.update(schema.products)
      .set({ title: 'After' })
      .where(eq(schema.products.id, id));
    // Within the poll interval the version is not read again: the cached answer stands.
    clock.advance(900);
    expect((await catalog.productBySlug({ slug })).title).toBe('Before');
    expect(calls.productBySlug).toBe(1);
    clock.advance(100);
    expect((await catalog.productBySlug({ slug })).title).toBe('After');
    expect(calls.productBySlug).toBe(2);
  });

  it('changed() makes the next read see this instance’s own write at once', async () => {
    const { catalog, version } = cachedCatalog();
    const { id, slug } = await freshProduct('Mine');
    expect((await catalog.productBySlug({ slug })).title).toBe('Mine');
    await app()
      .db.update(schema.products)
      .set({ title: 'Mine, edited' })
      .where(eq(schema.products.id, id));
    version.changed();
    expect((await catalog.productBySlug({ slug })).title).toBe('Mine, edited');
  });

  it('stock is not in the version (sales would churn it): it is as fresh as the TTL', async () => {
    const { catalog, clock } = cachedCatalog({ ttlMs: { productBySlug: 150 } });
    const product = await freshProduct('Stocked');
    const variantId = Object.values(product.variantIds)[0] as string;
    const before = await readCatalogVersion(app().db);
    expect((await catalog.productBySlug({ slug: product.slug })).variants[0]?.stock).toBe(5);
    await changeStock(app().db, { variantId, change: { kind: 'reserve', quantity: 2 } });
    expect(await readCatalogVersion(app().db)).toBe(before);
    clock.advance(5_000);
    expect((await catalog.productBySlug({ slug: product.slug })).variants[0]?.stock).toBe(5);
    await new Promise((done) => setTimeout(done, 200));
    expect((await catalog.productBySlug({ slug: product.slug })).variants[0]?.stock).toBe(3);
  });

  it('keeps nothing while a committed change still waits for its listing refresh', async () => {
    const { catalog, calls, clock } = cachedCatalog();
    const { id } = await freshProduct('Queued');
    // What a writer leaves when another transaction held the product's listing (migration 0011).
    await app().db.execute(sql`insert into listing_refresh_queue (product_id) values (${id})`);
    expect(await readCatalogVersion(app().db)).toBeNull();
    await catalog.listProducts(list);
    await catalog.listProducts(list);
    expect(calls.listProducts).toBe(2);
    await app().db.execute(sql`select sweep_product_listings(500)`);
    clock.advance(1000);
    await catalog.listProducts(list);
    await catalog.listProducts(list);
    expect(calls.listProducts).toBe(3);
  });

  it('reads the version once per interval, one read shared by concurrent requests', async () => {
    const clock = manualClock();
    let reads = 0;
    const version = createCatalogVersion(
      async () => {
        reads++;
        await new Promise((done) => setTimeout(done, 10));
        return '7';
      },
      { intervalMs: 1000, log: capturingLogger().log, now: clock.now },
    );
    expect(new Set(await Promise.all(Array.from({ length: 50 }, () => version.current())))).toEqual(
      new Set(['7']),
    );
    expect(reads).toBe(1);
    clock.advance(999);
    await version.current();
    expect(reads).toBe(1);
    clock.advance(1);
    await version.current();
    expect(reads).toBe(2);
    version.changed();
    await version.current();
    expect(reads).toBe(3);
  });

  it('a change made while a version read is under way is not hidden by that read', async () => {
    let value = '1';
    const pending: (() => void)[] = [];
    const version = createCatalogVersion(
      async () => {
        const seen = value;
        await new Promise<void>((done) => pending.push(done));
        return seen;
      },
      { intervalMs: 60_000, log: capturingLogger().log },
    );
    const early = version.current();
    value = '2';
    version.changed();
    const late = version.current();
    expect(pending).toHaveLength(2);
    // The older read finishes last: it must not become what this instance believes.
    pending[1]?.();
    expect(await late).toBe('2');
    pending[0]?.();
    expect(await early).toBe('1');
    expect(await version.current()).toBe('2');
  });

  it('while the version cannot be read, reads go to the service uncached, with one warning', async () => {
    const { log, lines } = capturingLogger();
    const clock = manualClock();
    const version = createCatalogVersion(() => Promise.reject(new Error('db down')), {
      intervalMs: 1000,
      log,
      now: clock.now,
    });
    const { catalog, calls } = cachedCatalog({ version });
    for (let i = 0; i < 3; i++) {
      await catalog.listCurrencies();
      clock.advance(1000);
    }
    expect(calls.listCurrencies).toBe(3);
    expect(lines().filter((l) => /catalog version unreadable/.test(String(l.msg)))).toHaveLength(1);
  });

  it('an unreachable Redis serves from memory instead of failing', async () => {
    const dead = new Redis('redis://127.0.0.1:1', {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      lazyConnect: true,
    });
    dead.on('error', () => {});
    const { log } = capturingLogger();
    const { catalog, calls } = cachedCatalog({
      store: createCacheStore({ redis: dead, prefix, log }),
    });
    expect((await catalog.listProducts(list)).items).toHaveLength(6);
    expect((await catalog.listProducts(list)).items).toHaveLength(6);
    expect(calls.listProducts).toBe(1);
    dead.disconnect();
  });
});

describe('the services with the cache on', () => {
  it('show this instance’s staff edits to the storefront at once', async () => {
    const server = await app().serve({ config: { catalogCache: { store: createMemoryStore() } } });
    const person = await staffMember(app().db, 'Catalog editor');
    const staff = callerAs(server.services, {
      kind: 'staff',
      userId: person.id,
      sessionId: 'test',
      permissions: new Set(permissions),
    });
    const shop = callerAs(server.services);
    const [category] = await staff.admin.catalog.categories.list();
    const created = await staff.admin.catalog.products.create(
      oneVariantProduct({
        title: 'Cached Lamp',
        sku: `LAMP-${randomBytes(3).toString('hex')}`,
        categoryId: category?.id as string,
        amount: 4000,
        onHand: 3,
      }),
    );
    expect((await shop.catalog.products.bySlug({ slug: created.slug })).title).toBe('Cached Lamp');
    await staff.admin.catalog.products.update({ ...created, title: 'Cached Lamp, renamed' });
    expect((await shop.catalog.products.bySlug({ slug: created.slug })).title).toBe(
      'Cached Lamp, renamed',
    );
    await staff.admin.catalog.products.bulk({ ids: [created.id], action: 'draft' });
    expect((await rejection(shop.catalog.products.bySlug({ slug: created.slug }))).code).toBe(
      'NOT_FOUND',
    );
  });
});
