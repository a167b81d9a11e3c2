import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { variants } from './catalog.ts';

export const cartStatus = pgEnum('cart_status', [
  'active',
  /** A guest cart whose lines moved into the customer's cart at sign-in. */
  'merged',
  /** Became an order. */
  'ordered',
]);

/**
 * A shopping cart: a guest's (found by the SHA-256 of the token in its HttpOnly cookie) or a
 * signed-in user's (one active cart each). Lines hold no prices: the cart always shows the
 * current ones, in its one currency; checkout copies what was bought into the order.
 */
export const carts = pgTable(
  'carts',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Hex SHA-256 of the guest cookie's token; null for a user's cart. */
    tokenHash: text(),
    userId: uuid().references(() => users.id, { onDelete: 'cascade' }),
    status: cartStatus().notNull().default('active'),
    /** Not a foreign key: removing a currency from the shop must not wait for carts (they fall
     * back to the default currency). */
    currency: text().notNull(),
    /** What the shopper should be told once (e.g. what merging at sign-in changed). */
    notices: jsonb().$type<string[]>().notNull().default([]),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('carts_token_hash_unique').on(t.tokenHash),
    uniqueIndex('carts_one_active_per_user_idx')
      .on(t.userId)
      .where(sql`${t.status} = 'active' and ${t.userId} is not null`),
    check('carts_have_an_owner', sql`${t.tokenHash} is not null or ${t.userId} is not null`),
    index('carts_updated_idx').on(t.updatedAt),
  ],
);

export const cartLines = pgTable(
  'cart_lines',
  {
    id: uuid().primaryKey().defaultRandom(),
    cartId: uuid()
      .notNull()
      .references(() => carts.id, { onDelete: 'cascade' }),
    /** A cart never blocks catalog changes: a line whose variant is deleted goes with it. */
    variantId: uuid()
      .notNull()
      .references(() => variants.id, { onDelete: 'cascade' }),
    quantity: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('cart_lines_cart_variant_unique').on(t.cartId, t.variantId),
    check('cart_lines_quantity_positive', sql`${t.quantity} > 0`),
    index('cart_lines_variant_idx').on(t.variantId),
  ],
);
