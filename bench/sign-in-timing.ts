/**
 * Sign-in timing: an unknown email must cost about as much as a known email with a wrong password
 * (the service verifies a dummy hash), so response times do not tell which emails have accounts.
 * Both cases go through the real auth service against a scratch PostgreSQL database, alternating
 * in one run so that noise from a shared machine falls on both alike. Rate limits are lifted:
 * they would stop the run, and they do the same work on both paths.
 */
import { AppError } from '@bazaar/contracts/server';
import {
  createRateLimits,
  defaultLimits,
  type LimitName,
  type LimitSpec,
} from '../apps/api/src/security/rate-limits.ts';
import { createServices, defaultServicesConfig } from '../apps/api/src/services/index.ts';
import { createTestDatabase } from '../packages/db/src/testing.ts';
import { benchOptions } from './args.ts';

const { duration: DURATION_S } = benchOptions('sign-in-timing', { duration: 10 });
const WARM_UP_ROUNDS = 5;
const KNOWN_EMAIL = 'known@timing.bench';
const PASSWORD = 'Velvet-Anchor-Orbit-42';
const WRONG_PASSWORD = 'Wrong-Password-Here-1';
const client = { ip: '192.0.2.1', userAgent: 'bench' };

const unlimited = Object.fromEntries(
  Object.keys(defaultLimits).map((name) => [name, { points: 1e9, duration: 3600 }]),
) as Record<LimitName, LimitSpec>;

/** Milliseconds one failed sign-in takes; throws unless it failed as a wrong password does. */
async function timeFailedSignIn(
  services: ReturnType<typeof createServices>,
  email: string,
): Promise<number> {
  const started = performance.now();
  const outcome = await services.auth.signIn({ email, password: WRONG_PASSWORD }, client).then(
    () => new Error(`sign-in as ${email} succeeded`),
    (error: unknown) => error,
  );
  const ms = performance.now() - started;
  if (!(outcome instanceof AppError && outcome.code === 'UNAUTHORIZED')) throw outcome;
  return ms;
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;

function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: quantile(sorted, 0.5), p90: quantile(sorted, 0.9) };
}

const testDb = await createTestDatabase();
try {
  const services = createServices(testDb.handle.db, {
    ...defaultServicesConfig(),
    rateLimits: createRateLimits({ limits: unlimited }),
  });
  await services.auth.signUp(
    { name: 'Timing Bench', email: KNOWN_EMAIL, password: PASSWORD },
    client,
  );

  const known: number[] = [];
  const unknown: number[] = [];
  const unknownEmail = (round: number) => `nobody-${round}@timing.bench`;
  let round = 0;
  for (; round < WARM_UP_ROUNDS; round++) {
    await timeFailedSignIn(services, KNOWN_EMAIL);
    await timeFailedSignIn(services, unknownEmail(round));
  }
  const deadline = performance.now() + DURATION_S * 1000;
  for (; performance.now() < deadline; round++) {
    // Swap the order every round, so neither case always runs right after the other.
    const pair = [
      async () => known.push(await timeFailedSignIn(services, KNOWN_EMAIL)),
      async () => unknown.push(await timeFailedSignIn(services, unknownEmail(round))),
    ];
    if (round % 2) pair.reverse();
    for (const measure of pair) await measure();
  }

  const k = summary(known);
  const u = summary(unknown);
  const ratio = u.median / k.median;
  const ms = (n: number) => `${n.toFixed(1).padStart(6)} ms`;
  console.log(
    `failed sign-in through the auth service (PostgreSQL), ${known.length} samples per case in ${DURATION_S}s`,
  );
  console.log(`known email, wrong password   median ${ms(k.median)}   p90 ${ms(k.p90)}`);
  console.log(`unknown email                 median ${ms(u.median)}   p90 ${ms(u.p90)}`);
  console.log(
    `ratio unknown / known (median): ${ratio.toFixed(2)}x — ` +
      (Math.abs(ratio - 1) <= 0.1 ? 'within 10%' : 'NOT within 10%'),
  );
} finally {
  await testDb.drop();
}
