import { mailOutbox, users } from '@bazaar/db/schema';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateTOTP } from '@oslojs/otp';
import { and, count, eq, like } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { createRateLimits, defaultLimits } from '../src/security/rate-limits.ts';
import { createOwner } from '../src/services/admin/owner.ts';
import {
  type BrowserClient,
  browserClient,
  countingPasswords,
  errorOf,
  PASSWORD,
  SHOP_ORIGIN,
  type TestServer,
  uniqueEmail,
  useTestApp,
} from './helpers.ts';

/** Every limit at its default, counted in the real Redis; password checks are counted. */
const counted = countingPasswords();
const app = useTestApp({ config: { passwords: counted.passwords } });
const newEmail = () => uniqueEmail('limits');
const WRONG = 'Wrong-Password-Here-1';

async function customer(server: TestServer = app()) {
  const email = newEmail();
  await browserClient(server).client.auth.signUp.mutate({ name: 'Lim', email, password: PASSWORD });
  return email;
}

/** One sign-in attempt as its own HTTP request (no batching), from `ip`. */
async function rawSignIn(email: string, password: string, ip: string, server: TestServer = app()) {
  const res = await fetch(`${server.url}/trpc/auth.signIn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: SHOP_ORIGIN, 'x-forwarded-for': ip },
    body: JSON.stringify({ json: { email, password } }),
  });
  return res.status;
}

const codeOf = async (call: Promise<unknown>) =>
  call.then(
    () => 'OK',
    (e: unknown) => (e as { data?: { code?: string } }).data?.code ?? String(e),
  );

function tally(codes: (string | number)[]) {
  const counts: Record<string, number> = {};
  for (const code of codes) counts[code] = (counts[code] ?? 0) + 1;
  return counts;
}

describe('limits hold under concurrency: the point is taken before the secret is checked', () => {
  it('30 parallel requests and 3 batches of 10 wrong passwords: 5 are checked, then the right one is refused', async () => {
    const email = await customer();
    const ip = '198.51.100.7';
    const before = counted.verified.length;
    const attacker = browserClient(app(), { ip });
    const [single, ...batches] = await Promise.all([
      Promise.all(Array.from({ length: 30 }, () => rawSignIn(email, WRONG, ip))),
      // Concurrent calls of one client go out as one tRPC batch of 10.
      ...Array.from({ length: 3 }, () =>
        Promise.all(
          Array.from({ length: 10 }, () =>
            codeOf(attacker.client.auth.signIn.mutate({ email, password: WRONG })),
          ),
        ),
      ),
    ]);
    const codes = tally([...(single as number[]), ...(batches.flat() as string[])]);
    expect((codes[401] ?? 0) + (codes.UNAUTHORIZED ?? 0)).toBe(5);
    expect((codes[429] ?? 0) + (codes.TOO_MANY_REQUESTS ?? 0)).toBe(55);
    expect(counted.verified.length - before).toBe(5);
    // The right password from the same place is refused too, without being checked.
    expect(await codeOf(attacker.client.auth.signIn.mutate({ email, password: PASSWORD }))).toBe(
      'TOO_MANY_REQUESTS',
    );
    expect(counted.verified.length - before).toBe(5);
  });

  it('40 parallel second-factor codes on one pending session: 5 are checked', async () => {
    const email = uniqueEmail('totp', 'staff.test');
    await createOwner(app().db, { email, name: 'Tory Totp', password: PASSWORD });
    const owner = browserClient(app());
    await owner.client.auth.signIn.mutate({ email, password: PASSWORD });
    const { secret } = await owner.client.auth.twoFactor.begin.mutate();
    const code = generateTOTP(decodeBase32IgnorePadding(secret), 30, 6);
    await owner.client.auth.twoFactor.confirm.mutate({ code });

    const pending = browserClient(app());
    expect(await pending.client.auth.signIn.mutate({ email, password: PASSWORD })).toEqual({
      status: 'pending-second-factor',
    });
    const wrong = code === '000000' ? '000001' : '000000';
    const results = tally(
      await Promise.all(
        Array.from({ length: 40 }, () =>
          codeOf(pending.client.auth.completeSecondFactor.mutate({ method: 'totp', code: wrong })),
        ),
      ),
    );
    expect(results).toEqual({ BAD_REQUEST: 5, TOO_MANY_REQUESTS: 35 });
  });

  it('10 parallel wrong current passwords: 5 are checked', async () => {
    const email = await customer();
    const browser = browserClient(app());
    await browser.client.auth.signIn.mutate({ email, password: PASSWORD });
    const before = counted.verified.length;
    const results = tally(
      await Promise.all(
        Array.from({ length: 10 }, () =>
          codeOf(
            browser.client.account.changePassword.mutate({
              currentPassword: WRONG,
              newPassword: 'Marble-Lantern-Quiver-77',
            }),
          ),
        ),
      ),
    );
    expect(results).toEqual({ BAD_REQUEST: 5, TOO_MANY_REQUESTS: 5 });
    expect(counted.verified.length - before).toBe(5);
  });

  it('sign-ups: 30 at once from one address create at most 20 accounts', async () => {
    const server = await app().serve({ limits: { signUpsByIp: defaultLimits.signUpsByIp } });
    const ip = '198.51.100.60';
    const label = `burst${Date.now()}`;
    const results = tally(
      await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          codeOf(
            browserClient(server, { ip }).client.auth.signUp.mutate({
              name: 'Burst',
              email: `${label}-${i}@example.com`,
              password: PASSWORD,
            }),
          ),
        ),
      ),
    );
    expect(results).toEqual({ OK: 20, TOO_MANY_REQUESTS: 10 });
    const [created] = await app()
      .db.select({ n: count() })
      .from(users)
      .where(like(users.email, `${label}-%`));
    expect(created?.n).toBe(20);
  });

  it('reset requests: 10 at once for one email queue 3', async () => {
    const email = await customer();
    const results = tally(
      await Promise.all(
        Array.from({ length: 10 }, () =>
          codeOf(browserClient(app()).client.auth.requestPasswordReset.mutate({ email })),
        ),
      ),
    );
    expect(results).toEqual({ OK: 3, TOO_MANY_REQUESTS: 7 });
    const [queued] = await app()
      .db.select({ n: count() })
      .from(mailOutbox)
      .where(and(eq(mailOutbox.to, email), eq(mailOutbox.kind, 'password-reset')));
    expect(queued?.n).toBe(3);
  });

  it('verification resends: 10 at once send 5', async () => {
    const email = newEmail();
    const browser = browserClient(app());
    await browser.client.auth.signUp.mutate({ name: 'Res', email, password: PASSWORD });
    const results = tally(
      await Promise.all(
        Array.from({ length: 10 }, () => codeOf(browser.client.auth.resendVerification.mutate())),
      ),
    );
    expect(results).toEqual({ OK: 5, TOO_MANY_REQUESTS: 5 });
  });
});

describe('sign-in limits at their defaults', () => {
  it('5 failures for one email from one address block it for 15 minutes (Retry-After ~900 s)', async () => {
    const email = await customer();
    const ip = '198.51.100.8';
    for (let i = 0; i < 5; i++) expect(await rawSignIn(email, WRONG, ip)).toBe(401);
    const res = await fetch(`${app().url}/trpc/auth.signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: SHOP_ORIGIN, 'x-forwarded-for': ip },
      body: JSON.stringify({ json: { email, password: PASSWORD } }),
    });
    expect(res.status).toBe(429);
    const wait = Number(res.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(15 * 60 - 10);
    expect(wait).toBeLessThanOrEqual(15 * 60);
    const body = (await res.json()) as { error: { json: { data: { retryAfterSeconds: number } } } };
    expect(body.error.json.data.retryAfterSeconds).toBe(wait);
  });

  it('a success starts the count for that email and address again', async () => {
    const email = await customer();
    const user = browserClient(app(), { ip: '198.51.100.9' });
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 4; i++)
        await errorOf(user.client.auth.signIn.mutate({ email, password: WRONG }));
      expect((await user.client.auth.signIn.mutate({ email, password: PASSWORD })).status).toBe(
        'signed-in',
      );
    }
  });

  it('100 failures from one address across accounts block that address for the day', async () => {
    const ip = '198.51.100.10';
    const statuses = [];
    for (let i = 0; i < 100; i++) statuses.push(await rawSignIn(newEmail(), WRONG, ip));
    expect(statuses.every((s) => s === 401)).toBe(true);
    const e = await errorOf(
      browserClient(app(), { ip }).client.auth.signIn.mutate({
        email: newEmail(),
        password: WRONG,
      }),
    );
    expect(e.data?.code).toBe('TOO_MANY_REQUESTS');
    expect(e.data?.retryAfterSeconds).toBeGreaterThan(23 * 3600);
  });

  it('an unknown account is limited exactly like a known one (no enumeration by lockout)', async () => {
    const ghost = newEmail();
    const ip = '198.51.100.30';
    for (let i = 0; i < 5; i++) expect(await rawSignIn(ghost, WRONG, ip)).toBe(401);
    expect(await rawSignIn(ghost, WRONG, ip)).toBe(429);
  });
});

