import {
  AppError,
  type DiscountCode,
  type DiscountCodeRequest,
  notFound,
} from '@bazaar/contracts/server';
import type { Database } from '@bazaar/db';
import { discountCodes, orders } from '@bazaar/db/schema';
import { asc, desc, eq, isNotNull, sql } from 'drizzle-orm';
import { type DbOrTx, isUniqueViolation } from '../../db.ts';
import { fieldError, requireShopCurrencies } from './field-errors.ts';

const codeColumns = {
  id: discountCodes.id,
  code: discountCodes.code,
  kind: discountCodes.kind,
  percent: discountCodes.percent,
  amount: discountCodes.amount,
  currency: discountCodes.currency,
  minSubtotal: discountCodes.minSubtotal,
  startsAt: discountCodes.startsAt,
  endsAt: discountCodes.endsAt,
  usageLimit: discountCodes.usageLimit,
  perCustomerLimit: discountCodes.perCustomerLimit,
  timesUsed: discountCodes.timesUsed,
  active: discountCodes.active,
  createdAt: discountCodes.createdAt,
};

/**
 * Codes (all, or the one with `id`), newest first, with the orders that used each: counted in
 * one pass over orders (`orders.discount_code_id` has no index of its own).
 */
function listCodes(db: DbOrTx, id?: string): Promise<DiscountCode[]> {
  const usage = db
    .select({ codeId: orders.discountCodeId, n: sql<number>`count(*)::int`.as('n') })
    .from(orders)
    .where(id ? eq(orders.discountCodeId, id) : isNotNull(orders.discountCodeId))
    .groupBy(orders.discountCodeId)
    .as('usage');
  return db
    .select({ ...codeColumns, orderCount: sql<number>`coalesce(${usage.n}, 0)::int` })
    .from(discountCodes)
    .leftJoin(usage, eq(usage.codeId, discountCodes.id))
    .where(id ? eq(discountCodes.id, id) : undefined)
    .orderBy(desc(discountCodes.createdAt), asc(discountCodes.code));
}

/** The row as the database's CHECKs want it: only the kind's own figure is kept. */
const rowValues = (input: DiscountCodeRequest) => ({
  code: input.code,
  kind: input.kind,
  percent: input.kind === 'percentage' ? input.percent : null,
  amount: input.kind === 'fixed' ? input.amount : null,
  currency: input.currency,
  minSubtotal: input.minSubtotal,
  startsAt: input.startsAt,
  endsAt: input.endsAt,
  usageLimit: input.usageLimit,
  perCustomerLimit: input.perCustomerLimit,
  active: input.active,
});

export function createDiscountAdmin(db: Database) {
  return {
    listDiscountCodes: () => listCodes(db),

    saveDiscountCode: (_actorId: string, input: DiscountCodeRequest) =>
      db
        .transaction(async (tx): Promise<DiscountCode> => {
          if (input.currency !== null)
            await requireShopCurrencies(tx, [{ field: 'currency', code: input.currency }]);
          let id = input.id;
          if (id) {
            // Locked: a checkout taking a use waits, so the limit is compared with the final count.
            const [current] = await tx
              .select({ timesUsed: discountCodes.timesUsed })
              .from(discountCodes)
              .where(eq(discountCodes.id, id))
              .for('update');
            if (!current) throw notFound('Discount code');
            if (input.usageLimit !== null && input.usageLimit < current.timesUsed) {
              throw fieldError(
                'BAD_REQUEST',
                'usageLimit',
                `Already used ${current.timesUsed} times: the limit cannot be lower`,
              );
            }
            await tx.update(discountCodes).set(rowValues(input)).where(eq(discountCodes.id, id));
          } else {
            const [row] = await tx
              .insert(discountCodes)
              .values(rowValues(input))
              .returning({ id: discountCodes.id });
            id = (row as { id: string }).id;
          }
          const [saved] = await listCodes(tx, id);
          return saved as DiscountCode;
        })
        .catch((error: unknown) => {
          if (isUniqueViolation(error, 'discount_codes_code_unique')) {
            throw fieldError('CONFLICT', 'code', `There is already a code ${input.code}`);
          }
          throw error;
        }),

    /**
     * Deletes a code no order used; a used one is refused (see `ShopSettingsService`): it stays,
     * deactivated, so its per-customer uses keep counting and pending orders can give uses back.
     */
    deleteDiscountCode: (_actorId: string, id: string) =>
      db.transaction(async (tx) => {
        // Locked first: an order taking a use now either committed before (and is counted
        // below, read after the lock) or waits and then finds the code gone.
        const [locked] = await tx
          .select({ id: discountCodes.id })
          .from(discountCodes)
          .where(eq(discountCodes.id, id))
          .for('update');
        if (!locked) throw notFound('Discount code');
        const [used] = await tx
          .select({ id: orders.id })
          .from(orders)
          .where(eq(orders.discountCodeId, id))
          .limit(1);
        if (used) {
          throw new AppError(
            'CONFLICT',
            'Orders have used this code, so it is kept for them: deactivate it instead',
            { appCode: 'IN_USE' },
          );
        }
        await tx.delete(discountCodes).where(eq(discountCodes.id, id));
      }),
  };
}
