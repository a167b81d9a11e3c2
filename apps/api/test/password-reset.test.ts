import { emailTokens, mailOutbox, users } from '@bazaar/db/schema';
import { and, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  customerAccount,
  latestMailTo,
  mailedToken,
  signedIn,
  staffMember,
  tokenIn,
} from './fixtures.ts';
import { errorOf, PASSWORD, uniqueEmail, useTestApp } from './helpers.ts';

/**
 * Password reset and the other emailed links: the request does the same work whether or not the
 * account exists (issue 7, finding 8), and a link only does what it was sent for, for the address
 * it was sent to, for an account that is still active.
 */
const app = useTestApp({ config: { demoMode: true } });
const db = () => app().db;
const NEW_PASSWORD = 'Marble-Lantern-Quiver-77';

const resetTokensOf = (userId: string) =>
  db()
    .select()
    .from(emailTokens)
    .where(and(eq(emailTokens.userId, userId), eq(emailTokens.purpose, 'reset-password')));

const outboxTo = (...to: string[]) =>
  db().select().from(mailOutbox).where(inArray(mailOutbox.to, to));

/** Asks for a reset of `email` and delivers the mail; the token of the link it got, if any. */
async function resetLinkFor(email: string) {
  await app().browser().client.auth.requestPasswordReset.mutate({ email });
  await app().deliverMail();
  const mail = await latestMailTo(db(), email);
  return mail?.status === 'sent' ? tokenIn(mail.text) : undefined;
}

async function refusedLink(call: Promise<unknown>) {
  const error = await errorOf(call);
  expect(error.data?.code).toBe('BAD_REQUEST');
  expect(error.data?.fieldErrors?.token?.[0]).toMatch(/invalid or has expired/);
}

const passwordHashOf = async (userId: string) =>
  (await db().select({ h: users.passwordHash }).from(users).where(eq(users.id, userId)))[0]?.h;

describe('a reset request does the same work for a known and an unknown email', () => {
  it('each queues exactly one request row and issues no token until the mail is sent', async () => {
    const known = await customerAccount(db());
    const unknown = uniqueEmail('nobody');
    const client = app().browser().client;
    expect(await client.auth.requestPasswordReset.mutate({ email: known.email })).toEqual({
      accepted: true,
    });
    expect(await client.auth.requestPasswordReset.mutate({ email: unknown })).toEqual({
      accepted: true,
    });

    const queued = await outboxTo(known.email, unknown);
    expect(queued.map((r) => r.to).sort()).toEqual([known.email, unknown].sort());
    for (const row of queued)
      expect(row, row.to).toMatchObject({
        kind: 'password-reset',
        status: 'pending',
        subject: '',
        text: '',
      });
    expect(await resetTokensOf(known.id)).toEqual([]);
    expect(await db().select().from(emailTokens).where(eq(emailTokens.email, unknown))).toEqual([]);

    await app().deliverMail();
    const [toKnown] = await outboxTo(known.email);
    expect(toKnown).toMatchObject({ kind: 'message', status: 'sent' });
    expect(toKnown?.subject).toMatch(/Reset your/);
    const token = tokenIn(toKnown?.text);
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    expect(await resetTokensOf(known.id)).toHaveLength(1);

    const [toUnknown] = await outboxTo(unknown);
    expect(toUnknown).toMatchObject({ kind: 'password-reset', status: 'dropped', text: '' });
    expect(await db().select().from(emailTokens).where(eq(emailTokens.email, unknown))).toEqual([]);

    // The development mailbox shows the message, never the dropped request.
    const owner = await signedIn(app(), (await staffMember(db(), 'Owner')).email);
    expect(await owner.client.admin.mailbox.list.query({ to: unknown })).toEqual([]);
    const [shown] = await owner.client.admin.mailbox.list.query({ to: known.email });
    expect(shown?.text).toContain(`/reset-password?token=${token}`);
  });

  it('the emailed link matches the account as it is now (the address in any case)', async () => {
    const known = await customerAccount(db());
    await app().browser().client.auth.requestPasswordReset.mutate({
      email: known.email.toUpperCase(),
    });
    await app().deliverMail();
    const token = await mailedToken(db(), known.email);
    await app().browser().client.auth.resetPassword.mutate({ token, password: NEW_PASSWORD });
    expect(await passwordHashOf(known.id)).not.toBeNull();
    const state = await app()
      .browser()
      .client.auth.signIn.mutate({ email: known.email, password: NEW_PASSWORD });
    expect(state.status).toBe('signed-in');
  });
});