describe('strangers cannot lock the owner out (OWASP device cookies)', () => {
  /** Wrong passwords for `email` from `n` different addresses, 2 each (under the per-address limit). */
  async function strangersGuess(email: string, n: number) {
    const statuses = await Promise.all(
      Array.from({ length: n }, (_, i) => [
        rawSignIn(email, WRONG, `203.0.113.${100 + i}`),
        rawSignIn(email, WRONG, `203.0.113.${100 + i}`),
      ]).flat(),
    );
    return tally(statuses);
  }

  async function ownerBrowser(email: string): Promise<BrowserClient> {
    const browser = browserClient(app(), { ip: '192.0.2.44' });
    const state = await browser.client.auth.signIn.mutate({ email, password: PASSWORD });
    expect(state.status).toBe('signed-in');
    expect(browser.cookie('bazaar_device')).toMatch(/^[a-z2-7]{32}\.\d+\.[0-9a-f]{8}\./);
    await browser.client.auth.signOut.mutate();
    return browser;
  }

  it('unknown browsers share 10 failures per 15 minutes; the owner’s browser still signs in', async () => {
    const email = await customer();
    const owner = await ownerBrowser(email);
    expect(await strangersGuess(email, 10)).toEqual({ 401: 10, 429: 10 });
    // A browser the account never signed in on is slowed down, whatever its address…
    const stranger = browserClient(app(), { ip: '203.0.113.250' });
    const refused = await errorOf(
      stranger.client.auth.signIn.mutate({ email, password: PASSWORD }),
    );
    expect(refused.data?.code).toBe('TOO_MANY_REQUESTS');
    expect(refused.data?.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
    // …while the owner's own browser keeps its allowance, even from another address.
    expect((await owner.client.auth.signIn.mutate({ email, password: PASSWORD })).status).toBe(
      'signed-in',
    );
  });

  it('a known browser has 5 failures of its own, and its cookie is no use for another account', async () => {
    const email = await customer();
    const other = await customer();
    const owner = await ownerBrowser(email);
    for (let i = 0; i < 5; i++)
      expect(
        (await errorOf(owner.client.auth.signIn.mutate({ email, password: WRONG }))).data?.code,
      ).toBe('UNAUTHORIZED');
    const blocked = await errorOf(owner.client.auth.signIn.mutate({ email, password: PASSWORD }));
    expect(blocked.data?.code).toBe('TOO_MANY_REQUESTS');
    // For another account the cookie counts for nothing: the browser is unknown there.
    expect(
      (await owner.client.auth.signIn.mutate({ email: other, password: PASSWORD })).status,
    ).toBe('signed-in');
  });

  it('a forged or tampered device cookie is an unknown browser', async () => {
    const email = await customer();
    const owner = await ownerBrowser(email);
    const cookie = owner.cookie('bazaar_device') as string;
    await strangersGuess(email, 10);
    const forger = browserClient(app(), { ip: '203.0.113.251' });
    forger.setCookie('bazaar_device', `${cookie.slice(0, -2)}xx`);
    const refused = await errorOf(forger.client.auth.signIn.mutate({ email, password: PASSWORD }));
    expect(refused.data?.code).toBe('TOO_MANY_REQUESTS');
  });

  it('the device cookie is HttpOnly, SameSite=Strict and lasts a year', async () => {
    const email = await customer();
    const browser = browserClient(app());
    await browser.client.auth.signIn.mutate({ email, password: PASSWORD });
    const header = browser.setCookies.find((c) => c.startsWith('bazaar_device=')) as string;
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Strict/);
    const expires = new Date(/Expires=([^;]+)/.exec(header)?.[1] as string).getTime();
    expect(Math.abs(expires - Date.now() - 365 * 86_400_000)).toBeLessThan(60_000);
  });
});

