import { permissions } from '@bazaar/contracts/server';
import { recoveryCodes, roles, sessions, users } from '@bazaar/db/schema';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP, generateTOTP } from '@oslojs/otp';
import { and, eq, isNotNull } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { argon2Passwords } from '../src/security/passwords.ts';
import { openTotpKey } from '../src/services/accounts/two-factor.ts';
import { createOwner } from '../src/services/admin/owner.ts';
import {
  browserClient,
  errorOf,
  PASSWORD,
  type RunningServer,
  testKeyring,
  uniqueEmail,
  useTestApp,
} from './helpers.ts';

/** Staff two-factor (TOTP + recovery codes) over real HTTP with real sessions. */
const app = useTestApp({ config: { demoMode: true } });
const db = () => app().db;
/** Demo mode: the Owner may work without two-factor, but must use it once enrolled. */
let demo: RunningServer;
/** Production mode: the Owner's role requires two-factor before any permission applies. */
let strict: RunningServer;

const newEmail = () => uniqueEmail('twofactor', 'staff.test');
const allPermissions = [...permissions].sort();

/** What an authenticator app shows now. */
const currentCode = (secret: string) => generateTOTP(decodeBase32IgnorePadding(secret), 30, 6);
/**
 * The code of the next 30-second period, which the server also accepts (one period of grace).
 * Each sign-in below needs a code not used before, since an accepted code cannot be used again.
 */
const nextCode = (secret: string) =>
  generateHOTP(decodeBase32IgnorePadding(secret), BigInt(Math.floor(Date.now() / 30_000) + 1), 6);
/** Six digits that are none of the codes the server accepts right now. */
const wrongCode = (secret: string) => {
  const valid = new Set(
    [-1, 0, 1, 2].map((d) =>
      generateHOTP(
        decodeBase32IgnorePadding(secret),
        BigInt(Math.floor(Date.now() / 30_000) + d),
        6,
      ),
    ),
  );
  for (let i = 0; ; i++) {
    const code = String(i).padStart(6, '0');
    if (!valid.has(code)) return code;
  }
};

async function signedInOwner(server: RunningServer) {
  const email = newEmail();
  const { id } = await createOwner(db(), { email, name: 'Tess Twofactor', password: PASSWORD });
  const browser = browserClient(server);
  const state = await browser.client.auth.signIn.mutate({ email, password: PASSWORD });
  return { id, email, browser, state };
}

/** An Owner who has set up two-factor (on `server`), with their key and recovery codes. */
async function enrolledOwner(server: RunningServer = demo) {
  const owner = await signedInOwner(server);
  const { secret } = await owner.browser.client.auth.twoFactor.begin.mutate();
  const enrolmentCode = currentCode(secret);
  const { recoveryCodes: codes } = await owner.browser.client.auth.twoFactor.confirm.mutate({
    code: enrolmentCode,
  });
  return { ...owner, secret, codes, enrolmentCode };
}

/** Signs in with the password only: the session now waits for the second factor. */
async function pendingSignIn(email: string, server: RunningServer = demo) {
  const browser = browserClient(server);
  const state = await browser.client.auth.signIn.mutate({ email, password: PASSWORD });
  expect(state).toEqual({ status: 'pending-second-factor' });
  return browser;
}

beforeAll(async () => {
  demo = app();
  strict = await app().serve({ config: { demoMode: false } });
});

