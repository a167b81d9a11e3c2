import type { Database } from '@bazaar/db';
import { emailTokens, mailOutbox, sessions } from '@bazaar/db/schema';
import { and, isNotNull, lt, ne, or, sql } from 'drizzle-orm';
import { rowsOf } from '../db.ts';
import type { Logger } from '../logger.ts';

/** How long what is no longer needed is kept before it is deleted. */
export const retention = {
  /** Used or expired email tokens: a day, to answer "my link did not work". */
  emailTokensDays: 1,
  /** Delivered, failed or dropped mail. */
  finishedMailDays: 30,
};

export interface CleanupCounts {
  sessions: number;
  emailTokens: number;
  mail: number;
}

export interface Cleanup {
  /** Deletes what has expired; null when another instance is doing it right now. */
  runOnce(): Promise<CleanupCounts | null>;
  start(intervalMs?: number): void;
  stop(): Promise<void>;
}

const LOCK = sql`hashtext('bazaar:cleanup')`;

/** Periodically deletes expired sessions, spent email tokens and old finished mail. */
export function createCleanup(db: Database, log: Logger): Cleanup {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;

  const runOnce = () =>
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
      return {
        sessions: expiredSessions.length,
        emailTokens: spentTokens.length,
        mail: oldMail.length,
      };
    });

  const tick = () => {
    if (running) return;
    running = runOnce()
      .then((counts) => {
        if (counts && counts.sessions + counts.emailTokens + counts.mail > 0)
          log.info(counts, 'cleanup deleted expired rows');
      })
      .catch((error: unknown) => log.error({ err: error }, 'cleanup failed'))
      .finally(() => {
        running = undefined;
      });
  };

  return {
    runOnce,
    start(intervalMs = 15 * 60_000) {
      timer = setInterval(tick, intervalMs);
      timer.unref();
      tick();
    },
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
