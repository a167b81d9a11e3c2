import { emailTokens } from '@bazaar/db/schema';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db.ts';
import { randomSecret, sha256Hex } from '../../security/secrets.ts';

export type EmailTokenPurpose = (typeof emailTokens.$inferSelect)['purpose'];

const MINUTE = 60_000;
export const emailTokenLifetimes: Record<EmailTokenPurpose, number> = {
  'reset-password': 30 * MINUTE,
  'verify-email': 24 * 60 * MINUTE,
  'staff-invite': 72 * 60 * MINUTE,
};

/** Issues a single-use token (only its hash is stored) and voids older ones of the same purpose. */
export async function issueEmailToken(
  db: DbOrTx,
  userId: string,
  purpose: EmailTokenPurpose,
  email: string,
): Promise<string> {
  await db
    .update(emailTokens)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(emailTokens.userId, userId),
        eq(emailTokens.purpose, purpose),
        isNull(emailTokens.usedAt),
      ),
    );
  const token = randomSecret();
  await db.insert(emailTokens).values({
    userId,
    purpose,
    email,
    tokenHash: sha256Hex(token),
    expiresAt: new Date(Date.now() + emailTokenLifetimes[purpose]),
  });
  return token;
}

/** Marks the token used and returns whom it was for; null when unknown, used or expired. */
export async function consumeEmailToken(
  db: DbOrTx,
  token: string,
  purpose: EmailTokenPurpose,
): Promise<{ userId: string; email: string } | null> {
  const [row] = await db
    .update(emailTokens)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(emailTokens.tokenHash, sha256Hex(token)),
        eq(emailTokens.purpose, purpose),
        isNull(emailTokens.usedAt),
        gt(emailTokens.expiresAt, sql`now()`),
      ),
    )
    .returning({ userId: emailTokens.userId, email: emailTokens.email });
  return row ?? null;
}
