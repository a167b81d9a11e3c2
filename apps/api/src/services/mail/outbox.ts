import { mailOutbox } from '@bazaar/db/schema';
import type { DbOrTx } from '../../db.ts';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

/** Queues mail in the caller's transaction: it is sent only if the change that caused it commits. */
export async function enqueueMail(db: DbOrTx, mail: OutgoingMail): Promise<void> {
  await db.insert(mailOutbox).values(mail);
}
