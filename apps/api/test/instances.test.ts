import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppRouter } from '@bazaar/contracts/server';
import { schema } from '@bazaar/db';
import { TRPCClientError } from '@trpc/client';
import { eq, inArray } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../src/env.ts';
import { editThroughAThenReadOnB, within } from './across-instances.ts';
import { type ApiProcess, startApiProcess } from './api-process.ts';
import { checkoutFixtures } from './checkout-fixtures.ts';
import { customerAccount, signedIn } from './fixtures.ts';
import {
  type BrowserClient,
  browserClient,
  errorOf,
  SHOP_ORIGIN,
  sameBrowserOn,
  TEST_SECRET_KEY,
  useTestApp,
} from './helpers.ts';

/**
 * Two API processes (the real entry, `src/main.ts`) on one PostgreSQL database and one Redis, as
 * several instances behind a load balancer run: what one does, the other sees.
 */
const app = useTestApp();
const { product, shopperWith, order, level } = checkoutFixtures(app);
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `test-instances-${process.pid}-${randomBytes(4).toString('hex')}`;
const dataDir = mkdtempSync(join(tmpdir(), 'bazaar-processes-'));

const instanceEnv = (extra: Record<string, string> = {}) => ({
  DATABASE_URL: app().testDb.url,
  REDIS_URL: redisUrl,
  REDIS_KEY_PREFIX: prefix,
  DATA_DIR: dataDir,
  PUBLIC_URL: SHOP_ORIGIN,
  DEMO_MODE: 'false',
  SECRET_KEYS: TEST_SECRET_KEY.toString('base64url'),
  DB_POOL_MAX: '5',
  ...extra,
});