describe('enrolment', () => {
  it('begin gives an otpauth URI and base32 key; confirming a current code returns 10 recovery codes', async () => {
    const owner = await signedInOwner(demo);
    // Demo mode: the Owner works without two-factor.
    expect(owner.state).toMatchObject({
      status: 'signed-in',
      user: { twoFactorEnabled: false, twoFactorEnrolmentRequired: false },
    });
    const otherSession = browserClient(demo);
    await otherSession.client.auth.signIn.mutate({ email: owner.email, password: PASSWORD });

    const { uri, secret } = await owner.browser.client.auth.twoFactor.begin.mutate();
    expect(uri.startsWith('otpauth://totp/')).toBe(true);
    expect(secret).toMatch(/^[A-Z2-7]+$/);
    expect(decodeBase32IgnorePadding(secret)).toHaveLength(20);
    const params = new URL(uri).searchParams;
    expect(params.get('secret')).toBe(secret);
    expect(params.get('issuer')).toBe('Bazaar');
    expect(params.get('period')).toBe('30');
    expect(params.get('digits')).toBe('6');
    expect(decodeURIComponent(uri)).toContain(owner.email);

    // Not active until confirmed; stored sealed with the server's key, never in clear.
    const [pending] = await db().select().from(users).where(eq(users.id, owner.id));
    expect(pending?.totpKey).toBeNull();
    expect(pending?.totpPendingKey).toMatch(/^v1\.[0-9a-f]{8}\./);
    expect(pending?.totpPendingKey).not.toContain(secret);
    expect(openTotpKey(testKeyring, owner.id, pending?.totpPendingKey as string)).toBe(secret);

    const wrong = await errorOf(
      owner.browser.client.auth.twoFactor.confirm.mutate({ code: wrongCode(secret) }),
    );
    expect(wrong.data?.code).toBe('BAD_REQUEST');
    expect(wrong.data?.fieldErrors?.code?.length).toBeGreaterThan(0);
    const malformed = await errorOf(
      owner.browser.client.auth.twoFactor.confirm.mutate({ code: '12345' }),
    );
    expect(malformed.data?.code).toBe('BAD_REQUEST');
    expect(malformed.data?.fieldErrors?.code).toBeDefined();

    const { recoveryCodes: codes } = await owner.browser.client.auth.twoFactor.confirm.mutate({
      code: currentCode(secret),
    });
    expect(codes).toHaveLength(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
    expect(new Set(codes).size).toBe(10);

    const [enrolled] = await db().select().from(users).where(eq(users.id, owner.id));
    expect(enrolled?.totpPendingKey).toBeNull();
    expect(openTotpKey(testKeyring, owner.id, enrolled?.totpKey as string)).toBe(secret);
    const stored = await db()
      .select()
      .from(recoveryCodes)
      .where(eq(recoveryCodes.userId, owner.id));
    expect(stored).toHaveLength(10);
    const storedText = JSON.stringify(stored);
    for (const code of codes) expect(storedText).not.toContain(code.replace('-', ''));

    // This session proved the second factor and stays; the other one had not and is gone.
    expect(await owner.browser.client.auth.session.query()).toMatchObject({
      status: 'signed-in',
      user: { twoFactorEnabled: true },
    });
    expect(await otherSession.client.auth.session.query()).toEqual({ status: 'signed-out' });

    const again = await errorOf(owner.browser.client.auth.twoFactor.begin.mutate());
    expect(again.data?.code).toBe('CONFLICT');
  });

  it('confirm before begin is PRECONDITION_FAILED; customers and anonymous callers cannot enrol', async () => {
    const owner = await signedInOwner(demo);
    const early = await errorOf(
      owner.browser.client.auth.twoFactor.confirm.mutate({ code: '123456' }),
    );
    expect(early.data?.code).toBe('PRECONDITION_FAILED');

    const customer = browserClient(demo);
    await customer.client.auth.signUp.mutate({
      name: 'Carla Customer',
      email: newEmail(),
      password: PASSWORD,
    });
    expect((await errorOf(customer.client.auth.twoFactor.begin.mutate())).data?.code).toBe(
      'FORBIDDEN',
    );
    expect(
      (await errorOf(browserClient(demo).client.auth.twoFactor.begin.mutate())).data?.code,
    ).toBe('UNAUTHORIZED');
  });

  it('wrong enrolment codes are limited too', async () => {
    const owner = await signedInOwner(demo);
    const { secret } = await owner.browser.client.auth.twoFactor.begin.mutate();
    for (let i = 0; i < 5; i++) {
      const error = await errorOf(
        owner.browser.client.auth.twoFactor.confirm.mutate({ code: wrongCode(secret) }),
      );
      expect(error.data?.code).toBe('BAD_REQUEST');
    }
    const limited = await errorOf(
      owner.browser.client.auth.twoFactor.confirm.mutate({ code: currentCode(secret) }),
    );
    expect(limited.data?.code).toBe('TOO_MANY_REQUESTS');
    const [row] = await db().select().from(users).where(eq(users.id, owner.id));
    expect(row?.totpKey).toBeNull();
  });
});

describe('sign-in with a second factor', () => {
  it('a password alone gives a pending session that is anonymous for everything but completeSecondFactor', async () => {
    const owner = await enrolledOwner();
    const pending = await pendingSignIn(owner.email);
    expect(pending.cookie()).toMatch(/^[a-z2-7]{32}\.[a-z2-7]{32}$/);

    expect(await pending.client.auth.session.query()).toEqual({
      status: 'pending-second-factor',
    });
    for (const call of [
      () => pending.client.admin.staff.list.query(),
      () => pending.client.account.sessions.list.query(),
      () => pending.client.account.updateProfile.mutate({ name: 'Mallory' }),
      () => pending.client.auth.twoFactor.begin.mutate(),
      () => pending.client.auth.resendVerification.mutate(),
    ]) {
      const error = await errorOf(call());
      expect(error.data?.code).toBe('UNAUTHORIZED');
    }
    const [row] = await db()
      .select()
      .from(sessions)
      .where(eq(sessions.id, (pending.cookie() as string).split('.')[0] as string));
    expect(row?.secondFactorVerified).toBe(false);
  });

  it('a correct TOTP code signs in with a new session; the pending token is void', async () => {
    const owner = await enrolledOwner();
    const browser = await pendingSignIn(owner.email);
    const pendingToken = browser.cookie() as string;

    const wrong = await errorOf(
      browser.client.auth.completeSecondFactor.mutate({
        method: 'totp',
        code: wrongCode(owner.secret),
      }),
    );
    expect(wrong.data?.code).toBe('BAD_REQUEST');
    expect(wrong.data?.fieldErrors?.code).toBeDefined();
    expect(await browser.client.auth.session.query()).toEqual({ status: 'pending-second-factor' });

    const state = await browser.client.auth.completeSecondFactor.mutate({
      method: 'totp',
      code: nextCode(owner.secret),
    });
    expect(state).toMatchObject({
      status: 'signed-in',
      user: { id: owner.id, twoFactorEnabled: true, twoFactorEnrolmentRequired: false },
    });
    if (state.status === 'signed-in')
      expect([...state.user.permissions].sort()).toEqual(allPermissions);

    const token = browser.cookie() as string;
    expect(token).toMatch(/^[a-z2-7]{32}\.[a-z2-7]{32}$/);
    expect(token.split('.')[0]).not.toBe(pendingToken.split('.')[0]);
    expect((await browser.client.admin.staff.list.query()).length).toBeGreaterThan(0);

    const stale = browserClient(demo);
    stale.setCookie('bazaar_session', pendingToken);
    expect(await stale.client.auth.session.query()).toEqual({ status: 'signed-out' });
    const rows = await db().select().from(sessions).where(eq(sessions.userId, owner.id));
    expect(rows.map((r) => [r.id, r.secondFactorVerified])).toContainEqual([
      token.split('.')[0],
      true,
    ]);
    expect(rows.map((r) => r.id)).not.toContain(pendingToken.split('.')[0]);
  });

  it('completeSecondFactor needs a pending session', async () => {
    const owner = await enrolledOwner();
    const anonymous = await errorOf(
      browserClient(demo).client.auth.completeSecondFactor.mutate({
        method: 'totp',
        code: nextCode(owner.secret),
      }),
    );
    expect(anonymous.data?.code).toBe('UNAUTHORIZED');
    // The enrolling session is already fully signed in: nothing to complete.
    const signedIn = await errorOf(
      owner.browser.client.auth.completeSecondFactor.mutate({
        method: 'totp',
        code: nextCode(owner.secret),
      }),
    );
    expect(signedIn.data?.code).toBe('UNAUTHORIZED');
  });

  it('an accepted TOTP code cannot be replayed for another sign-in within its window', async () => {
    const owner = await enrolledOwner();
    const first = await pendingSignIn(owner.email);
    // The code that confirmed enrolment is spent.
    const enrolmentReplay = await errorOf(
      first.client.auth.completeSecondFactor.mutate({ method: 'totp', code: owner.enrolmentCode }),
    );
    expect(enrolmentReplay.data?.code).toBe('BAD_REQUEST');

    const code = nextCode(owner.secret);
    expect(
      (await first.client.auth.completeSecondFactor.mutate({ method: 'totp', code })).status,
    ).toBe('signed-in');

    const second = await pendingSignIn(owner.email);
    const replay = await errorOf(
      second.client.auth.completeSecondFactor.mutate({ method: 'totp', code }),
    );
    expect(replay.data?.code).toBe('BAD_REQUEST');
    expect(replay.data?.fieldErrors?.code).toBeDefined();
    expect(await second.client.auth.session.query()).toEqual({ status: 'pending-second-factor' });

    // Nor does an earlier code come back into use once a later one was accepted.
    const earlier = await errorOf(
      second.client.auth.completeSecondFactor.mutate({ method: 'totp', code: owner.enrolmentCode }),
    );
    expect(earlier.data?.code).toBe('BAD_REQUEST');
  });

  it('a recovery code works once, typed with or without the hyphen and in any case', async () => {
    const owner = await enrolledOwner();
    const [firstCode, secondCode] = owner.codes as [string, string];

    const first = await pendingSignIn(owner.email);
    expect(
      await first.client.auth.completeSecondFactor.mutate({
        method: 'recovery-code',
        code: ` ${firstCode.toUpperCase()} `,
      }),
    ).toMatchObject({ status: 'signed-in', user: { id: owner.id } });

    const second = await pendingSignIn(owner.email);
    const reused = await errorOf(
      second.client.auth.completeSecondFactor.mutate({ method: 'recovery-code', code: firstCode }),
    );
    expect(reused.data?.code).toBe('BAD_REQUEST');
    expect(reused.data?.fieldErrors?.code).toBeDefined();
    expect(
      (
        await second.client.auth.completeSecondFactor.mutate({
          method: 'recovery-code',
          code: secondCode.replace('-', ''),
        })
      ).status,
    ).toBe('signed-in');

    const used = await db()
      .select()
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.userId, owner.id), isNotNull(recoveryCodes.usedAt)));
    expect(used).toHaveLength(2);
  });

  it('after 5 wrong codes even a correct one is TOO_MANY_REQUESTS', async () => {
    const owner = await enrolledOwner();
    const browser = await pendingSignIn(owner.email);
    for (let i = 0; i < 5; i++) {
      const error = await errorOf(
        browser.client.auth.completeSecondFactor.mutate({
          method: 'totp',
          code: wrongCode(owner.secret),
        }),
      );
      expect(error.data?.code).toBe('BAD_REQUEST');
    }
    for (const input of [
      { method: 'totp', code: nextCode(owner.secret) },
      { method: 'recovery-code', code: owner.codes[0] as string },
    ] as const) {
      const limited = await errorOf(browser.client.auth.completeSecondFactor.mutate(input));
      expect(limited.data?.code).toBe('TOO_MANY_REQUESTS');
      expect(limited.data?.retryAfterSeconds).toBeGreaterThan(0);
    }
    expect(await browser.client.auth.session.query()).toEqual({ status: 'pending-second-factor' });
  });
});

