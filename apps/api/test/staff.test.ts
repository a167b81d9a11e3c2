import { type Permission, permissions } from '@bazaar/contracts';
import { rolePermissions, roles, sessions, users } from '@bazaar/db/schema';
import { TRPCClientError } from '@trpc/client';
import { and, count, eq, isNull } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOwner } from '../src/services/admin/owner.ts';
import { browserClient, errorOf, PASSWORD, uniqueEmail, useTestApp } from './helpers.ts';

/**
 * Staff administration over real HTTP with real sessions. Demo mode, so the Owner works without
 * enrolling two-factor (that requirement is covered in two-factor.test.ts).
 */
const app = useTestApp({ config: { demoMode: true } });
const db = () => app().db;
type Browser = ReturnType<typeof browserClient>;

const OWNER_EMAIL = 'olive.owner@staff.test';
let ownerId: string;
let owner: Browser;
const roleIds: Record<string, string> = {};

const newEmail = (label = 'staff') => uniqueEmail(label, 'staff.test');
const tokenIn = (text: string) => /\/admin\/accept-invite\?token=([a-z2-7]{32})\b/.exec(text)?.[1];

async function signIn(email: string, password = PASSWORD): Promise<Browser> {
  const browser = app().browser();
  const state = await browser.client.auth.signIn.mutate({ email, password });
  expect(state.status).toBe('signed-in');
  return browser;
}

/** The invitation token from the development mailbox, read as the Owner. */
async function inviteTokenFor(email: string): Promise<string> {
  const [mail] = await owner.client.admin.mailbox.list.query({ to: email });
  const token = mail ? tokenIn(mail.text) : undefined;
  if (!token) throw new Error(`no invitation mail to ${email}`);
  return token;
}

/** A staff member who accepted their invitation and is signed in. */
async function addStaff(roleName: string, name = `${roleName} person`) {
  const email = newEmail(roleName.replace(/\W/g, '').toLowerCase());
  const member = await owner.client.admin.staff.invite.mutate({
    name,
    email,
    roleId: roleIds[roleName] as string,
  });
  await app()
    .browser()
    .client.auth.acceptInvite.mutate({
      token: await inviteTokenFor(email),
      password: PASSWORD,
    });
  return { id: member.id, email, browser: await signIn(email) };
}

/** A role that is not built in, with exactly `granted`. */
async function customRole(name: string, granted: readonly Permission[]) {
  const [role] = await db().insert(roles).values({ name }).returning({ id: roles.id });
  const id = (role as { id: string }).id;
  await db()
    .insert(rolePermissions)
    .values(granted.map((permission) => ({ roleId: id, permission })));
  roleIds[name] = id;
  return id;
}

const activeOwners = async () => {
  const [row] = await db()
    .select({ n: count() })
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(and(eq(roles.name, 'Owner'), isNull(users.deactivatedAt)));
  return row?.n;
};

beforeAll(async () => {
  ({ id: ownerId } = await createOwner(db(), {
    email: OWNER_EMAIL,
    name: 'Olive Owner',
    password: PASSWORD,
  }));
  owner = await signIn(OWNER_EMAIL);
  for (const role of await owner.client.admin.roles.list.query()) roleIds[role.name] = role.id;
});

describe('roles', () => {
  it('the built-in roles exist with their permission sets; only the Owner requires two-factor', async () => {
    const listed = await owner.client.admin.roles.list.query();
    const byName = new Map(listed.map((r) => [r.name, r]));
    const sorted = (ps: readonly string[]) => [...ps].sort();

    expect(sorted(byName.get('Owner')?.permissions ?? [])).toEqual(sorted(permissions));
    expect(sorted(byName.get('Manager')?.permissions ?? [])).toEqual(
      sorted(['catalog:write', 'orders:read', 'orders:write', 'customers:read', 'reports:read']),
    );
    expect(sorted(byName.get('Support')?.permissions ?? [])).toEqual(
      sorted(['orders:read', 'orders:write', 'customers:read']),
    );
    expect(byName.get('Catalog editor')?.permissions).toEqual(['catalog:write']);

    expect(byName.get('Owner')).toMatchObject({ requiresTwoFactor: true, memberCount: 1 });
    for (const name of ['Manager', 'Support', 'Catalog editor'])
      expect(byName.get(name)?.requiresTwoFactor).toBe(false);
  });

  it('the signed-in Owner holds every permission (demo mode: no enrolment required)', async () => {
    const state = await owner.client.auth.session.query();
    expect(state.status).toBe('signed-in');
    if (state.status !== 'signed-in') return;
    expect(state.user).toMatchObject({
      kind: 'staff',
      role: { name: 'Owner' },
      twoFactorEnabled: false,
      twoFactorEnrolmentRequired: false,
    });
    expect([...state.user.permissions].sort()).toEqual([...permissions].sort());
  });
});

