import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { createDb } from '@bazaar/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../src/app.ts';
import { loadEnv } from '../src/env.ts';
import { capturingLogger, useTestApp } from './helpers.ts';

const app = useTestApp();
const METRICS_TOKEN = randomBytes(24).toString('base64url');
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

async function started(settings: Record<string, string>): Promise<{ app: App; url: string }> {
  const env = loadEnv({
    DATABASE_URL: app().testDb.url,
    LOG_LEVEL: 'silent',
    DB_POOL_MAX: '4',
    METRICS_TOKEN,
    ...settings,
  });
  const running = await createApp(env, capturingLogger().log);
  await new Promise<void>((ready) => running.server.listen(0, '127.0.0.1', ready));
  const { port } = running.server.address() as AddressInfo;
  return { app: running, url: `http://127.0.0.1:${port}` };
}

const readyz = async (url: string) => {
  const res = await fetch(`${url}/readyz`);
  return { status: res.status, body: (await res.json()) as unknown };
};

describe('/readyz of the whole app (database, Redis, job queue)', () => {
  let healthy: { app: App; url: string };
  beforeAll(async () => {
    healthy = await started({ REDIS_URL });
  }, 60_000);
  afterAll(() => healthy?.app.shutdown());

  it('is ready when every part answers', async () => {
    expect(await readyz(healthy.url)).toEqual({
      status: 200,
      body: {
        status: 'ready',
        checks: { database: { ok: true }, redis: { ok: true }, jobs: { ok: true } },
      },
    });
  });

  it('reports the pool and the job queue in /metrics', async () => {
    const res = await fetch(`${healthy.url}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/^bazaar_db_pool_max 4$/m);
    const open = Number(/^bazaar_db_connections\{state="open"\} (\d+)$/m.exec(text)?.[1]);
    expect(open).toBeGreaterThanOrEqual(1);
    expect(open).toBeLessThanOrEqual(4);
    expect(text).toMatch(/^bazaar_db_connections\{state="idle"\} \d+$/m);
    for (const job of ['mail', 'payments', 'reservations', 'cleanup'])
      expect(text).toMatch(new RegExp(`^bazaar_job_queue_depth\\{job="${job}"\\} \\d+$`, 'm'));
    expect(text).toMatch(/^bazaar_process_resident_memory_bytes \d+/m);
  });

  it('counts the connections transactions hold, as PostgreSQL sees them', async () => {
    const held = async () => {
      const res = await fetch(`${healthy.url}/metrics`, {
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      });
      const text = await res.text();
      return Number(
        /^bazaar_db_connections\{state="idle_in_transaction"\} (\d+)$/m.exec(text)?.[1],
      );
    };
    // Three of the pool's four held open between statements (a background job may hold one more).
    let release = () => {};
    const released = new Promise<void>((done) => {
      release = done;
    });
    let begun = 0;
    let allBegun = () => {};
    const holding = new Promise<void>((done) => {
      allBegun = done;
    });
    const transactions = [1, 2, 3].map(() =>
      healthy.app.db.db.transaction(async (tx) => {
        await tx.execute(sql`select 1`);
        if (++begun === 3) allBegun();
        await released;
      }),
    );
    await holding;
    const during = await held();
    release();
    await Promise.all(transactions);
    expect(during).toBeGreaterThanOrEqual(3);
    expect(during).toBeLessThanOrEqual(4);
  });

  it('refuses a METRICS_TOKEN too short to be a secret', () => {
    expect(() => loadEnv({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
  });

  it('is unready when Redis is configured but down', async () => {
    const broken = await started({ REDIS_URL: `redis://127.0.0.1:${await closedPort()}` });
    try {
      expect(await readyz(broken.url)).toEqual({
        status: 503,
        body: {
          status: 'unready',
          checks: { database: { ok: true }, redis: { ok: false }, jobs: { ok: true } },
        },
      });
    } finally {
      await broken.app.shutdown();
    }
  }, 60_000);

  it('is unready once the job queue stopped', async () => {
    const stopping = await started({});
    try {
      expect((await readyz(stopping.url)).status).toBe(200);
      await stopping.app.queue.stop(0);
      expect(await readyz(stopping.url)).toEqual({
        status: 503,
        body: { status: 'unready', checks: { database: { ok: true }, jobs: { ok: false } } },
      });
    } finally {
      await stopping.app.shutdown();
    }
  }, 60_000);
});

describe('/readyz of a server on a closed database', () => {
  it('answers 503 naming the database, while /healthz stays 200', async () => {
    const handle = await createDb({ databaseUrl: app().testDb.url, maxConnections: 1 });
    await handle.close();
    const server = await app().serve({ ping: handle.ping });
    expect(await readyz(server.url)).toEqual({
      status: 503,
      body: { status: 'unready', checks: { database: { ok: false } } },
    });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(await readyz(app().url)).toEqual({
      status: 200,
      body: { status: 'ready', checks: { database: { ok: true } } },
    });
  });
});
