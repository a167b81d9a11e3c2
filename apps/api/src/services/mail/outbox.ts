import { mailOutbox } from '@bazaar/db/schema';
import type { DbOrTx, Tx } from '../../db.ts';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

/** Queues mail in the caller's transaction: it is sent only if the change that caused it commits. */
export async function enqueueMail(db: DbOrTx, mail: OutgoingMail): Promise<void> {
  await db.insert(mailOutbox).values(mail);
}

/** Queues a password-reset request for `to`; the dispatcher writes the mail if an account can use it. */
export async function enqueuePasswordReset(db: DbOrTx, to: string): Promise<void> {
  await db.insert(mailOutbox).values({ kind: 'password-reset', to, subject: '', text: '' });
}

/** A queued request that only becomes a message when it is sent; null drops it unsent. */
export type MailRenderer = (tx: Tx, to: string) => Promise<OutgoingMail | null>;
