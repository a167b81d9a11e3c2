import { createTransport } from 'nodemailer';
import type { Logger } from '../../logger.ts';
import type { OutgoingMail } from './outbox.ts';

export interface MailTransport {
  /** Recorded on the outbox row: where the message went. */
  readonly name: 'smtp' | 'dev-mailbox' | 'log';
  /** Whether the outbox keeps the body after delivery (only the development mailbox needs it). */
  readonly keepsBody: boolean;
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** SMTP through nodemailer, e.g. `smtp://user:pass@smtp.example.com:587`. */
export function smtpTransport(url: string, from: string): MailTransport {
  const transporter = createTransport(url);
  return {
    name: 'smtp',
    keepsBody: false,
    async send(mail) {
      await transporter.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    },
    close: () => transporter.close(),
  };
}

/** No SMTP configured: messages stay in the outbox, readable in the admin's development mailbox. */
export const devMailboxTransport: MailTransport = {
  name: 'dev-mailbox',
  keepsBody: true,
  send: async () => {},
  close: () => {},
};

/**
 * Development outside demo mode, without SMTP: each message is written to the log, link included,
 * so a developer can follow it. (Production requires SMTP_URL.)
 */
export function logTransport(log: Logger): MailTransport {
  return {
    name: 'log',
    keepsBody: false,
    send: async (mail) => {
      log.info(
        { to: mail.to, subject: mail.subject, text: mail.text },
        'mail (not sent: no SMTP_URL)',
      );
    },
    close: () => {},
  };
}
