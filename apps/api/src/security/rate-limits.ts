import { tooManyRequests } from '@bazaar/contracts';
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

/** Each limit: `points` per `duration` seconds; once spent, blocked for `blockDuration` seconds. */
export const defaultLimits = {
  /** Consecutive failed sign-ins for one email from one IP (reset by a success). */
  signInFailuresByEmailAndIp: { points: 5, duration: HOUR, blockDuration: 15 * MINUTE },
  /** Failed sign-ins from one IP, any account. */
  signInFailuresByIpPerDay: { points: 100, duration: DAY, blockDuration: DAY },
  /** Failed sign-ins for one account, any IP (slows distributed guessing). */
  signInFailuresByAccountPerHour: { points: 20, duration: HOUR, blockDuration: HOUR },
  /** Wrong second-factor codes for one user. */
  secondFactorFailuresByUser: { points: 5, duration: 15 * MINUTE, blockDuration: 15 * MINUTE },
  signUpsByIp: { points: 20, duration: HOUR, blockDuration: HOUR },
  passwordResetsByIp: { points: 10, duration: HOUR, blockDuration: HOUR },
  passwordResetsByEmail: { points: 3, duration: HOUR, blockDuration: HOUR },
  verificationEmailsByUser: { points: 5, duration: HOUR, blockDuration: HOUR },
} satisfies Record<string, LimitSpec>;

export type LimitName = keyof typeof defaultLimits;
export type LimitSpec = Pick<IRateLimiterOptions, 'points' | 'duration' | 'blockDuration'>;

export interface RateLimitOptions {
  /** Shared counters across API instances; without it, counters live in this process. */
  redis?: Redis | undefined;
  keyPrefix?: string;
  limits?: Partial<Record<LimitName, LimitSpec>>;
}

export interface RateLimits {
  /** Throws TOO_MANY_REQUESTS if `key` has no points left under `name`, without spending one. */
  assertAllowed(name: LimitName, key: string): Promise<void>;
  /** Spends a point; throws TOO_MANY_REQUESTS once the limit is exceeded. */
  consume(name: LimitName, key: string): Promise<void>;
  /** Spends a point without throwing (recording a failure whose answer is already decided). */
  penalize(name: LimitName, key: string): Promise<void>;
  reset(name: LimitName, key: string): Promise<void>;
}

export function createRateLimits(options: RateLimitOptions = {}): RateLimits {
  const prefix = options.keyPrefix ?? 'bazaar:rl';
  const limiters = new Map<LimitName, RateLimiterAbstract>();
  for (const name of Object.keys(defaultLimits) as LimitName[]) {
    const spec = {
      ...defaultLimits[name],
      ...options.limits?.[name],
      keyPrefix: `${prefix}:${name}`,
    };
    limiters.set(
      name,
      options.redis
        ? new RateLimiterRedis({
            ...spec,
            storeClient: options.redis,
            // A Redis outage degrades to per-process limits instead of failing sign-in.
            insuranceLimiter: new RateLimiterMemory(spec),
          })
        : new RateLimiterMemory(spec),
    );
  }
  const limiter = (name: LimitName) => limiters.get(name) as RateLimiterAbstract;

  const consume = async (name: LimitName, key: string) => {
    try {
      await limiter(name).consume(key);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) throw tooManyRequests(rejection.msBeforeNext / 1000);
      throw rejection;
    }
  };

  return {
    async assertAllowed(name, key) {
      const l = limiter(name);
      const res = await l.get(key);
      if (res && res.consumedPoints >= l.points) throw tooManyRequests(res.msBeforeNext / 1000);
    },
    consume,
    async penalize(name, key) {
      await consume(name, key).catch((error: unknown) => {
        if (!(error instanceof Error && 'code' in error && error.code === 'TOO_MANY_REQUESTS'))
          throw error;
      });
    },
    async reset(name, key) {
      await limiter(name).delete(key);
    },
  };
}
