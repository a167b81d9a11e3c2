import { sql } from 'drizzle-orm';
import { index, integer, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** `dropped`: a request the dispatcher found nobody to send to (e.g. a reset for no account). */
export const mailStatus = pgEnum('mail_status', ['pending', 'sent', 'failed', 'dropped']);

/**
 * `message`: subject and text are written when queued. `password-reset`: only the address is
 * queued; the dispatcher looks the account up and writes the link, so a reset request does the
 * same work on the request path whether or not the account exists.
 */
export const mailKind = pgEnum('mail_kind', ['message', 'password-reset']);

/**
 * Outgoing mail. Written in the same transaction as the change that causes it; a dispatcher
 * delivers it (SMTP, or the development mailbox when no SMTP server is configured).
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: mailKind().notNull().default('message'),
    to: text().notNull(),
    subject: text().notNull(),
    text: text().notNull(),
    html: text(),
    status: mailStatus().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastError: text(),
    /** Where it went: `smtp` or `dev-mailbox`. */
    transport: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('mail_outbox_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index('mail_outbox_to_idx').on(t.to, t.createdAt),
    index('mail_outbox_finished_idx').on(t.createdAt).where(sql`${t.status} <> 'pending'`),
  ],
);
