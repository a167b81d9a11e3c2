import type { Database } from '@bazaar/db';
import { mailOutbox } from '@bazaar/db/schema';
import { eq, sql } from 'drizzle-orm';
import type { Logger } from '../../logger.ts';
import type { MailRenderer } from './outbox.ts';
import type { MailTransport } from './transports.ts';

const MAX_ATTEMPTS = 8;
const BATCH = 20;
export const REDACTED_BODY = '(body removed after delivery)';

export interface MailDispatcher {
  /** Sends what is due now (a batch); resolves with how many messages it handled. */
  runOnce(): Promise<number>;
  /** Closes the transport, after the last run (the `mail` job calls runOnce: see jobs/queue.ts). */
  stop(): Promise<void>;
}

/**
 * Delivers the outbox. Rows are claimed with FOR UPDATE SKIP LOCKED and their next attempt pushed
 * back before sending, so several API instances never send one message twice at the same time;
 * failures retry with exponential backoff and give up after MAX_ATTEMPTS.
 */
export function createMailDispatcher(
  db: Database,
  transport: MailTransport,
  log: Logger,
  renderers: { 'password-reset': MailRenderer },
): MailDispatcher {
  async function claim() {
    return db.transaction(async (tx) => {
      const due = await tx
        .select({ id: mailOutbox.id })
        .from(mailOutbox)
        .where(sql`${mailOutbox.status} = 'pending' and ${mailOutbox.nextAttemptAt} <= now()`)
        .orderBy(mailOutbox.nextAttemptAt)
        .limit(BATCH)
        .for('update', { skipLocked: true });
      if (due.length === 0) return [];
      return tx
        .update(mailOutbox)
        .set({
          attempts: sql`${mailOutbox.attempts} + 1`,
          // If this process dies mid-send, another one retries after this lease.
          nextAttemptAt: sql`now() + interval '5 minutes'`,
        })
        .where(sql`${mailOutbox.id} in ${due.map((d) => d.id)}`)
        .returning();
    });
  }

  type Claimed = Awaited<ReturnType<typeof claim>>[number];

  /** Turns a queued request into its message, or drops it when there is nobody to send it to. */
  async function render(mail: Claimed): Promise<Claimed | null> {
    if (mail.kind === 'message') return mail;
    const renderer = renderers[mail.kind];
    return db.transaction(async (tx) => {
      const message = await renderer(tx, mail.to);
      const [row] = await tx
        .update(mailOutbox)
        .set(message ? { ...message, kind: 'message' } : { status: 'dropped', text: '' })
        .where(eq(mailOutbox.id, mail.id))
        .returning();
      return message ? (row ?? null) : null;
    });
  }

  async function runOnce(): Promise<number> {
    const batch = await claim();
    for (const claimed of batch) {
      const mail = await render(claimed).catch((error: unknown) => {
        log.error({ err: error, mailId: claimed.id }, 'mail rendering failed');
        return null;
      });
      if (!mail) continue;
      try {
        await transport.send(mail);
        await db
          .update(mailOutbox)
          .set({
            status: 'sent',
            sentAt: sql`now()`,
            transport: transport.name,
            lastError: null,
            // Bodies carry live single-use links; once they have left by SMTP the shop keeps none.
            ...(transport.keepsBody ? {} : { text: REDACTED_BODY, html: null }),
          })
          .where(eq(mailOutbox.id, mail.id));
      } catch (error) {
        const failed = mail.attempts >= MAX_ATTEMPTS;
        log.warn({ err: error, mailId: mail.id, attempts: mail.attempts }, 'mail delivery failed');
        await db
          .update(mailOutbox)
          .set({
            status: failed ? 'failed' : 'pending',
            lastError: String(error instanceof Error ? error.message : error).slice(0, 1000),
            nextAttemptAt: sql`now() + make_interval(secs => ${2 ** mail.attempts * 15})`,
          })
          .where(eq(mailOutbox.id, mail.id));
      }
    }
    return batch.length;
  }

  return {
    runOnce,
    async stop() {
      transport.close();
    },
  };
}
