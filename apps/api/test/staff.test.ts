import { permissions } from '@bazaar/contracts/server';
import { roles, sessions, users } from '@bazaar/db/schema';
import { TRPCClientError } from '@trpc/client';
import { and, count, eq, isNull, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { rowsOf } from '../src/db.ts';
import { customRole, mailedToken, type Person, roleId, signedIn, staffMember } from './fixtures.ts';
import {
  type BrowserClient,
  browserClient,
  errorOf,
  PASSWORD,
  uniqueEmail,
  useTestApp,
} from './helpers.ts';

/**
 * Staff administration over real HTTP with real sessions. Demo mode, so the Owner works without
 * enrolling two-factor (that requirement is covered in two-factor.test.ts). Every test makes the
 * people and roles it needs; none relies on what another left behind.
 */
const app = useTestApp({ config: { demoMode: true } });
const db = () => app().db;

const newEmail = (label = 'staff') => uniqueEmail(label, 'staff.test');
const signIn = (email: string) => signedIn(app(), email);

/** A fresh Owner, signed in. */
async function newOwner(name = 'Olive Owner') {
  const person = await staffMember(db(), 'Owner', { name });
  return { ...person, browser: await signIn(person.email) };
}

/** A fresh staff member with `role` (a built-in name or a custom role), signed in. */
async function member(role: string | { id: string }, name?: string) {
  const person = await staffMember(db(), role, { name });
  return { ...person, browser: await signIn(person.email) };
}

/** A staff member invited by `owner` who accepted the invitation and is signed in. */
async function invitedBy(owner: BrowserClient, roleName: string, name = `${roleName} person`) {
  const email = newEmail(roleName.replace(/\W/g, '').toLowerCase());
  const invited = await owner.client.admin.staff.invite.mutate({
    name,
    email,
    roleId: await roleId(db(), roleName),
  });
  await app()
    .browser()
    .client.auth.acceptInvite.mutate({ token: await mailedToken(db(), email), password: PASSWORD });
  return { id: invited.id, email, browser: await signIn(email) };
}

const ownerRole = () => roleId(db(), 'Owner');

const activeOwners = async () => {
  const [row] = await db()
    .select({ n: count() })
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(and(eq(roles.name, 'Owner'), isNull(users.deactivatedAt)));
  return row?.n;
};

/** Makes `keep` the only active Owners of the shop: every other Owner becomes a Manager. */
async function onlyOwners(...keep: Person[]) {
  const others = await db()
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.roleId, await ownerRole()), isNull(users.deactivatedAt)));
  const manager = await roleId(db(), 'Manager');
  for (const { id } of others)
    if (!keep.some((k) => k.id === id))
      await db().update(users).set({ roleId: manager }).where(eq(users.id, id));
  expect(await activeOwners()).toBe(keep.length);
}

const roleOf = async (id: string) =>
  (await db().select({ roleId: users.roleId }).from(users).where(eq(users.id, id)))[0]?.roleId;
const isActive = async (id: string) =>
  (await db().select({ at: users.deactivatedAt }).from(users).where(eq(users.id, id)))[0]?.at ===
  null;

const codeOf = (error: unknown) => (error instanceof TRPCClientError ? error.data?.code : error);

