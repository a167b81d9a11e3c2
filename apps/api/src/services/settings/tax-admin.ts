import {
  notFound,
  type PricesIncludeTax,
  type TaxRate,
  type TaxRateRequest,
  type TaxSettings,
} from '@bazaar/contracts/server';
import type { Database } from '@bazaar/db';
import { shopSettings, taxRates } from '@bazaar/db/schema';
import { asc, eq, sql } from 'drizzle-orm';
import { isUniqueViolation } from '../../db.ts';
import { fieldError } from './field-errors.ts';

const rateColumns = {
  id: taxRates.id,
  country: taxRates.country,
  region: taxRates.region,
  rateBps: taxRates.rateBps,
  name: taxRates.name,
};

/** Two rates for one destination: a CONFLICT on the field that names it. */
function duplicate(input: TaxRateRequest) {
  return input.region
    ? fieldError(
        'CONFLICT',
        'region',
        `${input.country} ${input.region} already has a tax rate: edit that one`,
      )
    : fieldError('CONFLICT', 'country', `${input.country} already has a tax rate: edit that one`);
}

export function createTaxAdmin(db: Database) {
  return {
    async taxSettings(): Promise<TaxSettings> {
      const [[settings], rates] = await Promise.all([
        db.select({ pricesIncludeTax: shopSettings.pricesIncludeTax }).from(shopSettings),
        db.select(rateColumns).from(taxRates).orderBy(asc(taxRates.country), asc(taxRates.region)),
      ]);
      return { pricesIncludeTax: settings?.pricesIncludeTax ?? true, rates };
    },

    saveTaxRate: (_actorId: string, input: TaxRateRequest) =>
      db
        .transaction(async (tx): Promise<TaxRate> => {
          const values = {
            country: input.country,
            region: input.region,
            rateBps: input.rateBps,
            name: input.name,
          };
          const [row] = input.id
            ? await tx
                .update(taxRates)
                .set(values)
                .where(eq(taxRates.id, input.id))
                .returning(rateColumns)
            : await tx.insert(taxRates).values(values).returning(rateColumns);
          if (!row) throw notFound('Tax rate');
          return row;
        })
        .catch((error: unknown) => {
          if (isUniqueViolation(error, 'tax_rates_country_region_unique')) throw duplicate(input);
          throw error;
        }),

    async deleteTaxRate(_actorId: string, id: string) {
      const [row] = await db
        .delete(taxRates)
        .where(eq(taxRates.id, id))
        .returning({ id: taxRates.id });
      if (!row) throw notFound('Tax rate');
    },

    /** Applies to quotes and orders from now on; placed orders keep what they were charged. */
    setPricesIncludeTax: (_actorId: string, input: PricesIncludeTax) =>
      db.transaction(async (tx): Promise<PricesIncludeTax> => {
        const [row] = await tx
          .insert(shopSettings)
          .values({ pricesIncludeTax: input.pricesIncludeTax })
          .onConflictDoUpdate({
            target: shopSettings.id,
            set: { pricesIncludeTax: input.pricesIncludeTax, updatedAt: sql`now()` },
          })
          .returning({ pricesIncludeTax: shopSettings.pricesIncludeTax });
        return row as PricesIncludeTax;
      }),
  };
}
