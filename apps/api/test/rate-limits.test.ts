import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRateLimits, type RateLimitOptions } from '../src/security/rate-limits.ts';
import {
  browserClient,
  errorOf,
  PASSWORD,
  type RunningServer,
  redisRateLimits,
  servicesFor,
  startServer,
  uniqueEmail,
  useDemoDatabase,
  useRedis,
} from './helpers.ts';

const testDb = useDemoDatabase();
const redis = useRedis();
const newEmail = () => uniqueEmail('limits');
const WRONG = 'Wrong-Password-Here-1';

/** A server whose limits count in the real Redis, under keys of its own. */
async function serverWithLimits(limits: RateLimitOptions['limits'] = {}) {
  return startServer(servicesFor(testDb(), { rateLimits: redisRateLimits(redis(), { limits }) }));
}

let server: RunningServer;
beforeAll(async () => {
  server = await serverWithLimits();
});
afterAll(() => server?.close());

async function customer(target: RunningServer = server) {
  const email = newEmail();
  await browserClient(target).client.auth.signUp.mutate({ name: 'Lim', email, password: PASSWORD });
  return email;
}

describe('sign-in brute force (Redis)', () => {
  it('locks an email+IP after 5 consecutive failures, even for the right password, with a retry-after', async () => {
    const email = await customer();
    const attacker = browserClient(server, { ip: '198.51.100.7' });
    for (let i = 0; i < 5; i++) {
      const e = await errorOf(attacker.client.auth.signIn.mutate({ email, password: WRONG }));
      expect(e.data?.code).toBe('UNAUTHORIZED');
    }
    const locked = await errorOf(attacker.client.auth.signIn.mutate({ email, password: PASSWORD }));
    expect(locked.data?.code).toBe('TOO_MANY_REQUESTS');
    expect(locked.data?.httpStatus).toBe(429);
    expect(locked.data?.retryAfterSeconds).toBeGreaterThan(60);

    // The owner from another IP is not locked out by the attacker's failures.
    const owner = browserClient(server, { ip: '203.0.113.50' });
    expect((await owner.client.auth.signIn.mutate({ email, password: PASSWORD })).status).toBe(
      'signed-in',
    );
  });

  it('the Retry-After header is set on the HTTP response', async () => {
    const email = await customer();
    const body = JSON.stringify({ json: { email, password: WRONG } });
    const post = () =>
      fetch(`${server.url}/trpc/auth.signIn`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.8' },
        body,
      });
    for (let i = 0; i < 5; i++) expect((await post()).status).toBe(401);
    const res = await post();
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(60);
  });

  it('a success resets the consecutive-failure count', async () => {
    const email = await customer();
    const user = browserClient(server, { ip: '198.51.100.9' });
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 4; i++)
        await errorOf(user.client.auth.signIn.mutate({ email, password: WRONG }));
      expect((await user.client.auth.signIn.mutate({ email, password: PASSWORD })).status).toBe(
        'signed-in',
      );
    }
  });

  it('limits failures per IP per day across many accounts', async () => {
    const limited = await serverWithLimits({
      signInFailuresByIpPerDay: { points: 3, duration: 86_400, blockDuration: 86_400 },
    });
    try {
      const sprayer = browserClient(limited, { ip: '198.51.100.10' });
      for (let i = 0; i < 3; i++)
        await errorOf(sprayer.client.auth.signIn.mutate({ email: newEmail(), password: WRONG }));
      const e = await errorOf(
        sprayer.client.auth.signIn.mutate({ email: newEmail(), password: WRONG }),
      );
      expect(e.data?.code).toBe('TOO_MANY_REQUESTS');
      expect(e.data?.retryAfterSeconds).toBeGreaterThan(3600);
    } finally {
      await limited.close();
    }
  });

  it('limits failures per account per hour across many IPs', async () => {
    const limited = await serverWithLimits({
      signInFailuresByAccountPerHour: { points: 3, duration: 3600, blockDuration: 3600 },
    });
    try {
      const email = await customer(limited);
      for (let i = 0; i < 3; i++)
        await errorOf(
          browserClient(limited, { ip: `198.51.100.${20 + i}` }).client.auth.signIn.mutate({
            email,
            password: WRONG,
          }),
        );
      const e = await errorOf(
        browserClient(limited, { ip: '198.51.100.99' }).client.auth.signIn.mutate({
          email,
          password: PASSWORD,
        }),
      );
      expect(e.data?.code).toBe('TOO_MANY_REQUESTS');
    } finally {
      await limited.close();
    }
  });

  it('an unknown account is limited exactly like a known one (no enumeration by lockout)', async () => {
    const ghost = newEmail();
    const attacker = browserClient(server, { ip: '198.51.100.30' });
    for (let i = 0; i < 5; i++)
      await errorOf(attacker.client.auth.signIn.mutate({ email: ghost, password: WRONG }));
    const e = await errorOf(attacker.client.auth.signIn.mutate({ email: ghost, password: WRONG }));
    expect(e.data?.code).toBe('TOO_MANY_REQUESTS');
  });
});