describe('invitations', () => {
  it('invite → mail with an accept link → choose a password → sign in; the link works once', async () => {
    const email = newEmail('invitee');
    const invited = await owner.client.admin.staff.invite.mutate({
      name: 'Ivy Invitee',
      email: `  ${email.toUpperCase()} `,
      roleId: roleIds['Catalog editor'] as string,
    });
    expect(invited).toMatchObject({
      email,
      name: 'Ivy Invitee',
      role: { id: roleIds['Catalog editor'], name: 'Catalog editor' },
      active: true,
      invitePending: true,
      twoFactorEnabled: false,
      lastSignInAt: null,
    });
    const listedBefore = await owner.client.admin.staff.list.query();
    expect(listedBefore.find((m) => m.id === invited.id)?.invitePending).toBe(true);

    const mails = await owner.client.admin.mailbox.list.query({ to: email });
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail?.subject).toMatch(/invited/i);
    expect(mail?.text).toContain('Olive Owner');
    expect(mail?.text).toMatch(/http:\/\/shop\.test\/admin\/accept-invite\?token=[a-z2-7]{32}\b/);
    const token = tokenIn(mail?.text ?? '') as string;

    // Without a password, nobody can sign in as the invitee.
    const early = await errorOf(
      app().browser().client.auth.signIn.mutate({ email, password: PASSWORD }),
    );
    expect(early.data?.code).toBe('UNAUTHORIZED');

    // A weak password is refused without using up the link.
    const anonymous = app().browser();
    const weak = await errorOf(
      anonymous.client.auth.acceptInvite.mutate({ token, password: 'password123' }),
    );
    expect(weak.data?.code).toBe('BAD_REQUEST');
    expect(weak.data?.fieldErrors?.password).toBeDefined();

    expect(await anonymous.client.auth.acceptInvite.mutate({ token, password: PASSWORD })).toEqual({
      accepted: true,
    });
    const again = await errorOf(
      anonymous.client.auth.acceptInvite.mutate({ token, password: 'Another-Fine-Phrase-77' }),
    );
    expect(again.data?.code).toBe('BAD_REQUEST');
    expect(again.data?.fieldErrors?.token).toBeDefined();

    const invitee = app().browser();
    const state = await invitee.client.auth.signIn.mutate({ email, password: PASSWORD });
    expect(state).toMatchObject({
      status: 'signed-in',
      user: {
        id: invited.id,
        kind: 'staff',
        emailVerified: true,
        role: { name: 'Catalog editor' },
        permissions: ['catalog:write'],
        twoFactorEnrolmentRequired: false,
      },
    });
    // The second (refused) password did not replace the first.
    const stale = await errorOf(
      app().browser().client.auth.signIn.mutate({
        email,
        password: 'Another-Fine-Phrase-77',
      }),
    );
    expect(stale.data?.code).toBe('UNAUTHORIZED');

    const listedAfter = await owner.client.admin.staff.list.query();
    const member = listedAfter.find((m) => m.id === invited.id);
    expect(member?.invitePending).toBe(false);
    expect(member?.lastSignInAt).toBeInstanceOf(Date);
  });

  it('an email already in use is a CONFLICT on the email field, and nothing is sent', async () => {
    const before = await owner.client.admin.mailbox.list.query({ to: OWNER_EMAIL });
    const error = await errorOf(
      owner.client.admin.staff.invite.mutate({
        name: 'Twin',
        email: OWNER_EMAIL,
        roleId: roleIds.Support as string,
      }),
    );
    expect(error.data?.code).toBe('CONFLICT');
    expect(error.data?.fieldErrors?.email).toBeDefined();
    expect(await owner.client.admin.mailbox.list.query({ to: OWNER_EMAIL })).toHaveLength(
      before.length,
    );
  });

  it('an unknown role is a BAD_REQUEST on roleId', async () => {
    const error = await errorOf(
      owner.client.admin.staff.invite.mutate({
        name: 'Nobody',
        email: newEmail(),
        roleId: '00000000-0000-4000-8000-000000000000',
      }),
    );
    expect(error.data?.code).toBe('BAD_REQUEST');
    expect(error.data?.fieldErrors?.roleId).toBeDefined();
  });
});

