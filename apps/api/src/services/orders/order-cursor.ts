import { AppError } from '@bazaar/contracts/server';
import { orders } from '@bazaar/db/schema';
import { and, or, type SQL, sql } from 'drizzle-orm';

/**
 * Keyset cursor of order lists (newest first): the last row's creation time, as PostgreSQL's
 * own text (microseconds, which a JS Date would cut), and its id.
 */
export const cursorAt = sql<string>`${orders.createdAt}::text`;

export const encodeCursor = (at: string, id: string) =>
  Buffer.from(`${at}|${id}`).toString('base64url');

/** Rows after the cursor in (created_at desc, id desc) order; BAD_REQUEST for a malformed one. */
export function afterCursor(cursor: string): SQL {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (
    !/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,6})?[+-]\d\d(:\d\d)?$/.test(at ?? '') ||
    !/^[0-9a-f-]{36}$/.test(id ?? '')
  ) {
    const message = 'Invalid cursor';
    throw new AppError('BAD_REQUEST', message, { fieldErrors: { cursor: [message] } });
  }
  return or(
    sql`${orders.createdAt} < ${at}::timestamptz`,
    and(sql`${orders.createdAt} = ${at}::timestamptz`, sql`${orders.id} < ${id}::uuid`),
  ) as SQL;
}

/** Units in an order, for lists (written out: Drizzle would leave a subquery's columns unqualified). */
export const itemCountSql = sql<number>`(select coalesce(sum(ol.quantity), 0)::int from order_lines ol where ol.order_id = "orders"."id")`;
