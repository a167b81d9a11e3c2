import type { Database } from '@bazaar/db';
import { type SQL, sql } from 'drizzle-orm';

/** A transaction handle, accepted wherever a write must join the caller's transaction. */
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
export type DbOrTx = Database | Tx;

/** The PostgreSQL error behind `error` (Drizzle wraps it), if any. */
function pgError(error: unknown): { code?: unknown; constraint_name?: unknown } | undefined {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if (typeof (e as { code?: unknown }).code === 'string') return e as { code: string };
  }
  return undefined;
}

/** True for a unique-constraint violation (optionally of `constraint`), also when wrapped. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pg = pgError(error);
  return pg?.code === '23505' && (constraint === undefined || pg.constraint_name === constraint);
}

/** True when a foreign key refused a delete: something (an order) still references the row. */
export function isReferenced(error: unknown): boolean {
  return pgError(error)?.code === '23503';
}

/** Rows of `db.execute()`: postgres.js returns an array of rows, PGlite an object with `rows`. */
export function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);
}

/**
 * A LIMIT written into the statement, not sent as a parameter. Statements are prepared, and with
 * `limit $n` PostgreSQL's generic plan cannot know a page is a few rows: it plans for thousands
 * (hash joins over every product), so it re-plans every execution instead, ~0.4 ms of a 20-product
 * listing's ~0.9 ms in PostgreSQL. With the number in the text, it reuses one plan after five
 * executions. Only a validated small integer ever gets here, never text.
 */
export function limitOf(rows: number): SQL {
  if (!Number.isSafeInteger(rows) || rows < 0 || rows > 10_000)
    throw new Error(`limitOf: ${rows} is not a row count`);
  return sql.raw(`limit ${rows}`);
}
