import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { createDb, type DbHandle } from './client.ts';

/**
 * Real-PostgreSQL test databases. A run builds one migrated (optionally seeded) template; each
 * test file clones it with CREATE DATABASE … TEMPLATE, so files run in parallel in isolation.
 */
export const testServerUrl =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function databaseUrl(name: string): string {
  const url = new URL(testServerUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(testServerUrl, { max: 1, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end();
  }
}

const uniqueName = (prefix: string) => `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;

/** Creates a migrated database, runs `prepare` on it, and returns its name for use as a template. */
export async function createTemplateDatabase(
  prepare?: (handle: DbHandle) => Promise<unknown>,
): Promise<string> {
  const name = uniqueName('bazaar_tpl');
  await withAdmin((sql) => sql.unsafe(`create database "${name}"`));
  const handle = await createDb({ databaseUrl: databaseUrl(name), maxConnections: 2 });
  try {
    await handle.migrate();
    await prepare?.(handle);
  } finally {
    await handle.close();
  }
  return name;
}

export interface TestDatabase {
  name: string;
  url: string;
  handle: DbHandle;
  drop(): Promise<void>;
}

/** A fresh database cloned from `template` (or empty and migrated when none is given). */
export async function createTestDatabase(template?: string): Promise<TestDatabase> {
  const name = uniqueName('bazaar_test');
  await withAdmin((sql) =>
    sql.unsafe(`create database "${name}"${template ? ` template "${template}"` : ''}`),
  );
  const url = databaseUrl(name);
  const handle = await createDb({ databaseUrl: url, maxConnections: 5 });
  if (!template) await handle.migrate();
  return {
    name,
    url,
    handle,
    async drop() {
      await handle.close();
      await dropDatabase(name);
    },
  };
}

export async function dropDatabase(name: string): Promise<void> {
  await withAdmin((sql) => sql.unsafe(`drop database if exists "${name}" with (force)`));
}
