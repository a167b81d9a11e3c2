import { AppError, tooManyRequests } from '@bazaar/contracts/server';
import type { Redis } from 'ioredis';
import {
  type IRateLimiterOptions,
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface LimitSpec extends Pick<IRateLimiterOptions, 'points' | 'duration'> {
  /** Seconds a key stays refused once it has used up its points. */
  blockDuration: number;
  /**
   * Counts consecutive failures: a success starts the count again. Otherwise a success only
   * returns the point it took.
   */
  consecutive?: boolean;
}

/**
 * Each limit: `points` attempts per `duration` seconds; the attempt after the last point is
 * refused and the key blocked for `blockDuration` seconds.
 */
export const defaultLimits = {
  /** Failed sign-ins for one email from one IP, in a row. */
  signInFailuresByEmailAndIp: {
    points: 5,
    duration: 15 * MINUTE,
    blockDuration: 15 * MINUTE,
    consecutive: true,
  },
  /** Failed sign-ins from one IP, any account. */
  signInFailuresByIpPerDay: { points: 100, duration: DAY, blockDuration: DAY },
  /**
   * Failed sign-ins for one account from browsers it never signed in on: strangers guessing from
   * many addresses are slowed to this pace, while the owner's known browsers keep their own.
   */
  signInFailuresFromUnknownDevices: {
    points: 10,
    duration: 15 * MINUTE,
    blockDuration: 15 * MINUTE,
  },
  /** Failed sign-ins from one browser that signed in to the account before (its device cookie). */
  signInFailuresByDevice: {
    points: 5,
    duration: 15 * MINUTE,
    blockDuration: 15 * MINUTE,
    consecutive: true,
  },
  /** Wrong current password when a signed-in user changes their email or password. */
  passwordConfirmationFailuresByUser: {
    points: 5,
    duration: 15 * MINUTE,
    blockDuration: 15 * MINUTE,
    consecutive: true,
  },
  /** Wrong second-factor codes for one user (sign-in and enrolment). */
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
  /** Guest order lookups (number + email) that found nothing, per IP. */
  orderLookupFailuresByIp: { points: 20, duration: HOUR, blockDuration: HOUR },
} satisfies Record<string, LimitSpec>;

export type LimitName = keyof typeof defaultLimits;
/** One limit applied to one key, e.g. `['signUpsByIp', '203.0.113.9']`. */
export type LimitKey = readonly [name: LimitName, key: string];

export interface RateLimitOptions {
  /** Shared counters across API instances; without it, counters live in this process. */
  redis?: Redis | undefined;
  keyPrefix?: string;
  limits?: Partial<Record<LimitName, Partial<LimitSpec>>>;
}

/**
 * Limits are taken before the guarded work and given back when it succeeds: a check of a secret
 * never runs unless its point was taken, so parallel or batched guesses cannot all slip through.
 */
export interface RateLimits {
  /** Takes a point under every limit, or none: throws TOO_MANY_REQUESTS if one has none left. */
  take(...keys: LimitKey[]): Promise<void>;
  /** The guarded work succeeded: consecutive counts start again, other points are returned. */
  succeeded(...keys: LimitKey[]): Promise<void>;
  /** Forgets a key's count entirely. */
  reset(...keys: LimitKey[]): Promise<void>;
  /** The effective settings (defaults with overrides). */
  spec(name: LimitName): Readonly<LimitSpec>;
}

export function createRateLimits(options: RateLimitOptions = {}): RateLimits {
  const prefix = options.keyPrefix ?? 'bazaar:rl';
  const specs = new Map<LimitName, LimitSpec>();
  const limiters = new Map<LimitName, RateLimiterAbstract>();
  for (const name of Object.keys(defaultLimits) as LimitName[]) {
    const spec: LimitSpec = { ...defaultLimits[name], ...options.limits?.[name] };
    specs.set(name, spec);
    const settings = {
      points: spec.points,
      duration: spec.duration,
      blockDuration: spec.blockDuration,
      keyPrefix: `${prefix}:${name}`,
    };
    limiters.set(
      name,
      options.redis
        ? new RateLimiterRedis({
            ...settings,
            storeClient: options.redis,
            // A Redis outage degrades to per-process limits instead of failing sign-in.
            insuranceLimiter: new RateLimiterMemory(settings),
          })
        : new RateLimiterMemory(settings),
    );
  }
  const limiter = (name: LimitName) => limiters.get(name) as RateLimiterAbstract;
  const spec = (name: LimitName) => specs.get(name) as LimitSpec;

  async function takeOne(limitKey: LimitKey): Promise<LimitKey> {
    const [name, key] = limitKey;
    try {
      await limiter(name).consume(key);
      return limitKey;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) throw tooManyRequests(rejection.msBeforeNext / 1000);
      throw rejection;
    }
  }

  const returnPoint = async ([name, key]: LimitKey) => {
    await limiter(name).reward(key, 1);
  };

  return {
    async take(...keys) {
      const results = await Promise.allSettled(keys.map(takeOne));
      const refused = results.filter((r) => r.status === 'rejected').map((r) => r.reason);
      if (refused.length === 0) return;
      // All or none: the points taken under the other limits go back.
      await Promise.all(
        results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])).map(returnPoint),
      );
      const waits = refused.filter((e): e is AppError => e instanceof AppError);
      if (waits.length < refused.length) throw refused.find((e) => !(e instanceof AppError));
      throw waits.reduce((a, b) =>
        (a.retryAfterSeconds ?? 0) >= (b.retryAfterSeconds ?? 0) ? a : b,
      );
    },
    async succeeded(...keys) {
      await Promise.all(
        keys.map((k) => (spec(k[0]).consecutive ? limiter(k[0]).delete(k[1]) : returnPoint(k))),
      );
    },
    async reset(...keys) {
      await Promise.all(keys.map(([name, key]) => limiter(name).delete(key)));
    },
    spec,
  };
}
