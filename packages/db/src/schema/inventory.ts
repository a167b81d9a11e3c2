import { sql } from 'drizzle-orm';
import { check, index, integer, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { variants } from './catalog.ts';

/**
 * Stock of one variant. `reserved` is held for unpaid orders; what can still be sold is
 * `on_hand - reserved`. Changed only through the API's `changeStock()`, which records a movement.
 */
export const inventoryLevels = pgTable(
  'inventory_levels',
  {
    variantId: uuid()
      .primaryKey()
      .references(() => variants.id, { onDelete: 'cascade' }),
    onHand: integer().notNull().default(0),
    reserved: integer().notNull().default(0),
    /** Below or at this many available, the variant is "low in stock"; null: the shop's setting. */
    lowStockThreshold: integer(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('inventory_on_hand_nonnegative', sql`${t.onHand} >= 0`),
    check(
      'inventory_reserved_within_on_hand',
      sql`${t.reserved} >= 0 and ${t.reserved} <= ${t.onHand}`,
    ),
    check('inventory_threshold_nonnegative', sql`${t.lowStockThreshold} >= 0`),
  ],
);

export const stockMovementReason = pgEnum('stock_movement_reason', [
  /** Stock the catalog started with (migrations, seeds, new variants). */
  'initial',
  /** Goods received from a supplier. */
  'received',
  /** A stock count set the quantity. */
  'count',
  /** Damaged, lost or found. */
  'adjustment',
  /** Set by a CSV import. */
  'import',
  /** Held for an unpaid order. */
  'reserved',
  /** A hold released (order cancelled or expired). */
  'released',
  /** A held unit sold (order paid). */
  'sold',
  /** A sold unit came back. */
  'returned',
]);

/** Every stock change: who, why, how much. */
export const stockMovements = pgTable(
  'stock_movements',
  {
    id: uuid().primaryKey().defaultRandom(),
    variantId: uuid()
      .notNull()
      .references(() => variants.id, { onDelete: 'cascade' }),
    reason: stockMovementReason().notNull(),
    onHandDelta: integer().notNull().default(0),
    reservedDelta: integer().notNull().default(0),
    /** Levels after the change. */
    onHandAfter: integer().notNull(),
    reservedAfter: integer().notNull(),
    /** The staff member (or customer, for orders) behind it; null for the system. */
    actorId: uuid().references(() => users.id, { onDelete: 'set null' }),
    note: text().notNull().default(''),
    /** What caused it, e.g. an order id. */
    reference: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('stock_movements_variant_idx').on(t.variantId, t.createdAt.desc())],
);