describe('other limits', () => {
  it('limits sign-ups per IP', async () => {
    const limited = await serverWithLimits({
      signUpsByIp: { points: 2, duration: 3600, blockDuration: 3600 },
    });
    try {
      const from = browserClient(limited, { ip: '198.51.100.40' });
      for (let i = 0; i < 2; i++)
        await from.client.auth.signUp.mutate({ name: 'S', email: newEmail(), password: PASSWORD });
      const e = await errorOf(
        from.client.auth.signUp.mutate({ name: 'S', email: newEmail(), password: PASSWORD }),
      );
      expect(e.data?.code).toBe('TOO_MANY_REQUESTS');
    } finally {
      await limited.close();
    }
  });

  it('limits password-reset requests per email, answering 429 the same for unknown emails', async () => {
    const known = await customer();
    const unknown = newEmail();
    for (const email of [known, unknown]) {
      const anon = browserClient(server, { ip: '198.51.100.41' });
      for (let i = 0; i < 3; i++) await anon.client.auth.requestPasswordReset.mutate({ email });
      const e = await errorOf(anon.client.auth.requestPasswordReset.mutate({ email }));
      expect(e.data?.code).toBe('TOO_MANY_REQUESTS');
    }
  });

  it('limits wrong current-password guesses on a signed-in account', async () => {
    const limited = await serverWithLimits({
      signInFailuresByAccountPerHour: { points: 2, duration: 3600, blockDuration: 3600 },
    });
    try {
      const email = newEmail();
      const browser = browserClient(limited);
      await browser.client.auth.signUp.mutate({ name: 'S', email, password: PASSWORD });
      const attempt = () =>
        browser.client.account.changePassword.mutate({
          currentPassword: WRONG,
          newPassword: 'Marble-Lantern-Quiver-77',
        });
      expect((await errorOf(attempt())).data?.code).toBe('BAD_REQUEST');
      expect((await errorOf(attempt())).data?.code).toBe('BAD_REQUEST');
      expect((await errorOf(attempt())).data?.code).toBe('TOO_MANY_REQUESTS');
    } finally {
      await limited.close();
    }
  });
});

describe('without Redis', () => {
  it('counts in memory when REDIS_URL is unset', async () => {
    const limits = createRateLimits({ limits: { signUpsByIp: { points: 1, duration: 60 } } });
    await limits.consume('signUpsByIp', 'ip');
    await expect(limits.consume('signUpsByIp', 'ip')).rejects.toMatchObject({
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
    await limits.penalize('signInFailuresByEmailAndIp', 'k');
    await limits.penalize('signInFailuresByEmailAndIp', 'k');
    await expect(limits.consume('signInFailuresByEmailAndIp', 'k')).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
    });
    dead.disconnect();
  });
});
