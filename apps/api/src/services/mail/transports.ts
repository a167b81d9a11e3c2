import { createTransport } from 'nodemailer';
import type { OutgoingMail } from './outbox.ts';

export interface MailTransport {
  /** Recorded on the outbox row: where the message went. */
  readonly name: 'smtp' | 'dev-mailbox';
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
