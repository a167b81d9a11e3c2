import type { Database } from '@bazaar/db';
import { fromPglite, type PGliteLike, PgBoss } from 'pg-boss';
import type { Logger } from '../logger.ts';
import type { MailDispatcher } from '../services/mail/dispatcher.ts';
import { expireReservations } from '../services/orders/expire-reservations.ts';
import type { Cleanup } from './cleanup.ts';

/**
 * Every background job, in one place. Each is a pg-boss queue of the `stately` policy: at most one
 * job waiting and one running per queue across all API instances, so any number of wakes collapse
 * into one pending run and two instances never run the same job at once. The work itself lives in
 * database rows (outbox, test_provider_events, refunds, orders) and is idempotent; a job only says
 * "look now".
 */
export const JOBS = {
  /** Delivers the mail outbox; woken whenever mail is queued. */
  mail: { cron: '* * * * *', expireInSeconds: 5 * 60 },
  /** Sends the test provider's due webhooks and retries refunds; woken when there are some. */
  payments: { cron: '* * * * *', expireInSeconds: 5 * 60 },
  /** Cancels unpaid orders whose reservation ran out and gives their stock back. */
  reservations: { cron: '* * * * *', expireInSeconds: 5 * 60 },
  /** Deletes expired sessions, spent tokens, old mail, idle carts and old idempotency keys. */
  cleanup: { cron: '*/15 * * * *', expireInSeconds: 15 * 60 },
} as const satisfies Record<string, { cron: string; expireInSeconds: number }>;

export type JobName = keyof typeof JOBS;
export const jobNames = Object.keys(JOBS) as JobName[];

/** One run of a job; resolves `true` when it stopped with work left, so it runs again right away. */
export type JobHandler = () => Promise<unknown>;

/** pg-boss keeps its tables in this schema of the API's database (it creates it on first start). */
export const QUEUE_SCHEMA = 'pgboss';

export interface JobQueueOptions {
  /** The API's database: its URL (pg-boss opens a small pool of its own) or its PGlite instance. */
  database: { url: string; maxConnections?: number } | { pglite: PGliteLike };
  log: Logger;
  /** Registers and fires the cron schedules (default true). Tests turn it off to count runs. */
  schedules?: boolean;
  /** First retry delay; later ones back off exponentially up to 5 minutes (default 10 s). */
  retryDelaySeconds?: number;
  /** How often an idle worker looks for jobs queued by other instances (default 2 s). */
  pollingIntervalSeconds?: number;
}

export interface JobQueue {
  /**
   * Starts pg-boss (creating or migrating its schema), configures the queues and schedules, queues
   * one run of each handled job, and starts working on the jobs `handlers` has (default none: an
   * instance that only queues).
   */
  start(handlers?: Partial<Record<JobName, JobHandler>>): Promise<void>;
  /** Asks for a run of `name` soon. Never rejects; a no-op before start and after stop. */
  wake(name: JobName): Promise<void>;
  /** Jobs waiting to run (queued or waiting for a retry), of `name` or of all jobs. */
  depth(name?: JobName): Promise<number>;
  /** Jobs waiting to run, per job (for metrics): one query. */
  depths(): Promise<Record<JobName, number>>;
  /** Readiness: started, not stopped, and its database answers. */
  healthy(): Promise<boolean>;
  /**
   * Stops taking jobs, lets running ones finish for up to `timeoutMs` (then fails them, so they are
   * retried), and closes its own connections; the database itself stays open.
   */
  stop(timeoutMs?: number): Promise<void>;
}