describe('roles', () => {
  it('the built-in roles exist with their permission sets; only the Owner requires two-factor', async () => {
    const owner = await newOwner();
    const listed = await owner.browser.client.admin.roles.list.query();
    const byName = new Map(listed.map((r) => [r.name, r]));
    const sorted = (ps: readonly string[]) => [...ps].sort();

    expect(sorted(byName.get('Owner')?.permissions ?? [])).toEqual(sorted(permissions));
    expect(sorted(byName.get('Manager')?.permissions ?? [])).toEqual(
      sorted([
        'catalog:write',
        'orders:read',
        'orders:write',
        'settings:write',
        'customers:read',
        'reports:read',
      ]),
    );
    expect(sorted(byName.get('Support')?.permissions ?? [])).toEqual(
      sorted(['orders:read', 'orders:write', 'customers:read']),
    );
    expect(byName.get('Catalog editor')?.permissions).toEqual(['catalog:write']);

    expect(byName.get('Owner')).toMatchObject({
      requiresTwoFactor: true,
      memberCount: await activeOwners(),
    });
    for (const name of ['Manager', 'Support', 'Catalog editor'])
      expect(byName.get(name)?.requiresTwoFactor).toBe(false);
  });

  it('memberCount counts active members only; a role nobody holds has none', async () => {
    const owner = await newOwner();
    const role = await customRole(db(), 'Counted', ['catalog:write']);
    const countOf = async () =>
      (await owner.browser.client.admin.roles.list.query()).find((r) => r.id === role.id);
    expect(await countOf()).toMatchObject({
      name: role.name,
      permissions: ['catalog:write'],
      memberCount: 0,
      requiresTwoFactor: false,
    });
    const a = await staffMember(db(), role);
    await staffMember(db(), role);
    expect((await countOf())?.memberCount).toBe(2);
    await owner.browser.client.admin.staff.deactivate.mutate({ userId: a.id });
    expect((await countOf())?.memberCount).toBe(1);
  });

  it('the signed-in Owner holds every permission (demo mode: no enrolment required)', async () => {
    const owner = await newOwner();
    const state = await owner.browser.client.auth.session.query();
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
    const owner = await newOwner();
    const email = newEmail('invitee');
    const catalogEditor = await roleId(db(), 'Catalog editor');
    const invited = await owner.browser.client.admin.staff.invite.mutate({
      name: 'Ivy Invitee',
      email: `  ${email.toUpperCase()} `,
      roleId: catalogEditor,
    });
    expect(invited).toMatchObject({
      email,
      name: 'Ivy Invitee',
      role: { id: catalogEditor, name: 'Catalog editor' },
      active: true,
      invitePending: true,
      twoFactorEnabled: false,
      lastSignInAt: null,
    });
    const listedBefore = await owner.browser.client.admin.staff.list.query();
    expect(listedBefore.find((m) => m.id === invited.id)?.invitePending).toBe(true);

    const mails = await owner.browser.client.admin.mailbox.list.query({ to: email });
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail?.subject).toMatch(/invited/i);
    expect(mail?.text).toContain('Olive Owner');
    expect(mail?.text).toMatch(/http:\/\/shop\.test\/admin\/accept-invite\?token=[a-z2-7]{32}\b/);
    const token = await mailedToken(db(), email);

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

    const listedAfter = await owner.browser.client.admin.staff.list.query();
    const listed = listedAfter.find((m) => m.id === invited.id);
    expect(listed?.invitePending).toBe(false);
    expect(listed?.lastSignInAt).toBeInstanceOf(Date);
  });

  it('an email already in use is a CONFLICT on the email field, and nothing is sent', async () => {
    const owner = await newOwner();
    const before = await owner.browser.client.admin.mailbox.list.query({ to: owner.email });
    const error = await errorOf(
      owner.browser.client.admin.staff.invite.mutate({
        name: 'Twin',
        email: owner.email,
        roleId: await roleId(db(), 'Support'),
      }),
    );
    expect(error.data?.code).toBe('CONFLICT');
    expect(error.data?.fieldErrors?.email).toBeDefined();
    expect(await owner.browser.client.admin.mailbox.list.query({ to: owner.email })).toHaveLength(
      before.length,
    );
  });

  it('an unknown role is a BAD_REQUEST on roleId', async () => {
    const owner = await newOwner();
    const error = await errorOf(
      owner.browser.client.admin.staff.invite.mutate({
        name: 'Nobody',
        email: newEmail(),
        roleId: '00000000-0000-4000-8000-000000000000',
      }),
    );
    expect(error.data?.code).toBe('BAD_REQUEST');
    expect(error.data?.fieldErrors?.roleId).toEqual(['Unknown role']);
  });
});

