import { randomUUID } from 'node:crypto';
import { type AdminOrder, AppError, type OrderAdminService } from '@bazaar/contracts/server';
import type { Database } from '@bazaar/db';
import { orders, users } from '@bazaar/db/schema';
import { and, count, desc, eq, ilike, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../db.ts';
import type { Payments } from '../payments/payments.ts';
import { afterCursor, cursorAt, encodeCursor, itemCountSql } from './order-cursor.ts';
import { type LockedOrder, lockOrder } from './order-states.ts';
import {
  addOrderNote,
  cancelPaid,
  cancelUnpaid,
  markDelivered,
  markShipped,
  takeRefund,
} from './order-transitions.ts';
import { adminOrderView } from './order-view.ts';

export interface OrderAdminDeps {
  db: Database;
  payments: Payments;
  publicUrl: string;
  mailQueued: () => void;
}

const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** "1001" or "#1001" is an order number; anything else is searched in the email. */
function searchCondition(q: string): SQL {
  const number = /^#?(\d{1,15})$/.exec(q.trim());
  if (number) return eq(orders.number, Number(number[1]));
  return ilike(orders.email, `%${likeEscape(q.trim())}%`);
}

export function createOrderAdminService(deps: OrderAdminDeps): OrderAdminService {
  const { db } = deps;

  /**
   * Runs one staff action on the locked order in a transaction, then what must reach the
   * provider (a refund) and the mail queue, and answers the order as it now is.
   */
  async function act(
    id: string,
    /** Resolves to the id of a refund to send, if the action took one. */
    action: (tx: Tx, order: LockedOrder) => Promise<unknown>,
  ): Promise<AdminOrder> {
    const refundId = await db.transaction(async (tx) => action(tx, await lockOrder(tx, id)));
    deps.mailQueued();
    if (typeof refundId === 'string') {
      await deps.payments.processRefund(refundId).catch(() => {
        // Left pending: the refund job retries it; the order already shows it.
      });
    }
    return get(id);
  }

  async function get(id: string): Promise<AdminOrder> {
    const [order] = await db.select().from(orders).where(eq(orders.id, id));
    if (!order) throw new AppError('NOT_FOUND', 'Order not found');
    return adminOrderView(db, order);
  }

  return {
    async list(input) {
      const filters = and(
        input.status ? eq(orders.status, input.status) : undefined,
        input.from ? sql`${orders.createdAt} >= ${input.from}::date` : undefined,
        input.to ? sql`${orders.createdAt} < ${input.to}::date + 1` : undefined,
        input.customerId ? eq(orders.userId, input.customerId) : undefined,
        input.q ? searchCondition(input.q) : undefined,
      );
      const [rows, [total]] = await Promise.all([
        db
          .select({
            id: orders.id,
            number: orders.number,
            status: orders.status,
            email: orders.email,
            total: orders.total,
            refundedTotal: orders.refundedTotal,
            currency: orders.currency,
            createdAt: orders.createdAt,
            at: cursorAt,
            customerId: orders.userId,
            customerName: users.name,
            itemCount: itemCountSql,
          })
          .from(orders)
          .leftJoin(users, eq(users.id, orders.userId))
          .where(and(filters, input.cursor ? afterCursor(input.cursor) : undefined))
          .orderBy(desc(orders.createdAt), desc(orders.id))
          .limit(input.limit + 1),
        db.select({ n: count() }).from(orders).where(filters),
      ]);
      const page = rows.slice(0, input.limit);
      const last = page.at(-1);
      return {
        items: page.map(({ total, refundedTotal, currency, at: _, ...r }) => ({
          ...r,
          total: { amount: total, currency },
          refunded: { amount: refundedTotal, currency },
        })),
        total: total?.n ?? 0,
        nextCursor: rows.length > input.limit && last ? encodeCursor(last.at, last.id) : null,
      };
    },

    get,

    ship: (actorId, input) =>
      act(input.id, (tx, order) =>
        markShipped(tx, order, input, { publicUrl: deps.publicUrl, actorId }),
      ),

    deliver: (actorId, id) =>
      act(id, (tx, order) => markDelivered(tx, order, { publicUrl: deps.publicUrl, actorId })),

    cancel: (actorId, input) =>
      act(input.id, async (tx, order) => {
        const ctx = { publicUrl: deps.publicUrl, actorId };
        if (order.status === 'pending_payment') {
          await cancelUnpaid(tx, order, 'staff', { actorId, note: input.reason });
          return null;
        }
        return cancelPaid(tx, order, { reason: input.reason, idempotencyKey: randomUUID() }, ctx);
      }),

    refund: (actorId, input) =>
      act(input.id, (tx, order) =>
        takeRefund(
          tx,
          order,
          { amount: input.amount, reason: input.reason, idempotencyKey: input.idempotencyKey },
          { publicUrl: deps.publicUrl, actorId },
        ),
      ),

    addNote: (actorId, input) =>
      act(input.id, async (tx, order) => {
        await addOrderNote(tx, order.id, input.text, actorId);
      }),
  };
}
