import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema/index.ts';

/** The Drizzle database, typed against what both drivers share, so code runs on either. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DbHandle {
  db: Database;
  driver: 'postgres' | 'pglite';
  /** Runs pending migrations (serialised across processes on PostgreSQL). */
  migrate(): Promise<void>;
  /** True when the database answers a trivial query. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface CreateDbOptions {
  /** postgres:// URL; when absent an embedded PGlite database is used. */
  databaseUrl?: string | undefined;
  /** Folder of the embedded database (default `.data/pglite` under the working directory). */
  pgliteDir?: string | undefined;
  /** Pool size for PostgreSQL. */
  maxConnections?: number | undefined;
}

/**
 * The drizzle-kit migrations: `../migrations` from this source file, or `./migrations` next to a
 * bundle that includes this package (the API's production build copies them there).
 */
export const migrationsFolder =
  [resolve(import.meta.dirname, '../migrations'), resolve(import.meta.dirname, 'migrations')].find(
    (dir) => existsSync(resolve(dir, 'meta/_journal.json')),
  ) ?? resolve(import.meta.dirname, '../migrations');
const MIGRATION_LOCK_KEY = 0x62617a61; // "baza"

export async function createDb(options: CreateDbOptions = {}): Promise<DbHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.maxConnections ?? 10);
  return openPglite(resolve(options.pgliteDir ?? '.data/pglite'));
}

async function openPostgres(url: string, max: number): Promise<DbHandle> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const { migrate } = await import('drizzle-orm/postgres-js/migrator');
  const client = postgres(url, { max, onnotice: () => {} });
  const db = drizzle({ client, schema, casing: 'snake_case' });
  return {
    db,
    driver: 'postgres',
    async migrate() {
      // One connection holds an advisory lock so concurrent API instances migrate one at a time.
      const lockClient = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await lockClient`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
        await migrate(drizzle({ client: lockClient, casing: 'snake_case' }), { migrationsFolder });
        await lockClient`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
      } finally {
        await lockClient.end();
      }
    },
    ping: () => pingWith(() => client`select 1`),
    close: () => client.end({ timeout: 5 }),
  };
}

async function openPglite(dir: string): Promise<DbHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  // PGlite creates only the last folder of its path.
  mkdirSync(dirname(dir), { recursive: true });
  const client = await PGlite.create(dir, { extensions: { pg_trgm } });
  const db = drizzle({ client, schema, casing: 'snake_case' });
  return {
    db,
    driver: 'pglite',
    migrate: () => migrate(db, { migrationsFolder }),
    ping: () => pingWith(() => client.query('select 1')),
    close: () => client.close(),
  };
}

async function pingWith(query: () => Promise<unknown>): Promise<boolean> {
  try {
    await query();
    return true;
  } catch {
    return false;
  }
}