describe('roles that require two-factor', () => {
  it('outside demo mode the Owner holds no permission until enrolled, then all of them', async () => {
    const owner = await signedInOwner(strict);
    expect(owner.state).toMatchObject({
      status: 'signed-in',
      user: {
        role: { name: 'Owner' },
        permissions: [],
        twoFactorEnabled: false,
        twoFactorEnrolmentRequired: true,
      },
    });
    const forbidden = await errorOf(owner.browser.client.admin.staff.list.query());
    expect(forbidden.data?.code).toBe('FORBIDDEN');

    const { secret } = await owner.browser.client.auth.twoFactor.begin.mutate();
    await owner.browser.client.auth.twoFactor.confirm.mutate({ code: currentCode(secret) });

    const state = await owner.browser.client.auth.session.query();
    expect(state).toMatchObject({
      status: 'signed-in',
      user: { twoFactorEnabled: true, twoFactorEnrolmentRequired: false },
    });
    if (state.status === 'signed-in')
      expect([...state.user.permissions].sort()).toEqual(allPermissions);
    expect((await owner.browser.client.admin.staff.list.query()).length).toBeGreaterThan(0);

    // From now on, signing in takes the second factor.
    const next = await pendingSignIn(owner.email, strict);
    const completed = await next.client.auth.completeSecondFactor.mutate({
      method: 'totp',
      code: nextCode(secret),
    });
    expect(completed.status === 'signed-in' && completed.user.permissions.length).toBe(
      permissions.length,
    );
  });

  it('outside demo mode a role without the requirement works without two-factor', async () => {
    const [manager] = await db().select().from(roles).where(eq(roles.name, 'Manager'));
    const email = newEmail();
    await db()
      .insert(users)
      .values({
        kind: 'staff',
        email,
        name: 'Manny Manager',
        roleId: manager?.id,
        passwordHash: await argon2Passwords.hash(PASSWORD),
      });
    const state = await browserClient(strict).client.auth.signIn.mutate({
      email,
      password: PASSWORD,
    });
    expect(state).toMatchObject({
      status: 'signed-in',
      user: { twoFactorEnabled: false, twoFactorEnrolmentRequired: false },
    });
    expect(state.status === 'signed-in' && state.user.permissions).toContain('catalog:write');
  });
});