describe('the limiter', () => {
  it('takes all points or none: a refusal under one limit gives the others back', async () => {
    const limits = createRateLimits({
      keyPrefix: `test:${process.pid}:allornone:${Date.now()}`,
      limits: {
        signUpsByIp: { points: 1, duration: 60, blockDuration: 60 },
        passwordResetsByIp: { points: 2, duration: 60, blockDuration: 60 },
      },
    });
    await limits.take(['signUpsByIp', 'k']);
    // signUpsByIp is spent, so passwordResetsByIp's point must come back.
    await expect(
      limits.take(['signUpsByIp', 'k'], ['passwordResetsByIp', 'k']),
    ).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    await limits.take(['passwordResetsByIp', 'k']);
    await limits.take(['passwordResetsByIp', 'k']);
    await expect(limits.take(['passwordResetsByIp', 'k'])).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
    });
  });

  it('succeeded() returns a windowed point and clears a consecutive count', async () => {
    const limits = createRateLimits({
      limits: {
        passwordResetsByIp: { points: 1, duration: 60, blockDuration: 60 },
        signInFailuresByDevice: { points: 1, duration: 60, blockDuration: 60 },
      },
    });
    for (const name of ['passwordResetsByIp', 'signInFailuresByDevice'] as const) {
      await limits.take([name, 'k']);
      await limits.succeeded([name, 'k']);
      await limits.take([name, 'k']);
      await expect(limits.take([name, 'k'])).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    }
  });

  it('counts in memory when REDIS_URL is unset', async () => {
    const limits = createRateLimits({ limits: { signUpsByIp: { points: 1, duration: 60 } } });
    await limits.take(['signUpsByIp', 'ip']);
    await expect(limits.take(['signUpsByIp', 'ip'])).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
    });
  });

  it('an unreachable Redis degrades to in-process limits instead of failing sign-in', async () => {
    const dead = new Redis('redis://127.0.0.1:1', {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      lazyConnect: true,
    });
    dead.on('error', () => {});
    const limits = createRateLimits({
      redis: dead,
      limits: { signInFailuresByEmailAndIp: { points: 2, duration: 60, blockDuration: 60 } },
    });
    await limits.take(['signInFailuresByEmailAndIp', 'k']);
    await limits.take(['signInFailuresByEmailAndIp', 'k']);
    await expect(limits.take(['signInFailuresByEmailAndIp', 'k'])).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
    });
    dead.disconnect();
  });
});