describe('roles are granted only by those who hold them', () => {
  it('changeRole changes what the member may do on their very next request', async () => {
    const owner = await newOwner();
    const editor = await invitedBy(owner.browser, 'Catalog editor');
    const support = await roleId(db(), 'Support');
    const changed = await owner.browser.client.admin.staff.changeRole.mutate({
      userId: editor.id,
      roleId: support,
    });
    expect(changed.role).toEqual({ id: support, name: 'Support' });
    const state = await editor.browser.client.auth.session.query();
    expect(state.status === 'signed-in' && [...state.user.permissions].sort()).toEqual(
      ['customers:read', 'orders:read', 'orders:write'].sort(),
    );
    // Giving the role someone already has changes nothing.
    expect(
      await owner.browser.client.admin.staff.changeRole.mutate({
        userId: editor.id,
        roleId: support,
      }),
    ).toEqual(changed);
  });

  it('a staff admin without the Owner’s permissions cannot hand out Owner, not even to themselves', async () => {
    const staffAdmin = await customRole(db(), 'Staff admin', ['staff:manage']);
    const admin = await member(staffAdmin, 'Sam Staffadmin');
    const colleague = await member(staffAdmin, 'Cleo Colleague');

    // staff:manage is enough to see the staff list …
    expect((await admin.browser.client.admin.staff.list.query()).length).toBeGreaterThan(1);

    // … but not to give permissions the admin does not hold.
    for (const [userId, roleName] of [
      [colleague.id, 'Owner'],
      [admin.id, 'Owner'],
      [colleague.id, 'Manager'],
    ] as const) {
      const error = await errorOf(
        admin.browser.client.admin.staff.changeRole.mutate({
          userId,
          roleId: await roleId(db(), roleName),
        }),
      );
      expect(error.data?.code).toBe('FORBIDDEN');
    }
    const sneaky = newEmail('sneaky');
    const inviteOwner = await errorOf(
      admin.browser.client.admin.staff.invite.mutate({
        name: 'Sneaky',
        email: sneaky,
        roleId: await ownerRole(),
      }),
    );
    expect(inviteOwner.data?.code).toBe('FORBIDDEN');
    expect(await db().select().from(users).where(eq(users.email, sneaky))).toEqual([]);
    expect(await roleOf(admin.id)).toBe(staffAdmin.id);
    expect(await roleOf(colleague.id)).toBe(staffAdmin.id);

    // A role within their own permissions they may give.
    const invited = await admin.browser.client.admin.staff.invite.mutate({
      name: 'Peer',
      email: newEmail('peer'),
      roleId: staffAdmin.id,
    });
    expect(invited.role.name).toBe(staffAdmin.name);
  });

  it('a staff admin cannot change the role of someone who holds more than they do', async () => {
    const staffAdmin = await customRole(db(), 'Staff admin', ['staff:manage']);
    const admin = await member(staffAdmin);
    const manager = await staffMember(db(), 'Manager');
    const owner = await staffMember(db(), 'Owner');
    // The new role is one the admin may give; the people hold permissions the admin lacks.
    for (const target of [manager, owner]) {
      const error = await errorOf(
        admin.browser.client.admin.staff.changeRole.mutate({
          userId: target.id,
          roleId: staffAdmin.id,
        }),
      );
      expect(error.data?.code).toBe('FORBIDDEN');
    }
    expect(await roleOf(manager.id)).toBe(await roleId(db(), 'Manager'));
    expect(await roleOf(owner.id)).toBe(await ownerRole());
    // Someone holding no more than the admin they may move.
    const peer = await staffMember(db(), staffAdmin);
    const editorRole = await customRole(db(), 'Managing editor', ['staff:manage']);
    expect(
      (
        await admin.browser.client.admin.staff.changeRole.mutate({
          userId: peer.id,
          roleId: editorRole.id,
        })
      ).role.id,
    ).toBe(editorRole.id);
  });

  it('a staff admin can neither deactivate nor reactivate someone who holds more', async () => {
    const staffAdmin = await customRole(db(), 'Staff admin', ['staff:manage']);
    const admin = await member(staffAdmin);
    const owner = await newOwner();
    const formerOwner = await staffMember(db(), 'Owner', { deactivated: true });
    const manager = await staffMember(db(), 'Manager');

    const reactivate = await errorOf(
      admin.browser.client.admin.staff.reactivate.mutate({ userId: formerOwner.id }),
    );
    expect(reactivate.data?.code).toBe('FORBIDDEN');
    expect(await isActive(formerOwner.id)).toBe(false);

    for (const target of [owner, manager]) {
      const deactivate = await errorOf(
        admin.browser.client.admin.staff.deactivate.mutate({ userId: target.id }),
      );
      expect(deactivate.data?.code).toBe('FORBIDDEN');
      expect(await isActive(target.id)).toBe(true);
    }
    expect((await owner.browser.client.auth.session.query()).status).toBe('signed-in');

    // A peer they may deactivate and bring back.
    const peer = await staffMember(db(), staffAdmin);
    await admin.browser.client.admin.staff.deactivate.mutate({ userId: peer.id });
    expect(await isActive(peer.id)).toBe(false);
    await admin.browser.client.admin.staff.reactivate.mutate({ userId: peer.id });
    expect(await isActive(peer.id)).toBe(true);
    // The Owner may bring back the former Owner.
    await owner.browser.client.admin.staff.reactivate.mutate({ userId: formerOwner.id });
    expect(await isActive(formerOwner.id)).toBe(true);
  });
});

