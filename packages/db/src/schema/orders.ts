import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { carts } from './cart.ts';
import { products, variants } from './catalog.ts';
import { discountCodes } from './discounts.ts';
import { shippingMethods } from './shipping.ts';

/**
 * The order state machine (see the API's services/orders/order-states.ts): pending_payment → paid
 * → fulfilled (shipped) → delivered; cancelled (stock released or restocked); refunded or
 * partially_refunded after payment.
 */
export const orderStatus = pgEnum('order_status', [
  'pending_payment',
  'paid',
  'fulfilled',
  'delivered',
  'cancelled',
  'refunded',
  'partially_refunded',
]);

export interface OrderAddress {
  fullName: string;
  company: string;
  line1: string;
  line2: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  phone: string;
}

/** An order: what was bought and what it cost, copied at the moment it was placed. */
export const orders = pgTable(
  'orders',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Human-friendly number shown as "#1001". */
    number: bigserial({ mode: 'number' }).notNull().unique(),
    userId: uuid().references(() => users.id, { onDelete: 'set null' }),
    email: text().notNull(),
    status: orderStatus().notNull().default('pending_payment'),
    currency: text().notNull(),
    subtotal: bigint({ mode: 'number' }).notNull(),
    discountTotal: bigint({ mode: 'number' }).notNull(),
    shippingTotal: bigint({ mode: 'number' }).notNull(),
    taxTotal: bigint({ mode: 'number' }).notNull(),
    total: bigint({ mode: 'number' }).notNull(),
    pricesIncludeTax: boolean().notNull(),
    taxName: text().notNull(),
    taxRateBps: integer().notNull(),
    shippingMethodId: uuid().references(() => shippingMethods.id, { onDelete: 'set null' }),
    shippingMethodName: text().notNull(),
    shippingAddress: jsonb().$type<OrderAddress>().notNull(),
    discountCodeId: uuid().references(() => discountCodes.id, { onDelete: 'set null' }),
    discountCode: text(),
    /** Who a discount use was counted for: a user id or a guest's lower-case email. */
    customerKey: text().notNull(),
    /** Unpaid by then, the reservation is released and the order cancelled. */
    reservedUntil: timestamp({ withTimezone: true }),
    cancelReason: text(),
    /** The cart it was placed from: a failed payment opens it again. */
    cartId: uuid().references(() => carts.id, { onDelete: 'set null' }),
    paidAt: timestamp({ withTimezone: true }),
    /** Refunds taken (pending or done), in minor units; never above the total. */
    refundedTotal: bigint({ mode: 'number' }).notNull().default(0),
    carrier: text(),
    trackingNumber: text(),
    shippedAt: timestamp({ withTimezone: true }),
    deliveredAt: timestamp({ withTimezone: true }),
    cancelledAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('orders_user_created_idx').on(t.userId, t.createdAt.desc()),
    index('orders_status_reserved_idx').on(t.status, t.reservedUntil),
    index('orders_email_idx').on(t.email),
    check(
      'orders_totals',
      sql`${t.subtotal} >= 0 and ${t.discountTotal} >= 0 and ${t.shippingTotal} >= 0 and ${t.taxTotal} >= 0 and ${t.total} >= 0`,
    ),
    check('orders_refunded_total', sql`${t.refundedTotal} between 0 and ${t.total}`),
    index('orders_created_idx').on(t.createdAt.desc(), t.id.desc()),
  ],
);

/** A line as it was bought: later catalog edits never change it. */
export const orderLines = pgTable(
  'order_lines',
  {
    id: uuid().primaryKey().defaultRandom(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    /** RESTRICT: a variant an order holds is archived, never deleted. */
    variantId: uuid()
      .notNull()
      .references(() => variants.id, { onDelete: 'restrict' }),
    productId: uuid()
      .notNull()
      .references(() => products.id, { onDelete: 'restrict' }),
    productTitle: text().notNull(),
    variantTitle: text().notNull(),
    sku: text().notNull(),
    options: jsonb().$type<{ name: string; value: string }[]>().notNull(),
    quantity: integer().notNull(),
    unitPrice: bigint({ mode: 'number' }).notNull(),
    discount: bigint({ mode: 'number' }).notNull(),
    tax: bigint({ mode: 'number' }).notNull(),
    total: bigint({ mode: 'number' }).notNull(),
  },
  (t) => [
    index('order_lines_order_idx').on(t.orderId),
    index('order_lines_variant_idx').on(t.variantId),
    check('order_lines_quantity_positive', sql`${t.quantity} > 0`),
  ],
);

/** The order's timeline: placed, paid, shipped… with who did it. */
export const orderEvents = pgTable(
  'order_events',
  {
    id: uuid().primaryKey().defaultRandom(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    type: text().notNull(),
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    actorId: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('order_events_order_idx').on(t.orderId, t.createdAt)],
);

/**
 * Idempotency keys of placed orders, per caller (`scope`: a user id or a guest cart). The row is
 * inserted in the order's own transaction, so a concurrent replay waits on it and then reads the
 * stored response; kept at least 24 hours.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    scope: text().notNull(),
    key: text().notNull(),
    requestHash: text().notNull(),
    response: jsonb().$type<unknown>(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.scope, t.key] }),
    index('idempotency_keys_created_idx').on(t.createdAt),
  ],
);
