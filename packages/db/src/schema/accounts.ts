import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { roles } from './staff.ts';

export const userKind = pgEnum('user_kind', ['customer', 'staff']);

export const users = pgTable(
  'users',
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: userKind().notNull(),
    /** Trimmed and lower-cased by the contract's email schema; unique regardless of case. */
    email: text().notNull(),
    name: text().notNull(),
    /** argon2id PHC string; null for invited staff who have not chosen a password yet. */
    passwordHash: text(),
    emailVerifiedAt: timestamp({ withTimezone: true }),
    roleId: uuid().references(() => roles.id, { onDelete: 'restrict' }),
    deactivatedAt: timestamp({ withTimezone: true }),
    /**
     * Confirmed TOTP key, sealed with the server's keyring (AES-256-GCM, see the API's
     * security/keyring.ts); `totpPendingKey` holds one during enrolment.
     */
    totpKey: text(),
    totpPendingKey: text(),
    /** Start of the time step of the last accepted TOTP code: only later steps are accepted. */
    totpLastStepAt: timestamp({ withTimezone: true }),
    lastSignInAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('users_staff_have_role', sql`(${t.kind} = 'staff') = (${t.roleId} is not null)`),
    index('users_role_idx').on(t.roleId),
    uniqueIndex('users_email_lower_idx').on(sql`lower(${t.email})`),
  ],
);

/**
 * Sessions per lucia-auth.com: the cookie holds `<id>.<secret>`; only SHA-256(secret) is stored.
 * `expiresAt` slides with activity; staff sessions also stop at `absoluteExpiresAt`.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: text().primaryKey(),
    secretHash: text().notNull(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    secondFactorVerified: boolean().notNull().default(false),
    ip: text(),
    userAgent: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastVerifiedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    absoluteExpiresAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

export const emailTokenPurpose = pgEnum('email_token_purpose', [
  'verify-email',
  'reset-password',
  'staff-invite',
]);

/** Single-use tokens sent by email, stored as SHA-256 only. */
export const emailTokens = pgTable(
  'email_tokens',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: emailTokenPurpose().notNull(),
    tokenHash: text().notNull().unique(),
    /** The address the token was sent to; a token for an address the user no longer has is void. */
    email: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('email_tokens_user_idx').on(t.userId, t.purpose)],
);

/** Two-factor recovery codes (single use), stored as SHA-256 only. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text().notNull(),
    usedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('recovery_codes_user_idx').on(t.userId)],
);

export const addresses = pgTable(
  'addresses',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    fullName: text().notNull(),
    company: text().notNull().default(''),
    line1: text().notNull(),
    line2: text().notNull().default(''),
    city: text().notNull(),
    region: text().notNull().default(''),
    postalCode: text().notNull(),
    country: text().notNull(),
    phone: text().notNull().default(''),
    isDefault: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('addresses_user_idx').on(t.userId, t.createdAt),
    uniqueIndex('addresses_one_default_idx').on(t.userId).where(sql`${t.isDefault}`),
    check('addresses_country_iso', sql`${t.country} ~ '^[A-Z]{2}$'`),
  ],
);
