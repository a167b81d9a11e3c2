import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Sql, TransactionSql, UnsafeQueryOptions } from 'postgres';
import { useRawSqlCompiler } from './raw-sql-compiler.ts';
import * as schema from './schema/index.ts';

/** The Drizzle database, typed against what both drivers share, so code runs on either. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DbHandle {
  db: Database;
  driver: 'postgres' | 'pglite';
  /** The embedded database itself (PGlite only), for what shares its one connection: the job queue. */
  pglite?: PGlite;
  /** Runs pending migrations (serialised across processes on PostgreSQL). */
  migrate(): Promise<void>;
  /** True when the database answers a trivial query. */
  ping(): Promise<boolean>;
  /** How much of the connection pool is in use (for metrics). */
  poolStats(): Promise<PoolStats>;
  close(): Promise<void>;
}

/**
 * The pool's connections. postgres.js keeps its pool state private, so on PostgreSQL these are
 * the server's view (`pg_stat_activity`) of the connections this handle opened; PGlite is one
 * in-process connection, with no states to report.
 */
export interface PoolStats {
  max: number;
  open: number;
  /** Running a statement. */
  active?: number;
  idle?: number;
  /** Holding a transaction open between statements. */
  idleInTransaction?: number;
}

export interface CreateDbOptions {
  /** postgres:// URL; when absent an embedded PGlite database is used. */
  databaseUrl?: string | undefined;
  /** Folder of the embedded database (default `.data/pglite` under the working directory). */
  pgliteDir?: string | undefined;
  /** Pool size for PostgreSQL. */
  maxConnections?: number | undefined;
  /** Called with every statement sent to PostgreSQL (tests count them). */
  onQuery?: ((query: string) => void) | undefined;
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
  if (options.databaseUrl) {
    return openPostgres(options.databaseUrl, options.maxConnections ?? 10, options.onQuery);
  }
  return openPglite(resolve(options.pgliteDir ?? '.data/pglite'));
}

async function openPostgres(
  url: string,
  max: number,
  onQuery?: (query: string) => void,
): Promise<DbHandle> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const { migrate } = await import('drizzle-orm/postgres-js/migrator');
  // Connections end after 30–60 minutes (a lifetime per process, so instances do not reconnect
  // together), whatever the URL or PGMAX_LIFETIME say: that bounds each one's prepared
  // statements (see `preparing`).
  const lifetimeSeconds = 60 * (30 + Math.floor(Math.random() * 30));
  // A name of this pool's own, so the server can tell its connections from other instances'.
  const applicationName = `bazaar-api-${randomBytes(4).toString('hex')}`;
  const client = postgres(url, {
    max,
    max_lifetime: lifetimeSeconds,
    onnotice: () => {},
    connection: { application_name: applicationName },
    ...(onQuery ? { debug: (_connection: number, query: string) => onQuery(query) } : {}),
  });
  const db = withRawSqlCompiler(
    drizzle({ client: preparing(client), schema, casing: 'snake_case' }),
  );
  const stats = poolStatsReader(url, applicationName, max);
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
    poolStats: stats.read,
    close: async () => {
      await Promise.all([client.end({ timeout: 5 }), stats.end()]);
    },
  };
}

/**
 * The pool's connections as PostgreSQL sees them, asked over a connection of its own (opened on
 * the first call, closed after two idle minutes) so that a saturated pool, when the numbers
 * matter most, does not hold the question up.
 */
function poolStatsReader(url: string, applicationName: string, max: number) {
  let statsClient: Sql | undefined;
  const read = async (): Promise<PoolStats> => {
    const { default: postgres } = await import('postgres');
    statsClient ??= postgres(url, {
      max: 1,
      idle_timeout: 120,
      onnotice: () => {},
      connection: { application_name: 'bazaar-api-metrics' },
    });
    const rows = await statsClient<{ state: string | null; n: number }[]>`
      select state, count(*)::int as n from pg_stat_activity
      where application_name = ${applicationName} and datname = current_database()
      group by state`;
    const count = (state: string) => rows.find((r) => r.state === state)?.n ?? 0;
    return {
      max,
      open: rows.reduce((sum, r) => sum + r.n, 0),
      active: count('active'),
      idle: count('idle'),
      idleInTransaction: count('idle in transaction') + count('idle in transaction (aborted)'),
    };
  };
  return { read, end: async () => statsClient?.end({ timeout: 1 }) };
}

