import { AppError } from '@bazaar/contracts/server';
import { discountCodes } from '@bazaar/db/schema';
import { and, eq, sql } from 'drizzle-orm';
import { type DbOrTx, rowsOf } from '../../db.ts';
import type { DiscountRule } from '../pricing/totals.ts';

/** Codes are matched without regard to case or surrounding spaces. */
export const normalizeCode = (code: string) => code.trim().toUpperCase();

export interface ApplicableDiscount {
  id: string;
  code: string;
  rule: DiscountRule;
}

const refuse = (message: string) =>
  new AppError('BAD_REQUEST', message, {
    fieldErrors: { discountCode: [message] },
    appCode: 'DISCOUNT_UNAVAILABLE',
  });

/**
 * The code as it applies to a subtotal in `currency` right now, or a field error saying why not
 * (unknown, not started, ended, used up, another currency, below the minimum). A preview: the use
 * is only taken by {@link redeemDiscount} when the order is placed.
 */
export async function applicableDiscount(
  db: DbOrTx,
  rawCode: string,
  currency: string,
  subtotal: number,
): Promise<ApplicableDiscount> {
  const code = normalizeCode(rawCode);
  const [row] = await db
    .select({
      id: discountCodes.id,
      kind: discountCodes.kind,
      percent: discountCodes.percent,
      amount: discountCodes.amount,
      currency: discountCodes.currency,
      minSubtotal: discountCodes.minSubtotal,
      started: sql<boolean>`${discountCodes.startsAt} is null or ${discountCodes.startsAt} <= now()`,
      ended: sql<boolean>`${discountCodes.endsAt} is not null and ${discountCodes.endsAt} <= now()`,
      usedUp: sql<boolean>`${discountCodes.usageLimit} is not null and ${discountCodes.timesUsed} >= ${discountCodes.usageLimit}`,
    })
    .from(discountCodes)
    .where(and(eq(discountCodes.code, code), eq(discountCodes.active, true)));
  if (!row?.started) throw refuse('This code is not valid');
  if (row.ended) throw refuse('This code has expired');
  if (row.usedUp) throw refuse('This code has been used up');
  if (row.currency !== null && row.currency !== currency) {
    throw refuse(`This code works for orders in ${row.currency} only`);
  }
  if (row.minSubtotal !== null && subtotal < row.minSubtotal) {
    throw refuse('Your order is below this code’s minimum');
  }
  const rule: DiscountRule =
    row.kind === 'percentage'
      ? { kind: 'percentage', percent: row.percent as number }
      : { kind: 'fixed', amount: row.amount as number };
  return { id: row.id, code, rule };
}

/**
 * Takes one use of the code for `customer` (a user id, or a guest's lower-case email) inside the
 * caller's transaction: the total and the customer's count are each one conditional UPDATE that
 * takes a use only while under the limit, so under any concurrency a limit of 1 is used once.
 * Refused with CONFLICT when the code ran out meanwhile; the transaction's rollback gives nothing
 * back because nothing stays taken.
 */
export async function redeemDiscount(tx: DbOrTx, codeId: string, customer: string) {
  const [taken] = rowsOf<{ per_customer_limit: number | null }>(
    await tx.execute(sql`
      update discount_codes set times_used = times_used + 1
      where id = ${codeId} and active
        and (starts_at is null or starts_at <= now()) and (ends_at is null or ends_at > now())
        and (usage_limit is null or times_used < usage_limit)
      returning per_customer_limit`),
  );
  if (!taken)
    throw new AppError('CONFLICT', 'This discount code has just been used up', {
      appCode: 'DISCOUNT_UNAVAILABLE',
    });
  const [mine] = rowsOf<{ uses: number }>(
    await tx.execute(sql`
      insert into discount_customer_uses (code_id, customer, uses) values (${codeId}, ${customer}, 1)
      on conflict (code_id, customer) do update set uses = discount_customer_uses.uses + 1
        where ${taken.per_customer_limit}::int is null
          or discount_customer_uses.uses < ${taken.per_customer_limit}::int
      returning uses`),
  );
  if (!mine)
    throw new AppError('CONFLICT', 'You have already used this discount code', {
      appCode: 'DISCOUNT_UNAVAILABLE',
    });
}

/** Gives a use back (an order cancelled or never paid). */
export async function releaseDiscount(tx: DbOrTx, codeId: string, customer: string) {
  await tx.execute(sql`
    update discount_codes set times_used = greatest(times_used - 1, 0) where id = ${codeId}`);
  await tx.execute(sql`
    update discount_customer_uses set uses = greatest(uses - 1, 0)
    where code_id = ${codeId} and customer = ${customer}`);
}
