import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@bazaar/contracts/server';
import { describe, expect, it } from 'vitest';
import { createApp, demoCredentials } from '../src/app.ts';
import { EnvError, loadEnv } from '../src/env.ts';
import { closeServer } from '../src/http/graceful-close.ts';
import { createApiServer } from '../src/http/server.ts';
import { createMediaStore } from '../src/media/store.ts';
import { DEMO_OWNER } from '../src/services/admin/owner.ts';
import { capturingLogger, SHOP_ORIGIN, testSecurity, useTestApp } from './helpers.ts';
import { stripeStub } from './stripe-stub.ts';

const app = useTestApp();

describe('embedded PGlite start', () => {
  it('migrates, seeds the demo catalog and answers catalog.products.list with no database server', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bazaar-pglite-'));
    try {
      const env = loadEnv({ DATA_DIR: join(dir, 'nested'), LOG_LEVEL: 'silent' });
      const { log } = capturingLogger();
      const started = await createApp(env, log);
      expect(started.db.driver).toBe('pglite');
      // One in-process connection: what the pool metrics report for it.
      expect(await started.db.poolStats()).toEqual({ max: 1, open: 1 });
      await new Promise<void>((ready) => started.server.listen(0, '127.0.0.1', ready));
      const { port } = started.server.address() as AddressInfo;
      const client = createClient({ url: `http://127.0.0.1:${port}/trpc` });
      const page = await client.catalog.products.list.query({ limit: 5 });
      expect(page.items).toHaveLength(5);
      expect(page.nextCursor).not.toBeNull();
      const next = await client.catalog.products.list.query({ limit: 5, cursor: page.nextCursor });
      expect(next.items[0]?.id).not.toBe(page.items[0]?.id);
      const categories = await client.catalog.categories.query();
      expect(categories.length).toBeGreaterThan(0);
      // Search, with its typo correction (pg_trgm), facets and suggestions, on PGlite too.
      const found = await client.catalog.products.list.query({ q: 'jakcet', sort: 'price_asc' });
      expect(found.searchedFor).toBe('jacket');
      expect(found.items.length).toBeGreaterThan(0);
      for (const item of found.items) expect(item.title).toMatch(/jacket/i);
      const prices = found.items.map((i) => i.priceMin.amount);
      expect(prices).toEqual([...prices].sort((a, b) => a - b));
      // By relevance (the default for a search): its matches read once, counted and ranked.
      const ranked = await client.catalog.products.list.query({ q: 'jacket', limit: 1 });
      expect(ranked.sort).toBe('relevance');
      expect(ranked.total).toBe(found.total);
      const second = await client.catalog.products.list.query({
        q: 'jacket',
        limit: 1,
        cursor: ranked.nextCursor,
      });
      expect(second.items[0]?.id).not.toBe(ranked.items[0]?.id);
      const facets = await client.catalog.products.facets.query({ categorySlug: 'apparel' });
      expect(facets.total).toBe(categories.find((c) => c.slug === 'apparel')?.productCount);
      expect(facets.options.map((o) => o.name)).toContain('Size');
      // With every price allowed the listings are read and grouped by option set: same counts.
      const read = await client.catalog.products.facets.query({
        categorySlug: 'apparel',
        priceMin: 0,
      });
      expect(read).toEqual(facets);
      const suggestions = await client.catalog.products.suggest.query({ q: 'jack' });
      expect(suggestions.products.length).toBeGreaterThan(0);
      // Without PAYMENT_PROVIDER, the built-in test provider takes (no) money.
      expect(await client.checkout.paymentOptions.query()).toEqual({
        provider: 'test',
        publishableKey: null,
      });
      // Demo mode seeds an Owner whose printed credentials work (no second factor in demo mode).
      expect(demoCredentials()).toContain(`${DEMO_OWNER.email} / ${DEMO_OWNER.password}`);
      const state = await client.auth.signIn.mutate({
        email: DEMO_OWNER.email,
        password: DEMO_OWNER.password,
      });
      expect(state).toMatchObject({
        status: 'signed-in',
        user: { kind: 'staff', role: { name: 'Owner' }, twoFactorEnrolmentRequired: false },
      });
      await started.shutdown();
      expect(await started.db.ping()).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('payment provider from the environment', () => {
  it('PAYMENT_PROVIDER=stripe makes the shop take payments with Stripe', async () => {
    const stub = stripeStub();
    await new Promise<void>((ready) => stub.server.listen(0, '127.0.0.1', ready));
    const env = loadEnv({
      DATABASE_URL: app().testDb.url,
      LOG_LEVEL: 'silent',
      PAYMENT_PROVIDER: 'stripe',
      STRIPE_SECRET_KEY: 'sk_test_app',
      STRIPE_PUBLISHABLE_KEY: 'pk_test_app',
      STRIPE_WEBHOOK_SECRET: 'whsec_app',
      STRIPE_API_URL: `http://127.0.0.1:${(stub.server.address() as AddressInfo).port}`,
    });
    const started = await createApp(env, capturingLogger().log);
    try {
      await new Promise<void>((ready) => started.server.listen(0, '127.0.0.1', ready));
      const { port } = started.server.address() as AddressInfo;
      const client = createClient({ url: `http://127.0.0.1:${port}/trpc` });
      expect(await client.checkout.paymentOptions.query()).toEqual({
        provider: 'stripe',
        publishableKey: 'pk_test_app',
      });
    } finally {
      await started.shutdown();
      await new Promise((done) => stub.server.close(done));
    }
  }, 60_000);
});

describe('environment', () => {
  it('names each bad value', () => {
    expect(() => loadEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x' })).toThrow(EnvError);
    try {
      loadEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    } catch (err) {
      expect((err as Error).message).toMatch(/PORT/);
      expect((err as Error).message).toMatch(/DATABASE_URL: must be a postgres:\/\/ URL/);
      expect((err as Error).message).toMatch(/LOG_LEVEL/);
    }
  });

  it('applies defaults and treats empty strings as unset', () => {
    const env = loadEnv({ PORT: '', DATABASE_URL: '' });
    expect(env.PORT).toBe(4000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.DEMO_MODE).toBe(true);
  });
});

describe('graceful shutdown', () => {
  it('finishes in-flight requests, closing their connections after, and refuses new ones', async () => {
    const real = app().services;
    let release: () => void = () => {};
    let started: () => void = () => {};
    const inFlight = new Promise<void>((r) => {
      started = r;
    });
    const services = {
      ...real,
      catalog: {
        ...real.catalog,
        listCategories: async (input: Parameters<typeof real.catalog.listCategories>[0]) => {
          started();
          await new Promise<void>((r) => {
            release = r;
          });
          return real.catalog.listCategories(input);
        },
      },
    };
    const server = createApiServer({
      media: createMediaStore(mkdtempSync(join(tmpdir(), 'bazaar-uploads-')), 1024),
      services,
      log: capturingLogger().log,
      readiness: async () => ({ status: 'ready', checks: {} }),
      security: testSecurity,
    });
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    const { port } = server.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}`;

    const slow = fetch(`${url}/trpc/catalog.categories`, { headers: { origin: SHOP_ORIGIN } });
    await inFlight;
    const closing = closeServer(server, 10_000);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    release();
    const answer = await slow;
    expect(answer.status).toBe(200);
    // A keep-alive client must not send another request on a connection about to close.
    expect(answer.headers.get('connection')).toBe('close');
    expect(((await answer.json()) as { result: { data: unknown } }).result.data).toBeTruthy();
    await closing;
  });
});
