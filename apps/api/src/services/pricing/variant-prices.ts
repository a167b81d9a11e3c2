import { variantPrices } from '@bazaar/db/schema';
import { sql } from 'drizzle-orm';
import type { Tx } from '../../db.ts';

export interface VariantPrice {
  variantId: string;
  currency: string;
  amount: number;
  compareAtAmount: number | null;
}

/** Sets these prices (one per variant and currency), touching only those that differ. */
export async function upsertVariantPrices(tx: Tx, prices: VariantPrice[]) {
  if (!prices.length) return;
  await tx
    .insert(variantPrices)
    .values(prices)
    .onConflictDoUpdate({
      target: [variantPrices.variantId, variantPrices.currency],
      set: {
        amount: sql`excluded.amount`,
        compareAtAmount: sql`excluded.compare_at_amount`,
        updatedAt: sql`now()`,
      },
      setWhere: sql`(${variantPrices.amount}, ${variantPrices.compareAtAmount}) is distinct from (excluded.amount, excluded.compare_at_amount)`,
    });
}
