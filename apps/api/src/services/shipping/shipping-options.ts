import { shippingMethods, shippingRates } from '@bazaar/db/schema';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db.ts';

export interface ShippingOption {
  id: string;
  name: string;
  description: string;
  /** The flat rate in the currency. */
  amount: number;
  /** Free from this (discounted) subtotal on; null when never free. */
  freeOverAmount: number | null;
}

/** The active methods that ship to `country` and have a rate in `currency`, in the shop's order. */
export async function shippingOptions(
  db: DbOrTx,
  country: string,
  currency: string,
): Promise<ShippingOption[]> {
  return db
    .select({
      id: shippingMethods.id,
      name: shippingMethods.name,
      description: shippingMethods.description,
      amount: shippingRates.amount,
      freeOverAmount: shippingRates.freeOverAmount,
    })
    .from(shippingMethods)
    .innerJoin(
      shippingRates,
      and(eq(shippingRates.methodId, shippingMethods.id), eq(shippingRates.currency, currency)),
    )
    .where(
      and(
        eq(shippingMethods.active, true),
        sql`(cardinality(${shippingMethods.countries}) = 0 or ${country} = any(${shippingMethods.countries}))`,
      ),
    )
    .orderBy(asc(shippingMethods.position), asc(shippingMethods.name));
}
