import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createDb } from '@bazaar/db';
import { mailOutbox } from '@bazaar/db/schema';
import { createTestDatabase, type TestDatabase } from '@bazaar/db/testing';
import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, afterEach, describe, expect, inject, it, vi } from 'vitest';
import { createCleanup } from '../src/jobs/cleanup.ts';
import {
  backgroundJobs,
  createJobQueue,
  type JobQueue,
  type JobQueueOptions,
  jobNames,
  QUEUE_SCHEMA,
} from '../src/jobs/queue.ts';
import { passwordResetRenderer } from '../src/services/accounts/password-reset-mail.ts';
import { createMailDispatcher } from '../src/services/mail/dispatcher.ts';
import { enqueueMail } from '../src/services/mail/outbox.ts';
import { devMailboxTransport } from '../src/services/mail/transports.ts';
import { capturingLogger } from './helpers.ts';

/**
 * The pg-boss job queue on real PostgreSQL (a scratch database per test, as pg-boss keeps its own
 * schema in it) and on PGlite. Schedules are off where runs are counted, so a minute boundary
 * during a test cannot add one.
 */
const databases: TestDatabase[] = [];
const queues: JobQueue[] = [];

async function scratchDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase(inject('demoTemplate'));
  databases.push(database);
  return database;
}

function queueOn(url: string, options: Partial<JobQueueOptions> = {}): JobQueue {
  const queue = createJobQueue({
    database: { url },
    log: capturingLogger().log,
    schedules: false,
    pollingIntervalSeconds: 0.5,
    ...options,
  });
  queues.push(queue);
  return queue;
}

/** The queue's own rows for `name`, read with a connection of the test's own. */
async function jobsOf(url: string, name: string) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await sql.unsafe<{ state: string; retryCount: number }[]>(
      `select state, retry_count as "retryCount" from ${QUEUE_SCHEMA}.job where name = $1 order by created_on`,
      [name],
    );
  } finally {
    await sql.end();
  }
}

afterEach(async () => {
  await Promise.all(queues.splice(0).map((queue) => queue.stop(1_000)));
});

afterAll(async () => {
  await Promise.all(databases.splice(0).map((database) => database.drop()));
});

