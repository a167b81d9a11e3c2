import { emailTokens, mailOutbox, sessions, users } from '@bazaar/db/schema';
import { and, eq } from 'drizzle-orm';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { describeDevice } from '../src/services/accounts/account-service.ts';
import { customerAccount, latestMailTo, mailedToken, signedIn, staffMember } from './fixtures.ts';
import { errorOf, PASSWORD, uniqueEmail, useTestApp } from './helpers.ts';

/** The signed-in user's own account: email, password, sessions, and the links mailed for them. */
const app = useTestApp({ config: { demoMode: true } });
const db = () => app().db;
const HOUR = 3_600_000;

const tokensOf = (userId: string, purpose: 'verify-email' | 'reset-password' | 'staff-invite') =>
  db()
    .select()
    .from(emailTokens)
    .where(and(eq(emailTokens.userId, userId), eq(emailTokens.purpose, purpose)));

describe('emailed links', () => {
  it('live 24 hours for verification, 72 for invitations, 30 minutes for resets', async () => {
    const email = uniqueEmail('lifetimes');
    const browser = app().browser();
    const state = await browser.client.auth.signUp.mutate({
      name: 'Lif',
      email,
      password: PASSWORD,
    });
    const userId = state.status === 'signed-in' ? state.user.id : '';
    await browser.client.auth.requestPasswordReset.mutate({ email });
    await app().deliverMail();
    const owner = await signedIn(app(), (await staffMember(db(), 'Owner')).email);
    const roles = await owner.client.admin.roles.list.query();
    const invited = await owner.client.admin.staff.invite.mutate({
      name: 'Ivo',
      email: uniqueEmail('lifetimes', 'staff.test'),
      roleId: roles.find((r) => r.name === 'Support')?.id as string,
    });
    const lifetime = async (id: string, purpose: Parameters<typeof tokensOf>[1]) => {
      const [row] = await tokensOf(id, purpose);
      return (row?.expiresAt.getTime() ?? 0) - (row?.createdAt.getTime() ?? 0);
    };
    expect(Math.abs((await lifetime(userId, 'verify-email')) - 24 * HOUR)).toBeLessThan(5_000);
    expect(Math.abs((await lifetime(userId, 'reset-password')) - HOUR / 2)).toBeLessThan(5_000);
    expect(Math.abs((await lifetime(invited.id, 'staff-invite')) - 72 * HOUR)).toBeLessThan(5_000);
  });

  it('a new link voids older ones of the same purpose only', async () => {
    const email = uniqueEmail('voids');
    const browser = app().browser();
    await browser.client.auth.signUp.mutate({ name: 'Vo', email, password: PASSWORD });
    const verify = await mailedToken(db(), email);
    await browser.client.auth.requestPasswordReset.mutate({ email });
    await browser.client.auth.requestPasswordReset.mutate({ email });
    await app().deliverMail();
    const reset = await mailedToken(db(), email);
    // Two resets were sent; only the newest works, and the verification link is untouched.
    const [user] = await db().select().from(users).where(eq(users.email, email));
    const resets = await tokensOf(user?.id as string, 'reset-password');
    expect(resets.filter((t) => t.usedAt === null)).toHaveLength(1);
    await app().browser().client.auth.verifyEmail.mutate({ token: verify });
    await app()
      .browser()
      .client.auth.resetPassword.mutate({ token: reset, password: 'Marble-Lantern-Quiver-77' });
  });

  it('resending verification to a verified address sends nothing', async () => {
    const email = uniqueEmail('verified');
    const browser = app().browser();
    await browser.client.auth.signUp.mutate({ name: 'Ver', email, password: PASSWORD });
    await browser.client.auth.verifyEmail.mutate({ token: await mailedToken(db(), email) });
    const before = await db().$count(mailOutbox, eq(mailOutbox.to, email));
    await browser.client.auth.resendVerification.mutate();
    expect(await db().$count(mailOutbox, eq(mailOutbox.to, email))).toBe(before);
  });
});

