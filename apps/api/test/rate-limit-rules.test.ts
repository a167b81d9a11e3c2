import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createRateLimits,
  defaultLimits,
  type LimitName,
  type RateLimitOptions,
} from '../src/security/rate-limits.ts';

/**
 * The limiter's rules, one key at a time: how points are taken, given back and refused, what the
 * refusal says, and the defaults the shop runs with. (rate-limits.test.ts covers the limits as
 * sign-in, sign-up and reset use them, over HTTP and under concurrency.)
 */
const MINUTE = 60;
const HOUR = 60 * MINUTE;
const redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', {
  maxRetriesPerRequest: 1,
});
afterAll(() => redis.disconnect());

let n = 0;
const prefix = () => `test:${process.pid}:rules:${++n}:${Date.now()}`;

describe('the defaults', () => {
  it('are the documented limits', () => {
    expect(defaultLimits).toEqual({
      signInFailuresByEmailAndIp: {
        points: 5,
        duration: 15 * MINUTE,
        blockDuration: 15 * MINUTE,
        consecutive: true,
      },
      signInFailuresByIpPerDay: { points: 100, duration: 24 * HOUR, blockDuration: 24 * HOUR },
      signInFailuresFromUnknownDevices: {
        points: 10,
        duration: 15 * MINUTE,
        blockDuration: 15 * MINUTE,
      },
      signInFailuresByDevice: {
        points: 5,
        duration: 15 * MINUTE,
        blockDuration: 15 * MINUTE,
        consecutive: true,
      },
      passwordConfirmationFailuresByUser: {
        points: 5,
        duration: 15 * MINUTE,
        blockDuration: 15 * MINUTE,
        consecutive: true,
      },
      secondFactorFailuresByUser: {
        points: 5,
        duration: 15 * MINUTE,
        blockDuration: 15 * MINUTE,
        consecutive: true,
      },
      signUpsByIp: { points: 20, duration: HOUR, blockDuration: HOUR },
      passwordResetsByIp: { points: 10, duration: HOUR, blockDuration: HOUR },
      passwordResetsByEmail: { points: 3, duration: HOUR, blockDuration: HOUR },
      verificationEmailsByUser: { points: 5, duration: HOUR, blockDuration: HOUR },
      orderLookupFailuresByIp: { points: 20, duration: HOUR, blockDuration: HOUR },
    });
  });

  it('apply unless overridden, per field', () => {
    const limits = createRateLimits({ limits: { signUpsByIp: { points: 2 } } });
    expect(limits.spec('signUpsByIp')).toEqual({ ...defaultLimits.signUpsByIp, points: 2 });
    for (const name of Object.keys(defaultLimits) as LimitName[])
      if (name !== 'signUpsByIp') expect(limits.spec(name), name).toEqual(defaultLimits[name]);
  });
});

describe.each([
  ['in memory', () => undefined],
  ['in Redis', () => redis],
])('counted %s', (_, store) => {
  const limiter = (limits: RateLimitOptions['limits']) =>
    createRateLimits({ redis: store(), keyPrefix: prefix(), limits });

  it('refuses the attempt after the last point, saying how long the block lasts', async () => {
    const limits = limiter({ signUpsByIp: { points: 2, duration: 60, blockDuration: 600 } });
    await limits.take(['signUpsByIp', 'ip']);
    await limits.take(['signUpsByIp', 'ip']);
    const refused = await limits.take(['signUpsByIp', 'ip']).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    const wait = (refused as { retryAfterSeconds: number }).retryAfterSeconds;
    expect(wait).toBeGreaterThan(590);
    expect(wait).toBeLessThanOrEqual(600);
    // Other keys are untouched.
    await limits.take(['signUpsByIp', 'another ip']);
  });

  it('refused under several limits, the caller waits for the longest', async () => {
    const limits = limiter({
      signUpsByIp: { points: 1, duration: 60, blockDuration: 60 },
      passwordResetsByIp: { points: 1, duration: 60, blockDuration: 3600 },
      passwordResetsByEmail: { points: 1, duration: 60, blockDuration: 300 },
    });
    const keys = [
      ['signUpsByIp', 'k'],
      ['passwordResetsByIp', 'k'],
      ['passwordResetsByEmail', 'k'],
    ] as const;
    await limits.take(...keys);
    for (const order of [keys, [...keys].reverse()]) {
      const refused = await limits.take(...order).catch((e: unknown) => e);
      expect((refused as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(3590);
    }
  });

  it('reset forgets a key', async () => {
    const limits = limiter({ signUpsByIp: { points: 1, duration: 60, blockDuration: 60 } });
    await limits.take(['signUpsByIp', 'ip']);
    await expect(limits.take(['signUpsByIp', 'ip'])).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
    });
    await limits.reset(['signUpsByIp', 'ip']);
    await limits.take(['signUpsByIp', 'ip']);
  });

  it('a success returns one point of a windowed limit, not the whole count', async () => {
    const limits = limiter({ passwordResetsByIp: { points: 3, duration: 60, blockDuration: 60 } });
    for (let i = 0; i < 3; i++) await limits.take(['passwordResetsByIp', 'k']);
    await limits.succeeded(['passwordResetsByIp', 'k']);
    await limits.take(['passwordResetsByIp', 'k']);
    await expect(limits.take(['passwordResetsByIp', 'k'])).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
    });
  });

  it('a success clears a consecutive count entirely', async () => {
    const limits = limiter({
      signInFailuresByEmailAndIp: { points: 3, duration: 60, blockDuration: 60 },
    });
    for (let i = 0; i < 3; i++) await limits.take(['signInFailuresByEmailAndIp', 'k']);
    await limits.succeeded(['signInFailuresByEmailAndIp', 'k']);
    for (let i = 0; i < 3; i++) await limits.take(['signInFailuresByEmailAndIp', 'k']);
  });

  it('takes nothing when no limit is named', async () => {
    await limiter({}).take();
    await limiter({}).succeeded();
  });
});

describe('keys', () => {
  it('live under the prefix given, one namespace per limit', async () => {
    const keyPrefix = prefix();
    const limits = createRateLimits({ redis, keyPrefix });
    await limits.take(['signUpsByIp', '203.0.113.1'], ['passwordResetsByIp', '203.0.113.1']);
    const keys = (await redis.keys(`${keyPrefix}:*`)).sort();
    expect(keys).toEqual([
      `${keyPrefix}:passwordResetsByIp:203.0.113.1`,
      `${keyPrefix}:signUpsByIp:203.0.113.1`,
    ]);
    await limits.reset(['signUpsByIp', '203.0.113.1'], ['passwordResetsByIp', '203.0.113.1']);
    expect(await redis.keys(`${keyPrefix}:*`)).toEqual([]);
  });

  it('default to the bazaar:rl prefix', async () => {
    const ip = `198.51.100.${Math.floor(Math.random() * 250)}-${prefix()}`;
    const limits = createRateLimits({ redis });
    await limits.take(['verificationEmailsByUser', ip]);
    expect(await redis.exists(`bazaar:rl:verificationEmailsByUser:${ip}`)).toBe(1);
    await limits.reset(['verificationEmailsByUser', ip]);
  });
});
