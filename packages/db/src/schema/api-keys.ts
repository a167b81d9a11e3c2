import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { roles } from './staff.ts';

/**
 * Staff API keys: programs send `bzk_<id>.<secret>` as a bearer token. As with sessions, only
 * SHA-256(secret) is kept. A key acts with its role's permissions that its maker still holds
 * (never `staff:manage`) and stops working when revoked, expired, or when the staff member who
 * made it is deactivated.
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: text().primaryKey(),
    secretHash: text().notNull(),
    name: text().notNull(),
    roleId: uuid()
      .notNull()
      .references(() => roles.id, { onDelete: 'restrict' }),
    createdBy: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }),
    /** Written at most once a minute per key, so a busy program does not write on every call. */
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    revokedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    index('api_keys_created_by_idx').on(t.createdBy),
    index('api_keys_role_idx').on(t.roleId),
  ],
);