describe('roles are granted only by those who hold them', () => {
  it('changeRole changes what the member may do on their very next request', async () => {
    const member = await addStaff('Catalog editor');
    const changed = await owner.client.admin.staff.changeRole.mutate({
      userId: member.id,
      roleId: roleIds.Support as string,
    });
    expect(changed.role).toEqual({ id: roleIds.Support, name: 'Support' });
    const state = await member.browser.client.auth.session.query();
    expect(state.status === 'signed-in' && [...state.user.permissions].sort()).toEqual(
      ['customers:read', 'orders:read', 'orders:write'].sort(),
    );
  });

  it('a staff admin without the Owner’s permissions cannot hand out Owner, not even to themselves', async () => {
    await customRole('Staff admin', ['staff:manage']);
    const admin = await addStaff('Catalog editor', 'Sam Staffadmin');
    await owner.client.admin.staff.changeRole.mutate({
      userId: admin.id,
      roleId: roleIds['Staff admin'] as string,
    });
    const colleague = await addStaff('Catalog editor', 'Cleo Colleague');
    await owner.client.admin.staff.changeRole.mutate({
      userId: colleague.id,
      roleId: roleIds['Staff admin'] as string,
    });

    // staff:manage is enough to see the staff list …
    expect((await admin.browser.client.admin.staff.list.query()).length).toBeGreaterThan(2);

    // … but not to give permissions the admin does not hold.
    for (const [userId, roleName] of [
      [colleague.id, 'Owner'],
      [admin.id, 'Owner'],
      [colleague.id, 'Manager'],
    ] as const) {
      const error = await errorOf(
        admin.browser.client.admin.staff.changeRole.mutate({
          userId,
          roleId: roleIds[roleName] as string,
        }),
      );
      expect(error.data?.code).toBe('FORBIDDEN');
    }
    const inviteOwner = await errorOf(
      admin.browser.client.admin.staff.invite.mutate({
        name: 'Sneaky',
        email: 'sneaky@staff.test',
        roleId: roleIds.Owner as string,
      }),
    );
    expect(inviteOwner.data?.code).toBe('FORBIDDEN');
    expect(await db().select().from(users).where(eq(users.email, 'sneaky@staff.test'))).toEqual([]);
    const roleOf = async (id: string) =>
      (await db().select({ roleId: users.roleId }).from(users).where(eq(users.id, id)))[0]?.roleId;
    expect(await roleOf(admin.id)).toBe(roleIds['Staff admin']);
    expect(await roleOf(colleague.id)).toBe(roleIds['Staff admin']);

    // Nor to act on someone whose role holds more (here: deactivating the Owner).
    const deactivateOwner = await errorOf(
      admin.browser.client.admin.staff.deactivate.mutate({ userId: ownerId }),
    );
    expect(deactivateOwner.data?.code).toBe('FORBIDDEN');

    // A role within their own permissions they may give.
    const invited = await admin.browser.client.admin.staff.invite.mutate({
      name: 'Peer',
      email: newEmail('peer'),
      roleId: roleIds['Staff admin'] as string,
    });
    expect(invited.role.name).toBe('Staff admin');
  });
});

