import { resetPasswordMail } from '../mail/messages.ts';
import type { MailRenderer } from '../mail/outbox.ts';
import { issueEmailToken } from './email-tokens.ts';
import { findUserByEmail } from './users.ts';

/**
 * Writes a queued reset request into its mail when it is sent: only an active account that has a
 * password gets a link (invited staff set theirs through the invitation).
 */
export const passwordResetRenderer =
  (publicUrl: string): MailRenderer =>
  async (tx, to) => {
    const user = await findUserByEmail(tx, to);
    if (!user || user.deactivatedAt || !user.passwordHash) return null;
    const token = await issueEmailToken(tx, user.id, 'reset-password', user.email);
    return resetPasswordMail(publicUrl, user.email, user.name, token);
  };
