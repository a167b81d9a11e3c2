import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { currencies } from './pricing.ts';

/** A way to ship ("Standard", "Express"), offered to the countries listed (all when empty). */
export const shippingMethods = pgTable('shipping_methods', {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
  description: text().notNull().default(''),
  /** ISO 3166-1 alpha-2 codes; empty means every country. */
  countries: text().array().notNull().default(sql`'{}'::text[]`),
  position: integer().notNull().default(0),
  active: boolean().notNull().default(true),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * A method's flat rate in one currency, free when the discounted subtotal reaches
 * `freeOverAmount`. A method without a rate in the cart's currency is not offered.
 */
export const shippingRates = pgTable(
  'shipping_rates',
  {
    methodId: uuid()
      .notNull()
      .references(() => shippingMethods.id, { onDelete: 'cascade' }),
    currency: text()
      .notNull()
      .references(() => currencies.code, { onDelete: 'cascade', onUpdate: 'cascade' }),
    amount: bigint({ mode: 'number' }).notNull(),
    freeOverAmount: bigint({ mode: 'number' }),
  },
  (t) => [
    primaryKey({ columns: [t.methodId, t.currency] }),
    check('shipping_rates_amount_nonnegative', sql`${t.amount} >= 0`),
    check('shipping_rates_free_over_nonnegative', sql`${t.freeOverAmount} >= 0`),
  ],
);
