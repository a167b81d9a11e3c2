import { type AccountService, AppError, invalidField, notFound } from '@bazaar/contracts/server';
import type { Database } from '@bazaar/db';
import { sessions, users } from '@bazaar/db/schema';
import Bowser from 'bowser';
import { and, desc, eq, sql } from 'drizzle-orm';
import { isUniqueViolation } from '../../db.ts';
import { assertStrongPassword } from '../../security/passwords.ts';
import type { LimitKey } from '../../security/rate-limits.ts';
import type { ServiceDeps as AccountsConfig } from '../index.ts';
import { emailChangedMail, passwordChangedMail, verifyEmailMail } from '../mail/messages.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { createAddressBook } from './addresses.ts';
import { issueEmailToken } from './email-tokens.ts';
import type { SessionStore } from './sessions.ts';
import { getUser, loadMe } from './users.ts';

const WRONG_PASSWORD = 'Your current password is not correct';

/** "Firefox on Linux" from a user agent; the raw string is kept alongside. */
export function describeDevice(userAgent: string | null): string {
  if (!userAgent) return 'Unknown device';
  const parsed = Bowser.parse(userAgent);
  const browser = parsed.browser.name;
  const os = parsed.os.name;
  if (browser && os) return `${browser} on ${os}`;
  // Bowser names what it cannot recognise '' (curl, most scripts): that is no name either.
  return browser || os || 'Unknown device';
}

export function createAccountService(
  db: Database,
  sessionStore: SessionStore,
  config: AccountsConfig,
): AccountService {
  const addressBook = createAddressBook(db);

  /** The current password, confirmed before a sensitive change; guesses are limited per user. */
  async function assertPassword(userId: string, password: string, field: string) {
    const limit: LimitKey = ['passwordConfirmationFailuresByUser', userId];
    await config.rateLimits.take(limit);
    const user = await getUser(db, userId);
    if (!(await config.passwords.verify(user.passwordHash, password)))
      throw invalidField(field, WRONG_PASSWORD);
    await config.rateLimits.succeeded(limit);
    return user;
  }

  return {
    async updateProfile(userId, input) {
      await db
        .update(users)
        .set({ name: input.name, updatedAt: sql`now()` })
        .where(eq(users.id, userId));
      return loadMe(db, userId, config.demoMode);
    },

    async changeEmail(userId, input) {
      const user = await assertPassword(userId, input.password, 'password');
      if (input.newEmail === user.email) return loadMe(db, userId, config.demoMode);
      const inUse = new AppError('CONFLICT', 'That email address is already in use', {
        fieldErrors: { newEmail: ['That email address is already in use'] },
        appCode: 'EMAIL_TAKEN',
      });
      await db
        .transaction(async (tx) => {
          // Taken, then checked: the unique index on the address refuses one in use.
          await tx
            .update(users)
            .set({ email: input.newEmail, emailVerifiedAt: null, updatedAt: sql`now()` })
            .where(eq(users.id, userId));
          const token = await issueEmailToken(tx, userId, 'verify-email', input.newEmail);
          await enqueueMail(
            tx,
            verifyEmailMail(config.publicUrl, input.newEmail, user.name, token),
          );
          await enqueueMail(tx, emailChangedMail(user.email, user.name, input.newEmail));
        })
        .catch((error: unknown) => {
          throw isUniqueViolation(error) ? inUse : error;
        });
      config.mailQueued();
      return loadMe(db, userId, config.demoMode);
    },

    async changePassword(userId, sessionId, input) {
      const user = await assertPassword(userId, input.currentPassword, 'currentPassword');
      assertStrongPassword(input.newPassword, user, 'newPassword');
      const passwordHash = await config.passwords.hash(input.newPassword);
      await db.transaction(async (tx) => {
        await tx
          .update(users)
          .set({ passwordHash, updatedAt: sql`now()` })
          .where(eq(users.id, userId));
        await enqueueMail(tx, passwordChangedMail(user.email, user.name));
      });
      config.mailQueued();
      await sessionStore.deleteAllForUser(userId, sessionId);
    },

    async listSessions(userId, currentSessionId) {
      const rows = await db
        .select()
        .from(sessions)
        .where(and(eq(sessions.userId, userId), sql`${sessions.expiresAt} > now()`))
        .orderBy(desc(sessions.lastVerifiedAt));
      return rows.map((s) => ({
        id: s.id,
        current: s.id === currentSessionId,
        device: describeDevice(s.userAgent),
        userAgent: s.userAgent,
        ip: s.ip,
        createdAt: s.createdAt,
        lastSeenAt: s.lastVerifiedAt,
      }));
    },

    async revokeSession(userId, sessionId) {
      const deleted = await db
        .delete(sessions)
        .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)))
        .returning({ id: sessions.id });
      if (deleted.length === 0) throw notFound('Session');
    },

    revokeOtherSessions: (userId, currentSessionId) =>
      sessionStore.deleteAllForUser(userId, currentSessionId),

    listAddresses: (userId) => addressBook.list(userId),
    createAddress: (userId, input) => addressBook.create(userId, input),
    updateAddress: (userId, id, input) => addressBook.update(userId, id, input),
    deleteAddress: (userId, id) => addressBook.delete(userId, id),
    setDefaultAddress: (userId, id) => addressBook.setDefault(userId, id),
  };
}
