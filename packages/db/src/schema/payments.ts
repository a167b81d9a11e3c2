import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { orders } from './orders.ts';

/**
 * An order's payment with its provider (`test` or `stripe`): one per order. `providerRef` is the
 * provider's id (a PaymentIntent's `pi_…`), `clientSecret` what the payer's browser confirms with.
 */
export const payments = pgTable(
  'payments',
  {
    id: uuid().primaryKey().defaultRandom(),
    orderId: uuid()
      .notNull()
      .unique()
      .references(() => orders.id, { onDelete: 'cascade' }),
    provider: text().notNull(),
    providerRef: text(),
    clientSecret: text(),
    status: text({ enum: ['created', 'processing', 'succeeded', 'failed', 'canceled'] })
      .notNull()
      .default('created'),
    amount: bigint({ mode: 'number' }).notNull(),
    currency: text().notNull(),
    failureCode: text(),
    failureMessage: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('payments_provider_ref_key').on(t.provider, t.providerRef),
    check(
      'payments_status',
      sql`${t.status} in ('created', 'processing', 'succeeded', 'failed', 'canceled')`,
    ),
  ],
);

/**
 * Money given back through the provider. The order's `refunded_total` is raised in the same
 * transaction that inserts the row (so concurrent refunds never exceed what was paid); the
 * provider is called after commit, retried while `pending`, and a refusal gives the amount back.
 */
export const refunds = pgTable(
  'refunds',
  {
    id: uuid().primaryKey().defaultRandom(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    paymentId: uuid()
      .notNull()
      .references(() => payments.id, { onDelete: 'cascade' }),
    amount: bigint({ mode: 'number' }).notNull(),
    status: text({ enum: ['pending', 'succeeded', 'failed'] })
      .notNull()
      .default('pending'),
    reason: text().notNull().default(''),
    /** True for the refund of a payment that arrived after its order was cancelled. */
    automatic: boolean().notNull().default(false),
    providerRef: text(),
    idempotencyKey: text().notNull(),
    attempts: integer().notNull().default(0),
    lastError: text(),
    actorId: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('refunds_order_key').on(t.orderId, t.idempotencyKey),
    index('refunds_pending_idx').on(t.createdAt).where(sql`${t.status} = 'pending'`),
    check('refunds_amount_positive', sql`${t.amount} > 0`),
    check('refunds_status', sql`${t.status} in ('pending', 'succeeded', 'failed')`),
  ],
);

/**
 * Provider events already applied, by the provider's event id. Inserted in the transaction of
 * the event's effect, so a duplicate delivery (or a concurrent one) changes nothing.
 */
export const paymentEvents = pgTable(
  'payment_events',
  {
    provider: text().notNull(),
    eventId: text().notNull(),
    kind: text().notNull(),
    paymentRef: text(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.provider, t.eventId] }),
    index('payment_events_received_idx').on(t.receivedAt),
  ],
);

/**
 * The offline `test` provider's own books, standing in for Stripe's: its payment intents and
 * the webhook events it owes our endpoint (delivered asynchronously, retried with backoff).
 */
export const testProviderPayments = pgTable(
  'test_provider_payments',
  {
    id: text().primaryKey(),
    clientSecret: text().notNull(),
    idempotencyKey: text().notNull().unique(),
    amount: bigint({ mode: 'number' }).notNull(),
    currency: text().notNull(),
    status: text({ enum: ['requires_payment', 'succeeded', 'failed', 'canceled'] })
      .notNull()
      .default('requires_payment'),
    amountRefunded: bigint({ mode: 'number' }).notNull().default(0),
    failureCode: text(),
    failureMessage: text(),
    metadata: jsonb().$type<Record<string, string>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('test_provider_refund_bound', sql`${t.amountRefunded} between 0 and ${t.amount}`)],
);

export const testProviderEvents = pgTable(
  'test_provider_events',
  {
    id: text().primaryKey(),
    type: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp({ withTimezone: true }),
    lastError: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('test_provider_events_due_idx').on(t.nextAttemptAt).where(sql`${t.deliveredAt} is null`),
  ],
);
