import { recoveryCodes, users } from '@bazaar/db/schema';
import { decodeBase32IgnorePadding, encodeBase32NoPadding } from '@oslojs/encoding';
import { createTOTPKeyURI, verifyHOTP } from '@oslojs/otp';
import { and, eq, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db.ts';
import type { Keyring } from '../../security/keyring.ts';
import { randomSecret, sha256Hex } from '../../security/secrets.ts';

const PERIOD_SECONDS = 30;
const DIGITS = 6;
/** One period either side: tolerates clock drift between server and phone. */
const GRACE_SECONDS = 30;
const RECOVERY_CODE_COUNT = 10;

export function newTotpKey(): string {
  const key = new Uint8Array(20);
  crypto.getRandomValues(key);
  return encodeBase32NoPadding(key);
}

export const totpUri = (key: string, accountName: string) =>
  createTOTPKeyURI('Bazaar', accountName, decodeBase32IgnorePadding(key), PERIOD_SECONDS, DIGITS);

/** The time step (30-second counter) a code belongs to, among those accepted at `now`; null if none. */
export function totpStep(key: string, code: string, now: Date): bigint | null {
  const keyBytes = decodeBase32IgnorePadding(key);
  const at = now.getTime();
  const period = PERIOD_SECONDS * 1000;
  const last = BigInt(Math.floor((at + GRACE_SECONDS * 1000) / period));
  for (let step = BigInt(Math.floor((at - GRACE_SECONDS * 1000) / period)); step <= last; step++)
    if (verifyHOTP(keyBytes, step, DIGITS, code)) return step;
  return null;
}

/** TOTP keys are stored sealed (AES-256-GCM, bound to the user's id) with the server's keyring. */
export const sealTotpKey = (keyring: Keyring, userId: string, key: string) =>
  keyring.seal('totp-secret', key, userId);

/** Keys stored before encryption at rest were plain base32; they still open (and get resealed). */
const LEGACY_PLAIN_KEY = /^[A-Z2-7]+$/;

export function openTotpKey(keyring: Keyring, userId: string, stored: string): string | null {
  if (LEGACY_PLAIN_KEY.test(stored)) return stored;
  return keyring.open('totp-secret', stored, userId);
}

/**
 * Reseals every stored TOTP key that is plain or sealed with an older key, so an old key can be
 * removed from SECRET_KEYS once every instance has started with the new one. Returns how many.
 * A key that no listed secret opens is left alone (and logged by the caller as unreadable).
 */
export async function resealTotpKeys(
  db: DbOrTx,
  keyring: Keyring,
): Promise<{ resealed: number; unreadable: number }> {
  const rows = await db
    .select({ id: users.id, totpKey: users.totpKey, totpPendingKey: users.totpPendingKey })
    .from(users)
    .where(or(isNotNull(users.totpKey), isNotNull(users.totpPendingKey)));
  let resealed = 0;
  let unreadable = 0;
  for (const row of rows) {
    const patch: { totpKey?: string; totpPendingKey?: string } = {};
    for (const column of ['totpKey', 'totpPendingKey'] as const) {
      const stored = row[column];
      if (!stored || keyring.sealedWith(stored) === keyring.currentId) continue;
      const key = openTotpKey(keyring, row.id, stored);
      if (key === null) unreadable++;
      else patch[column] = sealTotpKey(keyring, row.id, key);
    }
    if (Object.keys(patch).length === 0) continue;
    // Only if nobody changed the row meanwhile (another instance resealing, a new enrolment).
    const updated = await db
      .update(users)
      .set(patch)
      .where(
        and(
          eq(users.id, row.id),
          row.totpKey ? eq(users.totpKey, row.totpKey) : isNull(users.totpKey),
          row.totpPendingKey
            ? eq(users.totpPendingKey, row.totpPendingKey)
            : isNull(users.totpPendingKey),
        ),
      )
      .returning({ id: users.id });
    resealed += updated.length;
  }
  return { resealed, unreadable };
}

/**
 * Accepts a TOTP code once: `totpLastStepAt` records the start of the accepted code's time step,
 * and only a code of a later step is accepted afterwards (RFC 6238 §5.2). Remembering the last
 * code alone would let an earlier code still inside the grace window be replayed after another.
 */
export async function acceptTotpCode(
  db: DbOrTx,
  userId: string,
  key: string,
  code: string,
  now: Date,
) {
  const step = totpStep(key, code, now);
  if (step === null) return false;
  const stepStart = new Date(Number(step) * PERIOD_SECONDS * 1000);
  const updated = await db
    .update(users)
    .set({ totpLastStepAt: stepStart })
    .where(
      and(
        eq(users.id, userId),
        or(isNull(users.totpLastStepAt), lt(users.totpLastStepAt, stepStart)),
      ),
    )
    .returning({ id: users.id });
  return updated.length === 1;
}

const formatRecoveryCode = (raw: string) => `${raw.slice(0, 5)}-${raw.slice(5, 10)}`;

/** Replaces the user's recovery codes; returns them in clear text, the only time they are seen. */
export async function replaceRecoveryCodes(db: DbOrTx, userId: string): Promise<string[]> {
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => randomSecret(10).slice(0, 10));
  await db.insert(recoveryCodes).values(codes.map((c) => ({ userId, codeHash: sha256Hex(c) })));
  return codes.map(formatRecoveryCode);
}

/** Uses up a recovery code (given normalised: 10 base32 characters, no hyphen). */
export async function useRecoveryCode(db: DbOrTx, userId: string, code: string) {
  const used = await db
    .update(recoveryCodes)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(recoveryCodes.userId, userId),
        eq(recoveryCodes.codeHash, sha256Hex(code)),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ id: recoveryCodes.id });
  return used.length === 1;
}