describe('deactivation', () => {
  it('ends every session at once and blocks sign-in with the generic failure; reactivation restores it', async () => {
    const member = await addStaff('Support');
    const second = await signIn(member.email);
    expect((await second.client.account.sessions.list.query()).length).toBe(2);

    const supportMembers = async () =>
      (await owner.client.admin.roles.list.query()).find((r) => r.name === 'Support')?.memberCount;
    const countedBefore = (await supportMembers()) as number;
    expect(countedBefore).toBeGreaterThan(0);

    const deactivated = await owner.client.admin.staff.deactivate.mutate({ userId: member.id });
    expect(await supportMembers()).toBe(countedBefore - 1);
    expect(deactivated).toMatchObject({ id: member.id, active: false });
    expect(await db().select().from(sessions).where(eq(sessions.userId, member.id))).toEqual([]);

    const next = await errorOf(member.browser.client.account.sessions.list.query());
    expect(next.data?.code).toBe('UNAUTHORIZED');
    expect(await second.client.auth.session.query()).toEqual({ status: 'signed-out' });

    const blocked = await errorOf(
      app().browser().client.auth.signIn.mutate({ email: member.email, password: PASSWORD }),
    );
    const wrong = await errorOf(
      app().browser().client.auth.signIn.mutate({
        email: member.email,
        password: 'Not-The-Password-9',
      }),
    );
    expect(blocked.data?.code).toBe('UNAUTHORIZED');
    expect(blocked.message).toBe('Incorrect email or password');
    expect(wrong.message).toBe(blocked.message);

    const listed = await owner.client.admin.staff.list.query();
    expect(listed.find((m) => m.id === member.id)?.active).toBe(false);

    const reactivated = await owner.client.admin.staff.reactivate.mutate({ userId: member.id });
    expect(reactivated.active).toBe(true);
    await signIn(member.email);
  });

  it('nobody can deactivate themselves', async () => {
    const error = await errorOf(owner.client.admin.staff.deactivate.mutate({ userId: ownerId }));
    expect(error.data?.code).toBe('PRECONDITION_FAILED');
    expect((await owner.client.auth.session.query()).status).toBe('signed-in');
  });

  it('the last active Owner can be neither deactivated nor demoted', async () => {
    expect(await activeOwners()).toBe(1);
    const selfDemotion = await errorOf(
      owner.client.admin.staff.changeRole.mutate({
        userId: ownerId,
        roleId: roleIds.Manager as string,
      }),
    );
    expect(selfDemotion.data?.code).toBe('PRECONDITION_FAILED');

    // Someone holding every permission under another role name still cannot remove the last Owner.
    await customRole('Superuser', permissions);
    const superuser = await addStaff('Catalog editor', 'Sully Superuser');
    await owner.client.admin.staff.changeRole.mutate({
      userId: superuser.id,
      roleId: roleIds.Superuser as string,
    });
    const deactivation = await errorOf(
      superuser.browser.client.admin.staff.deactivate.mutate({ userId: ownerId }),
    );
    expect(deactivation.data?.code).toBe('PRECONDITION_FAILED');
    const demotion = await errorOf(
      superuser.browser.client.admin.staff.changeRole.mutate({
        userId: ownerId,
        roleId: roleIds.Manager as string,
      }),
    );
    expect(demotion.data?.code).toBe('PRECONDITION_FAILED');
    const [row] = await db().select().from(users).where(eq(users.id, ownerId));
    expect(row?.deactivatedAt).toBeNull();
    expect(row?.roleId).toBe(roleIds.Owner);

    // With a second Owner, either of them may go.
    const second = await addStaff('Manager', 'Otto Owner');
    await owner.client.admin.staff.changeRole.mutate({
      userId: second.id,
      roleId: roleIds.Owner as string,
    });
    expect(await activeOwners()).toBe(2);
    expect((await owner.client.admin.staff.deactivate.mutate({ userId: second.id })).active).toBe(
      false,
    );
    // A deactivated Owner does not count: the first one is the last again.
    expect(
      (await errorOf(superuser.browser.client.admin.staff.deactivate.mutate({ userId: ownerId })))
        .data?.code,
    ).toBe('PRECONDITION_FAILED');
    await owner.client.admin.staff.reactivate.mutate({ userId: second.id });
    expect(await activeOwners()).toBe(2);
    // Deactivation ended their session; reactivation does not bring it back.
    expect(await second.browser.client.auth.session.query()).toEqual({ status: 'signed-out' });
    const secondOwner = await signIn(second.email);

    // Two Owners demoting each other at the same moment: one wins, one Owner remains.
    const manager = roleIds.Manager as string;
    const [byFirst, bySecond] = await Promise.allSettled([
      owner.client.admin.staff.changeRole.mutate({ userId: second.id, roleId: manager }),
      secondOwner.client.admin.staff.changeRole.mutate({ userId: ownerId, roleId: manager }),
    ]);
    expect([byFirst.status, bySecond.status].sort()).toEqual(['fulfilled', 'rejected']);
    expect(await activeOwners()).toBe(1);
    const [loser] = [byFirst, bySecond].flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    // Whoever waited finds the other Owner gone, or themselves no longer an Owner.
    expect(['PRECONDITION_FAILED', 'FORBIDDEN']).toContain(
      loser instanceof TRPCClientError ? loser.data?.code : loser,
    );
    if (bySecond.status === 'fulfilled') {
      // Put the first Owner back for the tests that follow.
      await secondOwner.client.admin.staff.changeRole.mutate({
        userId: ownerId,
        roleId: roleIds.Owner as string,
      });
      await owner.client.admin.staff.changeRole.mutate({ userId: second.id, roleId: manager });
    }
    expect(await activeOwners()).toBe(1);
    const [first] = await db().select().from(users).where(eq(users.id, ownerId));
    expect(first?.roleId).toBe(roleIds.Owner);
  });
});