let a: ApiProcess;
let b: ApiProcess;
const started: ApiProcess[] = [];
beforeAll(async () => {
  [a, b] = await Promise.all([startApiProcess(instanceEnv()), startApiProcess(instanceEnv())]);
  started.push(a, b);
}, 180_000);
afterAll(async () => {
  await Promise.all(started.map((p) => p.stop('SIGTERM')));
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

/** A GET on a connection of its own (fetch would reuse one, and so reach one instance). */
function onNewConnection(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    get(url, { agent: false, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

/** The orders holding `variantId`, with their quantities. */
async function ordersOf(variantId: string) {
  return app()
    .db.select({ orderId: schema.orderLines.orderId, quantity: schema.orderLines.quantity })
    .from(schema.orderLines)
    .where(eq(schema.orderLines.variantId, variantId));
}

describe('two API processes on one database and one Redis', () => {
  it('a session made on one works on the other, and signing out on the other ends it on both', async () => {
    const person = await customerAccount(app().db);
    const onA = await signedIn(a, person.email);
    const onB = sameBrowserOn(onA, b);
    expect(await onB.client.auth.session.query()).toMatchObject({
      status: 'signed-in',
      user: { email: person.email },
    });
    await onB.client.auth.signOut.mutate();
    const again = browserClient(a, { ip: onA.ip });
    again.setCookie('bazaar_session', onA.cookie() ?? 'gone');
    expect(await again.client.auth.session.query()).toEqual({ status: 'signed-out' });
  }, 60_000);

  it('rate limits count on both: wrong passwords taken in turn by A and B are refused after the fifth', async () => {
    const person = await customerAccount(app().db);
    const onA = browserClient(a);
    const onB = sameBrowserOn(onA, b);
    const codes: (string | undefined)[] = [];
    for (const browser of [onA, onB, onA, onB, onA, onB, onA]) {
      const error = await errorOf(
        browser.client.auth.signIn.mutate({ email: person.email, password: 'Wrong-Password-9x' }),
      );
      codes.push(error.data?.code);
    }
    expect(codes).toEqual([
      ...Array<string>(5).fill('UNAUTHORIZED'),
      'TOO_MANY_REQUESTS',
      'TOO_MANY_REQUESTS',
    ]);
  }, 60_000);

  it('an admin price change made through A is served by B within the cache bound', async () => {
    await editThroughAThenReadOnB(app().db, a, b);
  }, 60_000);

  it('20 checkouts at once, split across both, for 5 in stock: exactly 5 orders, none left', async () => {
    const item = await product(5);
    const shoppers = await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        shopperWith(item.variantId, 1, browserClient(n % 2 ? a : b)),
      ),
    );
    const outcomes = await Promise.allSettled(shoppers.map((s) => order(s)));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(5);
    for (const o of outcomes)
      if (o.status === 'rejected')
        expect((o.reason as TRPCClientError<AppRouter>).data?.code).toBe('CONFLICT');
    const stock = await level(item.variantId);
    expect((stock?.onHand ?? -1) - (stock?.reserved ?? -1)).toBe(0);
    expect(await ordersOf(item.variantId)).toHaveLength(5);
  }, 60_000);
});

/** How a call ended: an order, a refusal with a code, or the network failing (with its code). */
type Outcome =
  | { kind: 'order'; at: number }
  | { kind: 'refused'; code: string | undefined; at: number }
  | { kind: 'network'; code: string; at: number };

function outcomeOf(error: unknown): Outcome {
  const at = Date.now();
  if (error instanceof TRPCClientError && error.data)
    return { kind: 'refused', code: error.data.code, at };
  // fetch's TypeError('fetch failed') holds the socket's error (ECONNREFUSED, UND_ERR_SOCKET…).
  let cause: unknown = error;
  while (cause instanceof Error && !('code' in cause) && cause.cause) cause = cause.cause;
  return { kind: 'network', code: String((cause as { code?: unknown }).code ?? cause), at };
}

describe('stopping an instance gracefully under load', () => {
  it('SIGTERM during 30 checkouts: every accepted one is answered; the others succeed on the other instance, once', async () => {
    const c = await startApiProcess(instanceEnv({ DB_POOL_MAX: '2' }));
    started.push(c);
    const item = await product(100);
    const shoppers = await Promise.all(
      Array.from({ length: 30 }, () => shopperWith(item.variantId, 1, browserClient(c))),
    );
    const keys = shoppers.map(() => randomUUID());
    const place = (browser: BrowserClient, n: number) =>
      order(browser, { idempotencyKey: keys[n] }).then(
        (): Outcome => ({ kind: 'order', at: Date.now() }),
        outcomeOf,
      );

    // 25 at once (queued behind C's two database connections); SIGTERM when the first answers;
    // then 5 more, on whatever connections the client kept open.
    const first = shoppers.slice(0, 25).map((s, n) => place(s, n));
    await Promise.race(first);
    const stoppedAt = Date.now();
    const exit = c.stop('SIGTERM');
    const late = shoppers.slice(25).map((s, n) => place(s, 25 + n));
    const outcomes = await Promise.all([...first, ...late]);
    expect(await exit).toEqual({ code: 0, signal: null });

    // No refusal with a code: stopping is not an error the API reports.
    expect(outcomes.filter((o) => o.kind === 'refused')).toEqual([]);
    // Most of the first 25 were still running when the signal came, and were answered.
    const answeredAfterStop = outcomes.filter((o) => o.kind === 'order' && o.at > stoppedAt);
    expect(answeredAfterStop.length).toBeGreaterThanOrEqual(15);
    // A call that failed on the network never reached the API: a new connection was refused, or
    // a kept-alive one the API closed as idle was used at that very moment. Either way no order
    // was placed (no answer lost after the work was done), so trying again is safe.
    const failed = outcomes.flatMap((o, n) => (o.kind === 'network' ? [n] : []));
    for (const n of failed)
      expect(['ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET']).toContain(
        (outcomes[n] as Outcome & { kind: 'network' }).code,
      );
    const failedKeys = failed.map((n) => keys[n] as string);
    const placedAnyway = failedKeys.length
      ? await app()
          .db.select({ key: schema.idempotencyKeys.key })
          .from(schema.idempotencyKeys)
          .where(inArray(schema.idempotencyKeys.key, failedKeys))
      : [];
    expect(placedAnyway).toEqual([]);

    // The shoppers refused a connection try again on A, with the same key: each gets its order.
    const retried = await Promise.all(
      outcomes.map((o, n) =>
        o.kind === 'order' ? o : place(sameBrowserOn(shoppers[n] as BrowserClient, a), n),
      ),
    );
    expect(retried.every((o) => o.kind === 'order')).toBe(true);

    // One order per shopper, each whole, and exactly the stock they took.
    const lines = await ordersOf(item.variantId);
    expect(new Set(lines.map((l) => l.orderId)).size).toBe(30);
    expect(lines.every((l) => l.quantity === 1)).toBe(true);
    const stock = await level(item.variantId);
    expect((stock?.onHand ?? 0) - (stock?.reserved ?? 0)).toBe(70);
  }, 120_000);
});

describe('API_INSTANCES=N: one command, N processes on one port (node:cluster)', () => {
  it('refuses without PostgreSQL and Redis, naming what is missing', () => {
    expect(() => loadEnv({ API_INSTANCES: '3' })).toThrow(
      /API_INSTANCES: 3 instances need DATABASE_URL .* and REDIS_URL/,
    );
    const database = { DATABASE_URL: 'postgres://postgres@127.0.0.1/shop' };
    expect(() => loadEnv({ API_INSTANCES: '2', ...database })).toThrow(/need REDIS_URL/);
    expect(loadEnv({ API_INSTANCES: '2', ...database, REDIS_URL: redisUrl }).API_INSTANCES).toBe(2);
  });

  it('an instance that cannot start stops them all, with exit code 1', async () => {
    const nowhere = instanceEnv({
      API_INSTANCES: '2',
      DATABASE_URL: `${app().testDb.url}_missing`,
    });
    await expect(startApiProcess(nowhere, 'api instances listening')).rejects.toThrow(
      /ended \({"code":1,"signal":null}\)/,
    );
  }, 60_000);

  it('/metrics, reached through the shared port, counts every instance', async () => {
    const token = randomBytes(24).toString('base64url');
    const cluster = await startApiProcess(
      instanceEnv({ API_INSTANCES: '2', METRICS_TOKEN: token }),
      'api instances listening',
    );
    started.push(cluster);
    // A new connection per request: node:cluster deals connections to the instances in turn.
    const calls = 12;
    for (let i = 0; i < calls; i++) {
      expect((await onNewConnection(`${cluster.url}/trpc/catalog.categories`)).status).toBe(200);
    }
    const servedBy = new Set(
      cluster.lines
        .filter(
          (l) => l.msg === 'request' && (l.procedures as string[])?.[0] === 'catalog.categories',
        )
        .map((l) => l.pid),
    );
    expect(servedBy.size).toBe(2);
    const series =
      'bazaar_http_request_duration_seconds_count{procedure="catalog.categories",status="200"}';
    for (let scrape = 0; scrape < 4; scrape++) {
      const res = await onNewConnection(`${cluster.url}/metrics`, {
        authorization: `Bearer ${token}`,
      });
      expect(res.status).toBe(200);
      const line = res.body.split('\n').find((l) => l.startsWith(`${series} `));
      expect(line, `scrape ${scrape}`).toBe(`${series} ${calls}`);
    }
    expect(await cluster.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  }, 120_000);

  it('two processes answer on one port; one that dies is replaced; SIGTERM stops all gracefully', async () => {
    const cluster = await startApiProcess(
      instanceEnv({ API_INSTANCES: '2' }),
      'api instances listening',
    );
    started.push(cluster);
    const count = (msg: string) => cluster.lines.filter((l) => l.msg === msg).length;
    const workers = cluster.lines.filter((l) => l.msg === 'starting').map((l) => l.pid as number);
    expect(new Set(workers).size).toBe(2);
    expect(workers).not.toContain(cluster.pid);
    expect((await fetch(`${cluster.url}/readyz`)).status).toBe(200);

    process.kill(workers[1] as number, 'SIGKILL');
    await within(60_000, async () => (count('api listening') === 3 ? true : undefined));
    expect(count('an api instance stopped; starting another')).toBe(1);
    expect((await fetch(`${cluster.url}/readyz`)).status).toBe(200);

    expect(await cluster.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(count('shutting down')).toBe(2);
  }, 120_000);
});