describe('changing the email address', () => {
  it('to the same address changes nothing and mails nothing', async () => {
    const person = await customerAccount(db());
    const browser = await signedIn(app(), person.email);
    const me = await browser.client.account.changeEmail.mutate({
      newEmail: person.email.toUpperCase(),
      password: PASSWORD,
    });
    expect(me).toMatchObject({ email: person.email, emailVerified: false });
    expect(await latestMailTo(db(), person.email)).toBeUndefined();
  });

  it('tells the old address, asks the new one to verify, and refuses the old one for sign-in', async () => {
    const person = await customerAccount(db(), { name: 'Mo Ving' });
    const browser = await signedIn(app(), person.email);
    const next = uniqueEmail('moved');
    await browser.client.account.changeEmail.mutate({ newEmail: next, password: PASSWORD });
    const told = await latestMailTo(db(), person.email);
    expect(told?.subject).toMatch(/email address was changed/);
    expect(told?.text).toContain(next);
    expect(told?.text).toContain('Mo Ving');
    await app()
      .browser()
      .client.auth.verifyEmail.mutate({ token: await mailedToken(db(), next) });
    expect(
      (
        await errorOf(
          app().browser().client.auth.signIn.mutate({ email: person.email, password: PASSWORD }),
        )
      ).data?.code,
    ).toBe('UNAUTHORIZED');
    await signedIn(app(), next);
  });

  it('an address another account has is a CONFLICT on the field; a wrong password says so', async () => {
    const other = await customerAccount(db());
    const browser = await signedIn(app(), (await customerAccount(db())).email);
    const taken = await errorOf(
      browser.client.account.changeEmail.mutate({ newEmail: other.email, password: PASSWORD }),
    );
    expect(taken.data?.code).toBe('CONFLICT');
    expect(taken.message).toBe('That email address is already in use');
    expect(taken.data?.fieldErrors).toEqual({ newEmail: ['That email address is already in use'] });
    const wrong = await errorOf(
      browser.client.account.changeEmail.mutate({
        newEmail: uniqueEmail('x'),
        password: 'not-it-at-all',
      }),
    );
    expect(wrong.message).toBe('Your current password is not correct');
  });

  it('two accounts taking the same new address at once: one gets it, the other a CONFLICT', async () => {
    const a = await signedIn(app(), (await customerAccount(db())).email);
    const b = await signedIn(app(), (await customerAccount(db())).email);
    const wanted = uniqueEmail('contested');
    // Both wait at their write; the unique index decides.
    const locker = postgres(app().testDb.url, { max: 1, onnotice: () => {} });
    let outcome: Promise<PromiseSettledResult<unknown>[]> | undefined;
    try {
      await locker.begin(async (tx) => {
        await tx`lock table users in share row exclusive mode`;
        outcome = Promise.allSettled(
          [a, b].map((who) =>
            who.client.account.changeEmail.mutate({ newEmail: wanted, password: PASSWORD }),
          ),
        );
        for (let waited = 0; ; waited += 20) {
          const [row] = await tx<{ n: number }[]>`
            select count(*)::int as n from pg_locks
            where relation = 'users'::regclass and not granted
            and database = (select oid from pg_database where datname = current_database())`;
          if ((row?.n ?? 0) >= 2) break;
          if (waited > 10_000) throw new Error('the changes never reached their write');
          await new Promise((r) => setTimeout(r, 20));
        }
      });
    } finally {
      await locker.end();
    }
    const results = (await outcome) ?? [];
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason.data?.code).toBe('CONFLICT');
    expect(lost.reason.data?.fieldErrors?.newEmail).toBeDefined();
    expect(await db().$count(users, eq(users.email, wanted))).toBe(1);
  });
});

describe('sessions', () => {
  it('the list leaves out expired sessions and shows the most recently used first', async () => {
    const person = await customerAccount(db());
    const first = await signedIn(app(), person.email);
    const second = await signedIn(app(), person.email);
    const third = await signedIn(app(), person.email);
    const idOf = (b: typeof first) => (b.cookie() as string).split('.')[0] as string;
    await db()
      .update(sessions)
      .set({ lastVerifiedAt: new Date(Date.now() - 2 * HOUR) })
      .where(eq(sessions.id, idOf(second)));
    await db()
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.id, idOf(third)));
    const listed = await first.client.account.sessions.list.query();
    expect(listed.map((s) => [s.id, s.current])).toEqual([
      [idOf(first), true],
      [idOf(second), false],
    ]);
  });

  it('revoking an unknown session is NOT_FOUND', async () => {
    const browser = await signedIn(app(), (await customerAccount(db())).email);
    const error = await errorOf(
      browser.client.account.sessions.revoke.mutate({ id: 'a'.repeat(32) }),
    );
    expect(error.data?.code).toBe('NOT_FOUND');
    expect(error.message).toBe('Session not found');
  });

  it('revoking the current session signs the caller out', async () => {
    const browser = await signedIn(app(), (await customerAccount(db())).email);
    const [current] = await browser.client.account.sessions.list.query();
    await browser.client.account.sessions.revoke.mutate({ id: current?.id as string });
    expect(browser.cookie()).toBeUndefined();
    expect(await browser.client.auth.session.query()).toEqual({ status: 'signed-out' });
  });

  it('changing the password tells the owner by mail', async () => {
    const person = await customerAccount(db(), { name: 'Pat Word' });
    const browser = await signedIn(app(), person.email);
    await browser.client.account.changePassword.mutate({
      currentPassword: PASSWORD,
      newPassword: 'Marble-Lantern-Quiver-77',
    });
    const mail = await latestMailTo(db(), person.email);
    expect(mail?.subject).toMatch(/password was changed/);
    expect(mail?.text).toContain('Pat Word');
  });
});

describe('describeDevice', () => {
  it('names browser and system, either alone, or says it does not know', () => {
    expect(
      describeDevice('Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0'),
    ).toBe('Firefox on Linux');
    expect(
      describeDevice(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
      ),
    ).toBe('Safari on iOS');
    expect(describeDevice('Firefox/128.0')).toBe('Firefox');
    expect(describeDevice('Windows NT 10.0')).toBe('Windows');
    expect(describeDevice('curl/8.5.0')).toBe('Unknown device');
    expect(describeDevice(null)).toBe('Unknown device');
    expect(describeDevice('')).toBe('Unknown device');
    expect(describeDevice('???')).toBe('Unknown device');
  });
});
