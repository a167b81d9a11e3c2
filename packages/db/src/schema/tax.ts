import { sql } from 'drizzle-orm';
import { check, integer, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';

/**
 * Tax rates by destination: a country, or a region of it (`region` '' is the whole country; a
 * region's rate wins over its country's). Whether prices include tax is a shop setting.
 */
export const taxRates = pgTable(
  'tax_rates',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** ISO 3166-1 alpha-2. */
    country: text().notNull(),
    /** A state or province code as addresses carry it; '' for the whole country. */
    region: text().notNull().default(''),
    /** Basis points: 2000 is 20%. */
    rateBps: integer().notNull(),
    /** What receipts call it ("VAT", "Sales tax"). */
    name: text().notNull().default('Tax'),
  },
  (t) => [
    unique('tax_rates_country_region_unique').on(t.country, t.region),
    check('tax_rates_rate_range', sql`${t.rateBps} between 0 and 100000`),
    check('tax_rates_country_code', sql`${t.country} ~ '^[A-Z]{2}$'`),
  ],
);
