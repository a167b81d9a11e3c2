import {
  AppError,
  type AuthService,
  type ClientInfo,
  invalidField,
  type SessionState,
  type SignedInResult,
} from '@bazaar/contracts';
import type { Database } from '@bazaar/db';
import { users } from '@bazaar/db/schema';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { assertStrongPassword, hashPassword, verifyPassword } from '../../security/passwords.ts';
import type { ServicesConfig as AccountsConfig } from '../index.ts';
import { resetPasswordMail, verifyEmailMail } from '../mail/messages.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { consumeEmailToken, issueEmailToken } from './email-tokens.ts';
import type { SessionStore } from './sessions.ts';
import {
  acceptTotpCode,
  newTotpKey,
  replaceRecoveryCodes,
  totpUri,
  useRecoveryCode,
} from './two-factor.ts';
import { findUserByEmail, getUser, loadMe, type UserRow } from './users.ts';

const SIGN_IN_FAILED = 'Incorrect email or password';
const ipKey = (client: ClientInfo) => client.ip ?? 'unknown';

export function createAuthService(
  db: Database,
  sessions: SessionStore,
  config: AccountsConfig,
): AuthService {
  const { rateLimits: limits } = config;

  async function signedIn(user: UserRow, client: ClientInfo): Promise<SignedInResult> {
    // A fresh session on every sign-in: a token planted before sign-in never becomes privileged.
    const pending = user.kind === 'staff' && user.totpKey !== null;
    const session = await sessions.create(user.id, user.kind, {
      secondFactorVerified: !pending,
      client,
    });
    await db.update(users).set({ lastSignInAt: sql`now()` }).where(eq(users.id, user.id));
    const state: SessionState = pending
      ? { status: 'pending-second-factor' }
      : { status: 'signed-in', user: await loadMe(db, user.id, config.demoMode) };
    return { session, state };
  }

  async function sendVerification(userId: string, email: string, name: string) {
    await db.transaction(async (tx) => {
      const token = await issueEmailToken(tx, userId, 'verify-email', email);
      await enqueueMail(tx, verifyEmailMail(config.publicUrl, email, name, token));
    });
    config.mailQueued();
  }

  /** Sets a password from an emailed token; every existing session of the user ends. */
  async function setPasswordWithToken(
    token: string,
    password: string,
    purpose: 'reset-password' | 'staff-invite',
  ) {
    const userId = await db.transaction(async (tx) => {
      const claim = await consumeEmailToken(tx, token, purpose);
      if (!claim) return null;
      const user = await getUser(tx, claim.userId);
      if (user.email !== claim.email || user.deactivatedAt) return null;
      assertStrongPassword(password, [user.email, user.name]);
      await tx
        .update(users)
        .set({
          passwordHash: await hashPassword(password),
          // Following an emailed link proves the address.
          emailVerifiedAt: user.emailVerifiedAt ?? sql`now()`,
          updatedAt: sql`now()`,
        })
        .where(eq(users.id, user.id));
      return user.id;
    });
    if (!userId)
      throw invalidField('token', 'This link is invalid or has expired. Ask for a new one.');
    await sessions.deleteAllForUser(userId);
  }

  return {
    async sessionState(session) {
      if (!session) return { status: 'signed-out' };
      if (session.pendingSecondFactor) return { status: 'pending-second-factor' };
      return { status: 'signed-in', user: await loadMe(db, session.userId, config.demoMode) };
    },

    async signUp(input, client) {
      await limits.consume('signUpsByIp', ipKey(client));
      assertStrongPassword(input.password, [input.email, input.name]);
      const passwordHash = await hashPassword(input.password);
      const [user] = await db
        .insert(users)
        .values({ kind: 'customer', email: input.email, name: input.name, passwordHash })
        .onConflictDoNothing({ target: users.email })
        .returning();
      if (!user)
        throw new AppError('CONFLICT', 'An account with this email already exists', {
          fieldErrors: {
            email: ['An account with this email already exists. Sign in or reset your password.'],
          },
        });
      await sendVerification(user.id, user.email, user.name);
      return signedIn(user, client);
    },

    async signIn(input, client) {
      const emailIpKey = `${input.email}|${ipKey(client)}`;
      await limits.assertAllowed('signInFailuresByEmailAndIp', emailIpKey);
      await limits.assertAllowed('signInFailuresByIpPerDay', ipKey(client));
      await limits.assertAllowed('signInFailuresByAccountPerHour', input.email);

      const user = await findUserByEmail(db, input.email);
      const usable = user && !user.deactivatedAt ? user : null;
      // Unknown, deactivated and password-less accounts still pay for a hash verification.
      const ok = await verifyPassword(usable?.passwordHash ?? null, input.password);
      if (!usable || !ok) {
        await Promise.all([
          limits.penalize('signInFailuresByEmailAndIp', emailIpKey),
          limits.penalize('signInFailuresByIpPerDay', ipKey(client)),
          limits.penalize('signInFailuresByAccountPerHour', input.email),
        ]);
        throw new AppError('UNAUTHORIZED', SIGN_IN_FAILED);
      }
      await limits.reset('signInFailuresByEmailAndIp', emailIpKey);
      return signedIn(usable, client);
    },

    async completeSecondFactor(current, input, client) {
      if (!current?.pendingSecondFactor)
        throw new AppError('UNAUTHORIZED', 'Sign in with your password first');
      await limits.assertAllowed('secondFactorFailuresByUser', current.userId);
      const user = await getUser(db, current.userId);
      const ok =
        user.totpKey !== null &&
        (input.method === 'totp'
          ? await acceptTotpCode(db, user.id, user.totpKey, input.code)
          : await useRecoveryCode(db, user.id, input.code));
      if (!ok) {
        await limits.penalize('secondFactorFailuresByUser', user.id);
        throw invalidField('code', 'That code is not valid. Try the current one.');
      }
      await limits.reset('secondFactorFailuresByUser', user.id);
      // The privilege level changes, so the session does too.
      await sessions.delete(current.id);
      const session = await sessions.create(user.id, user.kind, {
        secondFactorVerified: true,
        client,
      });
      return {
        session,
        state: { status: 'signed-in', user: await loadMe(db, user.id, config.demoMode) },
      };
    },

    async signOut(sessionId) {
      await sessions.delete(sessionId);
    },

    async requestPasswordReset(email, client) {
      await limits.consume('passwordResetsByIp', ipKey(client));
      await limits.consume('passwordResetsByEmail', email);
      const user = await findUserByEmail(db, email);
      if (!user || user.deactivatedAt || !user.passwordHash) return;
      await db.transaction(async (tx) => {
        const token = await issueEmailToken(tx, user.id, 'reset-password', user.email);
        await enqueueMail(tx, resetPasswordMail(config.publicUrl, user.email, user.name, token));
      });
      config.mailQueued();
    },

    resetPassword: (input) => setPasswordWithToken(input.token, input.password, 'reset-password'),

    acceptInvite: (input) => setPasswordWithToken(input.token, input.password, 'staff-invite'),

    async verifyEmail(token) {
      const verified = await db.transaction(async (tx) => {
        const claim = await consumeEmailToken(tx, token, 'verify-email');
        if (!claim) return false;
        const updated = await tx
          .update(users)
          .set({ emailVerifiedAt: sql`now()`, updatedAt: sql`now()` })
          .where(and(eq(users.id, claim.userId), eq(users.email, claim.email)))
          .returning({ id: users.id });
        return updated.length === 1;
      });
      if (!verified)
        throw invalidField('token', 'This link is invalid or has expired. Ask for a new one.');
    },

    async resendVerification(userId) {
      await limits.consume('verificationEmailsByUser', userId);
      const user = await getUser(db, userId);
      if (user.emailVerifiedAt) return;
      await sendVerification(user.id, user.email, user.name);
    },

    async beginTotpEnrolment(userId) {
      const user = await getUser(db, userId);
      if (user.totpKey)
        throw new AppError('CONFLICT', 'Two-factor authentication is already set up');
      const key = newTotpKey();
      await db
        .update(users)
        .set({ totpPendingKey: key })
        .where(and(eq(users.id, userId), isNull(users.totpKey)));
      return { uri: totpUri(key, user.email), secret: key };
    },

    async confirmTotpEnrolment(userId, sessionId, code) {
      await limits.assertAllowed('secondFactorFailuresByUser', userId);
      const user = await getUser(db, userId);
      if (!user.totpPendingKey)
        throw new AppError('PRECONDITION_FAILED', 'Start two-factor set-up first');
      const pendingKey = user.totpPendingKey;
      const codes = await db.transaction(async (tx) => {
        if (!(await acceptTotpCode(tx, userId, pendingKey, code))) return null;
        await tx
          .update(users)
          .set({ totpKey: pendingKey, totpPendingKey: null, updatedAt: sql`now()` })
          .where(eq(users.id, userId));
        return replaceRecoveryCodes(tx, userId);
      });
      if (!codes) {
        await limits.penalize('secondFactorFailuresByUser', userId);
        throw invalidField('code', 'That code is not valid. Check the time on your phone.');
      }
      // Other sessions were signed in without the second factor; only this one has proved it.
      await sessions.deleteAllForUser(userId, sessionId);
      await sessions.markSecondFactorVerified(sessionId);
      return codes;
    },
  };
}