async function openPglite(dir: string): Promise<DbHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  // PGlite creates only the last folder of its path.
  mkdirSync(dirname(dir), { recursive: true });
  const client = await PGlite.create(dir, { extensions: { pg_trgm } });
  const db = withRawSqlCompiler(drizzle({ client, schema, casing: 'snake_case' }));
  return {
    db,
    driver: 'pglite',
    pglite: client,
    migrate: () => migrate(db, { migrationsFolder }),
    ping: () => pingWith(() => client.query('select 1')),
    poolStats: async () => ({ max: 1, open: client.closed ? 0 : 1 }),
    close: () => client.close(),
  };
}

/**
 * The database with statements written from the `sql` template by the faster compiler (see
 * raw-sql-compiler.ts); under test (vitest sets NODE_ENV=test) each one is checked against
 * Drizzle's own writing.
 */
function withRawSqlCompiler<T extends object>(db: T): T {
  // Drizzle's database keeps its dialect, which its sessions and transactions share, private.
  const { dialect } = db as unknown as { dialect: Parameters<typeof useRawSqlCompiler>[0] };
  useRawSqlCompiler(dialect, {
    verify: process.env.NODE_ENV === 'test',
  });
  return db;
}

/** Beyond this many parameters a statement stays unprepared (see `preparing`). */
const PREPARE_MAX_PARAMETERS = 100;

/**
 * The postgres.js client as Drizzle should use it: its queries prepared. Drizzle runs every query
 * through `unsafe`, which postgres.js leaves unprepared, so each one with parameters costs two
 * round trips (describe, then execute) and a fresh parse and plan in PostgreSQL. Prepared, as
 * postgres.js's own tagged templates are, a statement the connection has run before takes one
 * round trip and no parsing. The handles `begin` and `savepoint` give Drizzle's transactions are
 * wrapped alike.
 *
 * Safe to cache: postgres.js keeps a connection's statements (and PostgreSQL their plans) until the
 * connection ends, and `max_lifetime` ends each within the hour. Their number is bounded in
 * between: the SQL texts are our code's, not built from input; a text varies only with a list's
 * length (an IN list, a multi-row insert), bounded by our own limits; and bulk statements, the
 * catalog import's chunks of up to 500 rows, stay unprepared: past `PREPARE_MAX_PARAMETERS` a
 * statement is big and runs rarely, while its cached plan would keep much memory.
 */
function preparing<T extends Sql | TransactionSql>(sql: T): T {
  return new Proxy(sql, {
    get(target, property, receiver) {
      if (property === 'unsafe') {
        return (query: string, parameters: unknown = [], options?: UnsafeQueryOptions) => {
          if (!Array.isArray(parameters)) return target.unsafe(query, [], parameters as never);
          const prepare = options?.prepare === true || parameters.length <= PREPARE_MAX_PARAMETERS;
          return target.unsafe(query, parameters, { ...options, prepare });
        };
      }
      if (property === 'begin' || property === 'savepoint') {
        const open = Reflect.get(target, property, receiver) as (...args: unknown[]) => unknown;
        return (...args: unknown[]) => {
          const body = args.at(-1);
          if (typeof body !== 'function') return open(...args);
          return open(...args.slice(0, -1), (tx: TransactionSql) => body(preparing(tx)));
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
}

async function pingWith(query: () => Promise<unknown>): Promise<boolean> {
  try {
    await query();
    return true;
  } catch {
    return false;
  }
}
