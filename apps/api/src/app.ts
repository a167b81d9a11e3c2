import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { createDb, type DbHandle } from '@bazaar/db';
import { seedDemoIfEmpty } from '@bazaar/db/seed';
import { Redis } from 'ioredis';
import { cookieSecure, type Env } from './env.ts';
import { createApiServer } from './http/server.ts';
import type { Logger } from './logger.ts';
import { allowedOriginsFor } from './security/csrf.ts';
import { createRateLimits } from './security/rate-limits.ts';
import { ensureBuiltInRoles } from './services/admin/built-in-roles.ts';
import { DEMO_OWNER, seedDemoOwner } from './services/admin/owner.ts';
import { createServices } from './services/index.ts';
import { createMailDispatcher, type MailDispatcher } from './services/mail/dispatcher.ts';
import { devMailboxTransport, smtpTransport } from './services/mail/transports.ts';

export const defaultPgliteDir = resolve(import.meta.dirname, '../../../.data/pglite');

export interface App {
  server: Server;
  db: DbHandle;
  /** Stop accepting, let in-flight requests finish (up to the timeout), then close the database. */
  shutdown(): Promise<void>;
}

/** Opens and migrates the database, seeds the demo catalog when asked, and builds the HTTP server. */
export async function createApp(env: Env, log: Logger): Promise<App> {
  const db = await createDb({
    databaseUrl: env.DATABASE_URL,
    pgliteDir: env.PGLITE_DIR ?? defaultPgliteDir,
    maxConnections: env.DB_POOL_MAX,
  });
  await db.migrate();
  log.info({ driver: db.driver }, 'database migrated');
  await ensureBuiltInRoles(db.db);
  if (env.DEMO_MODE && (await seedDemoIfEmpty(db.db))) log.info('demo catalog seeded');
  if (env.DEMO_MODE && (await seedDemoOwner(db.db))) log.info('demo owner seeded');

  const redis = env.REDIS_URL
    ? new Redis(env.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 })
    : undefined;
  redis?.on('error', (err) =>
    log.warn({ err }, 'redis unavailable; rate limits fall back to memory'),
  );
  const mail = createMailDispatcher(
    db.db,
    env.SMTP_URL ? smtpTransport(env.SMTP_URL, env.MAIL_FROM) : devMailboxTransport,
    log,
  );
  const services = createServices(db.db, {
    publicUrl: env.PUBLIC_URL,
    demoMode: env.DEMO_MODE,
    rateLimits: createRateLimits({ redis }),
    devMailbox: !env.SMTP_URL,
    mailQueued: mail.wake,
  });
  const server = createApiServer({
    services,
    log,
    ping: db.ping,
    security: {
      allowedOrigins: allowedOriginsFor(env.PUBLIC_URL),
      cookie: { secure: cookieSecure(env) },
      trustedProxies: env.TRUSTED_PROXIES,
    },
  });
  mail.start();
  let closing: Promise<void> | undefined;
  return {
    server,
    db,
    shutdown: () => (closing ??= shutdown(server, db, mail, redis, env.SHUTDOWN_TIMEOUT_MS)),
  };
}

/** Printed at start in demo mode, so the admin can be tried right away. */
export const demoCredentials = () =>
  `Demo owner: ${DEMO_OWNER.email} / ${DEMO_OWNER.password}  (demo mode: no two-factor needed)`;

async function shutdown(
  server: Server,
  db: DbHandle,
  mail: MailDispatcher,
  redis: Redis | undefined,
  timeoutMs: number,
): Promise<void> {
  await closeServer(server, timeoutMs);
  await mail.stop();
  redis?.disconnect();
  await db.close();
}

/** Stops accepting connections and waits for in-flight requests, cutting them off after the timeout. */
export async function closeServer(server: Server, timeoutMs: number): Promise<void> {
  const closed = new Promise<void>((done) => server.close(() => done()));
  // Keep-alive connections become idle as their last request ends; drop them as they do.
  const sweep = setInterval(() => server.closeIdleConnections(), 50);
  server.closeIdleConnections();
  const deadline = setTimeout(() => server.closeAllConnections(), timeoutMs);
  await closed;
  clearInterval(sweep);
  clearTimeout(deadline);
}
