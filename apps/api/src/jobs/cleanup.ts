import type { Database } from '@bazaar/db';
import { carts, emailTokens, idempotencyKeys, mailOutbox, sessions } from '@bazaar/db/schema';
import { and, isNotNull, isNull, lt, ne, or, sql } from 'drizzle-orm';
import { rowsOf } from '../db.ts';
import type { Logger } from '../logger.ts';
import { GUEST_CART_DAYS } from '../services/cart/cart-store.ts';

/** How long what is no longer needed is kept before it is deleted. */
export const retention = {
  /** Used or expired email tokens: a day, to answer "my link did not work". */
  emailTokensDays: 1,
  /** Delivered, failed or dropped mail. */
  finishedMailDays: 30,
  /** A guest cart untouched this long (its cookie has expired too); merged carts likewise. */
  guestCartDays: GUEST_CART_DAYS,
  /** Order idempotency keys: a retry within a day must still find its answer. */
  idempotencyKeyHours: 48,
};

export interface CleanupCounts {
  sessions: number;
  emailTokens: number;
  mail: number;
  carts: number;
  idempotencyKeys: number;
}

export interface Cleanup {
  /** Deletes what has expired (and logs what); null when another instance is doing it right now. */
  runOnce(): Promise<CleanupCounts | null>;
}

const LOCK = sql`hashtext('bazaar:cleanup')`;

/**
 * Deletes expired sessions, spent email tokens, old finished mail and idle guest carts (run by the
 * `cleanup` job every 15 minutes).
 */
export function createCleanup(db: Database, log: Logger): Cleanup {
  const deleteExpired = () =>
    db.transaction(async (tx): Promise<CleanupCounts | null> => {
      // One instance at a time; the others skip this round.
      const [lock] = await tx
        .execute<{ locked: boolean }>(sql`select pg_try_advisory_xact_lock(${LOCK}) as locked`)
        .then(rowsOf<{ locked: boolean }>);
      if (!lock?.locked) return null;
      const expiredSessions = await tx
        .delete(sessions)
        .where(
          or(
            lt(sessions.expiresAt, sql`now()`),
            and(isNotNull(sessions.absoluteExpiresAt), lt(sessions.absoluteExpiresAt, sql`now()`)),
          ),
        )
        .returning({ id: sessions.id });
      const tokenCutoff = sql`now() - make_interval(days => ${retention.emailTokensDays})`;
      const spentTokens = await tx
        .delete(emailTokens)
        .where(or(lt(emailTokens.usedAt, tokenCutoff), lt(emailTokens.expiresAt, tokenCutoff)))
        .returning({ id: emailTokens.id });
      const oldMail = await tx
        .delete(mailOutbox)
        .where(
          and(
            ne(mailOutbox.status, 'pending'),
            lt(
              mailOutbox.createdAt,
              sql`now() - make_interval(days => ${retention.finishedMailDays})`,
            ),
          ),
        )
        .returning({ id: mailOutbox.id });
      const idleCarts = await tx
        .delete(carts)
        .where(
          and(
            or(isNull(carts.userId), ne(carts.status, 'active')),
            lt(carts.updatedAt, sql`now() - make_interval(days => ${retention.guestCartDays})`),
          ),
        )
        .returning({ id: carts.id });
      const oldKeys = await tx
        .delete(idempotencyKeys)
        .where(
          lt(
            idempotencyKeys.createdAt,
            sql`now() - make_interval(hours => ${retention.idempotencyKeyHours})`,
          ),
        )
        .returning({ key: idempotencyKeys.key });
      return {
        sessions: expiredSessions.length,
        emailTokens: spentTokens.length,
        mail: oldMail.length,
        carts: idleCarts.length,
        idempotencyKeys: oldKeys.length,
      };
    });

  return {
    async runOnce() {
      const counts = await deleteExpired();
      if (counts && Object.values(counts).some((n) => n > 0)) {
        log.info(counts, 'cleanup deleted expired rows');
      }
      return counts;
    },
  };
}