describe('access over HTTP', () => {
  it('a Catalog editor is FORBIDDEN from staff administration', async () => {
    const editor = await addStaff('Catalog editor');
    for (const call of [
      () => editor.browser.client.admin.staff.list.query(),
      () => editor.browser.client.admin.roles.list.query(),
      () => editor.browser.client.admin.mailbox.list.query({}),
      () => editor.browser.client.admin.staff.deactivate.mutate({ userId: ownerId }),
    ]) {
      const error = await errorOf(call());
      expect(error.data?.code).toBe('FORBIDDEN');
      expect(error.data?.httpStatus).toBe(403);
    }
  });

  it('a customer is FORBIDDEN and an anonymous caller UNAUTHORIZED', async () => {
    const customer = app().browser();
    await customer.client.auth.signUp.mutate({
      name: 'Carla Customer',
      email: newEmail('customer'),
      password: PASSWORD,
    });
    const forbidden = await errorOf(customer.client.admin.staff.list.query());
    expect(forbidden.data?.code).toBe('FORBIDDEN');

    const anonymous = await errorOf(app().browser().client.admin.staff.list.query());
    expect(anonymous.data?.code).toBe('UNAUTHORIZED');
    expect(anonymous.data?.httpStatus).toBe(401);
  });

  it('staff administration cannot reach customer accounts (no promoting a customer to Owner)', async () => {
    const customer = app().browser();
    const state = await customer.client.auth.signUp.mutate({
      name: 'Pat Promoted',
      email: newEmail('customer'),
      password: PASSWORD,
    });
    const customerId = state.status === 'signed-in' ? state.user.id : '';
    for (const call of [
      () =>
        owner.client.admin.staff.changeRole.mutate({
          userId: customerId,
          roleId: roleIds.Owner as string,
        }),
      () => owner.client.admin.staff.deactivate.mutate({ userId: customerId }),
      () => owner.client.admin.staff.reactivate.mutate({ userId: customerId }),
    ]) {
      const error = await errorOf(call());
      expect(error.data?.code).toBe('NOT_FOUND');
    }
    const [row] = await db().select().from(users).where(eq(users.id, customerId));
    expect(row).toMatchObject({ kind: 'customer', roleId: null, deactivatedAt: null });
    expect((await owner.client.admin.staff.list.query()).map((m) => m.id)).not.toContain(
      customerId,
    );
  });
});

describe('development mailbox', () => {
  it('is PRECONDITION_FAILED when an SMTP server is configured', async () => {
    const smtpConfigured = await app().serve({ config: { demoMode: true, devMailbox: false } });
    const browser = browserClient(smtpConfigured);
    await browser.client.auth.signIn.mutate({ email: OWNER_EMAIL, password: PASSWORD });
    const error = await errorOf(browser.client.admin.mailbox.list.query({}));
    expect(error.data?.code).toBe('PRECONDITION_FAILED');
    expect((await browser.client.admin.staff.list.query()).length).toBeGreaterThan(0);
  });

  it('filters by recipient and honours the limit, newest first', async () => {
    const all = await owner.client.admin.mailbox.list.query({ limit: 2 });
    expect(all).toHaveLength(2);
    expect((all[0]?.createdAt.getTime() ?? 0) >= (all[1]?.createdAt.getTime() ?? 0)).toBe(true);
    const email = newEmail('filtered');
    await owner.client.admin.staff.invite.mutate({
      name: 'Fil Tered',
      email,
      roleId: roleIds.Support as string,
    });
    const mine = await owner.client.admin.mailbox.list.query({ to: email.toUpperCase() });
    expect(mine.map((m) => m.to)).toEqual([email]);
    expect(mine[0]?.status).toBe('pending');
  });
});