describe('deactivation', () => {
  it('ends every session at once and blocks sign-in with the generic failure; reactivation restores it', async () => {
    const owner = await newOwner();
    const support = await invitedBy(owner.browser, 'Support');
    const second = await signIn(support.email);
    expect((await second.client.account.sessions.list.query()).length).toBe(2);

    const supportMembers = async () =>
      (await owner.browser.client.admin.roles.list.query()).find((r) => r.name === 'Support')
        ?.memberCount;
    const countedBefore = (await supportMembers()) as number;
    expect(countedBefore).toBeGreaterThan(0);

    const deactivated = await owner.browser.client.admin.staff.deactivate.mutate({
      userId: support.id,
    });
    expect(await supportMembers()).toBe(countedBefore - 1);
    expect(deactivated).toMatchObject({ id: support.id, active: false });
    expect(await db().select().from(sessions).where(eq(sessions.userId, support.id))).toEqual([]);

    const next = await errorOf(support.browser.client.account.sessions.list.query());
    expect(next.data?.code).toBe('UNAUTHORIZED');
    expect(await second.client.auth.session.query()).toEqual({ status: 'signed-out' });

    const blocked = await errorOf(
      app().browser().client.auth.signIn.mutate({ email: support.email, password: PASSWORD }),
    );
    const wrong = await errorOf(
      app().browser().client.auth.signIn.mutate({
        email: support.email,
        password: 'Not-The-Password-9',
      }),
    );
    expect(blocked.data?.code).toBe('UNAUTHORIZED');
    expect(blocked.message).toBe('Incorrect email or password');
    expect(wrong.message).toBe(blocked.message);

    const listed = await owner.browser.client.admin.staff.list.query();
    expect(listed.find((m) => m.id === support.id)?.active).toBe(false);

    // Deactivating again changes nothing (the first deactivation time stays).
    const [{ at: first } = { at: null }] = await db()
      .select({ at: users.deactivatedAt })
      .from(users)
      .where(eq(users.id, support.id));
    await owner.browser.client.admin.staff.deactivate.mutate({ userId: support.id });
    const [{ at: again } = { at: null }] = await db()
      .select({ at: users.deactivatedAt })
      .from(users)
      .where(eq(users.id, support.id));
    expect(again).toEqual(first);

    const reactivated = await owner.browser.client.admin.staff.reactivate.mutate({
      userId: support.id,
    });
    expect(reactivated.active).toBe(true);
    await signIn(support.email);
  });

  it('nobody can deactivate themselves', async () => {
    const owner = await newOwner();
    const error = await errorOf(
      owner.browser.client.admin.staff.deactivate.mutate({ userId: owner.id }),
    );
    expect(error.data?.code).toBe('PRECONDITION_FAILED');
    expect(error.message).toBe('You cannot deactivate yourself');
    expect((await owner.browser.client.auth.session.query()).status).toBe('signed-in');
  });

  it('the last active Owner can be neither deactivated nor demoted', async () => {
    const owner = await newOwner();
    await onlyOwners(owner);
    const manager = await roleId(db(), 'Manager');
    const selfDemotion = await errorOf(
      owner.browser.client.admin.staff.changeRole.mutate({ userId: owner.id, roleId: manager }),
    );
    expect(selfDemotion.data?.code).toBe('PRECONDITION_FAILED');
    expect(selfDemotion.message).toBe('The shop needs at least one active Owner');
    // Giving the last Owner the role they already hold changes nothing, so it is no refusal.
    const ownerRoleId = await ownerRole();
    expect(
      (
        await owner.browser.client.admin.staff.changeRole.mutate({
          userId: owner.id,
          roleId: ownerRoleId,
        })
      ).role.id,
    ).toBe(ownerRoleId);

    // Someone holding every permission under another role name still cannot remove the last Owner.
    const superuser = await member(await customRole(db(), 'Superuser', permissions));
    const deactivation = await errorOf(
      superuser.browser.client.admin.staff.deactivate.mutate({ userId: owner.id }),
    );
    expect(deactivation.data?.code).toBe('PRECONDITION_FAILED');
    const demotion = await errorOf(
      superuser.browser.client.admin.staff.changeRole.mutate({ userId: owner.id, roleId: manager }),
    );
    expect(demotion.data?.code).toBe('PRECONDITION_FAILED');
    expect(await isActive(owner.id)).toBe(true);
    expect(await roleOf(owner.id)).toBe(await ownerRole());

    // With a second Owner, either of them may go.
    const second = await member('Owner', 'Otto Owner');
    expect(await activeOwners()).toBe(2);
    expect(
      (await owner.browser.client.admin.staff.deactivate.mutate({ userId: second.id })).active,
    ).toBe(false);
    // A deactivated Owner does not count: the first one is the last again.
    expect(
      (await errorOf(superuser.browser.client.admin.staff.deactivate.mutate({ userId: owner.id })))
        .data?.code,
    ).toBe('PRECONDITION_FAILED');
    await owner.browser.client.admin.staff.reactivate.mutate({ userId: second.id });
    expect(await activeOwners()).toBe(2);
    // Deactivation ended their session; reactivation does not bring it back.
    expect(await second.browser.client.auth.session.query()).toEqual({ status: 'signed-out' });
    await superuser.browser.client.admin.staff.changeRole.mutate({
      userId: second.id,
      roleId: manager,
    });
    expect(await activeOwners()).toBe(1);
  });

  /**
   * Two Owners removing each other at the same moment. Both requests are held at their write
   * (the test locks both Owners' rows) until both are waiting; only then do they go on. Without
   * the lock that serialises Owner changes, both would have counted the other as the remaining
   * Owner, and the shop would be left with none.
   */
  it.each([
    ['demote', 'demote'],
    ['deactivate', 'deactivate'],
    ['demote', 'deactivate'],
  ] as const)(
    'two Owners who %s and %s each other at once: one Owner remains',
    async (byA, byB) => {
      const a = await newOwner('Ada Owner');
      const b = await newOwner('Bo Owner');
      await onlyOwners(a, b);
      const manager = await roleId(db(), 'Manager');
      const act = (how: 'demote' | 'deactivate', actor: BrowserClient, userId: string) =>
        how === 'demote'
          ? actor.client.admin.staff.changeRole.mutate({ userId, roleId: manager })
          : actor.client.admin.staff.deactivate.mutate({ userId });

      const locker = postgres(app().testDb.url, { max: 1, onnotice: () => {} });
      let outcome: Promise<PromiseSettledResult<unknown>[]> | undefined;
      try {
        await locker.begin(async (tx) => {
          await tx`select id from users where id in (${a.id}, ${b.id}) for no key update`;
          outcome = Promise.allSettled([act(byA, a.browser, b.id), act(byB, b.browser, a.id)]);
          await waitForLockWaiters(2);
        });
      } finally {
        await locker.end();
      }
      const [first, second] = (await outcome) ?? [];
      expect([first?.status, second?.status].sort()).toEqual(['fulfilled', 'rejected']);
      const loser = [first, second].find((r) => r?.status === 'rejected') as PromiseRejectedResult;
      // Whoever waited finds the other Owner gone, or themselves no longer an Owner.
      expect(['PRECONDITION_FAILED', 'FORBIDDEN']).toContain(codeOf(loser.reason));
      expect(await activeOwners()).toBe(1);
    },
  );
});