describe('job queue on PostgreSQL', () => {
  it('work queued before a restart runs exactly once on the next instance', async () => {
    const { url } = await scratchDatabase();
    // An instance that only queues (no handlers), like an API stopped before the job's turn.
    const before = queueOn(url);
    await before.start();
    await before.wake('mail');
    expect(await before.depth('mail')).toBe(1);
    await before.stop();

    let runs = 0;
    const after = queueOn(url);
    // Starting queues a run of each handled job: the one left waiting stands for it.
    await after.start({
      mail: async () => {
        runs++;
      },
    });
    await vi.waitFor(() => expect(runs).toBe(1), { timeout: 10_000, interval: 50 });
    await vi.waitFor(async () => expect(await after.depth()).toBe(0), { interval: 50 });
    await sleep(1_500);
    expect(runs).toBe(1);
    expect(await jobsOf(url, 'mail')).toEqual([{ state: 'completed', retryCount: 0 }]);
  });

  it('a storm of wakes on two instances runs the job a bounded number of times, one at a time', async () => {
    const { url } = await scratchDatabase();
    let runs = 0;
    let running = 0;
    let mostAtOnce = 0;
    const mail = async () => {
      runs++;
      running++;
      mostAtOnce = Math.max(mostAtOnce, running);
      await sleep(100);
      running--;
    };
    const [a, b] = [queueOn(url), queueOn(url)] as const;
    await a.start({ mail });
    await b.start({ mail });
    // The runs each start queues are over (both may have run: they did not overlap).
    await vi.waitFor(async () => expect(await a.depth('mail')).toBe(0), { interval: 50 });
    await vi.waitFor(() => expect(running).toBe(0), { interval: 20 });
    runs = 0;

    await Promise.all(Array.from({ length: 1_000 }, (_, i) => (i % 2 === 0 ? a : b).wake('mail')));
    // A thousand wakes are at most one job waiting.
    expect(await a.depth('mail')).toBeLessThanOrEqual(1);
    await vi.waitFor(() => expect(runs).toBeGreaterThanOrEqual(1), { interval: 20 });
    await vi.waitFor(async () => expect(await a.depth('mail')).toBe(0), { interval: 50 });
    await vi.waitFor(() => expect(running).toBe(0), { interval: 20 });
    // Each instance has at most one send in flight and one waiting: four jobs at the very most.
    expect(runs).toBeLessThanOrEqual(4);
    expect(mostAtOnce).toBe(1);
  });

  it('a failing job is logged and retried with backoff until it succeeds', async () => {
    const { url } = await scratchDatabase();
    const { log, lines } = capturingLogger();
    let attempts = 0;
    const queue = queueOn(url, { log, retryDelaySeconds: 1 });
    await queue.start({
      payments: async () => {
        attempts++;
        if (attempts < 3) throw new Error('the provider is down');
      },
    });
    await vi.waitFor(() => expect(attempts).toBe(3), { timeout: 20_000, interval: 50 });
    await vi.waitFor(
      async () =>
        expect(await jobsOf(url, 'payments')).toEqual([{ state: 'completed', retryCount: 2 }]),
      { interval: 50 },
    );
    const failures = lines().filter((line) => line.msg === 'background job payments failed');
    expect(
      failures.map((line) => [line.attempt, (line.err as { message: string }).message]),
    ).toEqual([
      [1, 'the provider is down'],
      [2, 'the provider is down'],
    ]);
  }, 30_000);

  it('stop() lets a running job finish', async () => {
    const { url } = await scratchDatabase();
    let started = false;
    let finished = false;
    const queue = queueOn(url);
    await queue.start({
      cleanup: async () => {
        started = true;
        await sleep(1_000);
        finished = true;
      },
    });
    await vi.waitFor(() => expect(started).toBe(true), { interval: 20 });
    await queue.stop(5_000);
    expect(finished).toBe(true);
    expect(await jobsOf(url, 'cleanup')).toEqual([{ state: 'completed', retryCount: 0 }]);
  });

  it('a job still running when stop() times out is retried by the next instance', async () => {
    const { url } = await scratchDatabase();
    let release: () => void = () => {};
    const stuck = new Promise<void>((done) => {
      release = done;
    });
    let started = false;
    const first = queueOn(url, { retryDelaySeconds: 1 });
    await first.start({
      cleanup: async () => {
        started = true;
        await stuck;
      },
    });
    await vi.waitFor(() => expect(started).toBe(true), { interval: 20 });
    await first.stop(1_000);
    expect(await jobsOf(url, 'cleanup')).toEqual([{ state: 'retry', retryCount: 0 }]);
    release();

    let runs = 0;
    const second = queueOn(url, { retryDelaySeconds: 1 });
    await second.start({
      cleanup: async () => {
        runs++;
      },
    });
    // The failed job runs again after its retry delay, beside the run this start queued.
    await vi.waitFor(
      async () =>
        expect(await jobsOf(url, 'cleanup')).toEqual([
          { state: 'completed', retryCount: 1 },
          { state: 'completed', retryCount: 0 },
        ]),
      { timeout: 10_000, interval: 50 },
    );
    expect(runs).toBe(2);
  });

  it("wake('mail') has the outbox delivered without waiting for a poll", async () => {
    const testDb = await scratchDatabase();
    const { log } = capturingLogger();
    const db = testDb.handle.db;
    const mail = createMailDispatcher(db, devMailboxTransport, log, {
      'password-reset': passwordResetRenderer('https://shop.example'),
    });
    const jobs = backgroundJobs({
      db,
      mail,
      services: { testPayments: null, payments: { retryPendingRefunds: async () => 0 } },
      cleanup: createCleanup(db, log),
      log,
    });
    // Polling far slower than the test: only the wake can be what runs the job.
    const queue = queueOn(testDb.url, { pollingIntervalSeconds: 60 });
    await queue.start({ mail: jobs.mail });
    await vi.waitFor(async () => expect(await queue.depth('mail')).toBe(0), { interval: 50 });
    await sleep(200);

    const to = `queued.${Date.now()}@example.com`;
    await enqueueMail(db, { to, subject: 'Hello', text: 'Queued, then woken.' });
    await queue.wake('mail');
    await vi.waitFor(
      async () => {
        const [row] = await db.select().from(mailOutbox).where(eq(mailOutbox.to, to));
        expect(row?.status).toBe('sent');
      },
      { timeout: 5_000, interval: 50 },
    );
  });
});

describe('job queue on PGlite', () => {
  it('starts on the embedded database, registers the schedules and runs a job', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bazaar-queue-'));
    const handle = await createDb({ pgliteDir: join(dir, 'pglite') });
    try {
      const { pglite } = handle;
      if (!pglite) throw new Error('expected the embedded database');
      let runs = 0;
      const queue = createJobQueue({
        database: { pglite },
        log: capturingLogger().log,
        pollingIntervalSeconds: 0.5,
      });
      queues.push(queue);
      await queue.start({
        cleanup: async () => {
          runs++;
        },
      });
      await vi.waitFor(() => expect(runs).toBe(1), { timeout: 10_000, interval: 50 });
      await queue.wake('cleanup');
      await vi.waitFor(() => expect(runs).toBe(2), { timeout: 10_000, interval: 50 });
      await vi.waitFor(async () => expect(await queue.depth()).toBe(0), { interval: 50 });
      const { rows } = await pglite.query<{ name: string; cron: string }>(
        `select name, cron from ${QUEUE_SCHEMA}.schedule order by name`,
      );
      expect(rows.map((row) => row.name)).toEqual([...jobNames].sort());
      expect(rows.find((row) => row.name === 'cleanup')?.cron).toBe('*/15 * * * *');
      await queue.stop();
    } finally {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
