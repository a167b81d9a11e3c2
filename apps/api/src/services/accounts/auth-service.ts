import {
  AppError,
  type AuthService,
  type ClientInfo,
  invalidField,
  type SessionState,
  type SignedInResult,
} from '@bazaar/contracts/server';
import type { Database } from '@bazaar/db';
import { users } from '@bazaar/db/schema';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { assertStrongPassword } from '../../security/passwords.ts';
import type { LimitKey } from '../../security/rate-limits.ts';
import type { ServiceDeps as AccountsConfig } from '../index.ts';
import { verifyEmailMail } from '../mail/messages.ts';
import { enqueueMail, enqueuePasswordReset } from '../mail/outbox.ts';
import { consumeEmailToken, issueEmailToken } from './email-tokens.ts';
import type { SessionStore } from './sessions.ts';
import {
  acceptTotpCode,
  newTotpKey,
  openTotpKey,
  replaceRecoveryCodes,
  sealTotpKey,
  totpUri,
  useRecoveryCode,
} from './two-factor.ts';
import { findUserByEmail, getUser, loadMe, type UserRow } from './users.ts';

const SIGN_IN_FAILED = 'Incorrect email or password';
const LINK_INVALID = 'This link is invalid or has expired. Ask for a new one.';
const ipKey = (client: ClientInfo) => client.ip ?? 'unknown';