/** Waits until `n` backends of this file's database are waiting for a lock. */
async function waitForLockWaiters(n: number) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const [row] = rowsOf<{ n: number }>(
      await db().execute(
        sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
      ),
    );
    if ((row?.n ?? 0) >= n) return;
    if (Date.now() > deadline) throw new Error(`fewer than ${n} requests waiting for a lock`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('access over HTTP', () => {
  it('a Catalog editor is FORBIDDEN from staff administration', async () => {
    const owner = await staffMember(db(), 'Owner');
    const editor = await member('Catalog editor');
    for (const call of [
      () => editor.browser.client.admin.staff.list.query(),
      () => editor.browser.client.admin.roles.list.query(),
      () => editor.browser.client.admin.mailbox.list.query({}),
      () => editor.browser.client.admin.staff.deactivate.mutate({ userId: owner.id }),
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
    const owner = await newOwner();
    const customer = app().browser();
    const state = await customer.client.auth.signUp.mutate({
      name: 'Pat Promoted',
      email: newEmail('customer'),
      password: PASSWORD,
    });
    const customerId = state.status === 'signed-in' ? state.user.id : '';
    for (const call of [
      async () =>
        owner.browser.client.admin.staff.changeRole.mutate({
          userId: customerId,
          roleId: await ownerRole(),
        }),
      () => owner.browser.client.admin.staff.deactivate.mutate({ userId: customerId }),
      () => owner.browser.client.admin.staff.reactivate.mutate({ userId: customerId }),
    ]) {
      const error = await errorOf(call());
      expect(error.data?.code).toBe('NOT_FOUND');
    }
    const [row] = await db().select().from(users).where(eq(users.id, customerId));
    expect(row).toMatchObject({ kind: 'customer', roleId: null, deactivatedAt: null });
    expect((await owner.browser.client.admin.staff.list.query()).map((m) => m.id)).not.toContain(
      customerId,
    );
  });
});

describe('development mailbox', () => {
  it('is PRECONDITION_FAILED when an SMTP server is configured', async () => {
    const owner = await staffMember(db(), 'Owner');
    const smtpConfigured = await app().serve({ config: { demoMode: true, devMailbox: false } });
    const browser = browserClient(smtpConfigured);
    await browser.client.auth.signIn.mutate({ email: owner.email, password: PASSWORD });
    const error = await errorOf(browser.client.admin.mailbox.list.query({}));
    expect(error.data?.code).toBe('PRECONDITION_FAILED');
    expect(error.message).toBe(
      'The development mailbox is only kept in demo mode without an SMTP server',
    );
    expect((await browser.client.admin.staff.list.query()).length).toBeGreaterThan(0);
  });

  it('filters by recipient and honours the limit, newest first', async () => {
    const owner = await newOwner();
    const support = await roleId(db(), 'Support');
    const emails = [newEmail('filtered'), newEmail('filtered'), newEmail('filtered')];
    for (const email of emails)
      await owner.browser.client.admin.staff.invite.mutate({
        name: 'Fil Tered',
        email,
        roleId: support,
      });
    const all = await owner.browser.client.admin.mailbox.list.query({ limit: 2 });
    expect(all).toHaveLength(2);
    expect(all.map((m) => m.to)).toEqual([emails[2], emails[1]]);
    expect((all[0]?.createdAt.getTime() ?? 0) >= (all[1]?.createdAt.getTime() ?? 0)).toBe(true);
    const mine = await owner.browser.client.admin.mailbox.list.query({
      to: (emails[0] as string).toUpperCase(),
    });
    expect(mine.map((m) => m.to)).toEqual([emails[0]]);
    expect(mine[0]?.status).toBe('pending');
  });
});
