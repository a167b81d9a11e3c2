import { taxRates } from '@bazaar/db/schema';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db.ts';

export interface TaxRate {
  rateBps: number;
  name: string;
}

/** The rate for a destination: its region's if the shop set one, else its country's, else none. */
export async function taxRateFor(db: DbOrTx, country: string, region: string): Promise<TaxRate> {
  const [rate] = await db
    .select({ rateBps: taxRates.rateBps, name: taxRates.name })
    .from(taxRates)
    .where(and(eq(taxRates.country, country), inArray(taxRates.region, [...new Set(['', region])])))
    .orderBy(desc(taxRates.region))
    .limit(1);
  return rate ?? { rateBps: 0, name: 'Tax' };
}
