import { AppError, type AppErrorCode } from '@bazaar/contracts/server';
import { currencies } from '@bazaar/db/schema';
import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db.ts';

/** An error about one input field, reported like Zod's field errors. */
export const fieldError = (code: AppErrorCode, field: string, message: string) =>
  new AppError(code, message, { fieldErrors: { [field]: [message] } });

/**
 * Refuses (BAD_REQUEST, a field error on each) currencies the shop does not sell in. The
 * currencies found stay locked against deletion until the transaction ends, so a rate never
 * points at a currency removed meanwhile.
 */
export async function requireShopCurrencies(
  tx: DbOrTx,
  wanted: readonly { field: string; code: string }[],
): Promise<void> {
  if (wanted.length === 0) return;
  const found = await tx
    .select({ code: currencies.code })
    .from(currencies)
    .where(
      inArray(
        currencies.code,
        wanted.map((w) => w.code),
      ),
    )
    .for('key share');
  const known = new Set(found.map((c) => c.code));
  const fieldErrors: Record<string, string[]> = {};
  for (const { field, code } of wanted) {
    if (!known.has(code)) fieldErrors[field] = [`The shop does not sell in ${code}`];
  }
  const [first] = Object.values(fieldErrors);
  if (first) throw new AppError('BAD_REQUEST', first[0] as string, { fieldErrors });
}