export function createJobQueue(options: JobQueueOptions): JobQueue {
  const { log } = options;
  const schedules = options.schedules ?? true;
  const boss = new PgBoss({
    ...('pglite' in options.database
      ? { db: fromPglite(options.database.pglite), backend: 'pglite' as const }
      : {
          connectionString: options.database.url,
          max: options.database.maxConnections ?? 2,
          application_name: 'bazaar-jobs',
        }),
    schema: QUEUE_SCHEMA,
    schedule: schedules,
  });
  boss.on('error', (err) => log.error({ err }, 'job queue error'));
  boss.on('warning', (warning) => log.warn({ data: warning.data }, warning.message));

  let state: 'new' | 'starting' | 'started' | 'stopped' = 'new';
  const workers = new Map<JobName, string>();
  // Per job: the send not started yet (later wakes join it) and the latest send (the next waits for
  // it), so a storm of wakes makes at most one send in flight and one waiting.
  const waiting = new Map<JobName, Promise<void>>();
  const latest = new Map<JobName, Promise<void>>();

  async function send(name: JobName): Promise<void> {
    try {
      // Null when a job is already waiting: the queue's policy keeps one.
      await boss.send(name, null);
      const worker = workers.get(name);
      if (worker) boss.notifyWorker(worker);
    } catch (err) {
      log.warn({ err, job: name }, 'could not queue a job; its schedule runs it later');
    }
  }

  function wake(name: JobName): Promise<void> {
    if (state !== 'started') return Promise.resolve();
    const joined = waiting.get(name);
    if (joined) return joined;
    const next = (latest.get(name) ?? Promise.resolve()).then(() => {
      waiting.delete(name);
      return state === 'started' ? send(name) : undefined;
    });
    waiting.set(name, next);
    latest.set(name, next);
    return next;
  }

  async function depths(): Promise<Record<JobName, number>> {
    const all = Object.fromEntries(jobNames.map((name) => [name, 0])) as Record<JobName, number>;
    if (state !== 'started') return all;
    const { rows } = await boss
      .getDb()
      .executeSql(
        `select name, count(*)::int as waiting from ${QUEUE_SCHEMA}.job where state in ('created', 'retry') and name = any($1::text[]) group by name`,
        [jobNames],
      );
    for (const row of rows as { name: JobName; waiting: number }[])
      all[row.name] = Number(row.waiting);
    return all;
  }

  async function work(name: JobName, handler: JobHandler) {
    const id = await boss.work(
      name,
      {
        includeMetadata: true,
        pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
      },
      async ([job]) => {
        const started = performance.now();
        try {
          const more = (await handler()) === true;
          log.debug({ job: name, ms: Math.round(performance.now() - started), more }, 'job done');
          if (more) void wake(name);
        } catch (err) {
          const retries = job ? { attempt: job.retryCount + 1, retryLimit: job.retryLimit } : {};
          log.error({ err, job: name, ...retries }, `background job ${name} failed`);
          throw err;
        }
      },
    );
    workers.set(name, id);
  }

  return {
    async start(handlers = {}) {
      if (state !== 'new') throw new Error('a job queue starts once');
      state = 'starting';
      await boss.start();
      const retryDelay = options.retryDelaySeconds ?? 10;
      for (const name of jobNames) {
        const settings = {
          retryLimit: 5,
          retryDelay,
          retryBackoff: true,
          retryDelayMax: Math.max(retryDelay, 300),
          expireInSeconds: JOBS[name].expireInSeconds,
          // A crashed instance's running job is given up after a missed heartbeat, not after
          // expireInSeconds, so the queue is not blocked for long.
          heartbeatSeconds: 30,
          deleteAfterSeconds: 24 * 60 * 60,
        };
        await boss.createQueue(name, { policy: 'stately', ...settings });
        // createQueue leaves an existing queue as it was: bring its settings up to date.
        await boss.updateQueue(name, settings);
        if (schedules)
          await boss.schedule(name, JOBS[name].cron, null, { tz: 'UTC', missed: 'once' });
      }
      state = 'started';
      const handled = jobNames.flatMap((name) => {
        const handler = handlers[name];
        return handler ? [[name, handler] as const] : [];
      });
      // Queued before the workers start, so a job left waiting by the previous run is not doubled.
      for (const [name] of handled) await send(name);
      for (const [name, handler] of handled) await work(name, handler);
    },
    wake,
    depths,
    async depth(name) {
      const all = await depths();
      return name ? all[name] : jobNames.reduce((sum, n) => sum + all[n], 0);
    },
    async healthy() {
      if (state !== 'started') return false;
      await boss.getDb().executeSql('select 1');
      return true;
    },
    async stop(timeoutMs = 10_000) {
      const was = state;
      state = 'stopped';
      // Also after a start that failed half-way: pg-boss may hold connections by then.
      if (was === 'new' || was === 'stopped') return;
      // Running jobs finish first (pg-boss's own graceful stop would check for them every 500 ms);
      // what still runs at the timeout is failed by stop(), so another instance retries it.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all([...workers.keys()].map((name) => boss.offWork(name, { wait: true }))),
        new Promise((done) => {
          timer = setTimeout(done, timeoutMs);
        }),
      ]);
      clearTimeout(timer);
      await boss.stop({ graceful: true, timeout: 1_000, close: true });
    },
  };
}

export interface BackgroundWork {
  db: Database;
  mail: Pick<MailDispatcher, 'runOnce'>;
  services: {
    testPayments: { deliverWebhooks(): Promise<number> } | null;
    payments: { retryPendingRefunds(): Promise<number> };
  };
  cleanup: Cleanup;
  log: Logger;
}

/** Mail batches one job sends before it queues the next (so a job stays short). */
const MAIL_ROUNDS = 10;
/** Orders one job expires before it queues the next. */
const EXPIRY_LIMIT = 500;

/** What each job does: the existing idempotent work functions. */
export function backgroundJobs(work: BackgroundWork): Record<JobName, JobHandler> {
  return {
    async mail() {
      for (let round = 0; round < MAIL_ROUNDS; round++) {
        if ((await work.mail.runOnce()) === 0) return false;
      }
      return true;
    },
    async payments() {
      await work.services.testPayments?.deliverWebhooks();
      await work.services.payments.retryPendingRefunds();
      return false;
    },
    async reservations() {
      const expired = await expireReservations(work.db, EXPIRY_LIMIT);
      if (expired.length)
        work.log.info({ orders: expired }, 'unpaid orders expired; stock released');
      return expired.length === EXPIRY_LIMIT;
    },
    async cleanup() {
      await work.cleanup.runOnce();
      return false;
    },
  };
}