export function createAuthService(
  db: Database,
  sessions: SessionStore,
  config: AccountsConfig,
): AuthService {
  const { rateLimits: limits, passwords, devices } = config;

  async function signedIn(user: UserRow, client: ClientInfo): Promise<SignedInResult> {
    // A fresh session on every sign-in: a token planted before sign-in never becomes privileged.
    const pending = user.kind === 'staff' && user.totpKey !== null;
    const session = await sessions.create(user.id, user.kind, {
      secondFactorVerified: !pending,
      client,
    });
    await db.update(users).set({ lastSignInAt: sql`now()` }).where(eq(users.id, user.id));
    if (pending) return { session, state: { status: 'pending-second-factor' } };
    return fullySignedIn(user.id, session);
  }

  /** The browser becomes a known device of the account only once it is fully signed in. */
  async function fullySignedIn(
    userId: string,
    session: SignedInResult['session'],
  ): Promise<SignedInResult> {
    const state: SessionState = {
      status: 'signed-in',
      user: await loadMe(db, userId, config.demoMode),
    };
    return { session, state, device: devices.issue(userId) };
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
      assertStrongPassword(password, user);
      await tx
        .update(users)
        .set({
          passwordHash: await passwords.hash(password),
          // Following an emailed link proves the address.
          emailVerifiedAt: user.emailVerifiedAt ?? sql`now()`,
          updatedAt: sql`now()`,
        })
        .where(eq(users.id, user.id));
      return user.id;
    });
    if (!userId) throw invalidField('token', LINK_INVALID);
    await sessions.deleteAllForUser(userId);
  }

  /**
   * The limits a sign-in attempt spends. A browser holding the account's device cookie is only
   * limited on its own; any other is limited per email+IP, per IP and, for the account, with
   * every other unknown browser (OWASP's device cookies).
   */
  function signInLimits(email: string, user: UserRow | null, client: ClientInfo): LimitKey[] {
    const device = user ? devices.deviceOf(client.deviceToken, user.id) : null;
    if (device) return [['signInFailuresByDevice', device]];
    return [
      ['signInFailuresByEmailAndIp', `${email}|${ipKey(client)}`],
      ['signInFailuresByIpPerDay', ipKey(client)],
      ['signInFailuresFromUnknownDevices', email],
    ];
  }

  /** Takes a second-factor attempt's point, runs the check, and returns the point if it passed. */
  async function checkSecondFactor(userId: string, check: () => Promise<boolean>) {
    const limit: LimitKey = ['secondFactorFailuresByUser', userId];
    await limits.take(limit);
    if (!(await check())) return false;
    await limits.succeeded(limit);
    return true;
  }

  return {
    async sessionState(session) {
      if (!session) return { status: 'signed-out' };
      if (session.pendingSecondFactor) return { status: 'pending-second-factor' };
      return { status: 'signed-in', user: await loadMe(db, session.userId, config.demoMode) };
    },

    async signUp(input, client) {
      await limits.take(['signUpsByIp', ipKey(client)]);
      assertStrongPassword(input.password, input);
      const passwordHash = await passwords.hash(input.password);
      const [user] = await db
        .insert(users)
        .values({ kind: 'customer', email: input.email, name: input.name, passwordHash })
        .onConflictDoNothing()
        .returning();
      if (!user)
        throw new AppError('CONFLICT', 'An account with this email already exists', {
          fieldErrors: {
            email: ['An account with this email already exists. Sign in or reset your password.'],
          },
          appCode: 'EMAIL_TAKEN',
        });
      await sendVerification(user.id, user.email, user.name);
      return signedIn(user, client);
    },

    async signIn(input, client) {
      const user = await findUserByEmail(db, input.email);
      const spent = signInLimits(input.email, user, client);
      // The point is taken before the password is checked, so no guess runs past the limit.
      await limits.take(...spent);
      const usable = user && !user.deactivatedAt ? user : null;
      // Unknown, deactivated and password-less accounts still pay for a hash verification.
      const ok = await passwords.verify(usable?.passwordHash ?? null, input.password);
      if (!usable || !ok)
        throw new AppError('UNAUTHORIZED', SIGN_IN_FAILED, { appCode: 'INVALID_CREDENTIALS' });
      await limits.succeeded(...spent);
      return signedIn(usable, client);
    },

    async completeSecondFactor(current, input, client) {
      if (!current?.pendingSecondFactor)
        throw new AppError('UNAUTHORIZED', 'Sign in with your password first');
      const user = await getUser(db, current.userId);
      const key = user.totpKey ? openTotpKey(config.keyring, user.id, user.totpKey) : null;
      const ok = await checkSecondFactor(user.id, async () => {
        if (key === null) return false;
        return input.method === 'totp'
          ? acceptTotpCode(db, user.id, key, input.code, config.now())
          : useRecoveryCode(db, user.id, input.code);
      });
      if (!ok) throw invalidField('code', 'That code is not valid. Try the current one.');
      // The privilege level changes, so the session does too.
      await sessions.delete(current.id);
      const session = await sessions.create(user.id, user.kind, {
        secondFactorVerified: true,
        client,
      });
      return fullySignedIn(user.id, session);
    },

    async signOut(sessionId) {
      await sessions.delete(sessionId);
    },

    async requestPasswordReset(email, client) {
      await limits.take(['passwordResetsByIp', ipKey(client)], ['passwordResetsByEmail', email]);
      // The same single insert whether or not the account exists: the mail dispatcher decides,
      // off the request path, whether there is anyone to send a link to.
      await enqueuePasswordReset(db, email);
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
      if (!verified) throw invalidField('token', LINK_INVALID);
    },

    async resendVerification(userId) {
      await limits.take(['verificationEmailsByUser', userId]);
      const user = await getUser(db, userId);
      if (user.emailVerifiedAt) return;
      await sendVerification(user.id, user.email, user.name);
    },

    async beginTotpEnrolment(userId) {
      const user = await getUser(db, userId);
      if (user.totpKey)
        throw new AppError('CONFLICT', 'Two-factor authentication is already set up', {
          appCode: 'TWO_FACTOR_ALREADY_ENABLED',
        });
      const key = newTotpKey();
      await db
        .update(users)
        .set({ totpPendingKey: sealTotpKey(config.keyring, userId, key) })
        .where(and(eq(users.id, userId), isNull(users.totpKey)));
      return { uri: totpUri(key, user.email), secret: key };
    },

    async confirmTotpEnrolment(userId, sessionId, code) {
      const user = await getUser(db, userId);
      const pendingKey = user.totpPendingKey
        ? openTotpKey(config.keyring, userId, user.totpPendingKey)
        : null;
      if (!user.totpPendingKey || pendingKey === null)
        throw new AppError('PRECONDITION_FAILED', 'Start two-factor set-up first', {
          appCode: 'TWO_FACTOR_NOT_STARTED',
        });
      let codes: string[] = [];
      const ok = await checkSecondFactor(userId, () =>
        db.transaction(async (tx) => {
          if (!(await acceptTotpCode(tx, userId, pendingKey, code, config.now()))) return false;
          const confirmed = await tx
            .update(users)
            .set({ totpKey: user.totpPendingKey, totpPendingKey: null, updatedAt: sql`now()` })
            .where(
              and(
                eq(users.id, userId),
                isNull(users.totpKey),
                eq(users.totpPendingKey, user.totpPendingKey as string),
              ),
            )
            .returning({ id: users.id });
          // Enrolment was restarted meanwhile: this code was for the key it replaced.
          if (confirmed.length === 0) return false;
          codes = await replaceRecoveryCodes(tx, userId);
          return true;
        }),
      );
      if (!ok) throw invalidField('code', 'That code is not valid. Check the time on your phone.');
      // Other sessions were signed in without the second factor; only this one has proved it.
      await sessions.deleteAllForUser(userId, sessionId);
      await sessions.markSecondFactorVerified(sessionId);
      return codes;
    },
  };
}
