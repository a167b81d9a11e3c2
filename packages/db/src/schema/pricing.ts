import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { variants } from './catalog.ts';

/** The currencies the shop sells in (ISO 4217 codes); exactly one is the default. */
export const currencies = pgTable(
  'currencies',
  {
    code: text().primaryKey(),
    isDefault: boolean().notNull().default(false),
    position: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('currencies_code_iso', sql`${t.code} ~ '^[A-Z]{3}$'`),
    uniqueIndex('currencies_one_default_idx').on(t.isDefault).where(sql`${t.isDefault}`),
  ],
);

/**
 * A variant's price in one currency, in integer minor units (`bigint`: order totals outgrow
 * int4's 21 million major units). `compare_at_amount` is the "was" price of a sale.
 */
export const variantPrices = pgTable(
  'variant_prices',
  {
    variantId: uuid()
      .notNull()
      .references(() => variants.id, { onDelete: 'cascade' }),
    currency: text()
      .notNull()
      .references(() => currencies.code, { onDelete: 'restrict', onUpdate: 'cascade' }),
    amount: bigint({ mode: 'number' }).notNull(),
    compareAtAmount: bigint({ mode: 'number' }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.variantId, t.currency] }),
    index('variant_prices_currency_amount_idx').on(t.currency, t.amount),
    check('variant_prices_amount_nonnegative', sql`${t.amount} >= 0`),
    check(
      'variant_prices_compare_at_above_amount',
      sql`${t.compareAtAmount} is null or ${t.compareAtAmount} > ${t.amount}`,
    ),
  ],
);
