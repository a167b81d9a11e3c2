import { AppError, type OrderService } from '@bazaar/contracts/server';
import type { Database } from '@bazaar/db';
import { orders } from '@bazaar/db/schema';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { RateLimits } from '../../security/rate-limits.ts';
import { afterCursor, cursorAt, encodeCursor, itemCountSql } from './order-cursor.ts';
import { orderView } from './order-view.ts';

const notFound = () => new AppError('NOT_FOUND', 'Order not found');

/** Orders as their customers see them; another customer's order is NOT_FOUND, like a missing one. */
export function createOrderService(db: Database, rateLimits: RateLimits): OrderService {
  return {
    async listMine(userId, input) {
      const rows = await db
        .select({
          id: orders.id,
          number: orders.number,
          status: orders.status,
          email: orders.email,
          total: orders.total,
          currency: orders.currency,
          createdAt: orders.createdAt,
          at: cursorAt,
          itemCount: itemCountSql,
        })
        .from(orders)
        .where(and(eq(orders.userId, userId), input.cursor ? afterCursor(input.cursor) : undefined))
        .orderBy(desc(orders.createdAt), desc(orders.id))
        .limit(input.limit + 1);
      const page = rows.slice(0, input.limit);
      const last = page.at(-1);
      return {
        items: page.map(({ total, currency, at: _, ...r }) => ({
          ...r,
          total: { amount: total, currency },
        })),
        nextCursor: rows.length > input.limit && last ? encodeCursor(last.at, last.id) : null,
      };
    },

    async getMine(userId, number) {
      const [order] = await db
        .select()
        .from(orders)
        .where(and(eq(orders.number, number), eq(orders.userId, userId)));
      if (!order) throw notFound();
      return orderView(db, order);
    },

    /**
     * Both must match; misses are limited per IP (20 an hour) so numbers cannot be walked for an
     * address. A miss and a wrong email answer the same.
     */
    async lookup({ number, email }, ip) {
      const key = ['orderLookupFailuresByIp', ip ?? 'unknown'] as const;
      await rateLimits.take(key);
      const [order] = await db
        .select()
        .from(orders)
        .where(
          and(eq(orders.number, number), sql`lower(${orders.email}) = ${email.toLowerCase()}`),
        );
      if (!order) throw notFound();
      await rateLimits.succeeded(key);
      return orderView(db, order);
    },
  };
}
