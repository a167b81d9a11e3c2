import {
  carts,
  emailTokens,
  idempotencyKeys,
  mailOutbox,
  sessions,
  users,
} from '@bazaar/db/schema';
import { eq, inArray, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createCleanup, retention } from '../src/jobs/cleanup.ts';
import { capturingLogger, uniqueEmail, useTestApp } from './helpers.ts';

const app = useTestApp();
const DAY = 86_400_000;
const ago = (ms: number) => new Date(Date.now() - ms);
const fromNow = (ms: number) => new Date(Date.now() + ms);

async function someone() {
  const [user] = await app()
    .db.insert(users)
    .values({ kind: 'customer', email: uniqueEmail('cleanup'), name: 'Clea Nup' })
    .returning({ id: users.id });
  return (user as { id: string }).id;
}

const session = (
  userId: string,
  id: string,
  expiresAt: Date,
  absoluteExpiresAt: Date | null = null,
) => ({
  id,
  userId,
  secretHash: 'x',
  expiresAt,
  absoluteExpiresAt,
});

const token = (userId: string, hash: string, expiresAt: Date, usedAt: Date | null = null) => ({
  userId,
  purpose: 'verify-email' as const,
  email: 'x@example.com',
  tokenHash: hash,
  expiresAt,
  usedAt,
});

describe('cleanup', () => {
  it('deletes expired sessions, spent tokens and old finished mail, and keeps the rest', async () => {
    const db = app().db;
    const userId = await someone();
    const tag = Math.random().toString(36).slice(2, 8);
    await db
      .insert(sessions)
      .values([
        session(userId, `${tag}-idle-expired`, ago(1000)),
        session(userId, `${tag}-absolute-expired`, fromNow(DAY), ago(1000)),
        session(userId, `${tag}-live`, fromNow(DAY), fromNow(DAY)),
      ]);
    const keepDays = retention.emailTokensDays * DAY;
    await db
      .insert(emailTokens)
      .values([
        token(userId, `${tag}-used-long-ago`, fromNow(DAY), ago(keepDays + 1000)),
        token(userId, `${tag}-expired-long-ago`, ago(keepDays + 1000)),
        token(userId, `${tag}-used-just-now`, fromNow(DAY), ago(1000)),
        token(userId, `${tag}-fresh`, fromNow(DAY)),
      ]);
    const old = ago(retention.finishedMailDays * DAY + 1000);
    const mail = (
      subject: string,
      status: 'pending' | 'sent' | 'failed' | 'dropped',
      createdAt: Date,
    ) => ({
      to: `${tag}@example.com`,
      subject: `${tag} ${subject}`,
      text: '',
      status,
      createdAt,
    });
    await db
      .insert(mailOutbox)
      .values([
        mail('old sent', 'sent', old),
        mail('old failed', 'failed', old),
        mail('old dropped', 'dropped', old),
        mail('old pending', 'pending', old),
        mail('recent sent', 'sent', ago(1000)),
      ]);

    const idle = ago(retention.guestCartDays * DAY + 1000);
    const cartRows = await db
      .insert(carts)
      .values([
        { tokenHash: `${tag}-idle-guest`, currency: 'EUR', updatedAt: idle },
        { tokenHash: `${tag}-recent-guest`, currency: 'EUR', updatedAt: ago(1000) },
        {
          tokenHash: `${tag}-old-merged`,
          currency: 'EUR',
          status: 'merged' as const,
          updatedAt: idle,
        },
        // A customer's cart stays however old: it is theirs.
        { userId, currency: 'EUR', updatedAt: idle },
      ])
      .returning({ id: carts.id });

    await db.insert(idempotencyKeys).values([
      {
        scope: tag,
        key: 'old',
        requestHash: 'h',
        createdAt: ago(retention.idempotencyKeyHours * 3600_000 + 1000),
      },
      // Kept at least a day: a retry tomorrow still finds its answer.
      { scope: tag, key: 'yesterday', requestHash: 'h', createdAt: ago(25 * 3600_000) },
    ]);

    const counts = await createCleanup(db, capturingLogger().log).runOnce();
    expect(counts).toMatchObject({ sessions: expect.any(Number), emailTokens: expect.any(Number) });
    expect(counts?.sessions).toBeGreaterThanOrEqual(2);

    const left = await db
      .select({ id: sessions.id })
      .from(sessions)
      .where(sql`${sessions.id} like ${`${tag}-%`}`);
    expect(left.map((s) => s.id)).toEqual([`${tag}-live`]);
    const tokensLeft = await db
      .select({ hash: emailTokens.tokenHash })
      .from(emailTokens)
      .where(sql`${emailTokens.tokenHash} like ${`${tag}-%`}`);
    expect(tokensLeft.map((t) => t.hash).sort()).toEqual([`${tag}-fresh`, `${tag}-used-just-now`]);
    const mailLeft = await db
      .select({ subject: mailOutbox.subject })
      .from(mailOutbox)
      .where(inArray(mailOutbox.to, [`${tag}@example.com`]));
    // Pending mail is never deleted, however old: it has not been delivered yet.
    expect(mailLeft.map((m) => m.subject).sort()).toEqual([
      `${tag} old pending`,
      `${tag} recent sent`,
    ]);
    const keysLeft = await db
      .select({ key: idempotencyKeys.key })
      .from(idempotencyKeys)
      .where(eq(idempotencyKeys.scope, tag));
    expect(keysLeft.map((k) => k.key)).toEqual(['yesterday']);
    const cartsLeft = await db
      .select({ id: carts.id })
      .from(carts)
      .where(
        inArray(
          carts.id,
          cartRows.map((c) => c.id),
        ),
      );
    expect(cartsLeft.map((c) => c.id).sort()).toEqual([cartRows[1]?.id, cartRows[3]?.id].sort());
  });

  it('one instance at a time: while another holds the cleanup lock, a run skips', async () => {
    const db = app().db;
    let release: () => void = () => {};
    let locked: () => void = () => {};
    const holding = new Promise<void>((r) => {
      locked = r;
    });
    const other = db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('bazaar:cleanup'))`);
      locked();
      await new Promise<void>((r) => {
        release = r;
      });
    });
    await holding;
    expect(await createCleanup(db, capturingLogger().log).runOnce()).toBeNull();
    release();
    await other;
    expect(await createCleanup(db, capturingLogger().log).runOnce()).not.toBeNull();
  });
});