describe('no reset link for an account that cannot use one', () => {
  it('a deactivated account gets no mail and no token', async () => {
    const gone = await staffMember(db(), 'Support', { deactivated: true });
    expect(await resetLinkFor(gone.email)).toBeUndefined();
    expect(await latestMailTo(db(), gone.email)).toMatchObject({ status: 'dropped' });
    expect(await resetTokensOf(gone.id)).toEqual([]);
  });

  it('an invited staff member without a password gets no reset (they use the invitation)', async () => {
    const email = uniqueEmail('invited', 'staff.test');
    const owner = await signedIn(app(), (await staffMember(db(), 'Owner')).email);
    const roles = await owner.client.admin.roles.list.query();
    const member = await owner.client.admin.staff.invite.mutate({
      name: 'Ines Invited',
      email,
      roleId: roles.find((r) => r.name === 'Support')?.id as string,
    });
    expect(await resetLinkFor(email)).toBeUndefined();
    expect(await resetTokensOf(member.id)).toEqual([]);
  });
});

describe('a reset link stops working', () => {
  it('when the email address changed after it was sent', async () => {
    const person = await customerAccount(db());
    const token = await resetLinkFor(person.email);
    expect(token).toBeDefined();
    const browser = await signedIn(app(), person.email);
    const moved = uniqueEmail('moved');
    await browser.client.account.changeEmail.mutate({ newEmail: moved, password: PASSWORD });

    const before = await passwordHashOf(person.id);
    await refusedLink(
      app()
        .browser()
        .client.auth.resetPassword.mutate({ token: token as string, password: NEW_PASSWORD }),
    );
    expect(await passwordHashOf(person.id)).toBe(before);
    // The session survives: a refused link signs nobody out.
    expect((await browser.client.auth.session.query()).status).toBe('signed-in');
  });

  it('when the account was deactivated after it was sent', async () => {
    const member = await staffMember(db(), 'Support');
    const token = await resetLinkFor(member.email);
    expect(token).toBeDefined();
    const owner = await signedIn(app(), (await staffMember(db(), 'Owner')).email);
    await owner.client.admin.staff.deactivate.mutate({ userId: member.id });

    const before = await passwordHashOf(member.id);
    await refusedLink(
      app()
        .browser()
        .client.auth.resetPassword.mutate({ token: token as string, password: NEW_PASSWORD }),
    );
    expect(await passwordHashOf(member.id)).toBe(before);
    const signIn = await errorOf(
      app().browser().client.auth.signIn.mutate({ email: member.email, password: NEW_PASSWORD }),
    );
    expect(signIn.data?.code).toBe('UNAUTHORIZED');
  });

  it('once a newer one was sent', async () => {
    const person = await customerAccount(db());
    const first = (await resetLinkFor(person.email)) as string;
    const second = (await resetLinkFor(person.email)) as string;
    expect(second).not.toBe(first);
    const client = app().browser().client;
    await refusedLink(client.auth.resetPassword.mutate({ token: first, password: NEW_PASSWORD }));
    await client.auth.resetPassword.mutate({ token: second, password: NEW_PASSWORD });
  });
});

describe('an emailed token only does what it was sent for', () => {
  it('a verification token neither resets a password nor accepts an invitation', async () => {
    const email = uniqueEmail('verify');
    const browser = app().browser();
    await browser.client.auth.signUp.mutate({ name: 'Vera Verify', email, password: PASSWORD });
    const token = await mailedToken(db(), email);
    const anonymous = app().browser().client;
    await refusedLink(anonymous.auth.resetPassword.mutate({ token, password: NEW_PASSWORD }));
    await refusedLink(anonymous.auth.acceptInvite.mutate({ token, password: NEW_PASSWORD }));
    // The refusals did not use it up, and the password is unchanged.
    await anonymous.auth.verifyEmail.mutate({ token });
    await signedIn(app(), email);
  });

  it('a reset token neither verifies an email nor accepts an invitation', async () => {
    const person = await customerAccount(db());
    const token = (await resetLinkFor(person.email)) as string;
    const anonymous = app().browser().client;
    await refusedLink(anonymous.auth.verifyEmail.mutate({ token }));
    await refusedLink(anonymous.auth.acceptInvite.mutate({ token, password: NEW_PASSWORD }));
    const [row] = await db().select().from(users).where(eq(users.id, person.id));
    expect(row?.emailVerifiedAt).toBeNull();
    await anonymous.auth.resetPassword.mutate({ token, password: NEW_PASSWORD });
  });

  it('an invitation token neither resets a password nor verifies an email', async () => {
    const owner = await signedIn(app(), (await staffMember(db(), 'Owner')).email);
    const roles = await owner.client.admin.roles.list.query();
    const email = uniqueEmail('invitee', 'staff.test');
    await owner.client.admin.staff.invite.mutate({
      name: 'Ivo Invitee',
      email,
      roleId: roles.find((r) => r.name === 'Catalog editor')?.id as string,
    });
    const token = await mailedToken(db(), email);
    const anonymous = app().browser().client;
    await refusedLink(anonymous.auth.resetPassword.mutate({ token, password: NEW_PASSWORD }));
    await refusedLink(anonymous.auth.verifyEmail.mutate({ token }));
    await anonymous.auth.acceptInvite.mutate({ token, password: NEW_PASSWORD });
  });
});
