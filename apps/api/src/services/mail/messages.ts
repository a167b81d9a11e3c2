import type { OutgoingMail } from './outbox.ts';

const SHOP = 'Bazaar';
const link = (publicUrl: string, path: string, token: string) =>
  `${new URL(path, publicUrl).toString()}?token=${token}`;

export const verifyEmailMail = (
  publicUrl: string,
  to: string,
  name: string,
  token: string,
): OutgoingMail => ({
  to,
  subject: `Confirm your email address for ${SHOP}`,
  text: `Hello ${name},

please confirm your email address by opening this link:

${link(publicUrl, '/account/verify-email', token)}

The link works once and expires in 24 hours. If you did not create an account, ignore this email.`,
});

export const resetPasswordMail = (
  publicUrl: string,
  to: string,
  name: string,
  token: string,
): OutgoingMail => ({
  to,
  subject: `Reset your ${SHOP} password`,
  text: `Hello ${name},

someone asked to reset the password of your ${SHOP} account. To choose a new password, open:

${link(publicUrl, '/reset-password', token)}

The link works once and expires in 30 minutes. If it was not you, ignore this email; your password stays as it is.`,
});

export const staffInviteMail = (
  publicUrl: string,
  to: string,
  name: string,
  invitedBy: string,
  token: string,
): OutgoingMail => ({
  to,
  subject: `You are invited to the ${SHOP} admin`,
  text: `Hello ${name},

${invitedBy} invited you to work in the ${SHOP} admin. Choose your password here:

${link(publicUrl, '/admin/accept-invite', token)}

The link works once and expires in 72 hours.`,
});

export const emailChangedMail = (to: string, name: string, newEmail: string): OutgoingMail => ({
  to,
  subject: `Your ${SHOP} email address was changed`,
  text: `Hello ${name},

the email address of your ${SHOP} account was changed to ${newEmail}. If you did not do this, reset your password and contact us.`,
});

export const passwordChangedMail = (to: string, name: string): OutgoingMail => ({
  to,
  subject: `Your ${SHOP} password was changed`,
  text: `Hello ${name},

the password of your ${SHOP} account was just changed and your other sessions were signed out. If you did not do this, reset your password now.`,
});
