import type { Server } from 'node:http';
import { createDb, type DbHandle } from '@bazaar/db';
import { seedDemoIfEmpty } from '@bazaar/db/seed';
import { Redis } from 'ioredis';
import { createCacheStore } from './cache/create-store.ts';
import { cookieSecure, type Env } from './env.ts';
import { closeServer } from './http/graceful-close.ts';
import { createApiServer, type HttpSecurity } from './http/server.ts';
import { createCleanup } from './jobs/cleanup.ts';
import { startListingSweeper } from './jobs/listing-sweeper.ts';
import { backgroundJobs, createJobQueue, type JobQueue } from './jobs/queue.ts';
import type { Logger } from './logger.ts';
import { createMediaStore } from './media/store.ts';
import { createMetrics } from './observability/metrics.ts';
import { createReadiness } from './observability/readiness.ts';
import { defaultDataDir, pgliteDirFor, uploadDirFor } from './paths.ts';
import { allowedOriginsFor } from './security/csrf.ts';
import { devSecretKey } from './security/dev-secret-key.ts';
import { createKeyring } from './security/keyring.ts';
import { argon2Passwords } from './security/passwords.ts';
import { createRateLimits } from './security/rate-limits.ts';
import { passwordResetRenderer } from './services/accounts/password-reset-mail.ts';
import { resealTotpKeys } from './services/accounts/two-factor.ts';
import { ensureBuiltInRoles } from './services/admin/built-in-roles.ts';
import { DEMO_OWNER, seedDemoOwner } from './services/admin/owner.ts';
import { createServices } from './services/index.ts';
import { createMailDispatcher } from './services/mail/dispatcher.ts';
import {
  devMailboxTransport,
  logTransport,
  type MailTransport,
  smtpTransport,
} from './services/mail/transports.ts';
import { paymentProviderFromEnv } from './services/payments/provider-from-env.ts';

export interface App {
  server: Server;
  db: DbHandle;
  /** The background jobs (pg-boss, in the same database). */
  queue: JobQueue;
  /**
   * Stop accepting, let in-flight requests finish (up to the timeout), let running jobs finish (up
   * to the timeout again), then close the database.
   */
  shutdown(): Promise<void>;
}

/** Where mail goes: SMTP when configured; else the development mailbox (demo) or the log. */
function mailTransportFor(env: Env, log: Logger): MailTransport {
  if (env.SMTP_URL) return smtpTransport(env.SMTP_URL, env.MAIL_FROM);
  return env.DEMO_MODE ? devMailboxTransport : logTransport(log);
}

