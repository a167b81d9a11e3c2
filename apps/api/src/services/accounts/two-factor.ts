import { recoveryCodes, users } from '@bazaar/db/schema';
import { decodeBase32IgnorePadding, encodeBase32NoPadding } from '@oslojs/encoding';
import { createTOTPKeyURI, verifyTOTPWithGracePeriod } from '@oslojs/otp';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db.ts';
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

export const totpMatches = (key: string, code: string) =>
  verifyTOTPWithGracePeriod(
    decodeBase32IgnorePadding(key),
    PERIOD_SECONDS,
    DIGITS,
    code,
    GRACE_SECONDS,
  );

/**
 * Accepts a TOTP code once: the same code is refused again while it could still be valid, so a
 * code seen over someone's shoulder cannot be replayed.
 */
export async function acceptTotpCode(db: DbOrTx, userId: string, key: string, code: string) {
  if (!totpMatches(key, code)) return false;
  const windowSeconds = PERIOD_SECONDS + 2 * GRACE_SECONDS;
  const updated = await db
    .update(users)
    .set({ totpLastCode: code, totpLastCodeAt: sql`now()` })
    .where(
      and(
        eq(users.id, userId),
        sql`not (${users.totpLastCode} is not distinct from ${code} and ${users.totpLastCodeAt} > now() - make_interval(secs => ${windowSeconds}))`,
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
