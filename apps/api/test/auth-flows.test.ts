import { users } from '@bazaar/db/schema';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateTOTP } from '@oslojs/otp';
import { eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { rowsOf } from '../src/db.ts';
import { createKeyring } from '../src/security/keyring.ts';
import { openTotpKey, sealTotpKey } from '../src/services/accounts/two-factor.ts';
import { customerAccount, latestMailTo, signedIn, staffMember } from './fixtures.ts';
import {
  browserClient,
  errorOf,
  PASSWORD,
  SHOP_ORIGIN,
  testKeyring,
  uniqueEmail,
  useTestApp,
} from './helpers.ts';

/** Sign-up, sign-in and two-factor edges the main flows do not reach. */
const app = useTestApp({ config: { demoMode: true } });
const db = () => app().db;
const codeFor = (secret: string) => generateTOTP(decodeBase32IgnorePadding(secret), 30, 6);

/** Holds writes to `users` until `n` requests wait for them, then lets them all go. */
async function releasedTogether<T>(n: number, start: () => Promise<T>): Promise<T> {
  const locker = postgres(app().testDb.url, { max: 1, onnotice: () => {} });
  let started: Promise<T> | undefined;
  try {
    await locker.begin(async (tx) => {
      await tx`lock table users in share row exclusive mode`;
      started = start();
      for (let waited = 0; ; waited += 20) {
        const [row] = await tx<{ n: number }[]>`
          select count(*)::int as n from pg_locks
          where relation = 'users'::regclass and not granted
            and database = (select oid from pg_database where datname = current_database())`;
        if ((row?.n ?? 0) >= n) break;
        if (waited > 10_000) throw new Error(`fewer than ${n} writes waited`);
        await new Promise((r) => setTimeout(r, 20));
      }
    });
  } finally {
    await locker.end();
  }
  return started as Promise<T>;
}

describe('sign-up', () => {
  it('mails the new customer a verification link by name', async () => {
    const email = uniqueEmail('welcome');
    await app()
      .browser()
      .client.auth.signUp.mutate({ name: 'Wendy Welcome', email, password: PASSWORD });
    const mail = await latestMailTo(db(), email);
    expect(mail?.subject).toBe('Confirm your email address for Bazaar');
    expect(mail?.text).toMatch(/^Hello Wendy Welcome,/);
    expect(mail?.text).toMatch(/http:\/\/shop\.test\/account\/verify-email\?token=[a-z2-7]{32}/);
  });

  it('two sign-ups for one address at once: one account, the other a CONFLICT on email', async () => {
    const email = uniqueEmail('twins');
    const results = await releasedTogether(2, () =>
      Promise.allSettled(
        ['Tess', 'Tom'].map((name) =>
          app().browser().client.auth.signUp.mutate({ name, email, password: PASSWORD }),
        ),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason.data?.code).toBe('CONFLICT');
    expect(lost.reason.data?.fieldErrors?.email?.[0]).toMatch(/Sign in or reset your password/);
    expect(await db().$count(users, eq(users.email, email))).toBe(1);
  });
});

describe('sign-in', () => {
  it('records when the account last signed in', async () => {
    const person = await customerAccount(db());
    const before = Date.now();
    await signedIn(app(), person.email);
    const [row] = await db().select().from(users).where(eq(users.id, person.id));
    expect(row?.lastSignInAt?.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it('a failed sign-in records nothing and the session state stays signed out', async () => {
    const person = await customerAccount(db());
    const browser = app().browser();
    const error = await errorOf(
      browser.client.auth.signIn.mutate({ email: person.email, password: 'Wrong-Password-11' }),
    );
    expect(error.message).toBe('Incorrect email or password');
    expect(browser.cookie()).toBeUndefined();
    expect(await browser.client.auth.session.query()).toEqual({ status: 'signed-out' });
    const [row] = await db().select().from(users).where(eq(users.id, person.id));
    expect(row?.lastSignInAt).toBeNull();
  });

  it('a non-browser client (no Origin, no cookies kept) can sign in and use its session', async () => {
    const person = await customerAccount(db());
    const res = await fetch(`${app().url}/trpc/auth.signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ json: { email: person.email, password: PASSWORD } }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('bazaar_session='));
    const me = await fetch(`${app().url}/trpc/auth.session`, {
      headers: { cookie: (cookie as string).split(';')[0] as string, origin: SHOP_ORIGIN },
    });
    expect(
      ((await me.json()) as { result: { data: { json: { status: string } } } }).result.data.json
        .status,
    ).toBe('signed-in');
  });
});

describe('two-factor edges', () => {
  it('restarting enrolment voids the key shown first', async () => {
    const owner = await signedIn(app(), (await staffMember(db(), 'Owner')).email);
    const first = await owner.client.auth.twoFactor.begin.mutate();
    const second = await owner.client.auth.twoFactor.begin.mutate();
    expect(second.secret).not.toBe(first.secret);
    const stale = await errorOf(
      owner.client.auth.twoFactor.confirm.mutate({ code: codeFor(first.secret) }),
    );
    // (A code can coincide across keys once in a million; then the stale key would confirm.)
    if (codeFor(first.secret) !== codeFor(second.secret))
      expect(stale.data?.code).toBe('BAD_REQUEST');
    const { recoveryCodes } = await owner.client.auth.twoFactor.confirm.mutate({
      code: codeFor(second.secret),
    });
    expect(recoveryCodes).toHaveLength(10);
  });

  it('a stored key the server cannot open fails like a wrong code, and enrolment cannot be confirmed', async () => {
    const foreign = createKeyring([Buffer.alloc(32, 99)]);
    const member = await staffMember(db(), 'Owner');
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    await db()
      .update(users)
      .set({ totpKey: sealTotpKey(foreign, member.id, secret) })
      .where(eq(users.id, member.id));
    const browser = browserClient(app());
    expect(
      await browser.client.auth.signIn.mutate({ email: member.email, password: PASSWORD }),
    ).toEqual({ status: 'pending-second-factor' });
    const refused = await errorOf(
      browser.client.auth.completeSecondFactor.mutate({ method: 'totp', code: codeFor(secret) }),
    );
    expect(refused.data?.code).toBe('BAD_REQUEST');
    expect(refused.data?.fieldErrors?.code).toBeDefined();

    const other = await staffMember(db(), 'Owner');
    await db()
      .update(users)
      .set({ totpPendingKey: sealTotpKey(foreign, other.id, secret) })
      .where(eq(users.id, other.id));
    const enrolling = await signedIn(app(), other.email);
    const early = await errorOf(
      enrolling.client.auth.twoFactor.confirm.mutate({ code: codeFor(secret) }),
    );
    expect(early.data?.code).toBe('PRECONDITION_FAILED');
    expect(early.message).toBe('Start two-factor set-up first');
  });
});

describe('enrolment racing a restart', () => {
  it('a confirmation and a new begin at once: the confirmed key stays, no pending key is left', async () => {
    const member = await staffMember(db(), 'Owner');
    const browser = await signedIn(app(), member.email);
    const { secret } = await browser.client.auth.twoFactor.begin.mutate();
    // Both requests wait at their write to the user's row; the confirmation asked first.
    const locker = postgres(app().testDb.url, { max: 1, onnotice: () => {} });
    // Polled outside the locking transaction: pg_stat_activity is a snapshot within one.
    const waiting = async (n: number) => {
      for (let waited = 0; ; waited += 20) {
        const [row] = rowsOf<{ n: number }>(
          await db().execute(
            sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
          ),
        );
        if ((row?.n ?? 0) >= n) return;
        if (waited > 10_000) throw new Error(`fewer than ${n} requests waited`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    let confirm: Promise<unknown> | undefined;
    let restart: Promise<unknown> | undefined;
    try {
      await locker.begin(async (tx) => {
        await tx`select id from users where id = ${member.id} for no key update`;
        confirm = browser.client.auth.twoFactor.confirm.mutate({ code: codeFor(secret) });
        await waiting(1);
        restart = browser.client.auth.twoFactor.begin.mutate();
        await waiting(2);
      });
    } finally {
      await locker.end();
    }
    await expect(confirm).resolves.toMatchObject({ recoveryCodes: expect.any(Array) });
    await restart;
    const [row] = await db().select().from(users).where(eq(users.id, member.id));
    expect(row?.totpKey).not.toBeNull();
    expect(row?.totpPendingKey).toBeNull();
    // The confirmed key is the one shown first.
    expect(openTotpKey(testKeyring, member.id, row?.totpKey as string)).toBe(secret);
  });
});