/** Opens and migrates the database, seeds the demo shop when asked, and builds the HTTP server. */
export async function createApp(env: Env, log: Logger): Promise<App> {
  const dataDir = env.DATA_DIR ?? defaultDataDir();
  const keyring = createKeyring(env.SECRET_KEYS ?? [devSecretKey(dataDir)]);
  const db = await createDb({
    databaseUrl: env.DATABASE_URL,
    pgliteDir: pgliteDirFor(env),
    maxConnections: env.DB_POOL_MAX,
  });
  await db.migrate();
  log.info({ driver: db.driver }, 'database migrated');
  await ensureBuiltInRoles(db.db);
  const totp = await resealTotpKeys(db.db, keyring);
  if (totp.resealed > 0) log.info(totp, 'two-factor secrets resealed with the current key');
  if (totp.unreadable > 0)
    log.error(totp, 'some two-factor secrets open with no key in SECRET_KEYS (a key was removed)');
  if (env.DEMO_MODE && (await seedDemoIfEmpty(db.db))) log.info('demo catalog seeded');
  if (env.DEMO_MODE && (await seedDemoOwner(db.db))) log.info('demo owner seeded');
  if (env.DEMO_MODE) log.info(demoCredentials());

  const redis = env.REDIS_URL
    ? new Redis(env.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 })
    : undefined;
  redis?.on('error', (err) =>
    log.warn({ err }, 'redis unavailable; rate limits and the catalog cache fall back to memory'),
  );
  const transport = mailTransportFor(env, log);
  const mail = createMailDispatcher(db.db, transport, log, {
    'password-reset': passwordResetRenderer(env.PUBLIC_URL),
  });
  // pg-boss on the same database: its own small pool on PostgreSQL, the one PGlite instance here.
  const queue = createJobQueue({
    database: db.pglite ? { pglite: db.pglite } : { url: env.DATABASE_URL as string },
    log,
  });
  const metrics = createMetrics({
    poolStats: db.poolStats,
    jobDepths: queue.depths,
    log,
    processMetrics: true,
  });
  // Filled in below: the services are made before the server.
  let server: Server | undefined;
  const services = createServices(db.db, {
    publicUrl: env.PUBLIC_URL,
    demoMode: env.DEMO_MODE,
    rateLimits: createRateLimits({ redis, keyPrefix: `${env.REDIS_KEY_PREFIX}:rl` }),
    devMailbox: transport === devMailboxTransport,
    mailQueued: () => void queue.wake('mail'),
    passwords: argon2Passwords,
    keyring,
    now: () => new Date(),
    reservationMinutes: env.ORDER_RESERVATION_MINUTES,
    log,
    testWebhookSecret: keyring.sign('test-payment-webhook', 'bazaar-test-provider'),
    webhookUrl: () => ownUrl(server, '/webhooks/payments/test'),
    paymentsQueued: () => void queue.wake('payments'),
    paymentProvider: paymentProviderFromEnv(env),
    catalogCache: env.CATALOG_CACHE
      ? { store: createCacheStore({ redis, prefix: `${env.REDIS_KEY_PREFIX}:cache:catalog`, log }) }
      : undefined,
    metrics: metrics.shop,
  });
  server = createApiServer({
    services,
    log,
    readiness: createReadiness({
      database: db.ping,
      redis: redis && (async () => (await redis.ping()) === 'PONG'),
      jobs: queue.healthy,
    }),
    security: httpSecurityFor(env),
    media: createMediaStore(uploadDirFor(env), env.UPLOAD_MAX_MB * 1024 * 1024),
    metrics,
    metricsToken: env.METRICS_TOKEN,
  });
  try {
    await queue.start(
      backgroundJobs({ db: db.db, mail, services, cleanup: createCleanup(db.db, log), log }),
    );
  } catch (err) {
    await queue.stop(0).catch(() => {});
    redis?.disconnect();
    await db.close();
    throw err;
  }
  log.info('job queue started');
  const sweeper = startListingSweeper(db.db, log);
  let closing: Promise<void> | undefined;
  return {
    server,
    db,
    queue,
    shutdown: () =>
      (closing ??= shutdown(server, db, queue, [mail, sweeper], redis, env.SHUTDOWN_TIMEOUT_MS)),
  };
}

/** The server's own address (loopback when it listens on all interfaces), once it listens. */
export function ownUrl(server: Server | undefined, path: string): string | null {
  const address = server?.address();
  if (!address || typeof address === 'string') return null;
  const host =
    address.address === '::' || address.address === '0.0.0.0' ? '127.0.0.1' : address.address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}${path}`;
}

/** What the HTTP layer enforces, from the environment. */
export const httpSecurityFor = (env: Env): HttpSecurity => ({
  allowedOrigins: allowedOriginsFor(env.PUBLIC_URL),
  cookie: { secure: cookieSecure(env) },
  trustProxy: env.TRUSTED_PROXIES,
  hsts: env.PUBLIC_URL.startsWith('https:'),
});

/** Logged in demo mode, and printed by `pnpm start`, so the admin can be tried right away. */
export const demoCredentials = () =>
  `Demo owner: ${DEMO_OWNER.email} / ${DEMO_OWNER.password}  (demo mode: no two-factor needed)`;

async function shutdown(
  server: Server,
  db: DbHandle,
  queue: JobQueue,
  workers: { stop(): Promise<void> }[],
  redis: Redis | undefined,
  timeoutMs: number,
): Promise<void> {
  await closeServer(server, timeoutMs);
  // Running jobs finish (a job still running at the timeout is failed, and retried by the next
  // instance); none starts after this.
  await queue.stop(timeoutMs);
  await Promise.all(workers.map((w) => w.stop()));
  redis?.disconnect();
  await db.close();
}
