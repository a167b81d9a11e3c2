import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { createDb, type DbHandle } from '@bazaar/db';
import { seedDemoIfEmpty } from '@bazaar/db/seed';
import type { Env } from './env.ts';
import { createApiServer } from './http/server.ts';
import type { Logger } from './logger.ts';
import { createServices } from './services/index.ts';

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
  if (env.DEMO_MODE && (await seedDemoIfEmpty(db.db))) log.info('demo catalog seeded');

  const server = createApiServer({ services: createServices(db.db), log, ping: db.ping });
  let closing: Promise<void> | undefined;
  return {
    server,
    db,
    shutdown: () => (closing ??= shutdown(server, db, env.SHUTDOWN_TIMEOUT_MS)),
  };
}

async function shutdown(server: Server, db: DbHandle, timeoutMs: number): Promise<void> {
  await closeServer(server, timeoutMs);
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
