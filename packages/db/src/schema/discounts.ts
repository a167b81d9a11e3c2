import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';

export const discountKind = pgEnum('discount_kind', ['percentage', 'fixed']);

/**
 * A discount code. `timesUsed` is taken with a conditional UPDATE when an order is placed (never
 * read, then written), so a limit of 1 is used exactly once however many checkouts race for it.
 */
export const discountCodes = pgTable(
  'discount_codes',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Upper-case; shoppers may type it in any case. */
    code: text().notNull(),
    kind: discountKind().notNull(),
    /** For `percentage`: 1–100. */
    percent: integer(),
    /** For `fixed`: minor units of `currency`. */
    amount: bigint({ mode: 'number' }),
    /** Required for a fixed amount or a minimum subtotal; such a code works in that currency only. */
    currency: text(),
    minSubtotal: bigint({ mode: 'number' }),
    startsAt: timestamp({ withTimezone: true }),
    endsAt: timestamp({ withTimezone: true }),
    usageLimit: integer(),
    perCustomerLimit: integer(),
    timesUsed: integer().notNull().default(0),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('discount_codes_code_unique').on(t.code),
    check(
      'discount_codes_rule',
      sql`(${t.kind} = 'percentage' and ${t.percent} between 1 and 100 and ${t.amount} is null)
        or (${t.kind} = 'fixed' and ${t.amount} > 0 and ${t.percent} is null and ${t.currency} is not null)`,
    ),
    check(
      'discount_codes_min_subtotal',
      sql`${t.minSubtotal} is null or (${t.minSubtotal} >= 0 and ${t.currency} is not null)`,
    ),
    check('discount_codes_limits', sql`${t.usageLimit} >= 1 and ${t.perCustomerLimit} >= 1`),
    check(
      'discount_codes_used_within_limit',
      sql`${t.timesUsed} >= 0 and (${t.usageLimit} is null or ${t.timesUsed} <= ${t.usageLimit})`,
    ),
    check(
      'discount_codes_window',
      sql`${t.endsAt} is null or ${t.startsAt} is null or ${t.endsAt} > ${t.startsAt}`,
    ),
  ],
);

/** Uses of a code per customer (a user id, or a guest's lower-case email), taken like the total. */
export const discountCustomerUses = pgTable(
  'discount_customer_uses',
  {
    codeId: uuid()
      .notNull()
      .references(() => discountCodes.id, { onDelete: 'cascade' }),
    customer: text().notNull(),
    uses: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.codeId, t.customer] }),
    check('discount_customer_uses_nonnegative', sql`${t.uses} >= 0`),
  ],
);
