import { sql } from 'drizzle-orm';
import { boolean, check, integer, pgTable, timestamp } from 'drizzle-orm/pg-core';

/** The shop's settings: one row. */
export const shopSettings = pgTable(
  'shop_settings',
  {
    id: boolean().primaryKey().default(true),
    /** A variant with this many or fewer available is low in stock (unless it sets its own). */
    lowStockThreshold: integer().notNull().default(5),
    /** Prices and shipping rates include tax (as EU shops show them); otherwise tax is added. */
    pricesIncludeTax: boolean().notNull().default(true),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('shop_settings_single_row', sql`${t.id}`),
    check('shop_settings_threshold_nonnegative', sql`${t.lowStockThreshold} >= 0`),
  ],
);
