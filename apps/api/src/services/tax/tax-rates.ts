import { type SQL, sql } from 'drizzle-orm';

export interface TaxRate {
  rateBps: number;
  name: string;
}

/** Where the shop set no rate. */
export const NO_TAX: TaxRate = { rateBps: 0, name: 'Tax' };

/**
 * SQL for the rate of a destination: its region's if the shop set one, else its country's, as a
 * JSON `TaxRate`; null when there is none (`NO_TAX`).
 */
export const taxRateJson = (country: string, region: string): SQL => sql`
  (select json_build_object('rateBps', t.rate_bps, 'name', t.name)
    from tax_rates t
    where t.country = ${country}::text and t.region in ('', ${region}::text)
    order by t.region desc
    limit 1)`;
